"""`flask demo`: example printed sheets so a new installation has something to scan and edit."""
import click
from flask import current_app, url_for
from flask.cli import with_appcontext

from .catalog import catalog
from .db import get_db, require_schema
from .sheets import store

EXAMPLES = (
    ("sign", "food-distribution", ("ja", "en", "vi", "zh-Hans", "ne"), {"time": "12:00"}, "南小学校 避難所"),
    ("sign", "drinking-water", ("ja", "en", "ko", "th", "my"), {}, "南小学校 避難所"),
    ("message", "shelter-opened", ("ja", "ja-easy", "en", "pt", "tl"), {"place": "南小学校 体育館", "time": "09:00"}, ""),
)


@click.command("demo")
@with_appcontext
def demo_command():
    """Load example printed sheets (once) and print their QR and edit addresses.

    Example: flask --app wsgi demo
    """
    require_schema()
    db = get_db()
    if db["printed_sheet"].count:
        click.echo("Demo data already present (the database has printed sheets); nothing added.")
        return
    base = current_app.config["BASE_URL"].rstrip("/")
    for kind, item_id, languages, values, shelter in EXAMPLES:
        if catalog().phrase(kind, item_id) is None:
            continue
        fields = {field.name for field in catalog().phrase(kind, item_id).fields}
        printed, token = store.create_printed_sheet(kind, item_id, languages, "A4", "portrait",
                                                    {k: v for k, v in values.items() if k in fields}, shelter)
        with current_app.test_request_context(base_url=base):
            scan = url_for("qr.scan", code=printed.code, _external=True)
            edit = url_for("qr.edit", lang="ja", code=printed.code, token=token, _external=True)
            pdf = url_for("sheets.printed_pdf", lang="ja", code=printed.code, _external=True)
        click.echo(f"{kind} {item_id}:\n  QR page  {scan}\n  PDF      {pdf}\n  edit     {edit}")
