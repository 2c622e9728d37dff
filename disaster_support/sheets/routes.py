"""The sign builder: browse and search signs, fill one in, preview it, print it as PDF."""
import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask import abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from ..catalog import catalog
from ..i18n import BY_CODE, gettext_in, plain
from ..security import form_page
from . import bp, store
from .edit_links import owners_edit_url, private
from .forms import KitForm, field_label, fill_values, sign_form
from .kit_jobs import find_job, job_pdf_path, start_kit
from .advice import legibility_advice
from .kits import kit_values, load_kits, signs_with_fields
from .render import SheetRequest, fill, render_sheet_preview, render_sheets_pdf
from .card import render_card_pdf
from .owners import owner_for_printing
from .search import search_phrases

JAPAN = ZoneInfo("Asia/Tokyo")


@bp.route("/")
def index(lang):
    query = request.args.get("q", "")[:100]
    found = {sign.id for sign in search_phrases(query)} if query else None
    groups = []
    for category in catalog().categories_of("sign"):
        signs = [s for s in catalog().signs_in(category.id) if found is None or s.id in found]
        if signs:
            groups.append((category, signs))
    return render_template("sheets/index.html", groups=groups, query=query, found=found)


def _sign_or_404(sign_id):
    sign = catalog().signs.get(sign_id)
    if sign is None:
        abort(404)
    return sign


def _default_languages(lang):
    second = "ja" if lang != "ja" else "en"
    return {"lang1": lang, "lang2": second}


@bp.route("/<sign_id>", methods=["GET", "POST"])
@form_page
def sign(lang, sign_id):
    phrase = _sign_or_404(sign_id)
    form = sign_form(phrase, data=_default_languages(lang) if request.method == "GET" else None)
    preview = advice = None
    if form.validate_on_submit():
        sheet_request = _request_from_form(form, phrase, qr_url="")
        advice = legibility_advice(sheet_request)
        if request.form.get("action") == "print" and advice is None:
            printed, _token = store.create_printed_sheet(
                "sign", phrase.id, form.chosen_languages(), form.size.data, form.orientation.data,
                fill_values(form, phrase), form.shelter.data.strip(), owner=owner_for_printing(),
            )
            return redirect_to_printed(printed.code)
        preview = render_sheet_preview(sheet_request)
    status = 400 if request.method == "POST" and form.errors else 200
    return render_template("sheets/sign.html", phrase=phrase, form=form, preview=preview, advice=advice), status


def redirect_to_printed(code):
    return redirect(url_for("sheets.printed", code=code))


def _request_from_form(form, phrase, qr_url):
    values = fill_values(form, phrase)
    return SheetRequest(phrase.id, form.chosen_languages(), form.size.data, form.orientation.data,
                        tuple(sorted(values.items())), form.shelter.data.strip(), qr_url)


def qr_url_for(code):
    return current_app.config["BASE_URL"].rstrip("/") + url_for("qr.scan", code=code)


def sheet_request_for(printed):
    return SheetRequest(printed.item_id, printed.languages, printed.size, printed.orientation,
                        tuple(sorted(printed.values.items())), printed.shelter, qr_url_for(printed.code),
                        kind=printed.kind)


def _printed_or_404(code):
    printed = store.find_printed_sheet(code[:40])
    if printed is None or catalog().phrase(printed.kind, printed.item_id) is None:
        abort(404)
    return printed


@bp.route("/printed/<code>")
def printed(lang, code):
    printed = _printed_or_404(code)
    return private(render_template(
        "sheets/printed.html", printed=printed, phrase=catalog().phrase(printed.kind, printed.item_id),
        edit_url=owners_edit_url(printed), qr_url=qr_url_for(code), preview=render_sheet_preview(sheet_request_for(printed))))


