"""Board pages for coordinators: disasters, support centers, requests, offers, dispatches."""
import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..security import form_page, safe_redirect_target
from . import audit, bp, coverage, disasters, offers, registry, reports
from . import requests as staffing
from .errors import BoardError
from .forms import DisasterForm, OfferForm, RequestForm, SupportCenterForm, date_window
from .times import from_local


@bp.before_request
@login_required
def require_login():
    """Every board page needs a logged-in user; what they may do is checked by each service call."""


@bp.route("/")
def index(lang):
    return render_template("board/dashboard.html", items=reports.action_items(current_user),
                           disasters=disasters.disasters())


@bp.route("/disasters/new", methods=["GET", "POST"])
@form_page
def new_disaster(lang):
    if not current_user.can_act:
        abort(403)
    form = DisasterForm()
    if current_user.is_secretariat:
        form.affected_association.choices = [(a["id"], f'{a["jurisdiction"]} — {a["name_ja"]}')
                                             for a in registry.associations()]
    else:
        form.affected_association.choices = [(current_user.association_id, current_user.association_name)]
    if form.validate_on_submit():
        disaster_id = disasters.open_disaster(current_user, form.title.data.strip(), form.kind.data,
                                             form.started_on.data.isoformat(), form.affected_association.data)
        flash(_("The disaster is open. Record your support center and post requests."))
        return redirect(url_for("board.disaster", lang=lang, disaster_id=disaster_id))
    return render_template("board/disaster_form.html", form=form), 400 if form.errors else 200


@bp.route("/disasters/<int:disaster_id>")
def disaster(lang, disaster_id):
    return render_template("board/disaster.html", disaster=disasters.get_disaster(disaster_id),
                           centers=disasters.support_centers(disaster_id),
                           requests=staffing.visible_requests(current_user, disaster_id))


@bp.route("/disasters/<int:disaster_id>/center", methods=["GET", "POST"])
@form_page
def support_center(lang, disaster_id):
    disaster = disasters.get_disaster(disaster_id)
    if not (current_user.is_secretariat or (current_user.can_act
                                            and current_user.association_id == disaster["affected_association_id"])):
        abort(403)
    existing = next(iter(disasters.support_centers(disaster_id)), None)
    form = SupportCenterForm(data=existing if request.method == "GET" and existing else None)
    if form.validate_on_submit():
        disasters.save_support_center(current_user, disaster_id, form.place.data.strip(), form.hours.data.strip(),
                                     form.phone.data.strip())
        flash(_("The support center is saved."))
        return redirect(url_for("board.disaster", lang=lang, disaster_id=disaster_id))
    return render_template("board/center_form.html", form=form, disaster=disaster), 400 if form.errors else 200


@bp.route("/disasters/<int:disaster_id>/gaps")
def gaps(lang, disaster_id):
    disaster = disasters.get_disaster(disaster_id)
    start = request.args.get("start", "")
    try:
        start = datetime.date.fromisoformat(start).isoformat() if start else None
    except ValueError:
        start = None
    days, rows = reports.gap_matrix(current_user, disaster_id, start)
    first, last = reports.matrix_bounds(current_user, disaster_id)
    return render_template("board/gaps.html", disaster=disaster, days=days, rows=rows, cell_class=reports.cell_class,
                           earlier=days and first < days[0] and max(first, coverage.shift(days[0], -len(days))),
                           later=days and last > days[-1] and coverage.shift(days[-1], 1))


@bp.route("/roster")
def roster(lang):
    disaster_id = request.args.get("disaster", type=int)
    association_id = request.args.get("association", type=int)
    if disaster_id is None and association_id is None:
        association_id = current_user.association_id
    return render_template("board/roster.html", dispatches=reports.roster(current_user, disaster_id, association_id),
                           disaster=disasters.get_disaster(disaster_id) if disaster_id else None,
                           association=registry.association(association_id) if association_id else None,
                           next_status=offers.NEXT_DISPATCH_STATUS)


