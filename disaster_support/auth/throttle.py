"""Slowing down password guessing without letting anyone lock a named person out.

Failures are counted per (address, account) pair and per address, never per account alone: a stranger
hammering an account only slows themselves, and the owner's right password from another address still works.
Past a free allowance each further try waits twice as long as the one before (capped), instead of a lock.
Behind a reverse proxy the address is the real client's only when PROXY_HOPS is set (see security.py).
"""
import datetime
import math

from ..db import write
from ..clock import now_iso

WINDOW = datetime.timedelta(minutes=15)  # failures older than this are forgotten
FREE_PER_PAIR = 5  # tries at one account from one address before waiting starts
FREE_PER_ADDRESS = 30  # tries at any accounts from one address before waiting starts
FIRST_WAIT = 30  # seconds after the first try beyond an allowance; doubles with each further try
MAX_WAIT = int(WINDOW.total_seconds())


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


def _wait(failures, free, now):
    """Seconds still to wait after `failures` (newest first) against an allowance of `free` tries."""
    if len(failures) < free:
        return 0
    delay = min(FIRST_WAIT * 2 ** (len(failures) - free), MAX_WAIT)
    ready = datetime.datetime.fromisoformat(failures[0]) + datetime.timedelta(seconds=delay)
    return max(0, math.ceil((ready - now).total_seconds()))


def begin_attempt(email, address):
    """Count a log-in attempt before the password is checked: returns (attempt id, 0), or (None, seconds to
    wait). Counting first, in one transaction with the check, means parallel guesses cannot all slip through;
    `attempt_succeeded` takes the count back."""
    now = _now()
    since = (now - WINDOW).isoformat(timespec="seconds")
    with write() as db:
        db.execute("delete from login_failure where at <= ?", [since])
        pair = [row[0] for row in db.execute(
            "select at from login_failure where address = ? and email = ? order by at desc", [address, email])]
        anywhere = [row[0] for row in db.execute(
            "select at from login_failure where address = ? order by at desc", [address])]
        wait = max(_wait(pair, FREE_PER_PAIR, now), _wait(anywhere, FREE_PER_ADDRESS, now))
        if wait:
            return None, wait
        attempt = db["login_failure"].insert({"email": email, "address": address, "at": now_iso()}).last_pk
    return attempt, 0


def attempt_succeeded(email, address):
    """The right password: forget this pair's failures (only this address's, so a guesser gains nothing)."""
    with write() as db:
        db.execute("delete from login_failure where email = ? and address = ?", [email, address])
