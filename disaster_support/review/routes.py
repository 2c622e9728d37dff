"""Views of the review area: thin, the work is in services and store."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..quality.units import PARTS
from . import bp, services, store

PAGE = 25
ACTION_NAMES = {"approve": _l("Approve"), "edit": _l("Save the edit"), "flag": _l("Flag")}


@bp.before_request
@login_required
def require_login():
    """Every review page is for staff accounts."""


def _may_review(code):
    if code not in store.reviewer_languages(current_user.id):
        abort(403)


@bp.route("/")
def index(lang):
    codes = store.reviewer_languages(current_user.id)
    return render_template("review/index.html", languages=services.language_names(codes), parts=PARTS,
                           part_names=services.PART_NAMES)


@bp.route("/<code>/<part>", methods=["GET", "POST"])
def queue(lang, code, part):
    if part not in PARTS:
        abort(404)
    _may_review(code)
    search = request.values.get("q", "")
    if request.method == "POST":
        unit = services.find_unit(part, request.form.get("unit", ""))
        action = request.form.get("action", "")
        if unit is None or action not in store.ACTIONS or not unit.texts.get(code):
            abort(400)
        text, comment = request.form.get("text", ""), request.form.get("comment", "")
        problem = services.review_problem(unit, code, action, text, comment)
        if problem:
            flash(str(problem), "error")
        else:
            services.record(unit, code, action, text, comment, current_user)
            flash({"approve": _("Approved."), "edit": _("Saved. The new text is used from now on."),
                   "flag": _("Flagged.")}[action])
        return redirect(url_for("review.queue", code=code, part=part, q=search or None,
                                page=request.values.get("page") or None) + f"#{request.form.get('anchor', '')}")
    entries = services.queue(code, part, search)
    page = max(1, request.args.get("page", 1, type=int))
    shown = entries[(page - 1) * PAGE:page * PAGE]
    histories = {entry.unit.key: store.history(entry.unit.key, code) for entry in shown}
    return render_template("review/queue.html", code=code, part=part, entries=shown, search=search, page=page,
                           histories=histories, action_names=ACTION_NAMES,
                           pages=max(1, -(-len(entries) // PAGE)), total=len(entries),
                           part_names=services.PART_NAMES, language=services.language_names([code])[0])


@bp.route("/coverage")
def coverage(lang):
    return render_template("review/coverage.html", table=services.coverage(), parts=PARTS,
                           part_names=services.PART_NAMES, languages=services.language_names(services.TRANSLATED),
                           states=services.STATES)
