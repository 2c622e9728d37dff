"""Edit links kept on the server for whoever printed: "Sheets I printed", and old sessions' links claimed."""
from flask import make_response, render_template, request, session, url_for

from ..catalog import catalog
from . import bp, store
from .owners import owner_for_printing, visitor

LEGACY_SESSION_KEY = "edit_tokens"  # where edit links were kept before: in the session cookie


def edit_url_for(printed):
    """The full edit link of a sheet, to show its owner; None for an old sheet nobody has claimed."""
    token = store.edit_token(printed)
    return url_for("qr.edit", code=printed.code, token=token, _external=True) if token else None


def owners_edit_url(printed):
    """The edit link if this visitor printed the sheet, else None."""
    return edit_url_for(printed) if store.is_owned_by(printed.code, visitor()) else None


def private(page):
    """Pages showing edit links: kept out of shared caches and the back-button cache of a shared computer."""
    response = make_response(page)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.before_app_request
def claim_links_from_old_session():
    """A browser still carrying edit links in its session hands them to its device (or account), once."""
    if LEGACY_SESSION_KEY not in session:
        return
    tokens = session.pop(LEGACY_SESSION_KEY)
    if isinstance(tokens, dict) and tokens:
        store.claim_printed_sheets(tokens, owner_for_printing())


@bp.route("/mine")
def mine(lang):
    page = max(request.args.get("page", 0, type=int), 0)
    sheets, older = store.sheets_printed_by(visitor(), page)
    rows = [(printed, catalog().phrase(printed.kind, printed.item_id), edit_url_for(printed)) for printed in sheets]
    return private(render_template("sheets/mine.html", rows=rows, page=page, older=older))
