"""Staffing requests: who may see and change them, and their status derived from person-day coverage."""
import datetime
import json
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import Forbidden, NotFound

from ..db import get_db, write
from ..clock import now_iso
from . import audit, coverage, disasters, notify
from .errors import BoardError

TASKS = {
    "interpreting": _l("Interpreting"), "translation": _l("Translation"), "shelter_rounds": _l("Shelter rounds"),
    "phone": _l("Phone consultation"), "sns": _l("SNS posting"), "easy_japanese": _l("Easy Japanese"),
}
SITE_KINDS = {"center": _l("Support center"), "shelter": _l("Shelter")}
STATUS_LABELS = {"draft": _l("Draft"), "open": _l("Open"), "partially_filled": _l("Partially filled"),
                 "filled": _l("Filled"), "closed": _l("Closed"), "cancelled": _l("Cancelled")}
SCOPE_LABELS = {"block": _l("Block"), "national": _l("All blocks")}
ESCALATION_ANSWER_HOURS = 48  # the answer deadline other blocks get when a request escalates on its own


@dataclass
class Line:
    """A language line: `headcount` people for `task` on every day from start_date to end_date."""

    id: int
    language: str
    headcount: int
    start_date: str
    end_date: str
    task: str
    rotation_days: int
    coverage: coverage.LineCoverage

    @property
    def covered(self):
        return self.coverage.covered

    @property
    def required(self):
        return self.coverage.required

    @property
    def filled(self):
        return self.coverage.filled

    @property
    def first_gap(self):
        return self.coverage.first_gap

    def as_dict(self):
        return {"language": self.language, "task": self.task, "headcount": self.headcount,
                "start_date": self.start_date, "end_date": self.end_date, "rotation_days": self.rotation_days}


@dataclass
class StaffingRequest:
    id: int
    disaster_id: int
    disaster_title: str
    association_id: int
    association_name: str
    block_id: int
    block_name: str
    site_kind: str
    site_name: str
    tasks: list
    lodging: str
    transport: str
    deadline: str
    scope: str
    state: str
    escalated_at: str
    created_at: str
    lines: list
    previous_request_id: int = None

    @property
    def status(self):
        """Derived from the lines' person-days every time it is read, so it is never stale."""
        return coverage.status_of(self.state, [line.coverage for line in self.lines])

    @property
    def overdue(self):
        return self.status in ("open", "partially_filled") and self.deadline < now_iso()

    @property
    def covered(self):
        """Person-days covered, counted day by day on every line."""
        return coverage.totals([line.coverage for line in self.lines])[0]

    @property
    def required(self):
        return coverage.totals([line.coverage for line in self.lines])[1]

    @property
    def first_gap(self):
        gaps = [line.first_gap for line in self.lines if line.first_gap]
        return min(gaps) if gaps else None

    @property
    def open_lines(self):
        return [line for line in self.lines if not line.filled]


_REQUEST_SQL = """
    select r.*, d.title as disaster_title, a.name_ja as association_name, a.block_id, b.name as block_name
    from staffing_request r join disaster d on d.id = r.disaster_id
    join association a on a.id = r.association_id join block b on b.id = a.block_id
"""


def _lines(request_ids):
    if not request_ids:
        return {}
    rows = list(get_db().query(
        f"""select * from request_line where request_id in ({','.join('?' * len(request_ids))})
            order by start_date, language, id""", list(request_ids)))
    coverages = coverage.coverage_of_lines(rows)
    by_request = {}
    for row in rows:
        by_request.setdefault(row["request_id"], []).append(
            Line(row["id"], row["language"], row["headcount"], row["start_date"], row["end_date"], row["task"] or "",
                 row["rotation_days"], coverages[row["id"]]))
    return by_request


def _requests(where="1 = 1", params=()):
    rows = list(get_db().query(_REQUEST_SQL + f" where {where} order by r.deadline, r.id", list(params)))
    lines = _lines([row["id"] for row in rows])
    return [StaffingRequest(row["id"], row["disaster_id"], row["disaster_title"], row["association_id"],
                            row["association_name"], row["block_id"], row["block_name"], row["site_kind"],
                            row["site_name"], json.loads(row["tasks"]), row["lodging"] or "", row["transport"] or "",
                            row["deadline"], row["scope"], row["state"], row["escalated_at"], row["created_at"],
                            lines.get(row["id"], []), row["previous_request_id"]) for row in rows]


def all_requests():
    """Every request of every association (the secretariat's overview)."""
    return _requests()


def can_see(user, request):
    if user.is_secretariat or request.association_id == user.association_id:
        return True
    if request.state == "draft":
        return False
    return request.scope == "national" or request.block_id == user.block_id


def can_manage(user, request):
    """The requesting association's coordinators and the secretariat run a request."""
    return user.is_secretariat or (user.can_act and request.association_id == user.association_id)


def may_escalate(user, request):
    """The block's chair, the secretariat, and the affected association itself (it knows first when its block
    cannot cover) may send a block request to all blocks."""
    return user.is_secretariat or (user.is_chair and user.block_id == request.block_id) or (
        user.can_act and user.association_id == request.association_id)


def can_escalate(user, request):
    return may_escalate(user, request) and request.scope == "block" and request.status in ("open", "partially_filled")


def get_request(user, request_id):
    """The request if this user may see it; 404 for one they may not (its existence is not revealed)."""
    found = _requests("r.id = ?", [request_id])
    if not found or not can_see(user, found[0]):
        raise NotFound()
    return found[0]


