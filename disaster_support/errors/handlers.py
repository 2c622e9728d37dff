"""Localized error pages, or JSON for API and health clients."""
from flask import g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from .. import i18n
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
    # Busy and rate-limit answers say when to come back (werkzeug's retry_after), in the header too.
    headers = {"Retry-After": str(error.retry_after)} if getattr(error, "retry_after", None) else {}
    if _wants_json():
        return jsonify(error=error.name, status=error.code), error.code, headers
    if not getattr(g, "lang", None):
        g.lang = _language_from_path() or i18n.negotiate()
    if getattr(error, "busy_message", None):
        return render_template("errors/busy.html", error=error), error.code, headers
    template = "errors/404.html" if error.code == 404 else "errors/error.html"
    return render_template(template, error=error), error.code, headers


@bp.app_errorhandler(Exception)
def unexpected_error(error):
    if isinstance(error, HTTPException):
        return http_error(error)
    from flask import current_app

    current_app.logger.exception("Unhandled error on %s", request.path)
    return http_error(InternalServerError())
