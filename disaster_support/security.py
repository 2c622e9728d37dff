"""Cross-area protections: the trusted proxy, security headers, the CSRF policy and safe redirect targets."""
import unicodedata
from urllib.parse import unquote, urlsplit

from flask import current_app, g, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

csrf = CSRFProtect()

# Scripts and style sheets only from our own files. Style *attributes* stay allowed: the sign preview sizes
# every box in mm computed per sign (print/_sign_page.html); attributes cannot run script or select elements.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
# Two years, the preload lists' minimum; no includeSubDomains: other hosts of the association are not ours.
HSTS = "max-age=63072000"


def init_app(app):
    """Install the proxy fix, the headers and the CSRF policy (from create_app, never at import time)."""
    hops = app.config["PROXY_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    # Tokens are bound to the session, so they need no clock of their own: a form left open for
    # hours still sends. WTF_CSRF_CHECK_DEFAULT is off because check_csrf below runs the check.
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    csrf.init_app(app)
    app.before_request(check_csrf)
    app.after_request(add_security_headers)


def form_page(view):
    """Mark a view whose POST is a form that re-shows itself: a refused CSRF token then reaches the form, which
    shows what was typed and says nothing was saved, instead of a bare 400. Only for views that act solely
    after `form.validate_on_submit()`."""
    view.csrf_refusal_shows_form = True
    return view


def check_csrf():
    """CSRF check of every unsafe request; for form pages a refusal is recorded in `g` for the form to show."""
    if not current_app.config["WTF_CSRF_ENABLED"] or request.method not in current_app.config["WTF_CSRF_METHODS"]:
        return
    if request.routing_exception is not None:  # no view would run (404, 405): that answer, not a CSRF refusal
        return
    try:
        csrf.protect()
    except CSRFError as error:
        view = current_app.view_functions.get(request.endpoint)
        if not getattr(view, "csrf_refusal_shows_form", False):
            raise
        g.csrf_refused = error.description


def add_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config["ENV"] == "production":
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def _has_control_character(text):
    return any(unicodedata.category(character) == "Cc" for character in text)


def safe_redirect_target(target):
    """`target` when it is a path on this site, else None: never another host, whatever the spelling.

    Browsers drop tabs and newlines inside URLs and read a backslash as a slash, so `/%09/evil` or `/\\evil`
    would become `//evil`; the decoded form is checked too, so `/%2F%2Fevil` is refused as well.
    """
    if not isinstance(target, str) or not target:
        return None
    for form in {target, unquote(target), unquote(unquote(target))}:
        if _has_control_character(form) or "\\" in form or not form.startswith("/") or form.startswith("//"):
            return None
        parts = urlsplit(form)
        if parts.scheme or parts.netloc:
            return None
    return target
