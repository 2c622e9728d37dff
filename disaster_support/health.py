"""Readiness checks shared by `flask doctor` and /healthz: PDF stack, fonts, database."""
import subprocess
from dataclasses import dataclass

import click
from flask import current_app
from flask.cli import with_appcontext

APT_PACKAGES = "fonts-noto-core fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2 fontconfig"
MIN_PANGO = (1, 44, 0)

# Font families the pages and PDFs name in their :lang() rules.
FONT_FAMILIES = (
    "Noto Sans",
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK KR",
    "Noto Sans Thai",
    "Noto Sans Devanagari",
    "Noto Sans Myanmar",
)


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def check_pango():
    try:
        from weasyprint.text.ffi import pango
    except (ImportError, OSError) as exc:
        return Check("pango", False, f"WeasyPrint cannot load Pango: {exc}", f"apt-get install {APT_PACKAGES}")
    number = pango.pango_version()
    version = (number // 10000, number // 100 % 100, number % 100)
    text = ".".join(map(str, version))
    return Check(
        "pango",
        version >= MIN_PANGO,
        f"Pango {text}",
        "" if version >= MIN_PANGO else "WeasyPrint needs Pango 1.44 or newer: apt-get install libpango-1.0-0",
    )


def check_harfbuzz_subset():
    try:
        from weasyprint.text.ffi import harfbuzz_subset
    except (ImportError, OSError) as exc:
        return Check("harfbuzz-subset", False, str(exc), f"apt-get install {APT_PACKAGES}")
    if harfbuzz_subset is None:
        return Check(
            "harfbuzz-subset",
            False,
            "libharfbuzz-subset not found: WeasyPrint falls back to fontTools and a CJK sheet takes ~22 s instead of ~0.2 s",
            "apt-get install libharfbuzz-subset0",
        )
    return Check("harfbuzz-subset", True, "libharfbuzz-subset loaded (fast font subsetting)")


def check_compact_fonts():
    from . import pdf_fonts

    if pdf_fonts.installed():
        return Check("cjk-font-embedding", True, "CJK fonts embedded compactly (bare CFF, only the glyphs used)")
    import weasyprint

    return Check(
        "cjk-font-embedding",
        False,
        f"{pdf_fonts.not_installed_because() or f'WeasyPrint {weasyprint.__version__}: not installed'}: every CJK "
        "face in a PDF keeps a slot for each of its 65,535 glyphs (a 5-language sheet grows from ~35 KB to ~300 KB)",
        "pip install 'weasyprint>=70,<71' and apt-get install libharfbuzz-subset0",
    )


def installed_font_families():
    try:
        listing = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    families = set()
    for line in listing.splitlines():
        families.update(name.strip() for name in line.split(","))
    return families


def check_fonts():
    families = installed_font_families()
    if families is None:
        return [Check("fonts", False, "fc-list (fontconfig) is not available", "apt-get install fontconfig")]
    return [
        Check(
            f"font: {family}",
            family in families,
            "installed" if family in families else "missing",
            "" if family in families else f"apt-get install {APT_PACKAGES}",
        )
        for family in FONT_FAMILIES
    ]


def check_database():
    from .db import connect, pending_migrations

    path = current_app.config["DATABASE"]
    try:
        db = connect(path)
        try:
            db.execute("SELECT 1")
            pending = pending_migrations(db)
            mode = db.journal_mode
        finally:
            db.close()
    except Exception as exc:  # any failure to open is what this check reports
        return Check("database", False, f"{path}: {exc}", "Check DISASTER_SUPPORT_DATABASE and the folder's permissions")
    if pending:
        return Check("database", False, f"{path}: pending migrations {', '.join(pending)}", "flask --app wsgi db migrate")
    return Check("database", True, f"{path} (journal mode {mode}, schema up to date)")


def check_writes():
    """Whether the last write of this process was refused by the storage (disk full, read-only...)."""
    from .db import last_write_failure

    if not last_write_failure:
        return Check("writes", True, "no refused write")
    at = last_write_failure["at"].isoformat(timespec="seconds")
    return Check("writes", False, f"the last write was refused at {at} ({last_write_failure['reason']})",
                 "Free disk space or make the database folder writable; the state clears after a write succeeds")


def pdf_checks():
    return [check_pango(), check_harfbuzz_subset(), check_compact_fonts(), *check_fonts()]


def all_checks():
    return [*pdf_checks(), check_database()]


@click.command("doctor")
@with_appcontext
def doctor_command():
    """Check that this machine can serve the app and render PDFs; exits 1 when something is missing.

    Example: flask --app wsgi doctor
    """
    checks = all_checks()
    for check in checks:
        mark = "ok  " if check.ok else "FAIL"
        click.echo(f"[{mark}] {check.name}: {check.detail}")
        if not check.ok and check.fix:
            click.echo(f"       fix: {check.fix}")
    failed = [check for check in checks if not check.ok]
    if failed:
        click.echo(f"{len(failed)} problem(s) found.", err=True)
        raise SystemExit(1)
    click.echo("Everything needed is in place.")
