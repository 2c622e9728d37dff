"""A request's whole life (issue 14): bad input, cancel and close with a reason, offers ended with a mail, edits
after acceptance, escalation with a new deadline, the affected association going national, next rotation."""
import datetime

import pytest
from board_steps import csrf_of, day, decide, offer, open_disaster, post_request, request_action, request_id_of
from conftest import csrf_from, visible_text


@pytest.fixture
def posted(board):
    ishikawa = board.client("ishikawa")
    disaster_id = open_disaster(ishikawa)
    request_id = request_id_of(post_request(ishikawa, disaster_id, [("vi", 2, day(1), day(10)),
                                                                   ("zh-Hans", 1, day(1), day(10))]))
    return ishikawa, disaster_id, request_id


def people(board, request_id):
    return {row["name"]: row for row in board.query(
        "select p.* from offered_person p join offer o on o.id = p.offer_id where o.request_id = ?", [request_id])}


def lines(board, request_id):
    return {row["language"]: row["id"] for row in board.query(
        "select id, language from request_line where request_id = ? order by id", [request_id])}


def test_board_many_lines_are_all_saved_and_same_language_on_other_dates(board):
    ishikawa = board.client("ishikawa")
    disaster_id = open_disaster(ishikawa)
    twelve = [("vi", 1, day(n), day(n)) for n in range(12)]
    request_id = request_id_of(post_request(ishikawa, disaster_id, twelve))
    assert len(board.query("select id from request_line where request_id = ?", [request_id])) == 12


def test_board_too_many_rows_are_refused_not_cut(board):
    ishikawa = board.client("ishikawa")
    disaster_id = open_disaster(ishikawa)
    response = post_request(ishikawa, disaster_id, [("vi", 1, day(n % 20), day(n % 20)) for n in range(41)])
    assert response.status_code == 400
    assert "At most 40 rows can be sent at once; nothing was saved." in visible_text(response)
    assert not board.query("select * from staffing_request")


def test_board_more_rows_button_adds_rows_and_keeps_input(board):
    ishikawa = board.client("ishikawa")
    disaster_id = open_disaster(ishikawa)
    response = post_request(ishikawa, disaster_id, [("vi", 1, day(1), day(2))] * 4, site="Kumamoto hall",
                            action="more")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'name="lines-7-language"' in page and 'value="Kumamoto hall"' in page
    assert not board.query("select * from staffing_request")


@pytest.mark.parametrize("lines, message", [
    ([("vi", 1, day(1), day(5)), ("vi", 1, day(5), day(9))], "Two lines for the same language and task share days"),
    ([("vi", 1, "0001-01-01", day(5))], "Choose days from"),
    ([("vi", 1, day(1), "2099-01-01")], "Choose days from"),
])
def test_board_line_dates_are_checked(board, lines, message):
    ishikawa = board.client("ishikawa")
    response = post_request(ishikawa, open_disaster(ishikawa), lines)
    assert response.status_code == 400 and message in visible_text(response)


