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
