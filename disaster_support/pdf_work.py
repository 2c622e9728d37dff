"""Bounded PDF work: a few renders at a time per process, a short wait, and a per-address rate limit.

A PDF that is already finished (the in-memory cache, a booklet on disk) is answered without any of this;
only a render that will really run passes `admit_render()`. Whoever cannot be served soon gets a localized
"busy, try again in N seconds" page with Retry-After at once, instead of holding a worker thread while the
QR pages wait behind it.

The rate limit counts renders in SQLite, not in memory: with gunicorn -w 2 an in-memory count is per worker
(the limit would double and depend on which worker answered), and it would be forgotten at every restart.
One small write per uncached render costs nothing next to the render itself (50 ms or more).
"""
import contextlib
import datetime
import math
import threading

from flask import current_app, has_request_context, request
from flask_login import current_user
from werkzeug.exceptions import ServiceUnavailable, TooManyRequests

from .db import get_db, write
from .i18n import N_

RATE_WINDOW = datetime.timedelta(minutes=1)


class Busy(ServiceUnavailable):
    """Every render slot of this process is taken and the short queue is full (or the wait ran out)."""

    busy_message = N_("Many PDFs are being made right now. Please try again in %(seconds)s seconds.")


class RateLimited(TooManyRequests):
    """This address made its share of PDFs in the last minute."""

    busy_message = N_("You have made many PDFs in a short time. Please try again in %(seconds)s seconds.")


class RenderPool:
    """At most `size` renders at once in this process; at most `queue` more wait, each up to `wait` seconds."""

    def __init__(self, size, queue, wait):
        self.size, self.queue, self.wait = size, queue, wait
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._waiting = 0

    def retry_after(self):
        return max(1, math.ceil(self.wait))

    @contextlib.contextmanager
    def slot(self):
        """Hold one render slot for the body; raises Busy when none comes free in time."""
        if not self._slots.acquire(blocking=False):
            with self._lock:
                if self._waiting >= self.queue:
                    raise Busy(retry_after=self.retry_after())
                self._waiting += 1
            try:
                acquired = self._slots.acquire(timeout=self.wait)
            finally:
                with self._lock:
                    self._waiting -= 1
            if not acquired:
                raise Busy(retry_after=self.retry_after())
        try:
            yield
        finally:
            self._slots.release()


def render_pool(app=None):
    return (app or current_app).extensions["pdf_render_pool"]


def _since(now, window):
    return (now - window).isoformat(timespec="seconds")


def count_render(address, limit, now=None):
    """Record one render for `address`; raises RateLimited (recording nothing) when it had `limit` already."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    since = _since(now, RATE_WINDOW)
    with write(get_db()) as db:  # count and record in one transaction: two workers cannot both pass the limit
        db.execute("DELETE FROM pdf_render WHERE at <= ?", [since])
        rows = db.execute("SELECT at FROM pdf_render WHERE address = ? ORDER BY at", [address]).fetchall()
        if len(rows) >= limit:
            oldest = datetime.datetime.fromisoformat(rows[len(rows) - limit][0])
            raise RateLimited(retry_after=max(1, math.ceil((oldest + RATE_WINDOW - now).total_seconds())))
        db["pdf_render"].insert({"address": address, "at": now.isoformat(timespec="seconds")})


def _limited_client():
    """The address to count, or None for work that is not limited per client (CLI, kits, board users)."""
    if not has_request_context() or current_app.config["PDF_RATE_LIMIT"] <= 0:
        return None
    if current_user and current_user.is_authenticated:
        return None  # accountable people printing for a shelter: still bounded by the pool, never by count
    return request.remote_addr or ""


@contextlib.contextmanager
def admit_render():
    """Run the body as one uncached PDF render of a web request: rate limit first, then a pool slot.

    The render is counted when admitted to the queue, so a client turned away as Busy has used one unit too.

    Outside a request (CLI, the kit worker) the body runs as is: those are bounded elsewhere.
    """
    if not has_request_context():
        yield
        return
    address = _limited_client()
    if address is not None:
        count_render(address, current_app.config["PDF_RATE_LIMIT"])
    with render_pool().slot():
        yield


def check_rate_limit():
    """Count one unit of background work (a kit) against the client's rate limit."""
    address = _limited_client()
    if address is not None:
        count_render(address, current_app.config["PDF_RATE_LIMIT"])


def init_app(app):
    config = app.config
    app.extensions["pdf_render_pool"] = RenderPool(config["PDF_RENDERS"], config["PDF_QUEUE"],
                                                   config["PDF_WAIT_SECONDS"])
