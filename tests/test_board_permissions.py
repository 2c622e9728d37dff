"""Each role can do exactly what it may on the board, and one association cannot touch another's items."""
import pytest

from board_steps import csrf_of, day, offer, open_disaster, post_request, request_action, request_id_of
from conftest import csrf_from, visible_text


@pytest.fixture
def posted(board):
    ishikawa = board.client("ishikawa")
    disaster_id = open_disaster(ishikawa)
    request_id = request_id_of(post_request(ishikawa, disaster_id, [("vi", 1, day(1), day(3))]))
    return disaster_id, request_id


def test_board_pages_need_log_in(client):
    response = client.get("/ja/board/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/ja/account/login?next=/ja/board/")


@pytest.mark.parametrize("path", ["/en/board/overview", "/en/board/registry", "/en/board/invitations",
                                  "/en/board/registry.csv"])
@pytest.mark.parametrize("who", ["ishikawa", "ishikawa_member", "fukui_chair"])
def test_board_secretariat_pages_refuse_others(board, who, path):
    assert board.client(who).get(path).status_code == 403
    assert board.client("secretariat").get(path).status_code == 200


def test_board_member_reads_but_cannot_act(board, posted):
    disaster_id, request_id = posted
    member = board.client("ishikawa_member")
    assert "Nanao shelter" in visible_text(member.get(f"/en/board/requests/{request_id}"))
    assert member.get(f"/en/board/disasters/{disaster_id}/requests/new").status_code == 403
    assert member.get("/en/board/disasters/new").status_code == 403
    token = csrf_of(member, request_id)
    assert member.post(f"/en/board/requests/{request_id}/cancel", data={"csrf_token": token}).status_code == 403
    assert board.query("select state from staffing_request") == [{"state": "open"}]


def test_board_block_scope_hides_request_from_other_blocks(board, posted):
    _disaster, request_id = posted
    osaka = board.client("osaka")
    assert osaka.get(f"/en/board/requests/{request_id}").status_code == 404
    assert osaka.get(f"/en/board/requests/{request_id}/offer").status_code == 404
    assert "Nanao shelter" not in visible_text(osaka.get("/en/board/"))
    assert "Nanao shelter" not in osaka.get("/en/board/export/requests.csv").get_data(as_text=True)


def test_board_other_association_cannot_run_a_request(board, posted):
    _disaster, request_id = posted
    toyama = board.client("toyama")
    token = csrf_of(toyama, request_id)
    for action in ("cancel", "close", "escalate"):
        assert toyama.post(f"/en/board/requests/{request_id}/{action}", data={"csrf_token": token}).status_code == 403
    offer(toyama, request_id, [("Ana", ["vi"], day(1), day(3))])
    person = board.query("select id from offered_person")[0]["id"]
    line = board.query("select id from request_line")[0]["id"]
    response = toyama.post(f"/en/board/people/{person}/accept", data={
        "csrf_token": token, "request_id": request_id, "line_id": line})
    assert response.status_code == 403
    assert not board.query("select * from dispatch")
    assert board.query("select state, scope from staffing_request") == [{"state": "open", "scope": "block"}]


def test_board_requester_cannot_offer_to_itself(board, posted):
    _disaster, request_id = posted
    assert board.client("ishikawa2").get(f"/en/board/requests/{request_id}/offer").status_code == 403


def test_board_other_association_cannot_withdraw_an_offer(board, posted):
    _disaster, request_id = posted
    offer(board.client("toyama"), request_id, [("Ana", ["vi"], day(1), day(3))])
    offer_id = board.query("select id from offer")[0]["id"]
    fukui = board.client("fukui_chair")
    response = fukui.post(f"/en/board/offers/{offer_id}/withdraw",
                          data={"csrf_token": csrf_of(fukui, request_id), "request_id": request_id})
    assert response.status_code == 403
    assert board.query("select status from offered_person") == [{"status": "offered"}]


def test_board_coordinator_opens_disasters_only_for_own_association(board):
    toyama = board.client("toyama")
    page = toyama.get("/en/board/disasters/new")
    ishikawa_id = board.query("select id from association where jurisdiction = '石川県'")[0]["id"]
    response = toyama.post("/en/board/disasters/new", data={
        "csrf_token": csrf_from(page), "title": "Flood", "kind": "flood", "started_on": day(0),
        "affected_association": ishikawa_id})
    assert response.status_code == 400  # not one of the choices offered to this coordinator
    assert not board.query("select * from disaster")


