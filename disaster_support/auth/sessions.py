"""Server-side log-in sessions: a signed cookie alone cannot be taken back, a row in `login_session` can.

The session cookie carries a random id; the table keeps its SHA-256 hash, the user, and when it started, was
last seen and ended. A session counts only while its row is open, its user active and it is not too old.
"""
import datetime
import hashlib
import secrets

from ..db import get_db, write
from ..clock import now_iso

MAX_AGE = datetime.timedelta(days=31)  # log in again at least monthly, whatever the cookie says
IDLE = datetime.timedelta(days=7)  # unused for a week: ended
SEEN_EVERY = datetime.timedelta(minutes=5)  # last_seen_at is written at most this often, not on every request


def _hash(session_id):
    return hashlib.sha256(session_id.encode()).hexdigest()


def _ago(delta):
    return (datetime.datetime.now(datetime.timezone.utc) - delta).isoformat(timespec="seconds")


def start_session(user_id):
    """Open a session for the user and return its secret id, for the cookie only."""
    session_id = secrets.token_urlsafe(32)
    now = now_iso()
    with write() as db:
        db.execute("delete from login_session where created_at < ?", [_ago(MAX_AGE)])
        db["login_session"].insert({"id_hash": _hash(session_id), "user_id": user_id, "created_at": now,
                                    "last_seen_at": now, "ended_at": None})
    return session_id


def session_user_id(session_id):
    """The user id of this open, recent session of an active user, or None; notes that it was seen."""
    if not session_id or not isinstance(session_id, str):
        return None
    id_hash = _hash(session_id)
    row = get_db().execute(
        "select s.user_id, s.last_seen_at from login_session s join user u on u.id = s.user_id"
        " where s.id_hash = ? and s.ended_at is null and u.active = 1 and s.created_at > ? and s.last_seen_at > ?",
        [id_hash, _ago(MAX_AGE), _ago(IDLE)]).fetchone()
    if row is None:
        return None
    if row[1] < _ago(SEEN_EVERY):
        with write() as db:
            db.execute("update login_session set last_seen_at = ? where id_hash = ?", [now_iso(), id_hash])
    return row[0]


def end_session(session_id):
    """Log-out: this session ends, wherever its cookie has been copied to."""
    if session_id:
        with write() as db:
            db.execute("update login_session set ended_at = ? where id_hash = ? and ended_at is null",
                       [now_iso(), _hash(session_id)])


def end_other_sessions(user_id, keep_session_id=None):
    """End every open session of the user except `keep_session_id` (the one changing the password)."""
    with write() as db:
        db.execute("update login_session set ended_at = ? where user_id = ? and ended_at is null and id_hash != ?",
                   [now_iso(), user_id, _hash(keep_session_id or "")])
