"""The board's workflow through the HTTP client: request -> offer -> accept -> dispatch, and what is refused."""
import threading

import pytest

from board_steps import csrf_of, day, decide, offer, open_disaster, post_request, request_action, request_id_of
from conftest import csrf_from, visible_text


@pytest.fixture
def posted(board):
    """石川県 opened a disaster and posted a request: Vietnamese x2 (days 1-5), Nepali x1 (days 2-3)."""
    ishikawa = board.client("ishikawa")
    disaster_id = open_disaster(ishikawa)
    request_id = request_id_of(post_request(ishikawa, disaster_id, [("vi", 2, day(1), day(5)),
                                                                   ("ne", 1, day(2), day(3))]))
    return ishikawa, disaster_id, request_id


def people_of(board, request_id):
    return {row["name"]: row for row in board.query(
        "select p.* from offered_person p join offer o on o.id = p.offer_id where o.request_id = ?", [request_id])}


def line_ids(board, request_id):
    return {row["language"]: row["id"] for row in board.query(
        "select id, language from request_line where request_id = ?", [request_id])}


def test_board_full_flow_request_offer_accept_dispatch(board, posted):
    ishikawa, disaster_id, request_id = posted
    toyama = board.client("toyama")
    assert "Nanao shelter" in visible_text(toyama.get("/en/board/"))  # same block: "Requests you can help with"

    response = offer(toyama, request_id, [("Nguyen Thi Lan", ["vi"], day(1), day(4)),
                                          ("Bishnu Gurung", ["ne", "en"], day(0), day(9))], note="Both drive")
    assert response.status_code == 302
    people = people_of(board, request_id)
    lines = line_ids(board, request_id)

    page = visible_text(decide(ishikawa, request_id, people["Nguyen Thi Lan"]["id"], "accept", lines["vi"]))
    assert "Accepted. The dispatch is confirmed." in page
    assert "Partially filled" in page
    assert "4 / 10" in page  # person-days: Lan covers days 1-4 of a two-person line over five days
    dispatch = board.query("select * from dispatch")[0]
    assert (dispatch["person_name"], dispatch["start_date"], dispatch["end_date"]) == ("Nguyen Thi Lan", day(1), day(4))

    page = visible_text(decide(ishikawa, request_id, people["Bishnu Gurung"]["id"], "accept", lines["ne"]))
    assert "Partially filled" in page  # Vietnamese still needs one more
    # The dispatch runs over the line's dates, not the whole availability.
    assert board.query("select start_date, end_date from dispatch where person_name = 'Bishnu Gurung'") == [
        {"start_date": day(2), "end_date": day(3)}]

    roster = visible_text(toyama.get(f"/en/board/roster?disaster={disaster_id}"))
    assert "Nguyen Thi Lan" in roster and "Bishnu Gurung" in roster
    mails = {(row["kind"], row["email"]) for row in board.query("select kind, email from notification")}
    assert ("request_posted", "toyama@example.jp") in mails
    assert ("offer_received", "ishikawa@example.jp") in mails
    assert ("accepted", "toyama@example.jp") in mails
    assert not any(email == "osaka@example.jp" for _kind, email in mails)  # another block is not told


def test_board_request_filled_when_every_line_is_committed(board, posted):
    ishikawa, _disaster, request_id = posted
    toyama = board.client("toyama")
    offer(toyama, request_id, [("A One", ["vi"], day(1), day(5)), ("B Two", ["vi"], day(1), day(5)),
                               ("C Three", ["ne"], day(1), day(5))])
    people, lines = people_of(board, request_id), line_ids(board, request_id)
    decide(ishikawa, request_id, people["A One"]["id"], "accept", lines["vi"])
    decide(ishikawa, request_id, people["B Two"]["id"], "accept", lines["vi"])
    page = visible_text(decide(ishikawa, request_id, people["C Three"]["id"], "accept", lines["ne"]))
    assert "Filled" in page and "Partially filled" not in page
    assert "Offer staff" not in visible_text(toyama.get(f"/en/board/requests/{request_id}"))


