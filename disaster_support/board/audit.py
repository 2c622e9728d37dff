"""The append-only audit log: who changed what, when, with the state before and after."""
import json

from ..db import get_db
from ..clock import now_iso


def record(actor, action, subject_type, subject_id, before=None, after=None):
    """Append one entry; `actor` is the acting user or None for the scheduler."""
    get_db()["audit_log"].insert({
        "at": now_iso(),
        "actor_id": actor.id if actor else None,
        "actor": f"{actor.name} ({actor.association_name})" if actor else "scheduler",
        "action": action,
        "subject_type": subject_type,
        "subject_id": str(subject_id),
        "before": json.dumps(before, ensure_ascii=False, sort_keys=True) if before is not None else None,
        "after": json.dumps(after, ensure_ascii=False, sort_keys=True) if after is not None else None,
    })


def request_history(request_id):
    """Everything that happened to a staffing request and its offers and dispatches, oldest first."""
    rows = get_db().query(
        """select * from audit_log where (subject_type = 'request' and subject_id = :rid)
             or (subject_type = 'offer' and subject_id in (select cast(id as text) from offer where request_id = :rid))
             or (subject_type = 'dispatch'
                 and subject_id in (select cast(id as text) from dispatch where request_id = :rid))
           order by id""", {"rid": str(request_id)})
    return [dict(row, before=json.loads(row["before"]) if row["before"] else None,
                 after=json.loads(row["after"]) if row["after"] else None) for row in rows]