def get_request_unchecked(request_id):
    """The request as it is now, for service code that already checked who acts."""
    found = _requests("r.id = ?", [request_id])
    if not found:
        raise NotFound()
    return found[0]


def visible_requests(user, disaster_id=None):
    where, params = "1 = 1", []
    if disaster_id is not None:
        where, params = "r.disaster_id = ?", [disaster_id]
    return [r for r in _requests(where, params) if can_see(user, r)]


def _snapshot(request):
    return {"state": request.state, "scope": request.scope, "status": request.status}


# Staffing requests

def create_request(user, disaster_id, site_kind, site_name, tasks, lodging, transport, deadline, lines, publish,
                   previous=None):
    """A new request of the user's association, as a draft or opened to its block at once.

    The next rotation of `previous` keeps the scope that request reached (all blocks stay told)."""
    disasters.get_disaster(disaster_id)
    if not user.can_act:
        raise Forbidden()
    db = get_db()
    with write(db):
        request_id = db["staffing_request"].insert({
            "disaster_id": disaster_id, "association_id": user.association_id, "site_kind": site_kind,
            "site_name": site_name, "tasks": json.dumps(tasks), "lodging": lodging, "transport": transport,
            "deadline": deadline, "scope": previous.scope if previous else "block",
            "state": "open" if publish else "draft", "created_by": user.id, "created_at": now_iso(),
            "previous_request_id": previous.id if previous else None}).last_pk
        db["request_line"].insert_all({"request_id": request_id, **_line_values(line)} for line in lines)
        request = _requests("r.id = ?", [request_id])[0]
        audit.record(user, "request.create", "request", request_id, None,
                     dict(_snapshot(request), lines=[_line_values(line) for line in lines], tasks=tasks,
                          deadline=deadline))
        if publish:
            notify.request_posted(request)
            if request.scope == "national":
                notify.request_escalated(request)
    return request_id


LINE_FIELDS = ("language", "task", "headcount", "start_date", "end_date", "rotation_days")


def _line_values(line):
    return {key: line.get(key) for key in LINE_FIELDS}


def publish_request(user, request_id):
    with write():
        change_state(user, request_id, "open", "request.publish", allowed_from=("draft",))
        request = _requests("r.id = ?", [request_id])[0]
        notify.request_posted(request)
        if request.scope == "national":  # a next rotation drafted after its request went to all blocks
            notify.request_escalated(request)


def change_state(user, request_id, new_state, action, allowed_from, reason=None):
    """Move a request the user manages from one of `allowed_from` to `new_state`; returns it as it was before."""
    db = get_db()
    with write(db):
        request = get_request(user, request_id)
        if not can_manage(user, request):
            raise Forbidden()
        if request.state not in allowed_from:
            raise BoardError(_l("This request is %(status)s; that cannot be done now.",
                                status=STATUS_LABELS[request.status]))
        before = _snapshot(request)
        db.execute("update staffing_request set state = ? where id = ?", [new_state, request_id])
        after = _snapshot(_requests("r.id = ?", [request_id])[0])
        audit.record(user, action, "request", request_id, before, dict(after, reason=reason) if reason else after)
    return request


def escalate(user, request_id, deadline, reason):
    """The block's chair, the secretariat or the affected association itself sends a request to all blocks,
    with a new answer deadline and a reason (kept in the history)."""
    with write():
        request = get_request(user, request_id)
        if not may_escalate(user, request):
            raise Forbidden()
        if request.scope == "national":  # someone (or the scheduler) was a moment faster
            raise BoardError(_l("This request already goes to all blocks."))
        if not can_escalate(user, request):
            raise BoardError(_l("This request is not taking offers."))
        _escalate(user, request, deadline, reason)


def _escalate(actor, request, deadline, reason=None):
    """Send one request to all blocks with a new answer deadline; False when someone else already did."""
    with write() as db:
        changed = db.execute("update staffing_request set scope = 'national', escalated_at = ?, deadline = ?"
                             " where id = ? and scope = 'block'", [now_iso(), deadline, request.id]).rowcount
        if not changed:
            return False
        after = _requests("r.id = ?", [request.id])[0]
        audit.record(actor, "request.escalate", "request", request.id, dict(_snapshot(request), deadline=request.deadline),
                     dict(_snapshot(after), deadline=deadline, **({"reason": reason} if reason else {})))
        notify.request_escalated(after)
    return True


def escalate_overdue_requests(answer_hours=ESCALATION_ANSWER_HOURS):
    """Send every block-scope request whose deadline passed unfilled to all blocks, each with a new answer
    deadline `answer_hours` from now (other blocks never see a deadline already passed); returns those sent."""
    overdue = [r for r in _requests("r.scope = 'block' and r.state = 'open' and r.deadline < ?", [now_iso()])
               if r.status != "filled"]
    deadline = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=answer_hours)).isoformat(
        timespec="seconds")
    return [request for request in overdue if _escalate(None, request, deadline)]


def remind_deadlines(hours=24):
    """Warn requesters once when an unfilled request's deadline is less than `hours` away; returns them."""
    soon = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=hours)).isoformat(
        timespec="seconds")
    due = [r for r in _requests("r.state = 'open' and r.deadline between ? and ?", [now_iso(), soon])
           if r.status != "filled" and not notify.already_sent("deadline_near", "request", r.id)]
    for request in due:
        with write():
            notify.deadline_near(request)
    return due
