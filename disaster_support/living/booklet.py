"""A printable booklet of all chapters per language, rendered once per content version."""
import hashlib
from pathlib import Path

from flask import current_app, render_template

from .. import pdf
from ..pdf_work import admit_render
from ..i18n import BY_CODE, gettext_in, plain
from .content import chapters

STYLESHEETS = ("print-fonts.css", "booklet.css")


def booklet_pdf(code):
    items = chapters(code)
    digest = hashlib.sha256(repr([(c.id, c.revision, c.title, c.sections) for c in items]).encode())
    for name in STYLESHEETS:  # a change of layout is a new booklet too
        digest.update((Path(current_app.static_folder) / "css" / name).read_bytes())
    digest.update((Path(current_app.root_path) / "templates" / "living" / "booklet.html").read_bytes())
    digest = digest.hexdigest()[:16]
    folder = Path(current_app.instance_path) / "booklets"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}-{digest}.pdf"
    if path.exists():
        return path.read_bytes()
    with admit_render():
        html = render_template("living/booklet.html", chapters=items, language=BY_CODE[code])
        document = pdf.layout(html, STYLESHEETS)
        title = plain(gettext_in(code, "Living information"))
        data = pdf.write_pdf(document, title, BY_CODE[code].html_lang)
    path.write_bytes(data)
    return data
