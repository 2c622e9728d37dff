"""Board pages for a request's life: edit, next rotation, escalate, close, cancel, reserve, cancel a dispatch.

Every action that ends something asks for confirmation and a reason on its own page first."""
import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..clock import JST, now_iso
from ..security import form_page, safe_redirect_target
from . import bp, disasters, offers, request_life
from . import requests as staffing
from .errors import BoardError
from .forms import EscalationForm, ReasonForm, RequestForm, date_window
from .times import from_local


def _detail(lang, request_id):
    return redirect(url_for("board.request_detail", lang=lang, request_id=request_id))


def _managed(request_id):
    staffing_request = staffing.get_request(current_user, request_id)
    if not staffing.can_manage(current_user, staffing_request):
        abort(403)
    return staffing_request


def _form_data(staffing_request, lines):
    """The request as the form's initial data (dates as dates, as the fields expect)."""
    lines = [dict(line, start_date=datetime.date.fromisoformat(line["start_date"]),
                  end_date=datetime.date.fromisoformat(line["end_date"])) for line in lines]
    return {"site_kind": staffing_request.site_kind, "site_name": staffing_request.site_name,
            "tasks": staffing_request.tasks, "lodging": staffing_request.lodging,
            "transport": staffing_request.transport, "lines": lines}


def _values(form):
    return {"site_kind": form.site_kind.data, "site_name": form.site_name.data.strip(), "tasks": form.tasks.data,
            "lodging": form.lodging.data, "transport": form.transport.data, "deadline": from_local(form.deadline.data)}


def _request_form_page(staffing_request, lines):
    """The request form for a request: prefilled on GET, with two empty rows more; what was typed on POST."""
    disaster = disasters.get_disaster(staffing_request.disaster_id)
    window = date_window(disaster["started_on"])
    data = _form_data(staffing_request, lines) if request.method == "GET" else None
    form = RequestForm(data=data, window=window)
    if request.method == "GET":
        while len(form.lines.entries) < len(lines) + 2 and len(form.lines.entries) < form.max_rows:
            form.lines.append_entry()
    return form, disaster, window


def _render_request_form(form, disaster, window, editing, r):
    return render_template("board/request_form.html", form=form, disaster=disaster, editing=editing,
                           r=r, window=[day.isoformat() for day in window]), 400 if form.errors else 200


@bp.route("/requests/<int:request_id>/edit", methods=["GET", "POST"])
@form_page
def edit_request(lang, request_id):
    staffing_request = _managed(request_id)
    lines = [dict(line.as_dict(), line_id=line.id) for line in staffing_request.lines]
    form, disaster, window = _request_form_page(staffing_request, lines)
    if request.method == "GET":
        form.deadline.data = _naive(staffing_request.deadline)
    if form.wants_more_rows():
        form.add_rows()
    elif form.validate_on_submit():
        try:
            changed = request_life.edit_request(current_user, request_id, _values(form), form.filled_lines())
        except BoardError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The request is changed; associations with offers or dispatches are told.") if changed
                  else _("Nothing was changed."))
            return _detail(lang, request_id)
    return _render_request_form(form, disaster, window, True, staffing_request)


def _naive(iso):
    """Stored UTC text -> the naive Japan-time datetime a datetime-local field shows."""
    return datetime.datetime.fromisoformat(iso).astimezone(JST).replace(tzinfo=None, second=0, microsecond=0)


@bp.route("/requests/<int:request_id>/next", methods=["GET", "POST"])
@form_page
def next_rotation(lang, request_id):
    staffing_request = _managed(request_id)
    form, disaster, window = _request_form_page(staffing_request, request_life.next_rotation_lines(staffing_request))
    if form.wants_more_rows():
        form.add_rows()
    elif form.validate_on_submit():
        try:
            new_id = request_life.plan_next_rotation(current_user, request_id, _values(form), form.filled_lines(),
                                                     publish=request.form.get("action") == "publish")
        except BoardError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The request is saved."))
            return _detail(lang, new_id)
    return _render_request_form(form, disaster, window, False, staffing_request)


CONFIRMATIONS = {"cancel": request_life.cancel_request, "close": request_life.close_request}


@bp.route("/requests/<int:request_id>/<any(cancel, close):action>", methods=["GET", "POST"])
@form_page
def end_request(lang, request_id, action):
    staffing_request = _managed(request_id)
    function = CONFIRMATIONS[action]
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            function(current_user, request_id, form.reason.data)
        except BoardError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The request is cancelled.") if action == "cancel" else _("The request is closed."))
        return _detail(lang, request_id)
    return render_template("board/confirm.html", form=form, r=staffing_request, action=action,
                           dispatches=offers.dispatches("x.request_id = ? and x.status in ('confirmed', 'on_site')",
                                                        [request_id]),
                           pending=request_life.pending_people(request_id)), 400 if form.errors else 200


@bp.route("/requests/<int:request_id>/escalate", methods=["GET", "POST"])
@form_page
def escalate(lang, request_id):
    staffing_request = staffing.get_request(current_user, request_id)
    if not staffing.may_escalate(current_user, staffing_request):
        abort(403)
    if request.method == "GET" and not staffing.can_escalate(current_user, staffing_request):
        return _detail(lang, request_id)
    form = EscalationForm(data={"deadline": _naive(staffing_request.deadline)}
                          if request.method == "GET" and staffing_request.deadline > now_iso() else None)
    if form.validate_on_submit():
        try:
            staffing.escalate(current_user, request_id, from_local(form.deadline.data), form.reason.data)
        except BoardError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The request now goes to all blocks."))
        return _detail(lang, request_id)
    return render_template("board/confirm.html", form=form, r=staffing_request, action="escalate",
                           dispatches=[], pending=[]), 400 if form.errors else 200


@bp.route("/people/<int:person_id>/reserve", methods=["POST"])
def reserve(lang, person_id):
    request_id = request.form.get("request_id", type=int)
    keep = request.form.get("keep") == "1"
    try:
        request_life.set_reserve(current_user, person_id, keep)
    except BoardError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Kept as reserve.") if keep else _("No longer kept as reserve."))
    return _detail(lang, request_id)


@bp.route("/dispatches/<int:dispatch_id>/cancel", methods=["GET", "POST"])
@form_page
def cancel_dispatch(lang, dispatch_id):
    found = offers.dispatches("x.id = ?", [dispatch_id])
    if not found:
        abort(404)
    dispatch = found[0]
    if not offers.may_change_dispatch(current_user, dispatch):
        abort(403)
    back = safe_redirect_target(request.values.get("back")) or url_for("board.roster", lang=lang)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            request_life.cancel_dispatch(current_user, dispatch_id, form.reason.data)
        except BoardError as error:
            flash(str(error.message), "error")
        else:
            flash(_("The dispatch is updated."))
        return redirect(back)
    return render_template("board/confirm_dispatch.html", form=form, d=dispatch, back=back), \
        400 if form.errors else 200
