"""Localized error pages, or JSON for API and health clients."""
from urllib.parse import urlsplit

from flask import current_app, g, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import HTTPException, InternalServerError

from .. import i18n
from ..db import NotSaved
from ..security import safe_redirect_target
from . import bp


def _wants_json():
    """Health paths, or a client that prefers JSON; `Accept: */*` (curl, crawlers) gets HTML."""
    return request.path.startswith("/healthz") or (
        request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"
    )


def _error_headers(error):
    """Headers the error defines (Allow on a 405, WWW-Authenticate...), without its own Content-Type."""
    return [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]


def _language_from_path():
    """/xx/... where xx is ours keeps the reader's language even when routing failed."""
    first = request.path.strip("/").split("/", 1)[0]
    return first if first in i18n.BY_CODE else None


@bp.app_errorhandler(HTTPException)
def http_error(error):
    if _wants_json():
        return jsonify(error=error.name, status=error.code), error.code, _error_headers(error)
    if not getattr(g, "lang", None):
        g.lang = _language_from_path() or i18n.negotiate()
    if getattr(error, "busy_message", None):
        return render_template("errors/busy.html", error=error), error.code, _error_headers(error)
    template = "errors/404.html" if error.code == 404 else "errors/error.html"
    return render_template(template, error=error), error.code, _error_headers(error)


@bp.app_errorhandler(NotSaved)
def not_saved(error):
    """The storage refused a write (disk full, read-only...): nothing was saved, and the person is told so.

    A form page (`security.form_page`: it acts only after its form validates) is shown again with everything
    that was typed: the view runs once more without its CSRF token, so its form does not validate and nothing
    is attempted (`write` also refuses at once while this flag is set). A button, or a view that fails again,
    gets a page saying that nothing was saved.
    """
    current_app.logger.error("Nothing saved on %s %s: %s", request.method, request.path, error.reason)
    if not getattr(g, "lang", None):
        g.lang = _language_from_path() or i18n.negotiate()
    view = current_app.view_functions.get(request.endpoint)
    if (request.method == "POST" and getattr(view, "csrf_refusal_shows_form", False)
            and not g.get("showing_form_again")):
        g.showing_form_again = error.reason
        g.csrf_valid = False  # Flask-WTF skips a form's own CSRF check when CSRFProtect passed the request
        request.form = ImmutableMultiDict([(k, v) for k, v in request.form.items(multi=True) if k != "csrf_token"])
        try:
            response = current_app.make_response(view(**(request.view_args or {})))
        except NotSaved:
            response = None
        if response is not None and response.status_code == 400:
            response.status_code = 503
            response.headers["Retry-After"] = "60"
            return response
    if _wants_json():
        return jsonify(error="not saved", reason=error.reason, status=503), 503, {"Retry-After": "60"}
    return render_template("errors/not_saved.html"), 503, {"Retry-After": "60"}


@bp.app_errorhandler(CSRFError)
def csrf_refused(error):
    """A button whose page had expired: nothing was done, and the action is not repeated; offer the way back."""
    if _wants_json():
        return jsonify(error=error.name, status=error.code), error.code
    if not getattr(g, "lang", None):
        g.lang = _language_from_path() or i18n.negotiate()
    referrer = urlsplit(request.referrer or "")
    back = referrer.path + (f"?{referrer.query}" if referrer.query else "") if referrer.netloc == request.host else ""
    return render_template("errors/csrf.html", back=safe_redirect_target(back)), error.code


@bp.app_errorhandler(Exception)
def unexpected_error(error):
    if isinstance(error, HTTPException):
        return http_error(error)
    from flask import current_app

    current_app.logger.exception("Unhandled error on %s", request.path)
    return http_error(InternalServerError())
