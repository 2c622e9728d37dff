"""A browser known by a short random cookie id, so what it printed can be listed again without an account.

The cookie holds only the id (22 characters, whatever is printed); the database keeps only the id's hash,
so neither the cookie nor the database alone gives away an edit link.
"""
import datetime
import hashlib
import re
import secrets

from flask import current_app, g, request

from .db import write

COOKIE = "device"
LIFETIME = 365 * 24 * 60 * 60  # a year; renewed whenever the device prints
_DEVICE_ID = re.compile(r"[A-Za-z0-9_-]{22}")


def _hash(device_id):
    return hashlib.sha256(device_id.encode()).hexdigest()


def _device_id():
    if g.get("device_id"):
        return g.device_id
    value = request.cookies.get(COOKIE, "")
    return value if _DEVICE_ID.fullmatch(value) else None


def current_device_hash():
    """This browser's device hash, or None when it has no device cookie (nothing is created)."""
    device_id = _device_id()
    return _hash(device_id) if device_id else None


def ensure_device_hash():
    """This browser's device hash; the device is recorded, and its cookie sent with the response, if needed."""
    device_id = _device_id() or secrets.token_urlsafe(16)
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    with write() as db:
        db.execute("INSERT OR IGNORE INTO device (id_hash, created_at) VALUES (?, ?)", [_hash(device_id), now])
    g.device_id = device_id
    return _hash(device_id)


def _send_cookie(response):
    device_id = g.get("device_id")
    if device_id:
        response.set_cookie(COOKIE, device_id, max_age=LIFETIME, httponly=True, samesite="Lax",
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def init_app(app):
    app.after_request(_send_cookie)