def test_board_line_is_never_overfilled(board, posted):
    ishikawa, _disaster, request_id = posted
    offer(board.client("toyama"), request_id, [("Ana", ["ne"], day(1), day(5)), ("Bo", ["ne"], day(1), day(5))])
    people, lines = people_of(board, request_id), line_ids(board, request_id)
    ishikawa.post(f"/en/board/people/{people['Bo']['id']}/reserve", data={
        "csrf_token": csrf_of(ishikawa, request_id), "request_id": request_id, "keep": "1"})
    decide(ishikawa, request_id, people["Ana"]["id"], "accept", lines["ne"])
    page = visible_text(decide(ishikawa, request_id, people["Bo"]["id"], "accept", lines["ne"]))
    assert "This language line is already filled." in page
    assert len(board.query("select * from dispatch where line_id = ?", [lines["ne"]])) == 1
    assert people_of(board, request_id)["Bo"]["status"] == "offered"  # kept as reserve; refused: nothing changed


def test_board_double_booking_is_refused(board, posted):
    ishikawa, disaster_id, first = posted
    second = request_id_of(post_request(ishikawa, disaster_id, [("vi", 1, day(3), day(6))], site="Center"))
    toyama = board.client("toyama")
    offer(toyama, first, [("Nguyen Thi Lan", ["vi"], day(1), day(9))])
    offer(toyama, second, [("nguyen  thi lan", ["vi"], day(1), day(9))])  # the same person, typed differently
    accepted = decide(ishikawa, first, people_of(board, first)["Nguyen Thi Lan"]["id"], "accept",
                      line_ids(board, first)["vi"])
    assert "The dispatch is confirmed" in visible_text(accepted)
    page = visible_text(decide(ishikawa, second, people_of(board, second)["nguyen  thi lan"]["id"], "accept",
                               line_ids(board, second)["vi"]))
    assert f"is already dispatched from {day(1)} to {day(5)}" in page
    assert len(board.query("select * from dispatch")) == 1


