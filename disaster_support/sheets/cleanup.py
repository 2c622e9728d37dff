"""`flask cleanup`: kits left running by a dead process, old kits and their PDFs, printed sheets nobody uses.

Printed sheets are kept while they are in use: a sheet is deleted only when it was not printed, scanned
(its QR page opened) or edited for PRINTED_RETENTION_DAYS, since a sign on a wall may be read for months.
"""
import datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from ..db import get_db, write
from .kit_jobs import kit_folder, stale_before


def _before(now, **delta):
    return (now - datetime.timedelta(**delta)).isoformat(timespec="seconds")


def mark_interrupted_kits(now):
    """Running kits without progress for KIT_STALE_MINUTES: their process is gone; returns how many."""
    with write(get_db()) as db:
        cursor = db.execute("UPDATE kit_job SET status = 'interrupted', updated_at = ? WHERE status = 'running' "
                            "AND coalesce(updated_at, created_at) < ?",
                            [now.isoformat(timespec="seconds"), stale_before(current_app.config, now)])
        return cursor.rowcount


def delete_old_kits(now):
    """Kit jobs and kit PDFs older than KIT_RETENTION_DAYS; returns (jobs deleted, files deleted)."""
    days = current_app.config["KIT_RETENTION_DAYS"]
    cutoff = _before(now, days=days)
    with write(get_db()) as db:
        jobs = db.execute("DELETE FROM kit_job WHERE created_at < ?", [cutoff]).rowcount
        kept = {row[0] for row in db.execute("SELECT id FROM kit_job")}
    files = 0
    oldest_kept = (now - datetime.timedelta(days=days)).timestamp()
    for path in kit_folder(current_app).glob("*.pdf"):  # also PDFs whose job is gone, once they are old
        if path.stem not in kept and path.stat().st_mtime < oldest_kept:
            path.unlink(missing_ok=True)
            files += 1
    return jobs, files


def delete_unused_printed_sheets(now):
    """Printed sheets not printed, scanned or edited for PRINTED_RETENTION_DAYS; returns how many."""
    cutoff = _before(now, days=current_app.config["PRINTED_RETENTION_DAYS"])
    with write(get_db()) as db:
        return db.execute("DELETE FROM printed_sheet WHERE max(created_at, coalesce(updated_at, ''), "
                          "coalesce(last_scanned_at, '')) < ?", [cutoff]).rowcount


def forget_old_renders(now):
    """Rate-limit counts older than a day (each render prunes its own minute; this catches quiet days)."""
    with write(get_db()) as db:
        return db.execute("DELETE FROM pdf_render WHERE at < ?", [_before(now, days=1)]).rowcount


@click.command("cleanup")
@with_appcontext
def cleanup_command():
    """Mark kits whose process died as interrupted and delete old kits and unused printed sheets.

    Kits (jobs and PDFs) are kept KIT_RETENTION_DAYS; printed sheets are kept until nobody printed,
    scanned or edited them for PRINTED_RETENTION_DAYS. Run it daily from cron.

    Example: flask --app wsgi cleanup
    """
    now = datetime.datetime.now(datetime.timezone.utc)
    config = current_app.config
    interrupted = mark_interrupted_kits(now)
    jobs, files = delete_old_kits(now)
    sheets = delete_unused_printed_sheets(now)
    forget_old_renders(now)
    click.echo(f"Marked {interrupted} kit(s) interrupted (running without progress for "
               f"{config['KIT_STALE_MINUTES']} minutes).")
    click.echo(f"Deleted {jobs} kit job(s) and {files} kit PDF(s) older than {config['KIT_RETENTION_DAYS']} days.")
    click.echo(f"Deleted {sheets} printed sheet(s) not printed, scanned or edited for "
               f"{config['PRINTED_RETENTION_DAYS']} days.")
