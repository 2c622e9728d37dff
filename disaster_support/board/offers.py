"""Offers of named people, accepting them into dispatches, and the dispatches' way to the site and back."""
import datetime
import json
import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import Forbidden, NotFound

from ..db import get_db, write
from ..clock import now_iso
from . import audit, notify
from .errors import BoardError
from .requests import can_manage, get_request, get_request_unchecked

PERSON_STATUS = {"offered": _l("Offered"), "accepted": _l("Accepted"), "declined": _l("Declined"),
                 "withdrawn": _l("Withdrawn")}
DISPATCH_STATUS = {"confirmed": _l("Confirmed"), "on_site": _l("On site"), "returned": _l("Returned"),
                   "cancelled": _l("Cancelled")}
NEXT_DISPATCH_STATUS = {"confirmed": ("on_site", "cancelled"), "on_site": ("returned",), "returned": (),
                        "cancelled": ()}


@dataclass
class OfferedPerson:
    id: int
    offer_id: int
    name: str
    languages: list
    available_from: str
    available_to: str
    status: str
    reserve: bool = False
    reason: str = ""
    association_id: int = None


def person_key(association_id, name):
    """Who a person is across requests: their association and their name, spaces and case ignored."""
    return f"{association_id}:" + re.sub(r"\s+", "", name).casefold()


def offers_for(request_id):
    """Offers on a request with their people, oldest first."""
    db = get_db()
    offers = list(db.query("select o.*, a.name_ja as association_name from offer o join association a"
                           " on a.id = o.association_id where o.request_id = ? order by o.id", [request_id]))
    for offer in offers:
        offer["people"] = [_person(row, offer["association_id"]) for row in db.query(
            "select * from offered_person where offer_id = ? order by id", [offer["id"]])]
    return offers


def _person(row, association_id=None):
    return OfferedPerson(row["id"], row["offer_id"], row["name"], json.loads(row["languages"]),
                         row["available_from"], row["available_to"], row["status"], bool(row["reserve"]),
                         row["decision_reason"] or "", association_id)


def make_offer(user, request_id, note, people):
    """Offer named people (name, languages, from, to) from the user's association to another's request."""
    with write() as db:
        request = get_request(user, request_id)
        if not user.can_act or request.association_id == user.association_id:
            raise Forbidden()
        if request.status not in ("open", "partially_filled"):
            raise BoardError(_l("This request is not taking offers."))
        offer_id = db["offer"].insert({"request_id": request_id, "association_id": user.association_id, "note": note,
                                       "created_by": user.id, "created_at": now_iso()}).last_pk
        db["offered_person"].insert_all(
            {"offer_id": offer_id, "name": p["name"], "languages": json.dumps(p["languages"]),
             "available_from": p["available_from"], "available_to": p["available_to"], "status": "offered"}
            for p in people)
        audit.record(user, "offer.create", "offer", offer_id, None, {"request": request_id, "note": note,
                                                                     "people": people})
        notify.offer_received(request, user, len(people))
    return offer_id


def _offer(offer_id):
    row = next(iter(get_db().query("select * from offer where id = ?", [offer_id])), None)
    if row is None:
        raise NotFound()
    return row


def withdraw_offer(user, offer_id):
    """The offering association takes back the people not yet accepted."""
    with write() as db:
        offer = _offer(offer_id)
        if not (user.is_secretariat or (user.can_act and offer["association_id"] == user.association_id)):
            raise Forbidden()
        pending = [row["id"] for row in db.query(
            "select id from offered_person where offer_id = ? and status = 'offered'", [offer_id])]
        if not pending:
            raise BoardError(_l("Nobody in this offer is waiting for a decision; nothing to withdraw."))
        db.execute("update offered_person set status = 'withdrawn', decided_at = ? where offer_id = ?"
                   " and status = 'offered'", [now_iso(), offer_id])
        audit.record(user, "offer.withdraw", "offer", offer_id, {"offered": pending}, {"withdrawn": pending})


def person_for_decision(user, person_id):
    row = next(iter(get_db().query(
        "select p.*, o.request_id, o.association_id as offering_association_id from offered_person p"
        " join offer o on o.id = p.offer_id where p.id = ?", [person_id])), None)
    if row is None:
        raise NotFound()
    request = get_request(user, row["request_id"])
    if not can_manage(user, request):
        raise Forbidden()
    if row["status"] != "offered":
        raise BoardError(_l("%(name)s is no longer waiting for a decision (%(status)s).", name=row["name"],
                            status=PERSON_STATUS[row["status"]]))
    return row, request


def accept_periods(request, person):
    """[(line, first day, last day)]: where an offered person (an `OfferedPerson`) may still go, slot by slot."""
    return [(line, first, last) for line in request.lines if line.language in person.languages
            for first, last in line.coverage.open_periods(person.available_from, person.available_to)]


def _period_for(line, row, period):
    """The days of the dispatch: the chosen period, or the first still-needed run the person is available for."""
    if period is None:
        periods = line.coverage.open_periods(row["available_from"], row["available_to"])
        if not periods:
            if line.filled:
                raise BoardError(_l("This language line is already filled."))
            if max(line.start_date, row["available_from"]) > min(line.end_date, row["available_to"]):
                raise BoardError(_l("%(name)s is not available on the dates of this line.", name=row["name"]))
            raise BoardError(_l("Every day %(name)s is available is already covered on this line.", name=row["name"]))
        return periods[0]
    start, end = period
    try:
        start, end = datetime.date.fromisoformat(start).isoformat(), datetime.date.fromisoformat(end).isoformat()
    except ValueError:
        raise BoardError(_l("Choose a language line of this request.")) from None
    if not (row["available_from"] <= start <= end <= row["available_to"]):
        raise BoardError(_l("%(name)s is not available on the dates of this line.", name=row["name"]))
    if not line.coverage.fits(start, end):
        raise BoardError(_l("Some of these days already have all their people; choose another period."))
    return start, end


