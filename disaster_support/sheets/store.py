"""Printed sheets in the database: a public QR code, a secret edit token, and the fill-in values."""
import datetime
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from ..db import get_db, write

CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: readable when typed from paper
CODE_LENGTH = 10  # 31**10 ≈ 8e14: not guessable by scanning


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

    @property
    def changed(self):
        return self.updated_at is not None


def now_iso():
    """The current UTC time as stored in the database."""
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _from_row(row):
    return PrintedSheet(row["code"], row["kind"], row["item_id"], tuple(json.loads(row["languages"])), row["size"],
                        row["orientation"], json.loads(row["fill_values"]), row["shelter"], row["created_at"],
                        row["updated_at"], row["last_scanned_at"])


def create_printed_sheet(kind, item_id, languages, size, orientation, values, shelter):
    """Store a new printed sheet; returns (sheet, edit_token). Only the token's hash is kept."""
    db = get_db()
    token = secrets.token_urlsafe(24)
    now = now_iso()
    row = {
        "kind": kind, "item_id": item_id, "languages": json.dumps(list(languages)), "size": size,
        "orientation": orientation, "fill_values": json.dumps(values, ensure_ascii=False), "shelter": shelter,
        "created_at": now, "updated_at": None, "last_scanned_at": None, "edit_token_hash": _hash(token),
    }
    with write(db):
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if not db.execute("SELECT 1 FROM printed_sheet WHERE code = ?", [code]).fetchone():
                break
        db["printed_sheet"].insert({"code": code, **row})
    return find_printed_sheet(code), token


def find_printed_sheet(code):
    rows = list(get_db().query("SELECT * FROM printed_sheet WHERE code = ?", [code]))
    return _from_row(rows[0]) if rows else None


def token_matches(code, token):
    rows = list(get_db().query("SELECT edit_token_hash FROM printed_sheet WHERE code = ?", [code]))
    return bool(rows and token) and hmac.compare_digest(rows[0]["edit_token_hash"], _hash(token))


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