def test_board_concurrent_accepts_never_overfill(board, posted):
    """Four people accepted for a two-person line by two coordinators at the same moment: exactly two go."""
    _ishikawa, _disaster, request_id = posted
    offer(board.client("toyama"), request_id, [(f"Person {n}", ["vi"], day(1), day(5)) for n in range(4)])
    # Kept as reserve, so the losers are refused (not declined as soon as the line fills).
    board.execute("update offered_person set reserve = 1")
    people, vi_line = people_of(board, request_id), line_ids(board, request_id)["vi"]
    clients = [board.client("ishikawa"), board.client("ishikawa2")] * 2
    tokens = [csrf_of(client, request_id) for client in clients]
    barrier = threading.Barrier(4)
    pages = [None] * 4

    def accept(n):
        barrier.wait()
        pages[n] = visible_text(decide(clients[n], request_id, people[f"Person {n}"]["id"], "accept", vi_line,
                                       token=tokens[n]))

    threads = [threading.Thread(target=accept, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(board.query("select * from dispatch where line_id = ?", [vi_line])) == 2
    assert sum("The dispatch is confirmed" in page for page in pages) == 2
    assert sum("This language line is already filled." in page for page in pages) == 2


def test_board_withdrawn_offer_cannot_be_accepted(board, posted):
    ishikawa, _disaster, request_id = posted
    toyama = board.client("toyama")
    offer(toyama, request_id, [("Ana", ["vi"], day(1), day(5))])
    offer_id = board.query("select id from offer")[0]["id"]
    page = toyama.post(f"/en/board/offers/{offer_id}/withdraw", data={
        "csrf_token": csrf_of(toyama, request_id), "request_id": request_id}, follow_redirects=True)
    assert "Your offer is withdrawn." in visible_text(page)
    page = visible_text(decide(ishikawa, request_id, people_of(board, request_id)["Ana"]["id"], "accept",
                               line_ids(board, request_id)["vi"]))
    assert "Ana is no longer waiting for a decision (Withdrawn)." in page
    assert not board.query("select * from dispatch")


def test_board_decline_tells_the_offering_association(board, posted):
    ishikawa, _disaster, request_id = posted
    offer(board.client("toyama"), request_id, [("Ana", ["vi"], day(1), day(5))])
    page = visible_text(decide(ishikawa, request_id, people_of(board, request_id)["Ana"]["id"], "decline"))
    assert "Declined" in page
    assert board.query("select email from notification where kind = 'declined'") == [{"email": "toyama@example.jp"}]


def test_board_dispatch_goes_on_site_and_returns(board, posted):
    ishikawa, _disaster, request_id = posted
    toyama = board.client("toyama")
    offer(toyama, request_id, [("Ana", ["vi"], day(1), day(5))])
    decide(ishikawa, request_id, people_of(board, request_id)["Ana"]["id"], "accept", line_ids(board, request_id)["vi"])
    dispatch_id = board.query("select id from dispatch")[0]["id"]
    token = csrf_of(toyama, request_id)

    def move(client, status):
        return client.post(f"/en/board/dispatches/{dispatch_id}/status",
                           data={"csrf_token": token if client is toyama else csrf_of(client, request_id),
                                 "status": status}, follow_redirects=True)

    assert "A dispatch that is Confirmed cannot change to that." in visible_text(move(toyama, "returned"))
    move(toyama, "on_site")
    assert board.query("select status from dispatch") == [{"status": "on_site"}]
    move(ishikawa, "returned")
    assert board.query("select status from dispatch") == [{"status": "returned"}]
    osaka = board.client("osaka")  # not involved: refused, and the status stays
    assert osaka.post(f"/en/board/dispatches/{dispatch_id}/status",
                      data={"csrf_token": csrf_from(osaka.get("/en/board/")), "status": "on_site"}).status_code == 403


def test_board_status_is_derived_after_cancel(board, posted):
    ishikawa, _disaster, request_id = posted
    offer(board.client("toyama"), request_id, [("Ana", ["vi"], day(1), day(5))])
    decide(ishikawa, request_id, people_of(board, request_id)["Ana"]["id"], "accept", line_ids(board, request_id)["vi"])
    page = visible_text(request_action(ishikawa, request_id, "cancel", reason="The shelter closed"))
    assert "The request is cancelled." in page and "Cancelled" in page
    assert board.query("select status from dispatch") == [{"status": "cancelled"}]
    assert "Offer staff" not in visible_text(board.client("toyama").get(f"/en/board/requests/{request_id}"))


def test_board_request_form_keeps_input_and_saves_nothing(board):
    ishikawa = board.client("ishikawa")
    disaster_id = open_disaster(ishikawa)
    response = post_request(ishikawa, disaster_id, [("vi", "", day(1), day(5))], site="Kanazawa hall")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Give the number of people and both days for this language." in visible_text(page)
    assert 'value="Kanazawa hall"' in page
    response = post_request(ishikawa, disaster_id, [("vi", 2, day(5), day(1))])
    assert "The last day is before the first day." in visible_text(response)
    response = post_request(ishikawa, disaster_id, [("vi", 1, day(1), day(2))], deadline="2020-01-01T09:00")
    assert "The answer deadline must be in the future." in visible_text(response)
    response = post_request(ishikawa, disaster_id, [], tasks=[])
    assert "Add at least one language line." in visible_text(response)
    assert "Choose at least one task." in visible_text(response)
    assert not board.query("select * from staffing_request")


def test_board_offer_form_refuses_incomplete_people(board, posted):
    _ishikawa, _disaster, request_id = posted
    toyama = board.client("toyama")
    response = offer(toyama, request_id, [("Ana", [], day(1), day(5))])
    assert response.status_code == 400
    assert "Give this person's languages and both days." in visible_text(response)
    assert 'value="Ana"' in response.get_data(as_text=True)
    assert not board.query("select * from offer")


def test_board_untrusted_text_is_escaped(board):
    ishikawa = board.client("ishikawa")
    disaster_id = open_disaster(ishikawa, title="<script>alert(1)</script>")
    request_id = request_id_of(post_request(ishikawa, disaster_id, [("vi", 1, day(1), day(2))],
                                            site="<img src=x onerror=alert(1)>"))
    page = ishikawa.get(f"/en/board/requests/{request_id}").get_data(as_text=True)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>alert(1)" not in ishikawa.get(f"/en/board/disasters/{disaster_id}").get_data(as_text=True)


def test_board_gap_matrix_colours_requested_against_committed(board, posted):
    ishikawa, disaster_id, request_id = posted
    offer(board.client("toyama"), request_id, [("Ana", ["vi"], day(1), day(2))])
    decide(ishikawa, request_id, people_of(board, request_id)["Ana"]["id"], "accept", line_ids(board, request_id)["vi"])
    page = ishikawa.get(f"/en/board/disasters/{disaster_id}/gaps").get_data(as_text=True)
    assert '<td class="cell partial">1/2</td>' in page  # days 1-2: Ana of two
    assert '<td class="cell gap">0/2</td>' in page  # days 3-5: nobody
    assert '<td class="cell gap">0/1</td>' in page  # Nepali
    assert "Vietnamese" in visible_text(page) and "Nepali" in visible_text(page)
