"""What the board shows at a glance: action lists, the language x day gap matrix, block overview, CSV exports."""
import datetime
import json

from ..db import get_db
from . import coverage, offers, registry
from .requests import all_requests, visible_requests

MAX_MATRIX_DAYS = 62


def gap_matrix(user, disaster_id, start=None):
    """(days, rows): per language, per day, (requested, covered) people over the requests this user can see.

    The same per-day coverage as every status; at most MAX_MATRIX_DAYS from `start`, which defaults to the first
    day still lacking people (or the first requested day when every day is covered).
    """
    requests = [r for r in visible_requests(user, disaster_id) if r.state in ("open", "closed")]
    lines = [line for request in requests for line in request.lines]
    if not lines:
        return [], []
    gaps = [line.first_gap for line in lines if line.first_gap]
    earliest, latest = min(line.start_date for line in lines), max(line.end_date for line in lines)
    first = start if start and earliest <= start <= latest else (min(gaps) if gaps else earliest)
    last = min(latest, coverage.shift(first, MAX_MATRIX_DAYS - 1))
    days = coverage.days_between(first, last)
    return days, sorted(coverage.by_language_and_day(lines, days).items())


def matrix_bounds(user, disaster_id):
    """(first, last) requested day over the requests this user can see, for paging the matrix."""
    lines = [line for r in visible_requests(user, disaster_id) if r.state in ("open", "closed") for line in r.lines]
    if not lines:
        return None, None
    return min(line.start_date for line in lines), max(line.end_date for line in lines)


def cell_class(requested, committed):
    if not requested:
        return "none"
    if committed >= requested:
        return "met"
    return "partial" if committed else "gap"


def block_overview():
    """Per block: open, filled and overdue requests, and people on site in the block now."""
    blocks = registry.blocks()
    requests = [r for r in all_requests() if r.state != "draft"]
    on_site = {row[0]: row[1] for row in get_db().execute(
        """select a.block_id, count(*) from dispatch x join staffing_request r on r.id = x.request_id
           join association a on a.id = r.association_id where x.status = 'on_site' group by a.block_id""")}
    overview = []
    for block in blocks:
        mine = [r for r in requests if r.block_id == block["id"]]
        running = [r for r in mine if r.state == "open"]
        overview.append(dict(block, open=sum(r.status in ("open", "partially_filled") for r in mine),
                             filled=sum(r.status == "filled" for r in mine), overdue=sum(r.overdue for r in mine),
                             covered=sum(r.covered for r in running), required=sum(r.required for r in running),
                             on_site=on_site.get(block["id"], 0)))
    return overview


def action_items(user):
    """What the user's association has to act on now, inbound and outbound."""
    visible = visible_requests(user)
    open_states = ("open", "partially_filled")
    mine = [r for r in visible if r.association_id == user.association_id]
    waiting = {row[0]: row[1] for row in get_db().execute(
        """select o.request_id, count(*) from offered_person p join offer o on o.id = p.offer_id
           where p.status = 'offered' group by o.request_id""")}
    my_offers = list(get_db().query(
        """select p.*, o.request_id, r.site_name, h.name_ja as host_name from offered_person p
           join offer o on o.id = p.offer_id join staffing_request r on r.id = o.request_id
           join association h on h.id = r.association_id
           where o.association_id = ? order by p.status = 'offered' desc, p.id desc limit 50""",
        [user.association_id]))
    return {
        "to_decide": [(r, waiting[r.id]) for r in mine if waiting.get(r.id) and r.status in open_states],
        "drafts": [r for r in mine if r.state == "draft"],
        "my_open": [r for r in mine if r.status in open_states],
        "can_help": [r for r in visible if r.association_id != user.association_id and r.status in open_states],
        "my_offers": my_offers,
        "my_dispatches": offers.dispatches("x.association_id = ? and x.status in ('confirmed', 'on_site')",
                                           [user.association_id]),
        # A cancelled dispatch stays in sight, with its reason, until its last day has passed.
        "cancelled_dispatches": offers.dispatches("x.association_id = ? and x.status = 'cancelled' and x.end_date >= ?",
                                                  [user.association_id, datetime.date.today().isoformat()]),
    }


def _visible_ids(user):
    return [r.id for r in visible_requests(user)]


def requests_csv(user):
    header = ("request", "disaster", "association", "block", "site_kind", "site", "tasks", "scope", "status",
              "overdue", "deadline_utc", "lines", "person_days_required", "person_days_covered",
              "first_uncovered_day", "created_at_utc")
    rows = [(r.id, r.disaster_title, r.association_name, r.block_name, r.site_kind, r.site_name, " ".join(r.tasks),
             r.scope, r.status, "yes" if r.overdue else "", r.deadline,
             "; ".join(f"{l.language} {l.task} x{l.headcount}/day {l.start_date}..{l.end_date}"
                       f" covered {l.covered}/{l.required}" for l in r.lines),
             r.required, r.covered, r.first_gap or "", r.created_at) for r in visible_requests(user)]
    return registry.csv_text(header, rows)


def offers_csv(user):
    ids = _visible_ids(user) or [0]
    rows = get_db().execute(
        f"""select o.id, o.request_id, a.name_ja, p.name, p.languages, p.available_from, p.available_to, p.status,
                   p.decision_reason, o.created_at from offered_person p join offer o on o.id = p.offer_id
            join association a on a.id = o.association_id where o.request_id in ({','.join('?' * len(ids))})
            order by o.id, p.id""", ids).fetchall()
    header = ("offer", "request", "offering_association", "person", "languages", "available_from", "available_to",
              "status", "reason", "offered_at_utc")
    return registry.csv_text(header, [(*row[:4], " ".join(json.loads(row[4])), *row[5:]) for row in rows])


def dispatches_csv(user):
    ids = _visible_ids(user) or [0]
    rows = offers.dispatches(f"x.request_id in ({','.join('?' * len(ids))})", ids)
    header = ("dispatch", "request", "person", "from_association", "to_association", "site", "language",
              "start_date", "end_date", "status", "cancel_reason")
    return registry.csv_text(header, [(d["id"], d["request_id"], d["person_name"], d["association_name"],
                                       d["host_name"], d["site_name"], d["language"], d["start_date"], d["end_date"],
                                       d["status"], d["cancel_reason"] or "") for d in rows])


def roster(user, disaster_id=None, association_id=None):
    """Dispatches the user can see, for one disaster or one association (sending or receiving)."""
    ids = _visible_ids(user) or [0]
    where, params = [f"x.request_id in ({','.join('?' * len(ids))})"], list(ids)
    if disaster_id is not None:
        where.append("r.disaster_id = ?")
        params.append(disaster_id)
    if association_id is not None:
        where.append("(x.association_id = ? or r.association_id = ?)")
        params += [association_id, association_id]
    return offers.dispatches(" and ".join(where), params)