def test_board_support_center_only_by_affected_association(board, posted):
    disaster_id, _request = posted
    assert board.client("toyama").get(f"/en/board/disasters/{disaster_id}/center").status_code == 403
    ishikawa = board.client("ishikawa")
    page = ishikawa.get(f"/en/board/disasters/{disaster_id}/center")
    response = ishikawa.post(f"/en/board/disasters/{disaster_id}/center", data={
        "csrf_token": csrf_from(page), "place": "International Center 2F", "hours": "9:00-20:00",
        "phone": "076-000-0000"}, follow_redirects=True)
    assert "International Center 2F" in visible_text(response)
    bad = ishikawa.post(f"/en/board/disasters/{disaster_id}/center", data={
        "csrf_token": csrf_from(page), "place": "Hall", "hours": "9-17", "phone": "call me"})
    assert bad.status_code == 400 and "Use digits, spaces, +, ( ) and - only." in visible_text(bad)
    assert 'value="call me"' in bad.get_data(as_text=True)


def test_board_chair_and_secretariat_escalate_others_cannot(board, posted):
    _disaster, request_id = posted
    toyama = board.client("toyama")
    assert "Send to all blocks" not in visible_text(toyama.get(f"/en/board/requests/{request_id}"))
    chair = board.client("fukui_chair")
    page = visible_text(request_action(chair, request_id, "escalate"))
    assert "The request now goes to all blocks." in page and "All blocks" in page
    assert board.client("osaka").get(f"/en/board/requests/{request_id}").status_code == 200
    entry = board.query("select actor, action, before, after from audit_log where action = 'request.escalate'")[0]
    assert entry["actor"].startswith("fukui_chair") and '"scope": "block"' in entry["before"]
    assert {row["email"] for row in board.query("select email from notification where kind = 'escalated'")} >= {
        "osaka@example.jp", "secretariat@example.jp", "ishikawa@example.jp"}


def test_board_chair_of_another_block_cannot_escalate(board, posted):
    _disaster, request_id = posted
    with board.app.app_context():
        from disaster_support.db import get_db, write

        db = get_db()
        osaka = db.execute("select id, block_id from association where jurisdiction = '大阪府'").fetchone()
        with write(db):
            db.execute("update block set chair_association_id = ? where id = ?", [osaka[0], osaka[1]])
    osaka = board.client("osaka")
    response = osaka.post(f"/en/board/requests/{request_id}/escalate",
                          data={"csrf_token": csrf_from(osaka.get("/en/board/"))})
    assert response.status_code == 404  # a block request of another block is not even visible
    assert board.query("select scope from staffing_request") == [{"scope": "block"}]


def test_board_csrf_is_rejected_and_nothing_changes(board, posted):
    _disaster, request_id = posted
    ishikawa = board.client("ishikawa")
    response = ishikawa.post(f"/en/board/requests/{request_id}/cancel", data={})
    assert response.status_code == 400
    response = ishikawa.post(f"/en/board/requests/{request_id}/cancel", data={"csrf_token": "forged"})
    assert response.status_code == 400
    assert board.query("select state from staffing_request") == [{"state": "open"}]


def test_board_drafts_are_private_until_posted(board):
    ishikawa = board.client("ishikawa")
    disaster_id = open_disaster(ishikawa)
    request_id = request_id_of(post_request(ishikawa, disaster_id, [("vi", 1, day(1), day(3))], action="draft"))
    toyama = board.client("toyama")
    assert toyama.get(f"/en/board/requests/{request_id}").status_code == 404
    assert not board.query("select * from notification")
    page = visible_text(request_action(ishikawa, request_id, "publish"))
    assert "The request is posted to your block." in page
    assert toyama.get(f"/en/board/requests/{request_id}").status_code == 200
    assert board.query("select email from notification where kind = 'request_posted'")


@pytest.mark.parametrize("code", ["ja", "ja-easy", "en", "zh-Hans", "zh-Hant", "ko", "es", "pt", "vi", "tl", "id",
                                  "th", "ne", "my", "ru"])
def test_board_pages_answer_in_every_language(board, posted, code):
    from test_i18n import html_lang, public_pages

    from disaster_support.i18n import BY_CODE

    disaster_id, request_id = posted
    secretariat = board.client("secretariat")
    with board.app.test_request_context():
        from flask import url_for

        paths = [url_for(endpoint, lang=code) for endpoint in public_pages(board.app, "board")] + [
            f"/{code}/board/requests/{request_id}", f"/{code}/board/disasters/{disaster_id}",
            f"/{code}/board/disasters/{disaster_id}/gaps", f"/{code}/board/disasters/{disaster_id}/requests/new",
            f"/{code}/board/requests/{request_id}/offer", f"/{code}/board/requests/{request_id}/edit",
            f"/{code}/board/requests/{request_id}/cancel", f"/{code}/board/requests/{request_id}/escalate"]
    for path in paths:
        response = secretariat.get(path)
        assert response.status_code == 200, path
        assert html_lang(response) == BY_CODE[code].html_lang, path
        assert "｜" not in visible_text(response) and "《" not in visible_text(response), path  # no raw reading marks
