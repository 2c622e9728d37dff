"""HTTP for many readers: public pages cacheable by a CDN or reverse proxy, responses compressed.

Public pages carry their language in the URL and depend on no cookie, so they get Cache-Control: public,
an ETag (and 304 answers), and Vary only on Accept-Encoding. Anything personal (a session cookie sent or
set, the board, accounts, edit links) is left alone. Kept out of the app factory's body on purpose: the
security headers have their own hook.
"""
from flask import current_app, request
from flask.sessions import SecureCookieSessionInterface
from flask_compress import Compress

# endpoint -> seconds a shared cache may keep the answer
PUBLIC = {
    "main.home": 300, "main.emergency": 300, "main.offline": 3600, "main.manifest": 3600, "main.favicon": 86400,
    "living.index": 300, "living.chapter": 300, "living.staff_view": 300, "living.search": 300,
    "living.booklet": 86400, "living.translations": 300,
    "pictograms.gallery": 3600, "pictograms.sheet": 3600, "pictograms.svg": 86400, "pictograms.png": 86400,
    "messages.index": 300, "sheets.index": 300, "sheets.sign": 300,
    "qr.sheet": 60,  # whoever printed the sheet may change what it says
    "static": 3600,
}
NEGOTIATING = {"main.root", "qr.scan"}  # redirects that read Accept-Language and the language cookie
COMPRESSED = ["text/html", "text/css", "text/plain", "text/javascript", "application/javascript",
              "application/json", "application/manifest+json", "image/svg+xml", "text/csv"]


class QuietSessionInterface(SecureCookieSessionInterface):
    """Flask adds `Vary: Cookie` whenever the session was looked at, and Flask-Login looks on every response.
    A request that sent no session cookie and leaves the session empty did not depend on it."""

    def save_session(self, app, session, response):
        super().save_session(app, session, response)
        if (not session and self.get_cookie_name(app) not in request.cookies and "Cookie" in response.vary
                and request.endpoint not in NEGOTIATING):
            vary = [value for value in response.vary if value.lower() != "cookie"]
            response.vary = vary if vary else None


def public_caching(response):
    endpoint = request.endpoint
    if endpoint in NEGOTIATING:
        response.vary.update(("Accept-Language", "Cookie"))
        return response
    seconds = PUBLIC.get(endpoint)
    if (seconds is None or request.method not in ("GET", "HEAD") or response.status_code != 200
            or "Set-Cookie" in response.headers or current_app.config["SESSION_COOKIE_NAME"] in request.cookies):
        return response
    response.cache_control.public = True
    response.cache_control.max_age = seconds
    response.cache_control.no_cache = None
    if not response.is_streamed and not response.direct_passthrough:
        response.add_etag()
    elif not response.get_etag()[0]:
        return response
    return response.make_conditional(request)


def init_app(app):
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    Compress(app)  # registered first, so it runs last: it compresses what public_caching has finished
    app.after_request(public_caching)
    app.session_interface = QuietSessionInterface()
