"""Issue 12: faults of the machine, injected for real: a full disk and a read-only filesystem (a small tmpfs),
and the files' permissions. Nothing is half-saved, the person is told in their language, the form keeps what
they typed, and /healthz says degraded."""
import os
import subprocess
import uuid

import pytest

from conftest import csrf_from, visible_text
from disaster_support import create_app
from disaster_support.db import connect, last_write_failure, migrate, write

SHELTER = "ศูนย์พักพิง วัดสามัคคี"  # what a Thai-speaking volunteer typed
NOT_SAVED_TH = "ไม่ได้บันทึกอะไรเลย"


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB filesystem of its own (tmpfs), so it can really fill up or become read-only."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root (CI runs as root)")
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(disk)], check=True)
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=True)
    last_write_failure.clear()


@pytest.fixture
def disk_app(small_disk):
    database = small_disk / "app.sqlite3"
    db = connect(database)
    migrate(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every later write must grow a file on this disk
    db.close()
    return create_app({"TESTING": True, "DATABASE": str(database), "SECRET_KEY": "test-" + "x" * 40})


def fill(disk):
    """Fill the filesystem to the last byte, as a runaway log file would."""
    filler = disk / f"filler-{uuid.uuid4().hex}"
    with open(filler, "wb", buffering=0) as out:
        chunk = 65536
        while chunk:
            try:
                out.write(b"\0" * chunk)
            except OSError:
                chunk //= 2
    return filler


def print_form(client, shelter=SHELTER):
    page = client.get("/th/sheets/drinking-water")
    return {"csrf_token": csrf_from(page), "lang1": "th", "lang2": "ja", "size": "A4", "orientation": "portrait",
            "shelter": shelter, "action": "print"}


def count_printed(app):
    with app.app_context():
        from disaster_support.db import get_db

        return get_db().execute("select count(*) from printed_sheet").fetchone()[0]


def test_disk_full_print_says_nothing_saved_in_thai_and_keeps_the_form(disk_app, small_disk):
    client = disk_app.test_client()
    form = print_form(client)
    filler = fill(small_disk)

    response = client.post("/th/sheets/drinking-water", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert NOT_SAVED_TH in visible_text(page)
    assert f'value="{SHELTER}"' in page  # what was typed is still in the form
    assert count_printed(disk_app) == 0

    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json["status"] == "degraded" and health.json["writes"]["ok"] is False
    assert "disk full" in health.json["writes"]["detail"]

    filler.unlink()  # the operator frees space: the same form goes through, once
    response = client.post("/th/sheets/drinking-water", data=print_form(client))
    assert response.status_code == 302
    assert count_printed(disk_app) == 1
    assert client.get("/healthz").status_code == 200


def test_disk_full_board_post_keeps_everything_typed(disk_app, small_disk):
    from conftest import BOARD_PASSWORD
    from disaster_support.auth import users
    from disaster_support.board import registry

    with disk_app.app_context():
        registry.seed()
        from disaster_support.db import get_db

        association = get_db().execute("select id from association where jurisdiction = '石川県'").fetchone()[0]
        users.create_user("ishikawa@example.jp", "Ishikawa", "coordinator", association, BOARD_PASSWORD, "ja")
    client = disk_app.test_client()
    login = client.get("/ja/account/login")
    assert client.post("/ja/account/login", data={"csrf_token": csrf_from(login), "email": "ishikawa@example.jp",
                                                  "password": BOARD_PASSWORD}).status_code == 302
    page = client.get("/ja/board/disasters/new")
    fill(small_disk)
    response = client.post("/ja/board/disasters/new", data={
        "csrf_token": csrf_from(page), "title": "能登半島地震（訓練）", "kind": "earthquake", "started_on": "2026-12-01",
        "affected_association": str(association)})
    text = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "保存されていません" in visible_text(text)
    assert 'value="能登半島地震（訓練）"' in text
    with disk_app.app_context():
        from disaster_support.db import get_db

        assert get_db().execute("select count(*) from disaster").fetchone()[0] == 0


def test_read_only_filesystem_button_action_and_page_say_so(disk_app, small_disk):
    client = disk_app.test_client()
    form = print_form(client)
    disk_app.extensions.pop("db_keeper").close()  # a file open for writing would keep the remount busy
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)

    response = client.post("/en/sheets/drinking-water", data=dict(form, lang1="en"))
    assert response.status_code == 503
    assert "Nothing was saved" in visible_text(response)
    page = client.get("/en/q/unknowncode")
    assert page.status_code == 503
    assert "cannot reach its data" in visible_text(page)
    health = client.get("/healthz")
    assert health.status_code == 503
    assert str(small_disk) not in health.get_data(as_text=True)


def test_healthz_shows_no_file_paths(client, app):
    body = client.get("/healthz").get_data(as_text=True)
    assert app.config["DATABASE"] not in body
    assert "/tmp" not in body and os.sep + "work" not in body


def test_database_wal_and_backup_are_private(app, runner, tmp_path):
    with app.app_context():
        from disaster_support.db import get_db

        with write(get_db()) as db:
            db.execute("insert into audit_log (at, action, subject_type) values ('now', 'test', 'x')")
        database = app.config["DATABASE"]
        for name in (database, database + "-wal", database + "-shm"):
            assert os.stat(name).st_mode & 0o777 == 0o600, name
    backup = tmp_path / "backup.sqlite3"
    assert runner.invoke(args=["db", "backup", str(backup)]).exit_code == 0
    assert os.stat(backup).st_mode & 0o777 == 0o600


def test_db_migrate_makes_an_old_world_readable_database_private(app, runner):
    os.chmod(app.config["DATABASE"], 0o644)
    assert runner.invoke(args=["db", "migrate"]).exit_code == 0
    assert os.stat(app.config["DATABASE"]).st_mode & 0o777 == 0o600
