"""Bounded work for anonymous users (issue 12, item 6): a render pool, a per-address rate limit, one kit
thread per process with a capped queue, and `flask cleanup`."""
import datetime
import json
import os
import threading
import time
import urllib.error
import urllib.request

import pytest
from werkzeug.serving import make_server

from conftest import csrf_from, visible_text
from disaster_support import create_app
from disaster_support.db import connect, migrate, write

KIT_SIGNS = ["toilet-men", "drinking-water", "toilet", "food-distribution", "reception", "no-smoking"]


def make_app(tmp_path, **settings):
    database = tmp_path / "test.sqlite3"
    db = connect(database)
    migrate(db)
    db.close()
    app = create_app({"TESTING": True, "DATABASE": str(database), "SECRET_KEY": "test-" + "x" * 40,
                      "PDF_RENDERS": 1, "PDF_QUEUE": 0, "PDF_WAIT_SECONDS": 10, "PDF_RATE_LIMIT": 100,
                      **settings})
    app.instance_path = str(tmp_path / "instance")  # kit PDFs of this test only
    return app


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


def printed_codes(app, count):
    """Codes of `count` new printed sheets: each PDF is different (its own QR code), so none is cached."""
    from disaster_support.sheets import store

    with app.app_context():
        return [store.create_printed_sheet("sign", "drinking-water", ("th", "ja"), "A4", "portrait", {}, "")[0].code
                for _ in range(count)]


def hold_render_slot(app):
    """The test hook: a render that stays open until the test lets it go."""
    from disaster_support.pdf_work import render_pool

    return render_pool(app).slot()


def test_pdf_request_beyond_the_pool_gets_a_busy_page_in_thai(app, client):
    code = printed_codes(app, 1)[0]
    with hold_render_slot(app):
        busy = client.get(f"/th/sheets/printed/{code}.pdf")
    assert busy.status_code == 503
    assert busy.headers["Retry-After"] == "10"
    assert busy.mimetype == "text/html"
    assert "เซิร์ฟเวอร์ไม่ว่าง" in visible_text(busy)
    assert "กรุณาลองใหม่ในอีก 10 วินาที" in visible_text(busy)
    again = client.get(f"/th/sheets/printed/{code}.pdf")
    assert again.status_code == 200 and again.mimetype == "application/pdf"


def test_cached_pdf_is_answered_while_every_render_slot_is_taken(app, client):
    code = printed_codes(app, 1)[0]
    first = client.get(f"/en/sheets/printed/{code}.pdf")
    with hold_render_slot(app):
        cached = client.get(f"/en/sheets/printed/{code}.pdf")
    assert cached.status_code == 200 and cached.data == first.data


@pytest.mark.slow
def test_simultaneous_pdf_requests_wait_in_a_short_queue_and_the_rest_are_turned_away(tmp_path):
    app = make_app(tmp_path, PDF_QUEUE=1)
    codes = printed_codes(app, 3)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    answers = []

    def get(code):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/en/sheets/printed/{code}.pdf") as r:
                answers.append((r.status, r.headers.get("Content-Type"), None))
        except urllib.error.HTTPError as error:
            answers.append((error.code, error.headers.get("Content-Type"), error.headers.get("Retry-After")))

    try:
        with hold_render_slot(app):
            threads = [threading.Thread(target=get, args=(code,)) for code in codes]
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 10
            while len(answers) < 2 and time.monotonic() < deadline:  # one waits for the slot, two cannot
                time.sleep(0.02)
            turned_away = list(answers)
        for thread in threads:
            thread.join(timeout=30)
    finally:
        server.shutdown()
    assert [(status, retry) for status, _type, retry in turned_away] == [(503, "10"), (503, "10")]
    assert len(answers) == 3 and answers[2][:2] == (200, "application/pdf")


