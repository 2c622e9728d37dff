"""The secretariat's side of the board: registry CSV, overview, exports, scheduled escalation, outbox, demo."""
import io
import socket
import sqlite3

import pytest

from board_steps import day, decide, offer, open_disaster, post_request, request_id_of
from conftest import csrf_from, visible_text


@pytest.fixture
def posted(board):
    ishikawa = board.client("ishikawa")
    disaster_id = open_disaster(ishikawa)
    request_id = request_id_of(post_request(ishikawa, disaster_id, [("vi", 1, day(1), day(3))],
                                            site="=HYPERLINK(\"http://evil\")"))
    return disaster_id, request_id


def send_outbox(board, runner, handler):
    """`flask outbox --send` through a real SMTP server on loopback that answers with `handler`."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        board.app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)
        return runner.invoke(args=["outbox", "--send"])
    finally:
        controller.stop()


def test_board_registry_seeded_from_associations_csv(board):
    rows = board.query("select b.name, count(*) as n from association a join block b on b.id = a.block_id"
                       " group by b.name")
    assert sum(row["n"] for row in rows) == 63
    assert {row["name"] for row in rows} == {"北海道・東北", "関東甲信越", "東海北陸", "近畿", "中国・四国", "九州"}


def test_board_registry_export_and_reimport_with_rejected_rows(board):
    secretariat = board.client("secretariat")
    exported = secretariat.get("/en/board/registry.csv").get_data(as_text=True)
    assert exported.startswith("\ufeffjurisdiction,jurisdiction_type,association_ja,block")
    fukui = next(line for line in exported.splitlines() if line.startswith("福井県,"))
    assert fukui.endswith(",yes") and ",東海北陸," in fukui  # the chair set for the block
    edited = exported.lstrip("\ufeff").replace("公益財団法人青森県国際交流協会", "公益財団法人青森県国際交流協会（新）")
    edited += ("架空市,village,何か協会,九州,,,\r\n"
               "沖縄県,prefecture,,九州,,,\r\n"
               "石川県,prefecture,重複,東海北陸,,,\r\n"
               "大分県,prefecture,公益財団法人大分県国際交流協会,九州,maybe,,\r\n")
    page = secretariat.get("/en/board/registry")
    response = secretariat.post("/en/board/registry/import", data={
        "csrf_token": csrf_from(page), "file": (io.BytesIO(edited.encode()), "associations.csv")},
        content_type="multipart/form-data")
    text = visible_text(response)
    assert "Import finished: 0 added, 1 updated, 62 unchanged, 4 rejected." in text
    assert "jurisdiction_type must be prefecture or city, not village" in text
    assert "association_ja is empty" in text
    assert "石川県 appears twice in the file" in text
    assert "name_source must be confirmed, inferred or empty" in text
    assert board.query("select name_ja from association where jurisdiction = '青森県'") == [
        {"name_ja": "公益財団法人青森県国際交流協会（新）"}]
    assert not board.query("select * from association where jurisdiction = '架空市'")
    assert board.query("select action from audit_log where action = 'registry.import'")


def test_board_registry_import_refuses_file_without_columns(board):
    secretariat = board.client("secretariat")
    page = secretariat.get("/en/board/registry")
    response = secretariat.post("/en/board/registry/import", data={
        "csrf_token": csrf_from(page), "file": (io.BytesIO(b"name,place\nx,y\n"), "x.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert "The file has no column jurisdiction, jurisdiction_type, association_ja, block." in visible_text(response)
    response = secretariat.post("/en/board/registry/import", data={
        "csrf_token": csrf_from(page), "file": (io.BytesIO("県".encode("shift_jis")), "x.csv")},
        content_type="multipart/form-data")
    assert "The file is not UTF-8 text." in visible_text(response)


def test_board_secretariat_sets_the_chair(board):
    secretariat = board.client("secretariat")
    page = secretariat.get("/en/board/registry")
    block = board.query("select block_id from association where jurisdiction = '富山県'")[0]["block_id"]
    toyama = board.query("select id from association where jurisdiction = '富山県'")[0]["id"]
    response = secretariat.post(f"/en/board/registry/blocks/{block}/chair", data={
        "csrf_token": csrf_from(page), f"b{block}-association": toyama}, follow_redirects=True)
    assert "The chair association is saved." in visible_text(response)
    assert "block chair" in visible_text(board.client("toyama").get("/en/board/"))
    assert "block chair" not in visible_text(board.client("fukui_chair").get("/en/board/"))


def test_board_exports_are_csv_and_formula_safe(board, posted):
    _disaster, request_id = posted
    ishikawa = board.client("ishikawa")
    offer(board.client("toyama"), request_id, [("Ana", ["vi"], day(1), day(3))])
    person = board.query("select id from offered_person")[0]["id"]
    line = board.query("select id from request_line")[0]["id"]
    decide(ishikawa, request_id, person, "accept", line)
    secretariat = board.client("secretariat")
    requests_csv = secretariat.get("/en/board/export/requests.csv")
    assert requests_csv.mimetype == "text/csv"
    text = requests_csv.get_data(as_text=True)
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    assert f"vi interpreting x1/day {day(1)}..{day(3)} covered 3/3" in text and ",filled," in text
    assert "Ana" in secretariat.get("/en/board/export/offers.csv").get_data(as_text=True)
    dispatches = secretariat.get("/en/board/export/dispatches.csv").get_data(as_text=True)
    toyama = board.query("select name_ja from association where jurisdiction = '富山県'")[0]["name_ja"]
    assert f"Ana,{toyama}," in dispatches and "confirmed" in dispatches


def test_board_overview_counts_per_block(board, posted):
    _disaster, request_id = posted
    page = board.client("secretariat").get("/en/board/overview").get_data(as_text=True)
    row = page[page.index('<th scope="row" lang="ja">東海北陸</th>'):]
    row = row[:row.index("</tr>")]
    # open, filled, overdue, person-days covered / required, on site
    assert visible_text(row).split()[-7:] == ["1", "0", "0", "0", "/", "3", "0"]


def test_board_escalation_by_deadline(board, posted, runner):
    _disaster, request_id = posted
    assert "0 request(s) escalated" in runner.invoke(args=["board", "escalate-overdue"]).output
    # Time passes: the answer deadline is now behind us.
    board.execute("update staffing_request set deadline = '2020-01-01T00:00:00+00:00'")
    result = runner.invoke(args=["board", "escalate-overdue"])
    assert f"escalated request {request_id}" in result.output
    assert board.query("select scope from staffing_request") == [{"scope": "national"}]
    assert board.client("osaka").get(f"/en/board/requests/{request_id}").status_code == 200
    assert board.query("select actor from audit_log where action = 'request.escalate'") == [{"actor": "scheduler"}]
    overview = visible_text(board.client("secretariat").get("/en/board/overview"))
    assert "Overdue" in overview
    assert "0 request(s) escalated" in runner.invoke(args=["board", "escalate-overdue"]).output


def test_board_deadline_reminder_sent_once(board, posted, runner):
    board.execute("update staffing_request set deadline = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '+3 hours')")
    assert "1 reminder(s) queued" in runner.invoke(args=["board", "remind-deadlines"]).output
    assert "0 reminder(s) queued" in runner.invoke(args=["board", "remind-deadlines"]).output
    emails = {row["email"] for row in board.query("select email from notification where kind = 'deadline_near'")}
    assert emails == {"ishikawa@example.jp", "ishikawa2@example.jp", "fukui@example.jp"}


def test_board_audit_log_is_append_only_and_shown_as_history(board, posted):
    _disaster, request_id = posted
    actions = [row["action"] for row in board.query("select action from audit_log order by id")]
    assert actions == ["disaster.open", "request.create"]
    page = visible_text(board.client("ishikawa").get(f"/en/board/requests/{request_id}"))
    assert "Request created" in page and "status: open" in page
    conn = sqlite3.connect(board.app.config["DATABASE"])
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("update audit_log set actor = 'someone else'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("delete from audit_log")
    conn.close()


def test_board_outbox_lists_mails_in_the_recipients_language(board, posted, runner):
    result = runner.invoke(args=["outbox"])
    assert "request_posted to toyama@example.jp" in result.output
    assert "New staffing request in your block: 公益財団法人石川県国際交流協会" in result.output
    board.execute("update user set language = 'ja' where email = 'fukui@example.jp'")
    _disaster, request_id = posted
    offer(board.client("toyama"), request_id, [("Ana", ["vi"], day(1), day(3))])
    mails = {row["email"]: row for row in board.query("select * from notification where kind = 'offer_received'")}
    assert "Offer received from" in mails["ishikawa@example.jp"]["subject"]
    assert mails["ishikawa@example.jp"]["body"].endswith(f"/en/board/requests/{request_id}")
    page = visible_text(board.client("ishikawa").get("/en/board/notifications"))
    assert "Offer received from 公益財団法人とやま国際センター" in page
    assert runner.invoke(args=["outbox", "--send"]).exit_code != 0  # no SMTP server configured


def test_board_outbox_sends_through_smtp(board, posted, runner):
    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    result = send_outbox(board, runner, Handler())
    pending = board.query("select count(*) as n from notification")[0]["n"]
    assert f"sent {pending}, failed 0" in result.output
    assert {envelope.rcpt_tos[0] for envelope in received} == {"toyama@example.jp", "fukui@example.jp"}
    assert not board.query("select * from notification where sent_at is null")


def test_board_demo_loads_the_scenario_once(app, runner):
    result = runner.invoke(args=["board", "demo"])
    assert result.exit_code == 0, result.output
    assert "Board demo loaded" in result.output
    with app.app_context():
        from disaster_support.db import get_db

        db = get_db()
        assert db["disaster"].count == 1 and db["support_center"].count == 1 and db["staffing_request"].count == 3
        offering_blocks = db.execute("select count(distinct a.block_id) from offer o join association a"
                                     " on a.id = o.association_id").fetchone()[0]
        assert offering_blocks == 2
        assert db.execute("select count(*) from staffing_request where scope = 'national'").fetchone()[0] == 1
    assert "already has disasters" in runner.invoke(args=["board", "demo"]).output


def test_board_outbox_one_bad_mail_does_not_hold_back_the_others(board, posted, runner):
    """Issue 12: a person named with a line break (saved before forms refused them) crashed `outbox --send` at
    that mail on every run, so every later mail stayed unsent. Now it is recorded as failed and the rest go."""
    received = []

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address.startswith("refused"):
                return "550 no such mailbox"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    board.execute("insert into notification (kind, email, subject, body, created_at) values"
                  " ('accepted', 'toyama@example.jp', 'Offer accepted: Ana' || char(13, 10) || 'Bcc: x@evil.example',"
                  " 'body', '2026-12-01T00:00:00+00:00')")
    board.execute("insert into notification (kind, email, subject, body, created_at) values"
                  " ('accepted', 'refused@example.jp', 'Offer accepted', 'body', '2026-12-01T00:00:01+00:00')")
    board.execute("insert into notification (kind, email, subject, body, created_at) values"
                  " ('accepted', 'osaka@example.jp', 'Offer accepted', 'body', '2026-12-01T00:00:02+00:00')")
    result = send_outbox(board, runner, Handler())
    total = board.query("select count(*) as n from notification")[0]["n"]
    assert f"sent {total - 1}, failed 1" in result.output, result.output
    recipients = [envelope.rcpt_tos[0] for envelope in received]
    assert "osaka@example.jp" in recipients and recipients.count("toyama@example.jp") >= 1
    assert all("evil.example" not in str(envelope.rcpt_tos) for envelope in received)
    assert all(b"\r\nBcc:" not in envelope.content for envelope in received)
    failed = board.query("select email, error from notification where sent_at is null")
    assert [row["email"] for row in failed] == ["refused@example.jp"]
    assert "550" in failed[0]["error"]
