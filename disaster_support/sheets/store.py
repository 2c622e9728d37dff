"""Printed sheets in the database: a public QR code, a secret edit token, and the fill-in values.

An edit token is derived, not stored: HMAC(SECRET_KEY, code + per-sheet salt). The server can show the link
again to whoever printed the sheet, and the database alone reveals no token. Sheets printed before this
kept a random token of which only the hash is stored; `edit_token_hash` still lets those links in.
"""
import base64
import datetime
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from flask import current_app

from ..clock import now_iso
from ..db import get_db, write

CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: readable when typed from paper
CODE_LENGTH = 10  # 31**10 ≈ 8e14: not guessable by scanning
TOKEN_LENGTH = 32  # 192 bits of the HMAC
PAGE_SIZE = 50  # sheets per page of "Sheets I printed"
MAX_CLAIMS = 500  # an old session never held more than ~80 edit links


@dataclass(frozen=True)
class PrintedSheet:
    code: str
    kind: str
    item_id: str
    languages: tuple
    size: str
    orientation: str
    values: dict
    shelter: str
    created_at: str
    updated_at: str | None  # set when the values were changed after printing
    last_scanned_at: str | None = None  # the QR page was last opened (kept to the day), for retention
    edit_salt: str | None = None  # None: printed before edit links were derived, and not claimed since

    @property
    def changed(self):
        return self.updated_at is not None


@dataclass(frozen=True)
class Owner:
    """Whoever printed: an account, a device (the hash of its cookie id), or, when reading, both."""
    user_id: int | None = None
    device_hash: str | None = None


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def derive_token(code, salt):
    """The edit token of a sheet: only the server, holding SECRET_KEY, can compute it."""
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    digest = hmac.new(key, f"sheet-edit:{code}:{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:TOKEN_LENGTH]


def edit_token(printed):
    """The edit token to show its owner, or None for an old sheet nobody has claimed."""
    return derive_token(printed.code, printed.edit_salt) if printed.edit_salt else None


def _from_row(row):
    return PrintedSheet(row["code"], row["kind"], row["item_id"], tuple(json.loads(row["languages"])), row["size"],
                        row["orientation"], json.loads(row["fill_values"]), row["shelter"], row["created_at"],
                        row["updated_at"], row["last_scanned_at"], row["edit_salt"])


def create_printed_sheet(kind, item_id, languages, size, orientation, values, shelter, owner=None):
    """Store a new printed sheet for `owner` (an Owner, or None from the command line); returns (sheet, edit token).

    The token's hash is stored too, so the link keeps working if SECRET_KEY is ever replaced."""
    db = get_db()
    owner = owner or Owner()
    salt = secrets.token_urlsafe(12)
    row = {
        "kind": kind, "item_id": item_id, "languages": json.dumps(list(languages)), "size": size,
        "orientation": orientation, "fill_values": json.dumps(values, ensure_ascii=False), "shelter": shelter,
        "created_at": now_iso(), "updated_at": None, "last_scanned_at": None, "edit_salt": salt,
        "owner_user_id": owner.user_id, "owner_device_hash": None if owner.user_id else owner.device_hash,
    }
    with write(db):
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if not db.execute("SELECT 1 FROM printed_sheet WHERE code = ?", [code]).fetchone():
                break
        token = derive_token(code, salt)
        db["printed_sheet"].insert({"code": code, "edit_token_hash": _hash(token), **row})
    return find_printed_sheet(code), token


def find_printed_sheet(code):
    rows = list(get_db().query("SELECT * FROM printed_sheet WHERE code = ?", [code]))
    return _from_row(rows[0]) if rows else None


def token_matches(code, token):
    """Whether `token` opens the edit page of sheet `code` (compared in constant time)."""
    if not token or len(token) > 200:
        return False
    rows = list(get_db().query("SELECT edit_token_hash, edit_salt FROM printed_sheet WHERE code = ?", [code]))
    if not rows:
        return False
    given = token.encode()
    if hmac.compare_digest(rows[0]["edit_token_hash"].encode(), _hash(token).encode()):
        return True
    salt = rows[0]["edit_salt"]
    return bool(salt) and hmac.compare_digest(derive_token(code, salt).encode(), given)


def _owned_clause(owner):
    return "(owner_user_id = ? OR owner_device_hash = ?)", [owner.user_id, owner.device_hash]


def is_owned_by(code, owner):
    """Whether `owner` (account or device) printed or claimed sheet `code`."""
    clause, params = _owned_clause(owner)
    return bool(get_db().execute(f"SELECT 1 FROM printed_sheet WHERE code = ? AND {clause}", [code, *params]).fetchone())


def sheets_printed_by(owner, page=0):
    """One page of the sheets `owner` printed, newest first; returns (sheets, whether older ones exist)."""
    clause, params = _owned_clause(owner)
    rows = list(get_db().query(
        f"SELECT * FROM printed_sheet WHERE {clause} ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?",
        [*params, PAGE_SIZE + 1, page * PAGE_SIZE]))
    return [_from_row(row) for row in rows[:PAGE_SIZE]], len(rows) > PAGE_SIZE


def claim_printed_sheets(tokens, owner):
    """Give `owner` the sheets of {code: edit token} whose token is right and that nobody owns yet; returns
    how many. Each gets a salt, so its link can be listed; the old token keeps working through its hash."""
    claimed = 0
    with write() as db:
        for code, token in list(tokens.items())[:MAX_CLAIMS]:
            if not (isinstance(code, str) and isinstance(token, str) and token_matches(code, token)):
                continue
            claimed += db.execute(
                "UPDATE printed_sheet SET owner_user_id = ?, owner_device_hash = ?, edit_salt = coalesce(edit_salt, ?) "
                "WHERE code = ? AND owner_user_id IS NULL AND owner_device_hash IS NULL",
                [owner.user_id, None if owner.user_id else owner.device_hash, secrets.token_urlsafe(12), code],
            ).rowcount
    return claimed


def update_values(code, values):
    """Change the fill-ins of a printed sheet (the QR page shows them from now on)."""
    with write() as db:
        db["printed_sheet"].update(code, {"fill_values": json.dumps(values, ensure_ascii=False), "updated_at": now_iso()})
    return find_printed_sheet(code)


SCAN_PRECISION = datetime.timedelta(days=1)


def note_scan(printed):
    """Remember that the sheet's QR page was opened, at most once a day, so retention keeps sheets in use.

    The stored time is checked first without a write, so the QR page takes the write lock once a day per sheet;
    the UPDATE checks again inside the transaction.
    """
    now = datetime.datetime.now(datetime.timezone.utc)
    day_ago = (now - SCAN_PRECISION).isoformat(timespec="seconds")
    if printed.last_scanned_at is not None and printed.last_scanned_at > day_ago:
        return
    with write() as db:
        db.execute("UPDATE printed_sheet SET last_scanned_at = ? WHERE code = ? "
                   "AND (last_scanned_at IS NULL OR last_scanned_at <= ?)",
                   [now.isoformat(timespec="seconds"), printed.code, day_ago])
