"""QR landing pages of printed sheets, and their secret edit links."""
from flask import abort, g, redirect, render_template, request, url_for
from werkzeug.exceptions import NotFound

from .. import i18n
from ..catalog import catalog
from ..security import form_page
from . import owners, qr_bp, store
from .forms import fill_values, fills_form


class UnknownSheet(NotFound):
    """A QR code that leads nowhere gets its own page, not the generic 404."""


@qr_bp.route("/q/<code>")
def scan(code):
    """What a QR code opens: the reader's best language."""
    return redirect(url_for("qr.sheet", lang=i18n.negotiate(), code=code))


def _printed_or_404(code):
    printed = store.find_printed_sheet(code[:40])
    if printed is None:
        raise UnknownSheet()
    return printed


def _phrase(printed):
    phrases = catalog().signs if printed.kind == "sign" else catalog().messages
    phrase = phrases.get(printed.item_id)
    if phrase is None:
        abort(410)
    return phrase


@qr_bp.route("/<lang:lang>/q/<code>")
def sheet(lang, code):
    printed = _printed_or_404(code)
    phrase = _phrase(printed)
    store.note_scan(printed)
    others = [language for language in i18n.LANGUAGES if language.code != lang]
    # A value left blank was written by hand on the paper: point residents there, never show "__:__".
    blanks = {f.name: "…" for f in phrase.fields if not printed.values.get(f.name)}
    return render_template("qr/sheet.html", printed=printed, phrase=phrase, others=others, blanks=blanks)


@qr_bp.route("/<lang:lang>/q/<code>/edit", methods=["GET", "POST"])
@qr_bp.route("/<lang:lang>/q/<code>/edit/<token>", methods=["GET", "POST"], endpoint="edit_with_token_in_path")
@form_page
def edit(lang, code, token=None):
    """Edit a sheet's values: with its edit token (`?token=`, or in the path as links made before had it),
    or without one by whoever printed it. The owner's first visit with a token sheds it from the address."""
    printed = _printed_or_404(code)
    token = token or request.args.get("token")
    owner = store.is_owned_by(code, owners.visitor())
    if not (store.token_matches(code, token) if token else owner):
        abort(403)
    if token and owner and request.method == "GET":
        return redirect(url_for("qr.edit", code=code), 303)
    phrase = _phrase(printed)
    form = fills_form(phrase, allow_blank=printed.kind == "sign",
                      data={f"fill_{name}": value for name, value in printed.values.items()}
                      if request.method == "GET" else None)
    if form.validate_on_submit():
        store.update_values(code, fill_values(form, phrase))
        return redirect(url_for("qr.sheet", code=code))
    status = 400 if request.method == "POST" else 200
    return render_template("qr/edit.html", printed=printed, phrase=phrase, form=form), status


@qr_bp.after_request
def keep_edit_addresses_private(response):
    """The edit page's address may hold the token: never pass it on as a Referer, never cache the page.
    (After-request functions also see the 403 of a wrong token.)"""
    if request.endpoint in ("qr.edit", "qr.edit_with_token_in_path"):
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "private, no-store"
    return response


@qr_bp.app_errorhandler(UnknownSheet)
def unknown_sheet(error):
    if not getattr(g, "lang", None):
        g.lang = i18n.negotiate()
    return render_template("qr/unknown.html"), 404
