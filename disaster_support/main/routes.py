"""Home pages, the language root redirect and the health endpoint."""
from flask import current_app, jsonify, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l

from .. import health, i18n, phone
from . import bp


@bp.route("/")
def root():
    """Send a reader to their best language (cookie, Accept-Language, then Japanese)."""
    return redirect(url_for("main.home", lang=i18n.negotiate()))


@bp.route("/<lang:lang>/")
def home(lang):
    return render_template("home.html")


@bp.route("/healthz")
def healthz():
    """Readiness for load balancers and monitors: database and PDF rendering."""
    database = health.check_database()
    writes = health.check_writes()
    pdf = health.pdf_checks()
    ok = database.ok and writes.ok and all(check.ok for check in pdf)
    body = {
        "status": "ok" if ok else "degraded",
        # Public answer: states only, never file paths (those are in `flask doctor`).
        "database": {"ok": database.ok, "detail": "ready" if database.ok else "not ready"},
        "writes": {"ok": writes.ok, "detail": writes.detail},
        "pdf": {
            "ok": all(check.ok for check in pdf),
            "checks": {check.name: {"ok": check.ok, "detail": check.detail} for check in pdf},
        },
    }
    return jsonify(body), 200 if ok else 503


# The areas a home page can lead to; only those whose blueprint is registered are shown.
AREAS = (
    ("living.index", _l("Living information"), _l("Residence, health insurance, garbage rules, disasters and more.")),
    ("sheets.index", _l("Signs for shelters"), _l("Print shelter signs in up to five languages, with a QR code.")),
    ("messages.index", _l("Disaster messages"), _l("Fill in a message once and get it in 15 languages.")),
    ("pictograms.gallery", _l("Pictograms"), _l("Pictures for signs that need no words.")),
    ("board.index", _l("Coordination board"), _l("Staffing requests and dispatches between associations.")),
)


@bp.app_context_processor
def home_areas_context():
    def home_areas():
        endpoints = current_app.view_functions
        return [
            {"url": url_for(endpoint), "title": title, "summary": summary}
            for endpoint, title, summary in AREAS
            if endpoint in endpoints
        ]

    return {"home_areas": home_areas}


@bp.route("/<lang:lang>/emergency")
def emergency(lang):
    """What to do in an earthquake, tsunami or flood, and the numbers to call: one tap from every page."""
    return render_template("emergency.html")


bp.add_app_template_filter(phone.tel_links, "tel_links")
bp.add_app_template_global(phone.tel_link, "tel_link")
