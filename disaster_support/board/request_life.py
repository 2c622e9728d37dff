"""A posted request's life after posting: edit, cancel, close, keep people as reserve, plan the next rotation.

Every change is one immediate transaction, recorded in the audit log, and told by mail to each association whose
offers or dispatches it touches.
"""
import json

from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import Forbidden, NotFound

from ..clock import now_iso
from ..db import get_db, write
from . import audit, coverage, notify, offers
from .errors import BoardError
from .requests import LINE_FIELDS, STATUS_LABELS, can_manage, change_state, get_request, get_request_unchecked


def _involved_associations(request_id):
    """Associations with any offer or any dispatch on a request."""
    return [row[0] for row in get_db().execute(
        "select association_id from offer where request_id = ? union"
        " select association_id from dispatch where request_id = ?", [request_id, request_id])]


def pending_people(request_id):
    return [p for offer in offers.offers_for(request_id) for p in offer["people"] if p.status == "offered"]


def cancel_request(user, request_id, reason):
    """Cancel a request with a reason: dispatches not yet on site are cancelled, pending offers end, and every
    association with offers or dispatches is told why."""
    with write() as db:
        change_state(user, request_id, "cancelled", "request.cancel", ("draft", "open"), reason)
        for row in db.query("select id from dispatch where request_id = ? and status = 'confirmed'", [request_id]):
            db.execute("update dispatch set status = 'cancelled', cancel_reason = ?, updated_at = ? where id = ?",
                       [reason, now_iso(), row["id"]])
            audit.record(user, "dispatch.cancelled", "dispatch", row["id"], {"status": "confirmed"},
                         {"status": "cancelled", "reason": reason})
        _end(user, request_id, reason, cancelled=True)


def close_request(user, request_id, reason):
    """Close a request (no more offers): pending offers end with the reason; confirmed dispatches stay."""
    with write():
        change_state(user, request_id, "closed", "request.close", ("open",), reason)
        _end(user, request_id, reason, cancelled=False)


def _end(user, request_id, reason, cancelled):
    request = get_request_unchecked(request_id)
    offers.end_offers(user, request, pending_people(request_id), reason, mail=False)  # the mail below says it
    involved = _involved_associations(request_id)
    if involved:
        notify.request_ended(request, involved, reason, cancelled)


def cancel_dispatch(user, dispatch_id, reason):
    """Cancel a confirmed dispatch with a reason; the other association is told, and the days open again."""
    with write() as db:
        found = offers.dispatches("x.id = ?", [dispatch_id])
        if not found:
            raise NotFound()
        dispatch = found[0]
        if not offers.may_change_dispatch(user, dispatch):
            raise Forbidden()
        if dispatch["status"] != "confirmed":
            raise BoardError(_l("A dispatch that is %(status)s cannot change to that.",
                                status=offers.DISPATCH_STATUS[dispatch["status"]]))
        db.execute("update dispatch set status = 'cancelled', cancel_reason = ?, updated_at = ? where id = ?",
                   [reason, now_iso(), dispatch_id])
        audit.record(user, "dispatch.cancelled", "dispatch", dispatch_id, {"status": "confirmed"},
                     {"status": "cancelled", "reason": reason})
        others = [a for a in (dispatch["association_id"], dispatch["host_association_id"]) if a != user.association_id]
        notify.dispatch_cancelled(get_request_unchecked(dispatch["request_id"]), dispatch,
                                  others or [dispatch["association_id"]], reason)
    return dispatch


def set_reserve(user, person_id, keep):
    """The requester keeps a pending person as reserve (never declined automatically), or lets them go again."""
    with write() as db:
        row, request = offers.person_for_decision(user, person_id)
        db.execute("update offered_person set reserve = ? where id = ?", [1 if keep else 0, person_id])
        audit.record(user, "offer.reserve", "offer", row["offer_id"], {"person": row["name"], "reserve": bool(row["reserve"])},
                     {"person": row["name"], "reserve": keep})
        if not keep:
            offers.decline_covered_offers(user, request.id)


def _line_text(line):
    rotation = f" /{line['rotation_days']}d" if line.get("rotation_days") else ""
    return (f"{line['language']} {line.get('task') or ''} x{line['headcount']}/day"
            f" {line['start_date']}..{line['end_date']}{rotation}")


def _changes(before, after):
    """A short, language-neutral list of what changed (codes and ISO dates), for the history and the notices."""
    changes = [f"{key}: {before[key]} -> {after[key]}"
               for key in ("site_kind", "site_name", "tasks", "deadline", "lodging", "transport")
               if before[key] != after[key]]
    old, new = {_line_text(l) for l in before["lines"]}, {_line_text(l) for l in after["lines"]}
    changes += [f"- {text}" for text in sorted(old - new)] + [f"+ {text}" for text in sorted(new - old)]
    return "; ".join(changes)


