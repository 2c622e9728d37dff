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


@migrations()
def m004_board(db):
    """The coordination board: registry, accounts, disasters, requests, offers, dispatches, outbox."""
    db["block"].create({"id": int, "name": str, "chair_association_id": int}, pk="id", not_null={"name"})
    db["block"].create_index(["name"], unique=True)
    db["association"].create(
        {"id": int, "jurisdiction": str, "jurisdiction_type": str, "name_ja": str, "block_id": int,
         "name_source": str, "block_source": str},
        pk="id", not_null={"jurisdiction", "jurisdiction_type", "name_ja", "block_id"},
        foreign_keys=[("block_id", "block", "id")],
    )
    db["association"].create_index(["jurisdiction"], unique=True)
    db["user"].create(
        {"id": int, "email": str, "name": str, "password_hash": str, "role": str, "association_id": int,
         "language": str, "active": int, "created_at": str},
        pk="id", not_null={"email", "name", "password_hash", "role", "association_id", "created_at"},
        defaults={"active": 1, "language": "ja"}, foreign_keys=[("association_id", "association", "id")],
    )
    db["user"].create_index(["email"], unique=True)
    db["invitation"].create(
        {"token_hash": str, "email": str, "role": str, "association_id": int, "created_by": int,
         "created_at": str, "expires_at": str, "used_at": str},
        pk="token_hash", not_null={"email", "role", "association_id", "created_at", "expires_at"},
    )
    db["login_failure"].create({"id": int, "email": str, "address": str, "at": str}, pk="id")
    db["login_failure"].create_index(["email", "at"])
    db["login_failure"].create_index(["address", "at"])
    db["disaster"].create(
        {"id": int, "title": str, "kind": str, "started_on": str, "affected_association_id": int,
         "status": str, "created_by": int, "created_at": str},
        pk="id", not_null={"title", "kind", "started_on", "affected_association_id", "status", "created_at"},
        foreign_keys=[("affected_association_id", "association", "id")],
    )
    db["support_center"].create(
        {"id": int, "disaster_id": int, "association_id": int, "place": str, "hours": str, "phone": str,
         "updated_at": str},
        pk="id", not_null={"disaster_id", "association_id", "place"},
        foreign_keys=[("disaster_id", "disaster", "id"), ("association_id", "association", "id")],
    )
    db["support_center"].create_index(["disaster_id", "association_id"], unique=True)
    db["staffing_request"].create(
        {"id": int, "disaster_id": int, "association_id": int, "site_kind": str, "site_name": str, "tasks": str,
         "lodging": str, "transport": str, "deadline": str, "scope": str, "state": str, "escalated_at": str,
         "created_by": int, "created_at": str},
        pk="id", not_null={"disaster_id", "association_id", "site_kind", "site_name", "tasks", "deadline", "scope",
                           "state", "created_at"},
        foreign_keys=[("disaster_id", "disaster", "id"), ("association_id", "association", "id")],
    )
    db["request_line"].create(
        {"id": int, "request_id": int, "language": str, "headcount": int, "start_date": str, "end_date": str},
        pk="id", not_null={"request_id", "language", "headcount", "start_date", "end_date"},
        foreign_keys=[("request_id", "staffing_request", "id")],
    )
    db["offer"].create(
        {"id": int, "request_id": int, "association_id": int, "note": str, "created_by": int, "created_at": str},
        pk="id", not_null={"request_id", "association_id", "created_at"},
        foreign_keys=[("request_id", "staffing_request", "id"), ("association_id", "association", "id")],
    )
    db["offered_person"].create(
        {"id": int, "offer_id": int, "name": str, "languages": str, "available_from": str, "available_to": str,
         "status": str, "decided_at": str},
        pk="id", not_null={"offer_id", "name", "languages", "available_from", "available_to", "status"},
        foreign_keys=[("offer_id", "offer", "id")],
    )
    db["dispatch"].create(
        {"id": int, "offered_person_id": int, "request_id": int, "line_id": int, "association_id": int,
         "person_key": str, "person_name": str, "start_date": str, "end_date": str, "status": str,
         "created_at": str, "updated_at": str},
        pk="id", not_null={"offered_person_id", "request_id", "line_id", "association_id", "person_key",
                           "person_name", "start_date", "end_date", "status", "created_at"},
        foreign_keys=[("offered_person_id", "offered_person", "id"), ("request_id", "staffing_request", "id"),
                      ("line_id", "request_line", "id"), ("association_id", "association", "id")],
    )
    db["dispatch"].create_index(["person_key"])
    db["dispatch"].create_index(["line_id"])
    db["notification"].create(
        {"id": int, "kind": str, "recipient_id": int, "email": str, "subject": str, "body": str,
         "subject_type": str, "subject_id": str, "created_at": str, "sent_at": str, "error": str},
        pk="id", not_null={"kind", "email", "subject", "body", "created_at"},
    )
    db["notification"].create_index(["recipient_id"])
    db["notification"].create_index(["sent_at"])