@pytest.mark.parametrize("deadline", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_board_far_off_deadlines_are_refused_without_crashing(board, deadline):
    ishikawa = board.client("ishikawa")
    response = post_request(ishikawa, open_disaster(ishikawa), [("vi", 1, day(1), day(2))], deadline=deadline)
    assert response.status_code == 400


def test_board_optional_fields_may_be_left_out_of_the_post(board, posted):
    ishikawa, disaster_id, request_id = posted
    page = ishikawa.get(f"/en/board/disasters/{disaster_id}/requests/new")
    deadline = (datetime.datetime.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = ishikawa.post(f"/en/board/disasters/{disaster_id}/requests/new", data={
        "csrf_token": csrf_from(page), "site_kind": "shelter", "site_name": "Hall", "tasks": ["interpreting"],
        "deadline": deadline, "action": "publish", "lines-0-language": "vi", "lines-0-headcount": "1",
        "lines-0-start_date": day(1), "lines-0-end_date": day(2)})
    assert response.status_code == 302
    toyama = board.client("toyama")
    page = toyama.get(f"/en/board/requests/{request_id}/offer")
    response = toyama.post(f"/en/board/requests/{request_id}/offer", data={
        "csrf_token": csrf_from(page), "people-0-name": "Lan", "people-0-languages": ["vi"],
        "people-0-available_from": day(1), "people-0-available_to": day(3)})
    assert response.status_code == 302


def test_board_cancel_asks_for_a_reason_and_tells_everyone_it_touches(board, posted):
    ishikawa, _disaster, request_id = posted
    offer(board.client("toyama"), request_id, [("Lan", ["vi"], day(1), day(5)), ("Wang", ["zh-Hans"], day(1), day(5))])
    offer(board.client("fukui_chair"), request_id, [("Li", ["zh-Hans"], day(1), day(10))])
    decide(ishikawa, request_id, people(board, request_id)["Lan"]["id"], "accept", lines(board, request_id)["vi"])
    page = ishikawa.get(f"/en/board/requests/{request_id}/cancel")
    assert "Lan" in visible_text(page) and board.query("select state from staffing_request")[0]["state"] == "open"
    refused = ishikawa.post(f"/en/board/requests/{request_id}/cancel", data={"csrf_token": csrf_from(page)})
    assert refused.status_code == 400 and board.query("select state from staffing_request")[0]["state"] == "open"
    page = visible_text(request_action(ishikawa, request_id, "cancel", reason="The shelter closed"))
    assert "The request is cancelled." in page
    assert board.query("select status, cancel_reason from dispatch") == [
        {"status": "cancelled", "cancel_reason": "The shelter closed"}]
    assert {p["name"]: p["status"] for p in people(board, request_id).values()} == {
        "Lan": "accepted", "Wang": "declined", "Li": "declined"}
    mails = board.query("select email, body from notification where kind = 'request_cancelled'")
    assert {m["email"] for m in mails} == {"toyama@example.jp", "fukui@example.jp"}
    toyama_board = visible_text(board.client("toyama").get("/en/board/"))
    assert "Lan" in toyama_board and "Reason: The shelter closed" in toyama_board  # not vanished
    assert all("The shelter closed" in m["body"] for m in mails)
    history = board.query("select after from audit_log where action = 'request.cancel'")
    assert "The shelter closed" in history[0]["after"]


def test_board_close_ends_pending_offers_and_keeps_dispatches(board, posted):
    ishikawa, _disaster, request_id = posted
    offer(board.client("toyama"), request_id, [("Lan", ["vi"], day(1), day(5)), ("Wang", ["zh-Hans"], day(1), day(5))])
    decide(ishikawa, request_id, people(board, request_id)["Lan"]["id"], "accept", lines(board, request_id)["vi"])
    assert "The request is closed." in visible_text(request_action(ishikawa, request_id, "close", reason="Enough"))
    assert board.query("select status from dispatch") == [{"status": "confirmed"}]
    assert people(board, request_id)["Wang"]["decision_reason"] == "Enough"


def test_board_dispatch_cancel_asks_for_a_reason_and_tells_the_other_association(board, posted):
    ishikawa, _disaster, request_id = posted
    toyama = board.client("toyama")
    offer(toyama, request_id, [("Lan", ["vi"], day(1), day(5))])
    decide(ishikawa, request_id, people(board, request_id)["Lan"]["id"], "accept", lines(board, request_id)["vi"])
    dispatch_id = board.query("select id from dispatch")[0]["id"]
    page = toyama.get(f"/en/board/dispatches/{dispatch_id}/cancel")
    assert page.status_code == 200 and "Lan" in visible_text(page)
    response = toyama.post(f"/en/board/dispatches/{dispatch_id}/cancel", data={
        "csrf_token": csrf_from(page), "reason": "Lan is ill", "back": f"/en/board/requests/{request_id}"})
    assert response.status_code == 302
    assert board.query("select status, cancel_reason from dispatch") == [
        {"status": "cancelled", "cancel_reason": "Lan is ill"}]
    mail = board.query("select email, body from notification where kind = 'dispatch_cancelled'")
    assert {m["email"] for m in mail} == {"ishikawa@example.jp", "ishikawa2@example.jp"}
    assert "Lan is ill" in mail[0]["body"]


def test_board_covered_pending_offers_are_declined_with_a_mail_unless_reserve(board, posted):
    ishikawa, _disaster, request_id = posted
    offer(board.client("toyama"), request_id, [("Wang", ["zh-Hans"], day(1), day(10)),
                                               ("Zhou", ["zh-Hans"], day(1), day(4))])
    offer(board.client("fukui_chair"), request_id, [("Li", ["zh-Hans"], day(2), day(9))])
    found = people(board, request_id)
    ishikawa.post(f"/en/board/people/{found['Li']['id']}/reserve", data={
        "csrf_token": csrf_of(ishikawa, request_id), "request_id": request_id, "keep": "1"})
    decide(ishikawa, request_id, found["Wang"]["id"], "accept", lines(board, request_id)["zh-Hans"])
    found = people(board, request_id)
    assert (found["Zhou"]["status"], found["Zhou"]["decision_reason"]) == ("declined", "covered")
    assert found["Li"]["status"] == "offered"  # kept as reserve
    mails = board.query("select email, body from notification where kind = 'offers_ended'")
    assert [m["email"] for m in mails] == ["toyama@example.jp"] and "Zhou" in mails[0]["body"]
    assert "Every day this person offered is already covered." in visible_text(board.client("toyama").get("/en/board/"))


def test_board_edit_after_acceptance_keeps_history_and_tells_those_affected(board, posted):
    ishikawa, _disaster, request_id = posted
    offer(board.client("toyama"), request_id, [("Lan", ["vi"], day(1), day(10))])
    decide(ishikawa, request_id, people(board, request_id)["Lan"]["id"], "accept", lines(board, request_id)["vi"])
    page = ishikawa.get(f"/en/board/requests/{request_id}/edit")
    text = page.get_data(as_text=True)
    assert 'value="Nanao shelter"' in text and f'value="{day(10)}"' in text
    ids = lines(board, request_id)
    deadline = (datetime.datetime.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = ishikawa.post(f"/en/board/requests/{request_id}/edit", data={
        "csrf_token": csrf_from(page), "site_kind": "shelter", "site_name": "Nanao hall", "tasks": ["interpreting"],
        "deadline": deadline, "action": "save",
        "lines-0-line_id": ids["vi"], "lines-0-language": "vi", "lines-0-task": "interpreting",
        "lines-0-headcount": "2", "lines-0-start_date": day(1), "lines-0-end_date": day(6),
        "lines-1-language": "en", "lines-1-task": "interpreting", "lines-1-headcount": "1",
        "lines-1-start_date": day(2), "lines-1-end_date": day(4)}, follow_redirects=True)
    page = visible_text(response)
    assert "The request is changed" in page and "Nanao hall" in page
    assert [row["language"] for row in board.query("select language from request_line order by id")] == ["vi", "en"]
    assert "Covered 6 of 15 person-days" in page  # Lan's days 7-10 are outside the line now and do not count
    mail = board.query("select email, body from notification where kind = 'request_edited'")
    assert [m["email"] for m in mail] == ["toyama@example.jp"] and day(6) in mail[0]["body"]
    assert board.query("select count(*) as n from audit_log where action = 'request.edit'") == [{"n": 1}]


def test_board_edit_refuses_removing_a_line_with_dispatches(board, posted):
    ishikawa, _disaster, request_id = posted
    offer(board.client("toyama"), request_id, [("Lan", ["vi"], day(1), day(10))])
    decide(ishikawa, request_id, people(board, request_id)["Lan"]["id"], "accept", lines(board, request_id)["vi"])
    page = ishikawa.get(f"/en/board/requests/{request_id}/edit")
    deadline = (datetime.datetime.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = ishikawa.post(f"/en/board/requests/{request_id}/edit", data={
        "csrf_token": csrf_from(page), "site_kind": "shelter", "site_name": "Nanao shelter",
        "tasks": ["interpreting"], "deadline": deadline, "lines-0-language": "en", "lines-0-headcount": "1",
        "lines-0-start_date": day(2), "lines-0-end_date": day(4)})
    assert "A line with dispatches cannot be removed" in visible_text(response)
    assert len(board.query("select * from request_line")) == 2


def test_board_affected_association_goes_national_with_a_reason_and_new_deadline(board, posted):
    ishikawa, _disaster, request_id = posted
    new_deadline = (datetime.datetime.now() + datetime.timedelta(days=4)).strftime("%Y-%m-%dT%H:%M")
    page = visible_text(request_action(ishikawa, request_id, "escalate", reason="No Chinese in our block",
                                       deadline=new_deadline))
    assert "The request now goes to all blocks." in page and new_deadline.replace("T", " ") in page
    entry = board.query("select after from audit_log where action = 'request.escalate'")[0]
    assert "No Chinese in our block" in entry["after"]
    mail = board.query("select body from notification where kind = 'escalated' and email = 'osaka@example.jp'")[0]
    assert new_deadline.replace("T", " ") in mail["body"] and "Chinese" in mail["body"] and day(1) in mail["body"]


def test_board_scheduled_escalation_gives_a_new_deadline(board, posted):
    _ishikawa, _disaster, request_id = posted
    board.execute("update staffing_request set deadline = '2000-01-01T00:00:00+00:00'")
    with board.app.app_context():
        from disaster_support.board.requests import escalate_overdue_requests

        assert len(escalate_overdue_requests()) == 1
    row = board.query("select scope, deadline from staffing_request")[0]
    assert row["scope"] == "national" and row["deadline"] > datetime.datetime.now(datetime.timezone.utc).isoformat()
    assert "Overdue" not in visible_text(board.client("osaka").get(f"/en/board/requests/{request_id}"))


def test_board_next_rotation_carries_the_request_forward_without_double_demand(board, posted):
    ishikawa, disaster_id, request_id = posted
    request_action(ishikawa, request_id, "escalate", reason="Block cannot cover")
    page = ishikawa.get(f"/en/board/requests/{request_id}/next")
    text = page.get_data(as_text=True)
    assert f'value="{day(11)}"' in text and f'value="{day(20)}"' in text and 'value="Nanao shelter"' in text
    form = {"csrf_token": csrf_from(page), "site_kind": "shelter", "site_name": "Nanao shelter",
            "tasks": ["interpreting"], "action": "publish", "lodging": "", "transport": "",
            "deadline": (datetime.datetime.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
            "lines-0-language": "vi", "lines-0-task": "interpreting", "lines-0-headcount": "2",
            "lines-0-start_date": day(11), "lines-0-end_date": day(20), "lines-0-rotation_days": "5"}
    second = request_id_of(ishikawa.post(f"/en/board/requests/{request_id}/next", data=form))
    row = board.query("select scope, previous_request_id from staffing_request where id = ?", [second])[0]
    assert row == {"scope": "national", "previous_request_id": request_id}
    overlapping = dict(form, **{"lines-0-start_date": day(8)})
    response = ishikawa.post(f"/en/board/requests/{request_id}/next", data=overlapping)
    assert f"Request #{request_id} already asks for vi" in visible_text(response)
    gaps = ishikawa.get(f"/en/board/disasters/{disaster_id}/gaps").get_data(as_text=True)
    assert "0/4" not in gaps and "0/2" in gaps  # demand counted once per day


def test_board_editing_a_rotation_into_the_next_ones_days_is_refused(board, posted):
    ishikawa, _disaster, request_id = posted
    page = ishikawa.get(f"/en/board/requests/{request_id}/next")
    deadline = (datetime.datetime.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    form = {"csrf_token": csrf_from(page), "site_kind": "shelter", "site_name": "Nanao shelter",
            "tasks": ["interpreting"], "action": "publish", "deadline": deadline,
            "lines-0-language": "vi", "lines-0-task": "interpreting", "lines-0-headcount": "2",
            "lines-0-start_date": day(11), "lines-0-end_date": day(20)}
    request_id_of(ishikawa.post(f"/en/board/requests/{request_id}/next", data=form))
    ids = lines(board, request_id)
    page = ishikawa.get(f"/en/board/requests/{request_id}/edit")
    response = ishikawa.post(f"/en/board/requests/{request_id}/edit", data=dict(form, **{
        "csrf_token": csrf_from(page), "action": "save", "lines-0-line_id": ids["vi"],
        "lines-0-start_date": day(1), "lines-0-end_date": day(12)}))
    assert "already asks for vi on some of these days" in visible_text(response)
    assert board.query("select end_date from request_line where id = ?", [ids["vi"]]) == [{"end_date": day(10)}]