def _apply_lines(db, request, lines):
    """Update, add and remove the request's lines; a line with dispatches keeps its language and stays."""
    existing = {line.id: line for line in request.lines}
    kept = set()
    for line in lines:
        values = {key: line.get(key) for key in LINE_FIELDS}
        old = existing.get(line.get("line_id"))
        if old is None:
            db["request_line"].insert(dict(values, request_id=request.id))
            continue
        kept.add(old.id)
        has_dispatches = db.execute("select count(*) from dispatch where line_id = ?", [old.id]).fetchone()[0]
        if has_dispatches and values["language"] != old.language:
            raise BoardError(_l("A line with dispatches keeps its language; add a new line instead."))
        db["request_line"].update(old.id, values)
    for line_id in set(existing) - kept:
        if db.execute("select count(*) from dispatch where line_id = ?", [line_id]).fetchone()[0]:
            raise BoardError(_l("A line with dispatches cannot be removed; shorten its dates or cancel its"
                                " dispatches first."))
        db.execute("delete from request_line where id = ?", [line_id])


def edit_request(user, request_id, values, lines):
    """Change a draft or posted request (site, lodging, transport, deadline, lines); the history keeps before and
    after, and every association with offers or dispatches gets a notice listing the changes."""
    with write() as db:
        request = get_request(user, request_id)
        if not can_manage(user, request):
            raise Forbidden()
        if request.state not in ("draft", "open"):
            raise BoardError(_l("This request is %(status)s; that cannot be done now.",
                                status=STATUS_LABELS[request.status]))
        _check_rotation_overlap(_rotations_around(request), lines)
        before = dict(_editable(request), lines=[line.as_dict() for line in request.lines])
        db["staffing_request"].update(request_id, dict(
            {key: values[key] for key in ("site_kind", "site_name", "lodging", "transport", "deadline")},
            tasks=json.dumps(values["tasks"])))
        _apply_lines(db, request, lines)
        changed = get_request_unchecked(request_id)
        after = dict(_editable(changed), lines=[line.as_dict() for line in changed.lines])
        changes = _changes(before, after)
        if not changes:
            return False
        audit.record(user, "request.edit", "request", request_id, before, after)
        involved = _involved_associations(request_id)
        if involved and changed.state == "open":
            notify.request_edited(changed, involved, changes)
        offers.decline_covered_offers(user, request_id)
    return True


def _editable(request):
    return {"site_kind": request.site_kind, "site_name": request.site_name, "deadline": request.deadline, "lodging": request.lodging,
            "transport": request.transport, "tasks": request.tasks}


def _check_rotation_overlap(related_ids, lines):
    """Rotations of one request never ask twice for the same days (demand counted once): `lines` must not share a
    day, language and task with the lines of the related (previous or next, not cancelled) requests."""
    for related_id in related_ids:
        related = get_request_unchecked(related_id)
        if related.state == "cancelled":
            continue
        for line in lines:
            for old in related.lines:
                if (old.language, old.task or "interpreting") == (line["language"], line.get("task") or "interpreting") \
                        and old.start_date <= line["end_date"] and line["start_date"] <= old.end_date:
                    raise BoardError(_l("Request #%(id)s already asks for %(language)s on some of these days; change"
                                        " that request instead.", id=related_id, language=line["language"]))


def _next_rotations(request_id):
    return [row[0] for row in get_db().execute("select id from staffing_request where previous_request_id = ?",
                                               [request_id])]


def _rotations_around(request):
    """The previous rotation of a request and the next ones carried forward from it."""
    return ([request.previous_request_id] if request.previous_request_id else []) + _next_rotations(request.id)


def next_rotation_lines(request):
    """The lines of the next rotation: each line again, starting the day after it ends, for as many days."""
    return [dict(line.as_dict(), start_date=coverage.shift(line.end_date, 1),
                 end_date=coverage.shift(line.end_date, len(line.coverage.days)))
            for line in request.lines]


def plan_next_rotation(user, request_id, values, lines, publish):
    """Carry a request forward: a new request for the next days, linked to it, at the scope it reached."""
    from .requests import create_request

    with write():
        previous = get_request(user, request_id)
        if not can_manage(user, previous):
            raise Forbidden()
        _check_rotation_overlap([previous.id] + _next_rotations(previous.id), lines)
        return create_request(user, previous.disaster_id, values["site_kind"], values["site_name"], values["tasks"],
                              values["lodging"], values["transport"], values["deadline"], lines, publish=publish,
                              previous=previous)