@migrations()
def m005_bounded_work(db):
    # Uncached PDF renders per client address (the per-minute rate limit, shared by all workers).
    db["pdf_render"].create({"id": int, "address": str, "at": str}, pk="id", not_null={"address", "at"})
    db["pdf_render"].create_index(["address", "at"])
    db["pdf_render"].create_index(["at"])
    # Kit progress time, so a job left "running" by a dead process can be told apart from a slow one.
    db["kit_job"].add_column("updated_at", str)
    db.execute("UPDATE kit_job SET updated_at = created_at")
    # When a printed sheet's QR page was last opened; sheets already on walls count from today.
    db["printed_sheet"].add_column("last_scanned_at", str)
    db.execute("UPDATE printed_sheet SET last_scanned_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')")


@migrations()
def m006_sheet_owners(db):
    """Who printed each sheet (an account, or a device known only by the hash of its cookie id), and the
    per-sheet salt its edit token is derived from, so the server can show the edit link again to its owner."""
    db["device"].create({"id_hash": str, "created_at": str}, pk="id_hash", not_null={"created_at"})
    db["printed_sheet"].add_column("edit_salt", str)
    db["printed_sheet"].add_column("owner_user_id", int)
    db["printed_sheet"].add_column("owner_device_hash", str)
    db["printed_sheet"].create_index(["owner_user_id", "created_at"])
    db["printed_sheet"].create_index(["owner_device_hash", "created_at"])


@migrations()
def m007_login_sessions(db):
    """Server-side log-in sessions: the cookie holds a random id, the table only its hash.

    Log-out, a password change or deactivation end a session here, so a copied cookie stops working.
    """
    db["login_session"].create(
        {"id_hash": str, "user_id": int, "created_at": str, "last_seen_at": str, "ended_at": str},
        pk="id_hash", not_null={"user_id", "created_at", "last_seen_at"},
        foreign_keys=[("user_id", "user", "id")],
    )
    db["login_session"].create_index(["user_id"])
    # Failures are now counted per (address, account) pair as well as per address.
    db["login_failure"].create_index(["address", "email", "at"])


@migrations()
def m008_board_person_days(db):
    """Board coverage in person-days: each language line has a task and may be cut into rotation slots; a request
    may carry another forward; a requester may keep pending people as reserve; refusals and cancels keep a reason."""
    db["request_line"].add_column("task", str)
    db["request_line"].add_column("rotation_days", int)
    db["staffing_request"].add_column("previous_request_id", int)
    db["offered_person"].add_column("reserve", int)
    db["offered_person"].add_column("decision_reason", str)
    db["dispatch"].add_column("cancel_reason", str)
    db["offered_person"].create_index(["status"])


@migrations()
def m009_translation_reviews(db):
    """Fluent readers: the languages each account may review, and every review action with the hash of the
    Japanese source it was made against (a changed source makes the review outdated)."""
    db["user"].add_column("reviewer_languages", str)  # space-separated URL codes; empty: not a reviewer
    db["translation_review"].create(
        {"id": int, "unit_key": str, "part": str, "code": str, "action": str, "text": str, "source_hash": str,
         "comment": str, "reviewer_id": int, "reviewer_name": str, "created_at": str, "exported_at": str},
        pk="id", not_null={"unit_key", "part", "code", "action", "source_hash", "created_at"},
        foreign_keys=[("reviewer_id", "user", "id")],
    )
    db["translation_review"].create_index(["code", "part"])
    db["translation_review"].create_index(["unit_key", "code"])
