"""Localized error pages, or JSON for API and health clients."""
from urllib.parse import urlsplit

from flask import g, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .. import i18n
from ..security import safe_redirect_target
from . import bp


def _wants_json():
    return request.path.startswith(("/api/", "/healthz")) or (
        request.accept_mimetypes.best_match(["application/json", "text/html"]) == "application/json"
    )


def _language_from_path():
    """/xx/... where xx is ours keeps the reader's language even when routing failed."""
    first = request.path.strip("/").split("/", 1)[0]
    return first if first in i18n.BY_CODE else None


@bp.app_errorhandler(HTTPException)
def http_error(error):
    if _wants_json():
        return jsonify(error=error.name, status=error.code), error.code
    if not getattr(g, "lang", None):
        g.lang = _language_from_path() or i18n.negotiate()
    template = "errors/404.html" if error.code == 404 else "errors/error.html"
    return render_template(template, error=error), error.code


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
