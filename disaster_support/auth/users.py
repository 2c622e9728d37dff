"""Accounts of association staff: passwords, roles, throttled log-in and invitations."""
import datetime
import hashlib
import secrets
from dataclasses import dataclass

from flask import current_app
from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from ..db import get_db, write
from ..clock import now_iso
from . import throttle

ROLES = ("member", "coordinator", "secretariat")
MIN_PASSWORD = 12
INVITATION_DAYS = 7
_DUMMY_HASHES = {}  # per method: checked when the e-mail is unknown, so a wrong address costs as long as a
#                   wrong password


def hash_password(password):
    """The password's hash by the configured method (scrypt; the tests configure a cheap one)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH"])


def _dummy_hash():
    method = current_app.config["PASSWORD_HASH"]
    if method not in _DUMMY_HASHES:
        _DUMMY_HASHES[method] = hash_password("not a password")
    return _DUMMY_HASHES[method]


class AccountError(ValueError):
    """An account cannot be created as asked; the message says why."""


class TooManyAttempts(Exception):
    """Too many failed log-ins from this address: try again in `retry_after` seconds."""

    def __init__(self, retry_after):
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass(frozen=True)
class User(UserMixin):
    id: int
    email: str
    name: str
    role: str
    association_id: int
    block_id: int
    association_name: str
    language: str
    is_chair: bool  # a coordinator of the association chairing its block this year

    @property
    def is_secretariat(self):
        return self.role == "secretariat"

    @property
    def can_act(self):
        """Coordinators and the secretariat act; members only read."""
        return self.role in ("coordinator", "secretariat")


_USER_SQL = """
    select u.id, u.email, u.name, u.role, u.association_id, a.block_id, a.name_ja, u.language,
           (b.chair_association_id = u.association_id) as chair
    from user u join association a on a.id = u.association_id join block b on b.id = a.block_id
    where u.active = 1 and {where}
"""


def _user(row):
    if row is None:
        return None
    uid, email, name, role, association_id, block_id, association_name, language, chair = row
    return User(uid, email, name, role, association_id, block_id, association_name, language,
                bool(chair) and role == "coordinator")


def load_user(user_id):
    """The active user with this id, or None (the session of a deactivated user ends)."""
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        return None
    return _user(get_db().execute(_USER_SQL.format(where="u.id = ?"), [user_id]).fetchone())


def users_of(association_ids=None, roles=("coordinator", "secretariat")):
    """Active users of the given associations (all when None) with one of the roles."""
    where = f"u.role in ({','.join('?' * len(roles))})"
    params = list(roles)
    if association_ids is not None:
        where += f" and u.association_id in ({','.join('?' * len(association_ids)) or 'null'})"
        params += list(association_ids)
    return [_user(row) for row in get_db().execute(_USER_SQL.format(where=where), params).fetchall()]


def normalize_email(email):
    return (email or "").strip().lower()


def create_user(email, name, role, association_id, password, language="ja"):
    """Create an account; raises AccountError when the e-mail is taken or a value is not allowed."""
    email = normalize_email(email)
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if "@" not in email:
        raise AccountError("e-mail address needed")
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"password needs at least {MIN_PASSWORD} characters")
    password_hash = hash_password(password)  # slow: hashed before the write lock is taken
    with write() as db:
        if not db["association"].count_where("id = ?", [association_id]):
            raise AccountError("unknown association")
        if db["user"].count_where("email = ?", [email]):
            raise AccountError(f"{email} already has an account")
        db["user"].insert({"email": email, "name": name.strip(), "password_hash": password_hash,
                           "role": role, "association_id": association_id, "language": language, "active": 1,
                           "created_at": now_iso()})
        user_id = db.execute("select id from user where email = ?", [email]).fetchone()[0]
    return load_user(user_id)


def authenticate(email, password, address):
    """The user when the e-mail and password match, else None; raises TooManyAttempts when this address must
    wait first (then the password is not even checked)."""
    email = normalize_email(email)
    _attempt, wait = throttle.begin_attempt(email, address)
    if wait:
        raise TooManyAttempts(wait)
    row = get_db().execute("select id, password_hash from user where email = ? and active = 1", [email]).fetchone()
    if not check_password_hash(row[1] if row else _dummy_hash(), password or "") or row is None:
        return None
    throttle.attempt_succeeded(email, address)
    return load_user(row[0])


def change_password(user, current, new, address):
    """Replace the user's password once the current one is proven (throttled like a log-in).

    Raises AccountError when the current password is wrong, TooManyAttempts when this address must wait.
    """
    if authenticate(user.email, current, address) is None:
        raise AccountError("current password not right")
    password_hash = hash_password(new)
    with write() as db:
        db.execute("update user set password_hash = ? where id = ?", [password_hash, user.id])


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def create_invitation(email, role, association_id, invited_by):
    """Store an invitation (only its hash) and return the secret token for the link."""
    email = normalize_email(email)
    token = secrets.token_urlsafe(24)
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=INVITATION_DAYS)
    with write() as db:
        if db["user"].count_where("email = ?", [email]):
            raise AccountError(f"{email} already has an account")
        db["invitation"].insert({"token_hash": _hash(token), "email": email, "role": role,
                                 "association_id": association_id, "created_by": invited_by,
                                 "created_at": now_iso(), "expires_at": expires.isoformat(timespec="seconds")})
    return token


def find_invitation(token):
    """The unused, unexpired invitation for this token, as a dict, or None."""
    rows = list(get_db().query(
        "select i.*, a.name_ja as association_name from invitation i join association a on a.id = i.association_id"
        " where token_hash = ? and used_at is null and expires_at > ?", [_hash(token or ""), now_iso()]))
    return rows[0] if rows else None  # columns by name: a column a migration adds cannot shift the others


def accept_invitation(token, name, password, language):
    """Create the invited account in one transaction; the invitation cannot be used twice."""
    db = get_db()
    with write(db):
        invitation = find_invitation(token)
        if invitation is None:
            raise AccountError("invitation not valid")
        user = create_user(invitation["email"], name, invitation["role"], invitation["association_id"], password,
                           language)
        db.execute("update invitation set used_at = ? where token_hash = ?", [now_iso(), invitation["token_hash"]])
    return user


def pending_invitations():
    return list(get_db().query(
        "select i.email, i.role, a.name_ja as association, i.expires_at from invitation i"
        " join association a on a.id = i.association_id"
        " where used_at is null and expires_at > ? order by i.created_at desc", [now_iso()]))
