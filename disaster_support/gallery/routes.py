"""Pictogram files (SVG, PNG), the gallery, and pictogram-only sheets."""
from functools import lru_cache

import cairosvg
from flask import abort, current_app, g, render_template, request

from ..catalog import catalog
from ..i18n import plain
from ..pictograms import svg_markup, svg_source
from ..security import form_page
from ..sheets.forms import SheetOptionsForm
from ..sheets.render import SheetRequest, render_sheet_preview, render_sheets_pdf
from . import bp

ONE_DAY = 24 * 3600
PNG_SIZES = (48, 128, 512, 1024)


def _known_or_404(pictogram_id):
    if pictogram_id not in catalog().pictogram_names:
        abort(404)


def _cached(response):
    response.cache_control.public = True
    response.cache_control.max_age = ONE_DAY
    return response


@bp.route("/pictograms/<pictogram_id>.svg")
def svg(pictogram_id):
    _known_or_404(pictogram_id)
    return _cached(current_app.response_class(svg_source(pictogram_id), mimetype="image/svg+xml"))


@lru_cache(maxsize=512)
def png_bytes(pictogram_id, size):
    return cairosvg.svg2png(bytestring=svg_source(pictogram_id).encode(), output_width=size, output_height=size)


@bp.route("/pictograms/<pictogram_id>-<int:size>.png")
def png(pictogram_id, size):
    _known_or_404(pictogram_id)
    if size not in PNG_SIZES:
        abort(404)
    return _cached(current_app.response_class(png_bytes(pictogram_id, size), mimetype="image/png"))


@bp.route("/<lang:lang>/pictograms/")
def gallery(lang):
    names = catalog().pictogram_names
    food = [pid for pid in names if pid.startswith("food-")]
    signs = [pid for pid in names if not pid.startswith("food-")]
    return render_template("pictograms/gallery.html", groups=[("signs", signs), ("food", food)], names=names,
                           sizes=PNG_SIZES)


@bp.route("/<lang:lang>/pictograms/<pictogram_id>", methods=["GET", "POST"])
@form_page
def sheet(lang, pictogram_id):
    """A pictogram-only sheet: the picture, large, with its name in 1 to 5 languages."""
    _known_or_404(pictogram_id)
    form = SheetOptionsForm(data={"lang1": lang} if request.method == "GET" else None)
    preview = None
    if form.validate_on_submit():
        sheet_request = SheetRequest(pictogram_id, form.chosen_languages(), form.size.data, form.orientation.data,
                                     kind="pictogram")
        if request.form.get("action") == "print":
            names = catalog().pictogram_names[pictogram_id]
            data = render_sheets_pdf([sheet_request], names[sheet_request.codes[0]])
            return current_app.response_class(data, mimetype="application/pdf", headers={
                "Content-Disposition": f'inline; filename="pictogram-{pictogram_id}.pdf"'})
        preview = render_sheet_preview(sheet_request)
    status = 400 if request.method == "POST" and form.errors else 200
    return render_template("pictograms/sheet.html", pictogram_id=pictogram_id, form=form, preview=preview,
                           name=catalog().pictogram_names[pictogram_id]), status


@bp.app_template_global()
def pictogram_inline(pictogram_id, code=None):
    """The pictogram inline, its <title> in the page language (for screen readers)."""
    return svg_markup(pictogram_id, plain(catalog().pictogram_names[pictogram_id][code or g.lang]))
