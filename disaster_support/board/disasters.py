"""Disasters and the affected associations' support centers."""
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import Forbidden, NotFound

from ..db import get_db, write
from ..clock import now_iso
from . import audit

DISASTER_KINDS = {"earthquake": _l("Earthquake"), "tsunami": _l("Tsunami"), "flood": _l("Flood"),
                  "typhoon": _l("Typhoon"), "landslide": _l("Landslide"), "volcano": _l("Volcanic eruption"),
                  "snow": _l("Heavy snow"), "other": _l("Another kind of disaster")}

def disasters():
    return list(get_db().query(
        """select d.*, a.name_ja as association_name from disaster d
           join association a on a.id = d.affected_association_id order by d.started_on desc, d.id desc"""))


def get_disaster(disaster_id):
    rows = list(get_db().query(
        "select d.*, a.name_ja as association_name from disaster d"
        " join association a on a.id = d.affected_association_id where d.id = ?", [disaster_id]))
    if not rows:
        raise NotFound()
    return rows[0]


def open_disaster(user, title, kind, started_on, affected_association_id):
    """The secretariat opens a disaster for any association; a coordinator only for their own."""
    if not user.can_act or (not user.is_secretariat and affected_association_id != user.association_id):
        raise Forbidden()
    db = get_db()
    with write(db):
        disaster_id = db["disaster"].insert({
            "title": title, "kind": kind, "started_on": started_on, "affected_association_id": affected_association_id,
            "status": "active", "created_by": user.id, "created_at": now_iso()}).last_pk
        audit.record(user, "disaster.open", "disaster", disaster_id, None,
                     {"title": title, "kind": kind, "started_on": started_on})
    return disaster_id


def support_centers(disaster_id):
    return list(get_db().query(
        "select c.*, a.name_ja as association_name from support_center c"
        " join association a on a.id = c.association_id where c.disaster_id = ? order by c.id", [disaster_id]))


def save_support_center(user, disaster_id, place, hours, phone):
    """The affected association (or the secretariat for it) records its multilingual support center."""
    disaster = get_disaster(disaster_id)
    association_id = disaster["affected_association_id"]
    if not user.can_act or (not user.is_secretariat and user.association_id != association_id):
        raise Forbidden()
    db = get_db()
    values = {"place": place, "hours": hours, "phone": phone}
    with write(db):
        existing = next(iter(db.query("select * from support_center where disaster_id = ? and association_id = ?",
                                      [disaster_id, association_id])), None)
        if existing:
            db["support_center"].update(existing["id"], dict(values, updated_at=now_iso()))
            before = {key: existing[key] for key in values}
        else:
            db["support_center"].insert(dict(values, disaster_id=disaster_id, association_id=association_id,
                                             updated_at=now_iso()))
            before = None
        audit.record(user, "support_center.save", "disaster", disaster_id, before, values)