def accept_person(user, person_id, line_id, period=None):
    """Accept an offered person for a language line over `period` (first, last day) or the first open run.

    One dispatch, only for days that still lack people (so no day is ever over-filled), never double-booking.
    """
    db = get_db()
    with write(db):
        row, request = person_for_decision(user, person_id)
        if request.status not in ("open", "partially_filled"):
            raise BoardError(_l("This request is not taking offers."))
        line = next((line for line in request.lines if line.id == line_id), None)
        if line is None:
            raise BoardError(_l("Choose a language line of this request."))
        if line.language not in json.loads(row["languages"]):
            raise BoardError(_l("%(name)s was not offered for this language.", name=row["name"]))
        start, end = _period_for(line, row, period)
        key = person_key(row["offering_association_id"], row["name"])
        clash = db.execute("select start_date, end_date from dispatch where person_key = ? and status != 'cancelled'"
                           " and start_date <= ? and end_date >= ?", [key, end, start]).fetchone()
        if clash:
            raise BoardError(_l("%(name)s is already dispatched from %(start)s to %(end)s.", name=row["name"],
                                start=clash[0], end=clash[1]))
        dispatch_id = db["dispatch"].insert({
            "offered_person_id": person_id, "request_id": request.id, "line_id": line.id,
            "association_id": row["offering_association_id"], "person_key": key, "person_name": row["name"],
            "start_date": start, "end_date": end, "status": "confirmed", "created_at": now_iso()}).last_pk
        db.execute("update offered_person set status = 'accepted', decided_at = ? where id = ?", [now_iso(), person_id])
        audit.record(user, "offer.accept", "offer", row["offer_id"], {"person": row["name"], "status": "offered"},
                     {"person": row["name"], "status": "accepted", "dispatch": dispatch_id, "line": line.language})
        audit.record(user, "dispatch.create", "dispatch", dispatch_id, None,
                     {"person": row["name"], "start": start, "end": end, "status": "confirmed"})
        notify.person_decided(request, row, accepted=True,
                              dispatch={"start_date": start, "end_date": end, "language": line.language})
        decline_covered_offers(user, request.id)
    return dispatch_id


COVERED = "covered"  # the reason kept for people declined because their days filled up


def decline_covered_offers(actor, request_id):
    """Decline, with a mail, pending people (not kept as reserve) for whom no day they offered still lacks people."""
    request = get_request_unchecked(request_id)
    pending = [person for offer in offers_for(request_id) for person in offer["people"]
               if person.status == "offered" and not person.reserve]
    ended = [person for person in pending if not accept_periods(request, person)]
    end_offers(actor, request, ended, COVERED)
    return ended


def end_offers(actor, request, people, reason, mail=True):
    """Decline pending people with a reason and tell each offering association once (inside a write)."""
    db = get_db()
    by_association = {}
    for person in people:
        db.execute("update offered_person set status = 'declined', decided_at = ?, decision_reason = ?"
                   " where id = ? and status = 'offered'", [now_iso(), reason, person.id])
        audit.record(actor, "offer.decline", "offer", person.offer_id, {"person": person.name, "status": "offered"},
                     {"person": person.name, "status": "declined", "reason": reason})
        by_association.setdefault(person.association_id, []).append(person.name)
    for association_id, names in by_association.items() if mail else ():
        notify.offers_ended(request, association_id, names, reason)


def decline_person(user, person_id):
    db = get_db()
    with write(db):
        row, request = person_for_decision(user, person_id)
        db.execute("update offered_person set status = 'declined', decided_at = ? where id = ?", [now_iso(), person_id])
        audit.record(user, "offer.decline", "offer", row["offer_id"], {"person": row["name"], "status": "offered"},
                     {"person": row["name"], "status": "declined"})
        notify.person_decided(request, row, accepted=False)


def dispatches(where="1 = 1", params=()):
    return list(get_db().query(
        f"""select x.*, a.name_ja as association_name, r.association_id as host_association_id,
                   h.name_ja as host_name, r.site_name, r.disaster_id, l.language,
                   l.start_date as line_start, l.end_date as line_end
            from dispatch x join association a on a.id = x.association_id
            join staffing_request r on r.id = x.request_id join association h on h.id = r.association_id
            join request_line l on l.id = x.line_id where {where} order by x.start_date, x.id""", list(params)))


def may_change_dispatch(user, dispatch):
    """Either association of a dispatch (sending or receiving) or the secretariat."""
    involved = user.association_id in (dispatch["association_id"], dispatch["host_association_id"])
    return user.is_secretariat or (user.can_act and involved)


def set_dispatch_status(user, dispatch_id, status):
    """Confirmed -> on site -> returned (or cancelled before arrival), by either association or the secretariat."""
    db = get_db()
    with write(db):
        found = dispatches("x.id = ?", [dispatch_id])
        if not found:
            raise NotFound()
        dispatch = found[0]
        if not may_change_dispatch(user, dispatch):
            raise Forbidden()
        if status == "cancelled":
            raise BoardError(_l("Give a reason to cancel a dispatch."))
        if status not in NEXT_DISPATCH_STATUS[dispatch["status"]]:
            raise BoardError(_l("A dispatch that is %(status)s cannot change to that.",
                                status=DISPATCH_STATUS[dispatch["status"]]))
        db.execute("update dispatch set status = ?, updated_at = ? where id = ?", [status, now_iso(), dispatch_id])
        audit.record(user, "dispatch.status", "dispatch", dispatch_id, {"status": dispatch["status"]},
                     {"status": status})
    return dispatch