@bp.route("/printed/<code>.pdf")
def printed_pdf(lang, code):
    printed = _printed_or_404(code)
    phrase = catalog().phrase(printed.kind, printed.item_id)
    data = render_sheets_pdf([sheet_request_for(printed)], phrase.title[printed.languages[0]])
    filename = f"{printed.kind}-{phrase.id}-{'-'.join(printed.languages)}-{printed.size}.pdf"
    return current_app.response_class(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{filename}"', "Cache-Control": "private, max-age=60"})


@bp.app_template_global()
def phrase_title(phrase, code=None):
    """A phrase's title in the page language, as plain text (alt text, <title>)."""
    return plain(phrase.title[code or g.lang])


@bp.app_template_global()
def phrase_body(phrase, values, code, blanks=None):
    """The detail or body text in language `code` with the stored values written that language's way
    (`blanks`: {field name: what to show for a value left blank}, else a blank line)."""
    return fill(phrase.body[code], phrase, values, code, blanks)


@bp.app_template_global()
def handwritten_note(code):
    """In language `code`: some values are on the paper only, read it or ask staff."""
    return gettext_in(code, "Some details on this sheet are written by hand. Read the paper sign, or ask the staff.")


FILL_HINTS = {
    "time": _l("For example 13:30. Leave empty to write it by hand."),
    "date": _l("For example 2026-11-23. Leave empty to write it by hand."),
    "number": _l("A whole number. Leave empty to write it by hand."),
    "text": _l("Short text, up to 40 characters."),
    "phone": _l("For example 03-1234-5678."),
    "url": _l("An address that starts with https://"),
}


@bp.app_template_global()
def fill_hint(spec):
    return FILL_HINTS[spec.type]


@bp.app_template_global()
def format_timestamp(iso):
    """A stored UTC timestamp shown in Japan time, the way the reader's language writes it."""
    moment = datetime.datetime.fromisoformat(iso)
    return format_datetime(moment, format="medium", tzinfo=JAPAN, locale=BY_CODE[g.lang].locale)


@bp.route("/card/")
def cards(lang):
    return render_template("sheets/cards.html")


@bp.route("/card/<code>.pdf")
def card_pdf(lang, code):
    if code not in BY_CODE:
        abort(404)
    data = render_card_pdf(code)
    return current_app.response_class(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="registration-card-{code}.pdf"'})


def _kit_form():
    form = KitForm(data={"lang1": g.lang, "lang2": _default_languages(g.lang)["lang2"], "kit": "shelter-opening"}
                   if request.method == "GET" else None)
    kits = load_kits()
    form.kit.choices = [(kit.id, plain(kit.title[g.lang])) for kit in kits.values()] + [("custom", "custom")]
    form.signs.choices = [(sign.id, plain(sign.title[g.lang])) for sign in catalog().signs.values()]
    return form, kits


@bp.route("/kits/", methods=["GET", "POST"])
@form_page
def kits(lang):
    form, kits = _kit_form()
    value_errors = {}
    if form.validate_on_submit():
        if form.kit.data == "custom":
            sign_ids, title = tuple(form.signs.data), {code: gettext_in(code, "Signs") for code in BY_CODE}
        else:
            kit = kits[form.kit.data]
            sign_ids, title = kit.signs, kit.title
        values, value_errors = kit_values(request.form, sign_ids)
        if not value_errors:
            job_id = start_kit(form.kit.data, title, sign_ids, form.chosen_languages(), form.size.data,
                               form.orientation.data, qr_url_for, owner_for_printing(), values)
            return redirect(url_for("sheets.kit_job", job_id=job_id))
    status = 400 if request.method == "POST" else 200
    return render_template("sheets/kits.html", form=form, kits=kits, signs=catalog().signs.values(),
                           valued_signs=signs_with_fields(), value_errors=value_errors,
                           field_label=field_label), status


@bp.route("/kits/job/<job_id>")
def kit_job(lang, job_id):
    job = find_job(job_id)
    if job is None:
        abort(404)
    sheets = [store.find_printed_sheet(code) for code in job["sheet_codes"]]
    sheets = [(printed, owners_edit_url(printed)) for printed in sheets]
    return private(render_template("sheets/kit_job.html", job=job, sheets=sheets, phrases=catalog().signs)), 200


@bp.route("/kits/job/<job_id>.pdf")
def kit_pdf(lang, job_id):
    job = find_job(job_id)
    if job is None or job["status"] != "done":
        abort(404)
    return current_app.response_class(job_pdf_path(job_id).read_bytes(), mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="kit-{job["kit"]}-{"-".join(job["languages"])}.pdf"'})
