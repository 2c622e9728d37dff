"""What makes the site readable offline and installable: the service worker, the offline page, the manifest."""
from flask import current_app, render_template, url_for

from .. import i18n
from . import bp


@bp.route("/sw.js")
def service_worker():
    """The offline service worker, served from the root so it may keep pages of every language.

    It is a template so that it knows the offline page of every language, here and in the static export.
    """
    essentials = [url_for("main.offline", lang=code) for code in i18n.CODES]
    essentials += [url_for("static", filename=name) for name in ("css/site.css", "icons/icon.svg")]
    body = render_template("sw.js", essentials=essentials, offline_pages={
        code: url_for("main.offline", lang=code) for code in i18n.CODES})
    response = current_app.response_class(body, mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    response.cache_control.no_cache = True  # a new worker must reach readers at their next visit
    return response


@bp.route("/<lang:lang>/offline")
def offline(lang):
    """Shown by the service worker when a page was never kept and there is no connection."""
    return render_template("offline.html")


@bp.route("/<lang:lang>/manifest.webmanifest")
def manifest(lang):
    """Installs the site with a start page in the reader's language."""
    language = i18n.language(lang)
    name = i18n.translate_plain("Multilingual disaster support")
    body = {
        "name": name, "short_name": name, "lang": language.html_lang, "dir": "ltr",
        "start_url": url_for("main.home", lang=lang), "scope": "/", "id": url_for("main.home", lang=lang),
        "display": "standalone", "background_color": "#ffffff", "theme_color": "#0b5cad",
        "icons": [
            {"src": url_for("static", filename="icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": url_for("static", filename="icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": url_for("static", filename="icons/icon-512.png"), "sizes": "512x512", "type": "image/png",
             "purpose": "maskable"},
            {"src": url_for("static", filename="icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = current_app.json.response(body)
    response.mimetype = "application/manifest+json"
    return response


@bp.route("/favicon.ico")
def favicon():
    return current_app.send_static_file("icons/favicon.ico")
