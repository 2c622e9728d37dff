"""Kits built in the background: one printed sheet (with its own QR code) per sign, one PDF for all,
and progress the waiting page can show.

Each process renders one kit at a time on one worker thread and keeps at most KIT_QUEUE kits waiting or
rendering; a kit beyond that is refused with a busy page before anything is saved.
"""
import concurrent.futures
import datetime
import json
import secrets
import threading
from pathlib import Path

from flask import current_app

from ..db import connect, get_db, write
from ..pdf_work import Busy, check_rate_limit
from . import store
from .kits import kit_requests
from .render import render_sheets_pdf
from ..clock import now_iso

KIT_RETRY_AFTER = 15  # seconds: a few kits of 20 sheets


class KitQueue:
    """One worker thread per process for kits, and a cap on the kits waiting for it."""

    def __init__(self, limit):
        self.limit = limit
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="kit")
        self._lock = threading.Lock()
        self._pending = 0

    def reserve(self):
        """Take a place in the queue, or raise Busy when all places are taken."""
        with self._lock:
            if self._pending >= self.limit:
                raise Busy(retry_after=KIT_RETRY_AFTER)
            self._pending += 1

    def release(self):
        with self._lock:
            self._pending -= 1

    def submit(self, function, *args):
        """Run `function` on the kit thread in a place taken by reserve(); the place is freed when it ends."""
        future = self._executor.submit(function, *args)
        future.add_done_callback(lambda _future: self.release())
        return future


def kit_queue(app=None):
    return (app or current_app).extensions["kit_queue"]


def kit_folder(app):
    folder = Path(app.instance_path) / "kits"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def start_kit(kit_name, title, sign_ids, codes, size, orientation, qr_url_for, owner=None, values=None):
    """Create the printed sheets (belonging to `owner`, with the `values` typed once for the kit: {sign id:
    {field: value}}) and the job, queue the rendering; returns the job id.

    Raises RateLimited or Busy (and saves nothing) when this client or this process has too much work.
    """
    check_rate_limit()
    queue = kit_queue()
    queue.reserve()
    try:
        job_id, printed_codes = _create_job(kit_name, sign_ids, codes, size, orientation, owner, values or {})
    except BaseException:
        queue.release()
        raise
    requests = kit_requests(sign_ids, codes, size, orientation, [qr_url_for(code) for code in printed_codes], values)
    queue.submit(_build, current_app._get_current_object(), job_id, requests, title)
    return job_id


def _create_job(kit_name, sign_ids, codes, size, orientation, owner, values):
    printed_codes = []
    job_id = secrets.token_urlsafe(12)
    with write() as db:
        for sign_id in sign_ids:
            printed, _token = store.create_printed_sheet("sign", sign_id, codes, size, orientation,
                                                         values.get(sign_id, {}), "", owner)
            printed_codes.append(printed.code)
        now = now_iso()
        db["kit_job"].insert({
            "id": job_id, "kit": kit_name, "languages": json.dumps(codes), "size": size, "orientation": orientation,
            "sheet_codes": json.dumps(printed_codes), "total": len(sign_ids), "done": 0, "status": "running",
            "error": "", "created_at": now, "updated_at": now,
        })
    return job_id, printed_codes


def _build(app, job_id, requests, title):
    with app.app_context():
        db = connect(app.config["DATABASE"])
        done = 0

        def update(**values):
            with write(db):
                db["kit_job"].update(job_id, {**values, "updated_at": now_iso()})

        def progress(count):
            nonlocal done
            done += count
            update(done=min(done, len(requests)))

        try:
            update(done=0)  # started: the time of progress tells a live job from one a dead process left
            data = render_sheets_pdf(requests, title, progress=progress)
            (kit_folder(app) / f"{job_id}.pdf").write_bytes(data)
            update(status="done", done=len(requests))
        except Exception as exc:  # the waiting page must learn that it failed
            app.logger.exception("kit %s failed", job_id)
            update(status="failed", error=type(exc).__name__)
        finally:
            db.close()


def stale_before(config, now=None):
    """The progress time before which a running kit counts as interrupted (its process is gone)."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return (now - datetime.timedelta(minutes=config["KIT_STALE_MINUTES"])).isoformat(timespec="seconds")


def find_job(job_id):
    """The job, its status "interrupted" when it has been running without progress for too long."""
    rows = list(get_db().query("SELECT * FROM kit_job WHERE id = ?", [job_id]))
    if not rows:
        return None
    job = dict(rows[0])
    job["languages"] = json.loads(job["languages"])
    job["sheet_codes"] = json.loads(job["sheet_codes"])
    if job["status"] == "running" and (job["updated_at"] or job["created_at"]) < stale_before(current_app.config):
        job["status"] = "interrupted"
    return job


def job_pdf_path(job_id):
    return kit_folder(current_app) / f"{job_id}.pdf"


def init_app(app):
    app.extensions["kit_queue"] = KitQueue(app.config["KIT_QUEUE"])