def test_rate_limit_answers_429_with_retry_after_and_cached_pdfs_do_not_count(tmp_path):
    app = make_app(tmp_path, PDF_RATE_LIMIT=2)
    client = app.test_client()
    codes = printed_codes(app, 3)
    assert client.get(f"/en/sheets/printed/{codes[0]}.pdf").status_code == 200
    assert client.get(f"/en/sheets/printed/{codes[1]}.pdf").status_code == 200
    assert client.get(f"/en/sheets/printed/{codes[0]}.pdf").status_code == 200  # cached: not counted
    limited = client.get(f"/en/sheets/printed/{codes[2]}.pdf")
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert "You have made many PDFs in a short time" in visible_text(limited)
    other = app.test_client()  # another address is not limited
    assert other.get(f"/en/sheets/printed/{codes[2]}.pdf", environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 200


def _post_kit(client, signs):
    page = client.get("/en/sheets/kits/")
    return client.post("/en/sheets/kits/", data={
        "csrf_token": csrf_from(page), "kit": "custom", "signs": signs, "lang1": "en", "lang2": "ja", "lang3": "",
        "size": "A4", "orientation": "portrait"})


def kit_page_when_done(client, location, seconds=180):
    """The kit's page once it says ready (or the last one seen): generous, a busy CI machine renders slowly."""
    deadline = time.monotonic() + seconds
    while True:
        page = visible_text(client.get(location))
        if "Your kit is ready" in page or time.monotonic() > deadline:
            return page
        time.sleep(0.2)


def _kit_threads():
    return [thread for thread in threading.enumerate() if thread.name.startswith("kit")]


@pytest.mark.slow
def test_kits_queue_on_one_thread_and_a_full_queue_is_refused(tmp_path):
    from disaster_support.sheets.kit_jobs import kit_queue

    app = make_app(tmp_path, KIT_QUEUE=3)
    client = app.test_client()
    threads_before = threading.active_count()
    release = threading.Event()
    kit_queue(app).reserve()
    kit_queue(app).submit(release.wait)  # a kit that is rendering, held by the test
    first, second = _post_kit(client, KIT_SIGNS[:3]), _post_kit(client, KIT_SIGNS[3:])
    assert first.status_code == second.status_code == 302
    assert "0 of 3 signs ready" in visible_text(client.get(first.headers["Location"]))
    refused = _post_kit(client, KIT_SIGNS[:2])
    assert refused.status_code == 503 and refused.headers["Retry-After"]
    with app.app_context():
        from disaster_support.db import get_db
        assert get_db()["printed_sheet"].count == 6  # the refused kit saved nothing
    assert threading.active_count() - threads_before <= 1 and len(_kit_threads()) == 1
    release.set()
    for response in (first, second):
        assert "Your kit is ready" in kit_page_when_done(client, response.headers["Location"])


@pytest.mark.slow
def test_many_kits_do_not_start_a_thread_each(app, client):
    threads_before = threading.active_count()
    jobs = [_post_kit(client, KIT_SIGNS).headers["Location"] for _ in range(4)]
    assert threading.active_count() - threads_before <= 1
    assert all("Your kit is ready" in kit_page_when_done(client, location) for location in jobs)
    assert threading.active_count() - threads_before <= 1


def _ago(**delta):
    moment = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(**delta)
    return moment.isoformat(timespec="seconds")


def _add_kit_job(app, job_id, created, updated, status):
    db = connect(app.config["DATABASE"])
    try:
        with write(db):
            db["kit_job"].insert({"id": job_id, "kit": "custom", "languages": json.dumps(["en"]), "size": "A4",
                                  "orientation": "portrait", "sheet_codes": "[]", "total": 3, "done": 1,
                                  "status": status, "error": "", "created_at": created, "updated_at": updated})
    finally:
        db.close()


def _age_printed_sheet(app, code, **values):
    db = connect(app.config["DATABASE"])
    try:
        with write(db):
            db["printed_sheet"].update(code, values)
    finally:
        db.close()


def test_cleanup_removes_old_kits_keeps_recent_ones_and_marks_dead_jobs_interrupted(app, client, runner):
    folder = os.path.join(app.instance_path, "kits")
    os.makedirs(folder)
    _add_kit_job(app, "old", _ago(days=40), _ago(days=40), "done")
    _add_kit_job(app, "recent", _ago(days=2), _ago(days=2), "done")
    _add_kit_job(app, "dead", _ago(minutes=30), _ago(minutes=20), "running")
    _add_kit_job(app, "alive", _ago(minutes=1), _ago(seconds=5), "running")
    for job_id, days in (("old", 40), ("recent", 2), ("orphan", 40)):
        path = os.path.join(folder, f"{job_id}.pdf")
        open(path, "wb").write(b"%PDF-1.7")
        stamp = time.time() - days * 86400
        os.utime(path, (stamp, stamp))
    page = visible_text(client.get("/en/sheets/kits/job/dead"))
    assert "Making this kit was interrupted. Please start the kit again." in page and "Preparing" not in page

    result = runner.invoke(args=["cleanup"])
    assert result.exit_code == 0, result.output
    assert "Marked 1 kit(s) interrupted" in result.output
    assert "Deleted 1 kit job(s) and 2 kit PDF(s) older than 30 days" in result.output
    assert sorted(os.listdir(folder)) == ["recent.pdf"]
    assert client.get("/en/sheets/kits/job/old").status_code == 404
    assert "Your kit is ready" in visible_text(client.get("/en/sheets/kits/job/recent"))
    assert "Preparing your kit" in visible_text(client.get("/en/sheets/kits/job/alive"))
    thai = visible_text(client.get("/th/sheets/kits/job/dead"))
    assert "การสร้างชุดป้ายนี้หยุดกลางคัน กรุณาสร้างชุดป้ายใหม่อีกครั้ง" in thai


def test_cleanup_keeps_printed_sheets_that_are_scanned_or_edited(app, client, runner):
    unused, scanned_earlier, edited, scanned_now = printed_codes(app, 4)
    long_ago = _ago(days=400)
    _age_printed_sheet(app, unused, created_at=long_ago)
    _age_printed_sheet(app, scanned_earlier, created_at=long_ago, last_scanned_at=_ago(days=200))
    _age_printed_sheet(app, edited, created_at=long_ago, updated_at=_ago(days=30))
    _age_printed_sheet(app, scanned_now, created_at=long_ago)
    assert client.get(f"/vi/q/{scanned_now}").status_code == 200  # someone reads the sign on the wall today

    result = runner.invoke(args=["cleanup"])
    assert "Deleted 1 printed sheet(s) not printed, scanned or edited for 365 days" in result.output
    assert client.get(f"/vi/q/{unused}").status_code == 404
    for code in (scanned_earlier, edited, scanned_now):
        assert client.get(f"/vi/q/{code}").status_code == 200
