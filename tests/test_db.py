import sqlite3

import pytest

from disaster_support.db import connect, get_db, migrate


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
        db["audit_log"].insert({"at": "2026-11-23T10:00:00Z", "action": "test", "subject_type": "x"})
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("UPDATE audit_log SET action = 'changed'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
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
