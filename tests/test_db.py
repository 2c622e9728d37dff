import sqlite3

import pytest

from disaster_support.db import connect, get_db, migrate, write


def test_connection_is_closed_after_the_request(app):
    with app.app_context():
        db = get_db()
        assert get_db() is db
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        db.execute("SELECT 1")


def test_database_uses_wal(app):
    with app.app_context():
        assert get_db().journal_mode == "wal"


def test_migrate_twice_applies_nothing_the_second_time(tmp_path):
    db = connect(tmp_path / "m.sqlite3")
    assert migrate(db) != []
    assert migrate(db) == []


def test_audit_log_is_append_only(app):
    with app.app_context():
        db = get_db()
        with write(db):
            db["audit_log"].insert({"at": "2026-11-23T10:00:00Z", "action": "test", "subject_type": "x"})
        with pytest.raises(sqlite3.IntegrityError, match="append-only"), write(db):
            db.execute("UPDATE audit_log SET action = 'changed'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"), write(db):
            db.execute("DELETE FROM audit_log")
        assert [row["action"] for row in db["audit_log"].rows] == ["test"]


def test_db_migrate_command(runner, app, tmp_path):
    app.config["DATABASE"] = str(tmp_path / "fresh.sqlite3")
    result = runner.invoke(args=["db", "migrate"])
    assert result.exit_code == 0
    assert "m001_audit_log" in result.output
    assert "none pending" in runner.invoke(args=["db", "migrate"]).output


def test_db_backup_refuses_to_overwrite(runner, tmp_path):
    target = tmp_path / "backup.sqlite3"
    assert runner.invoke(args=["db", "backup", str(target)]).exit_code == 0
    backup = sqlite3.connect(target)
    assert backup.execute("SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'").fetchone() == (1,)
    backup.close()
    again = runner.invoke(args=["db", "backup", str(target)])
    assert again.exit_code != 0
    assert "nothing is overwritten" in again.output


# Issue 12: every write goes through one immediate transaction; a write path that bypasses it fails.

@pytest.mark.parametrize("statement", [
    "INSERT INTO audit_log (at, action, subject_type) VALUES ('now', 'x', 'test')",
    "UPDATE printed_sheet SET shelter = 'x'",
    "DELETE FROM login_failure",
])
def test_write_outside_the_write_helper_is_refused(app, statement):
    with app.app_context():
        with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
            get_db().execute(statement)


def test_write_helper_takes_the_write_lock_at_begin(app, tmp_path):
    with app.app_context():
        with write() as db:
            other = connect(app.config["DATABASE"])
            other.execute("PRAGMA busy_timeout = 0")
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            other.close()
            db.execute("INSERT INTO audit_log (at, action, subject_type) VALUES ('now', 'x', 'test')")
        assert get_db().execute("SELECT count(*) FROM audit_log").fetchone()[0] == 1


def test_write_helper_rolls_back_everything_on_error(app):
    with app.app_context():
        with pytest.raises(RuntimeError), write() as db:
            db.execute("INSERT INTO audit_log (at, action, subject_type) VALUES ('now', 'a', 'test')")
            with write(db):
                db.execute("INSERT INTO audit_log (at, action, subject_type) VALUES ('now', 'b', 'test')")
            raise RuntimeError("half-way")
        assert get_db().execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0
        assert not get_db().conn.in_transaction


def test_backup_restore_drill(board, runner, tmp_path):
    """docs/security-and-operations.md: a backup taken while running restores with every account in it."""
    copy = tmp_path / "drill.sqlite3"
    assert runner.invoke(args=["db", "backup", str(copy)]).exit_code == 0
    board.app.config["DATABASE"] = str(copy)
    assert "none pending" in runner.invoke(args=["db", "migrate"]).output
    listed = runner.invoke(args=["users", "list"]).output
    assert "secretariat@example.jp" in listed and "ishikawa@example.jp" in listed
