"""`flask sheets`: list the catalog, render signs and kits, and check that every sign fits."""
import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import force_locale

from ..catalog import CatalogError, catalog, load_catalog
from ..db import require_schema
from ..i18n import CODES, plain
from ..urls import absolute_url
from . import legibility, store
from .fit_check import Report, fit_problems
from .kits import kit_requests, load_kits
from .render import SheetRequest, render_sheets_pdf

sheets_cli = AppGroup("sheets", help="Display sheets: catalog, PDFs, kits and checks.")


def _codes(value):
    codes = tuple(code.strip() for code in value.split(",") if code.strip())
    unknown = [code for code in codes if code not in CODES]
    if unknown or not 1 <= len(codes) <= 5 or len(set(codes)) != len(codes):
        raise click.BadParameter(f"give 1 to 5 different codes from: {' '.join(CODES)}")
    return codes


@sheets_cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_signs(as_json):
    """List every sign with its category, fill-in fields and texts.

    Example: flask --app wsgi sheets list --json > signs.json
    """
    signs = catalog().signs.values()
    if as_json:
        click.echo(json.dumps([{
            "id": s.id, "category": s.category, "pictogram": s.pictogram,
            "fields": [{"name": f.name, "type": f.type} for f in s.fields],
            "title": s.title, "detail": s.body or None,
            "status": {code: s.status(code) for code in CODES},
        } for s in signs], ensure_ascii=False, indent=2))
        return
    for s in signs:
        fields = ", ".join(f"{f.name}:{f.type}" for f in s.fields)
        click.echo(f"{s.id:32} {s.category:12} {plain(s.title['en'])}" + (f"  [{fields}]" if fields else ""))


def _write(data, output):
    """Write the PDF to `output`, or to standard output for `-` (messages then go to standard error)."""
    if output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    folder = Path(output).resolve().parent
    if not folder.is_dir():
        raise click.ClickException(f"The folder {folder} does not exist; create it or choose another -o path.")
    Path(output).write_bytes(data)
    click.echo(f"Wrote {output} ({len(data) // 1024} KB)", err=True)


def _say(text):
    """Progress and addresses: on standard error, so `-o -` leaves standard output to the PDF alone."""
    click.echo(text, err=True)


@sheets_cli.command("render")
@click.argument("sign_id")
@click.option("--langs", required=True, help="1 to 5 language codes, first printed largest: en,vi,ja")
@click.option("--size", type=click.Choice(["A4", "A3"]), default="A4", show_default=True)
@click.option("--orientation", type=click.Choice(["portrait", "landscape"]), default="portrait", show_default=True)
@click.option("--set", "settings", multiple=True, metavar="FIELD=VALUE", help="A fill-in value, e.g. --set time=12:00")
@click.option("--shelter", default="", help="Shelter name printed at the top.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="The PDF file, or - for standard output.")
def render_sign(sign_id, langs, size, orientation, settings, shelter, output):
    """Print one sign to PDF exactly as the web prints it: recorded, with its QR code and an edit link.

    Example: flask --app wsgi sheets render food-distribution --langs en,vi,ja --set time=12:00 -o food.pdf
    """
    from .fillins import FillinError, parse

    phrase = catalog().signs.get(sign_id)
    if phrase is None:
        raise click.BadParameter(f"no sign {sign_id!r}; see `flask sheets list`", param_hint="SIGN_ID")
    raw = dict(item.split("=", 1) for item in settings if "=" in item)
    fields = {f.name: f for f in phrase.fields}
    unknown = set(raw) - set(fields)
    if unknown:
        raise click.BadParameter(f"{sorted(unknown)}; this sign takes {sorted(fields) or 'no fields'}", param_hint="--set")
    values = {}
    for name, field in fields.items():
        try:
            values[name] = parse(field, raw.get(name), allow_blank=True)
        except FillinError as exc:
            with force_locale("en"):  # the command line speaks English throughout, like its other messages
                raise click.BadParameter(f"{name}: {exc.args[0]}", param_hint="--set") from None
    codes = _codes(langs)
    require_schema()
    printed, token = store.create_printed_sheet("sign", sign_id, codes, size, orientation, values, shelter)
    qr_url = absolute_url("qr.scan", code=printed.code)
    request = SheetRequest(sign_id, codes, size, orientation, tuple(sorted(values.items())), shelter, qr_url)
    _write(render_sheets_pdf([request], phrase.title[codes[0]]), output)
    _say(f"QR page    {qr_url}")
    _say(f"edit link  {absolute_url('qr.edit', lang=codes[0], code=printed.code, token=token)}  (keep it private)")


@sheets_cli.command("kit")
@click.argument("name")
@click.option("--langs", required=True, help="1 to 5 language codes, first printed largest.")
@click.option("--size", type=click.Choice(["A4", "A3"]), default="A4", show_default=True)
@click.option("--orientation", type=click.Choice(["portrait", "landscape"]), default="portrait", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="The PDF file, or - for standard output.")
def render_kit(name, langs, size, orientation, output):
    """Render a kit of signs (see sheets/kits.toml) as one PDF, with progress.

    Example: flask --app wsgi sheets kit shelter-opening --langs ja,en,zh-Hans,ko,vi -o kit.pdf
    """
    kits = load_kits()
    if name not in kits:
        raise click.BadParameter(f"no kit {name!r}; kits: {', '.join(kits)}", param_hint="NAME")
    requests = kit_requests(kits[name], _codes(langs), size, orientation)
    with click.progressbar(length=len(requests), label=f"Rendering {len(requests)} signs", file=sys.stderr) as bar:
        data = render_sheets_pdf(requests, kits[name].title, progress=bar.update)
    _write(data, output)


@sheets_cli.command("check")
@click.option("--quick", is_flag=True, help="Only A4 portrait (the full check also does landscape and A3).")
@click.option("--sample", type=click.IntRange(1), default=None,
              help="Per language set, only the N signs and N/2 messages with the most text (the test suite's sample).")
def check(quick, sample):
    """Validate the catalog, then render every sign and message in every language set with the longest
    fill-ins; report text that overflows, spills onto a second page, or prints below the smallest readable
    size of its part (docs/legibility.md), and the smallest size drawn per part; exits 1 on any problem.

    Example: flask --app wsgi sheets check    (all formats, every sign and message: `make fit-check`)
    """
    try:
        load_catalog()
    except CatalogError as exc:
        for problem in exc.problems:
            click.echo(problem)
        raise SystemExit(1) from None
    click.echo(f"Catalog valid: {len(catalog().signs)} signs, {len(catalog().messages)} messages.")
    report = Report()
    problems = fit_problems(quick=quick, progress=lambda text: click.echo(text), sample=sample, report=report)
    click.echo("Smallest size drawn per part on the sheets that print (minimum CJK / other scripts):")
    for (size, part), (drawn, where) in sorted(report.smallest.items()):
        cjk, latin = legibility.minimum_pt(part, size, "ja"), legibility.minimum_pt(part, size, "en")
        click.echo(f"  {size} {part:8} {drawn:5} pt  (minimum {cjk} / {latin})  {where}")
    for line in report.proposals:
        click.echo(f"builder proposes A3 or fewer languages: {line}")
    for problem in problems:
        click.echo(problem)
    if problems:
        raise SystemExit(1)
    click.echo(f"Every sheet fits and is readable in every language"
               f" ({len({line.split(':')[0] for line in report.proposals})} crowded sheets get a proposal before printing).")
