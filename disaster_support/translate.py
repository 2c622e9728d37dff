"""`flask translate`: the gettext workflow (extract, update, compile) and `check`, the catalog gate.

Each catalog entry records its review status as a flag: `#, draft` (written by us, not yet checked
by a fluent reader) or `#, reviewed`. Babel keeps flags across `update`.
"""
import re
from dataclasses import dataclass
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from flask import current_app
from flask.cli import AppGroup

from .i18n import LANGUAGES
from .quality.checks import content_problems

STATUSES = ("draft", "reviewed")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
RUBY_PART = re.compile(r"[｜《》]")


def project_root():
    return Path(current_app.root_path).parent


def paths():
    root = project_root()
    return root / "babel.cfg", root / "messages.pot", root / "locales"


def pybabel(*args):
    CommandLineInterface().run(["pybabel", "-q", *args])


translate_cli = AppGroup("translate", help="Translation and localization commands.")


@translate_cli.command("extract")
def extract():
    """Collect the UI strings of code and templates into messages.pot.

    Example: flask --app wsgi translate extract
    """
    config, pot, _ = paths()
    pybabel("extract", "-F", str(config), "-k", "_l", "-k", "_plain", "-k", "N_", "-k", "localized", "-k", "gettext_in:2", "--no-location",
            "--sort-output", "-o", str(pot), str(project_root() / "disaster_support"))
    click.echo(f"Wrote {pot}")


@translate_cli.command("update")
def update():
    """Extract, then merge new strings into all 15 catalogs (new entries start empty, changed ones fuzzy).

    Example: flask --app wsgi translate update
    """
    extract.callback()
    _, pot, locales = paths()
    for language in LANGUAGES:
        po = locales / language.locale / "LC_MESSAGES" / "messages.po"
        if not po.exists():
            pybabel("init", "-i", str(pot), "-d", str(locales), "-l", language.locale)
    pybabel("update", "-i", str(pot), "-d", str(locales), "--ignore-obsolete", "--no-wrap")
    click.echo("Catalogs updated; run `flask translate check` to see what is left to translate.")


@translate_cli.command("compile")
def compile_catalogs():
    """Compile every catalog to .mo (done by setup; .mo files are not committed).

    Example: flask --app wsgi translate compile
    """
    _, _, locales = paths()
    pybabel("compile", "-d", str(locales))
    click.echo(f"Compiled {len(LANGUAGES)} catalogs")


@dataclass
class Problem:
    locale: str
    msgid: str
    what: str

    def __str__(self):
        return f"{self.locale}: {self.what}: {self.msgid!r}"


def catalog_problems(pot_path, locales_dir):
    """Every missing, fuzzy, unmarked or placeholder-mismatched entry in every catalog."""
    with open(pot_path, "rb") as handle:
        template = read_po(handle)
    expected = [message.id for message in template if message.id]
    problems = []
    for language in LANGUAGES:
        po_path = Path(locales_dir) / language.locale / "LC_MESSAGES" / "messages.po"
        if not po_path.exists():
            problems.append(Problem(language.locale, str(po_path), "catalog missing"))
            continue
        with open(po_path, "rb") as handle:
            catalog = read_po(handle)
        for msgid in expected:
            problems.extend(_entry_problems(language, catalog.get(msgid), msgid))
    return problems


def _entry_problems(language, message, msgid):
    loc = language.locale
    if message is None or not message.string:
        return [Problem(loc, msgid, "missing translation")]
    if message.fuzzy:
        return [Problem(loc, msgid, "fuzzy (source changed; re-translate and remove the fuzzy flag)")]
    found = []
    if not any(flag in message.flags for flag in STATUSES):
        found.append(Problem(loc, msgid, "no status flag (draft or reviewed)"))
    if set(PLACEHOLDER.findall(msgid)) != set(PLACEHOLDER.findall(message.string)):
        found.append(Problem(loc, msgid, f"placeholders differ from the source: {message.string!r}"))
    if RUBY_PART.search(message.string) and not _ruby_balanced(message.string):
        found.append(Problem(loc, msgid, f"unbalanced ruby notation: {message.string!r}"))
    return found


def _ruby_balanced(text):
    return bool(re.fullmatch(r"(?:[^｜《》]|｜[^｜《》]+《[^《》]+》)*", text))


@translate_cli.command("check")
def check():
    """Fail (exit 1) naming every missing, fuzzy or inconsistent catalog entry, and every unit of any part
    (UI, signs, messages, category and pictogram names, chapters) that breaks the termbase, the Easy Japanese
    rules or a language's conventions (terms/termbase.toml, easy-japanese.toml, conventions.toml).

    Example: flask --app wsgi translate check
    """
    _, pot, locales = paths()
    problems = catalog_problems(pot, locales)
    for problem in problems:
        click.echo(str(problem))
    content, units, terms = content_problems(project_root())
    for problem in content:
        click.echo(problem)
    if problems or content:
        click.echo(f"{len(problems)} problem(s) in the catalogs, {len(content)} in the content.", err=True)
        raise SystemExit(1)
    click.echo(f"All {len(LANGUAGES)} catalogs complete.")
    click.echo(f"Termbase ({terms} terms), Easy Japanese and conventions: {units} units in all parts, no problem.")


@translate_cli.command("status")
def status():
    """Show per language and part how many units are draft, reviewed and outdated (as the coverage page).

    Example: flask --app wsgi translate status
    """
    from .review.services import STATES, TRANSLATED, coverage

    table = coverage()
    for part, counts in table.items():
        click.echo(part)
        for code in TRANSLATED:
            line = "  ".join(f"{state} {counts[code][state]:4}" for state in STATES)
            click.echo(f"  {code:8} {line}  flagged {counts[code]['flagged']:4}")


@translate_cli.command("export-reviews")
def export_reviews_command():
    """Write the reviews made in the app into the content files (PO, TOML, Markdown), ready for a commit.

    Example: flask --app wsgi translate export-reviews && git diff --stat
    """
    from .review.export import export_reviews

    count = export_reviews(project_root())
    click.echo(f"Wrote {count} reviewed unit(s) into the content files; review the diff and commit it.")
