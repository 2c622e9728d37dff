"""Schema migrations. Append new ones at the end; never edit one that has been applied."""
from sqlite_utils.migrations import Migrations

migrations = Migrations("disaster_support")


@migrations()
def m001_audit_log(db):
    db["audit_log"].create(
        {
            "id": int,
            "at": str,
            "actor_id": int,
            "actor": str,
            "action": str,
            "subject_type": str,
            "subject_id": str,
            "before": str,
            "after": str,
        },
        pk="id",
        not_null={"at", "action", "subject_type"},
    )
    db["audit_log"].create_index(["subject_type", "subject_id"])
    # The audit log is append-only: the database itself refuses to change or remove an entry.
    db.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )


@migrations()
def m002_printed_sheets(db):
    # A printed sign or notice: its public QR code, the hash of its secret edit token, and its fill-ins.
    db["printed_sheet"].create(
        {
            "code": str,
            "edit_token_hash": str,
            "kind": str,
            "item_id": str,
            "languages": str,
            "size": str,
            "orientation": str,
            "fill_values": str,
            "shelter": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="code",
        not_null={"edit_token_hash", "kind", "item_id", "languages", "created_at"},
    )


@migrations()
def m003_kit_jobs(db):
    # A kit being rendered in the background: progress for the page that waits for it.
    db["kit_job"].create(
        {"id": str, "kit": str, "languages": str, "size": str, "orientation": str, "sheet_codes": str,
         "total": int, "done": int, "status": str, "error": str, "created_at": str},
        pk="id",
        not_null={"languages", "sheet_codes", "total", "done", "status", "created_at"},
    )
