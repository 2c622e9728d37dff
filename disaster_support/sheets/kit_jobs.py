"""Kits built in the background: one printed sheet (with its own QR code) per sign, one PDF for all,
and progress the waiting page can show."""
import json
import secrets
import threading
from pathlib import Path

from flask import current_app

from ..db import connect, get_db, write
from . import store
from .kits import kit_requests
from .render import render_sheets_pdf
from .store import now_iso


def kit_folder(app):
    folder = Path(app.instance_path) / "kits"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def start_kit(kit_name, title, sign_ids, codes, size, orientation, qr_url_for, owner=None):
    """Create the printed sheets (belonging to `owner`) and the job, start rendering; returns the job id."""
    printed_codes = []
    job_id = secrets.token_urlsafe(12)
    with write() as db:
        for sign_id in sign_ids:
            printed, _token = store.create_printed_sheet("sign", sign_id, codes, size, orientation, {}, "", owner)
            printed_codes.append(printed.code)
        db["kit_job"].insert({
            "id": job_id, "kit": kit_name, "languages": json.dumps(codes), "size": size, "orientation": orientation,
            "sheet_codes": json.dumps(printed_codes), "total": len(sign_ids), "done": 0, "status": "running",
            "error": "", "created_at": now_iso(),
        })
    requests = kit_requests(sign_ids, codes, size, orientation, [qr_url_for(code) for code in printed_codes])
    app = current_app._get_current_object()
    thread = threading.Thread(target=_build, args=(app, job_id, requests, title), daemon=True)
    thread.start()
    return job_id


def _build(app, job_id, requests, title):
    with app.app_context():
        db = connect(app.config["DATABASE"])
        done = 0

        def progress(count):
            nonlocal done
            done += count
            with write(db):
                db["kit_job"].update(job_id, {"done": min(done, len(requests))})

        try:
            data = render_sheets_pdf(requests, title, progress=progress)
            (kit_folder(app) / f"{job_id}.pdf").write_bytes(data)
            with write(db):
                db["kit_job"].update(job_id, {"status": "done", "done": len(requests)})
        except Exception as exc:  # the waiting page must learn that it failed
            app.logger.exception("kit %s failed", job_id)
            with write(db):
                db["kit_job"].update(job_id, {"status": "failed", "error": type(exc).__name__})
        finally:
            db.close()


def find_job(job_id):
    rows = list(get_db().query("SELECT * FROM kit_job WHERE id = ?", [job_id]))
    if not rows:
        return None
    job = dict(rows[0])
    job["languages"] = json.loads(job["languages"])
    job["sheet_codes"] = json.loads(job["sheet_codes"])
    return job


def job_pdf_path(job_id):
    return kit_folder(current_app) / f"{job_id}.pdf"