@bp.route("/disasters/<int:disaster_id>/requests/new", methods=["GET", "POST"])
@form_page
def new_request(lang, disaster_id):
    disaster = disasters.get_disaster(disaster_id)
    if not current_user.can_act:
        abort(403)
    window = date_window(disaster["started_on"])
    form = RequestForm(window=window)
    if form.wants_more_rows():
        form.add_rows()
    elif form.validate_on_submit():
        request_id = staffing.create_request(
            current_user, disaster_id, form.site_kind.data, form.site_name.data.strip(), form.tasks.data,
            form.lodging.data, form.transport.data, from_local(form.deadline.data),
            form.filled_lines(), publish=request.form.get("action") == "publish")
        flash(_("The request is saved."))
        return redirect(url_for("board.request_detail", lang=lang, request_id=request_id))
    return render_template("board/request_form.html", form=form, disaster=disaster,
                           window=[day.isoformat() for day in window]), 400 if form.errors else 200


@bp.route("/requests/<int:request_id>")
def request_detail(lang, request_id):
    staffing_request = staffing.get_request(current_user, request_id)
    return render_template(
        "board/request.html", r=staffing_request, offers=offers.offers_for(request_id),
        history=audit.request_history(request_id), manage=staffing.can_manage(current_user, staffing_request),
        can_escalate=staffing.can_escalate(current_user, staffing_request),
        dispatches=offers.dispatches("x.request_id = ?", [request_id]), next_status=offers.NEXT_DISPATCH_STATUS)


def _attempt(action, *args):
    """Run a service action; a refusal is shown on the request page and changes nothing."""
    try:
        action(current_user, *args)
    except BoardError as error:
        flash(str(error.message), "error")
        return False
    return True


@bp.route("/requests/<int:request_id>/publish", methods=["POST"])
def publish(lang, request_id):
    if _attempt(staffing.publish_request, request_id):
        flash(_("The request is posted to your block."))
    return redirect(url_for("board.request_detail", lang=lang, request_id=request_id))


@bp.route("/requests/<int:request_id>/offer", methods=["GET", "POST"])
@form_page
def offer(lang, request_id):
    staffing_request = staffing.get_request(current_user, request_id)
    if not current_user.can_act or staffing_request.association_id == current_user.association_id:
        abort(403)
    form = OfferForm(window=date_window(disasters.get_disaster(staffing_request.disaster_id)["started_on"]))
    if form.wants_more_rows():
        form.add_rows()
    elif form.validate_on_submit():
        try:
            offers.make_offer(current_user, request_id, form.note.data, form.offered_people())
        except BoardError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Your offer is sent."))
            return redirect(url_for("board.request_detail", lang=lang, request_id=request_id))
    return render_template("board/offer_form.html", form=form, r=staffing_request), 400 if form.errors else 200


@bp.route("/offers/<int:offer_id>/withdraw", methods=["POST"])
def withdraw(lang, offer_id):
    request_id = request.form.get("request_id", type=int)
    if _attempt(offers.withdraw_offer, offer_id):
        flash(_("Your offer is withdrawn."))
    return redirect(url_for("board.request_detail", lang=lang, request_id=request_id))


@bp.route("/people/<int:person_id>/<any(accept, decline):decision>", methods=["POST"])
def decide(lang, person_id, decision):
    request_id = request.form.get("request_id", type=int)
    if decision == "accept":
        line_id, period = request.form.get("line_id", type=int), None
        parts = request.form.get("period", "").split(":")
        if len(parts) == 3 and parts[0].isdigit():
            # Fewer days than the chosen period: the coordinator's own first and last day win.
            line_id, period = int(parts[0]), (request.form.get("first") or parts[1], request.form.get("last") or parts[2])
        if _attempt(offers.accept_person, person_id, line_id, period):
            flash(_("Accepted. The dispatch is confirmed."))
    elif _attempt(offers.decline_person, person_id):
        flash(_("Declined."))
    return redirect(url_for("board.request_detail", lang=lang, request_id=request_id))


@bp.route("/dispatches/<int:dispatch_id>/status", methods=["POST"])
def dispatch_status(lang, dispatch_id):
    status = request.form.get("status", "")
    if status not in offers.DISPATCH_STATUS:
        abort(400)
    if status == "cancelled":  # a cancel asks for confirmation and a reason first
        return redirect(url_for("board.cancel_dispatch", lang=lang, dispatch_id=dispatch_id,
                                back=safe_redirect_target(request.form.get("back")) or None))
    if _attempt(offers.set_dispatch_status, dispatch_id, status):
        flash(_("The dispatch is updated."))
    return redirect(safe_redirect_target(request.form.get("back")) or url_for("board.roster", lang=lang))
