"""Coverage in person-days (issue 14): the one computation, and every page, export and mail that reads it."""
import threading

import pytest
from board_steps import csrf_of, day, decide, offer, open_disaster, post_request, request_id_of
from conftest import visible_text

from disaster_support.board.coverage import line_coverage, status_of


def test_coverage_overlapping_dispatches_count_at_most_the_headcount_per_day():
    line = line_coverage(2, "2026-12-04", "2026-12-08", [("2026-12-04", "2026-12-08"), ("2026-12-04", "2026-12-06"),
                                                         ("2026-12-05", "2026-12-07")])
    assert [line.people_on(d) for d in line.days] == [2, 2, 2, 2, 1]  # three people on 12-05 and 12-06 count two
    assert (line.covered, line.required, line.first_gap, line.filled) == (9, 10, "2026-12-08", False)


def test_coverage_gaps_in_the_middle_and_partial_days():
    line = line_coverage(1, "2026-12-04", "2026-12-17", [("2026-12-04", "2026-12-08"), ("2026-12-14", "2026-12-20")])
    assert (line.covered, line.required) == (9, 14)  # days after the line's last day do not count
    assert line.first_gap == "2026-12-09"
    assert line.open_periods("2026-12-01", "2026-12-31") == [("2026-12-09", "2026-12-13")]
    assert line.fits("2026-12-09", "2026-12-13") and not line.fits("2026-12-08", "2026-12-10")


def test_coverage_a_line_is_filled_only_when_every_day_has_its_people():
    headcount_met_for_five_days = line_coverage(2, "2026-12-04", "2026-12-17", [("2026-12-04", "2026-12-08")] * 2)
    assert headcount_met_for_five_days.covered == 10 and not headcount_met_for_five_days.filled
    assert status_of("open", [headcount_met_for_five_days]) == "partially_filled"
    full = line_coverage(1, "2026-12-04", "2026-12-05", [("2026-12-04", "2026-12-05")])
    assert status_of("open", [full]) == "filled"
    assert status_of("open", [full, headcount_met_for_five_days]) == "partially_filled"
    assert status_of("open", [line_coverage(1, "2026-12-04", "2026-12-05", [])]) == "open"


def test_coverage_rotation_slots_are_offered_one_by_one():
    line = line_coverage(1, "2026-12-04", "2026-12-17", [("2026-12-04", "2026-12-08")], rotation_days=5)
    assert line.slots() == [("2026-12-04", "2026-12-08"), ("2026-12-09", "2026-12-13"), ("2026-12-14", "2026-12-17")]
    assert line.open_periods("2026-12-04", "2026-12-12") == [("2026-12-09", "2026-12-12")]
    assert line.open_periods("2026-12-01", "2026-12-31") == [("2026-12-09", "2026-12-13"), ("2026-12-14", "2026-12-17")]


@pytest.fixture
def kumamoto(board):
    """石川県 asks for 2 Vietnamese for 14 days (days 1-14) and 1 Nepali for days 1-3."""
    ishikawa = board.client("ishikawa")
    disaster_id = open_disaster(ishikawa)
    request_id = request_id_of(post_request(ishikawa, disaster_id, [("vi", 2, day(1), day(14)),
                                                                   ("ne", 1, day(1), day(3))]))
    return ishikawa, disaster_id, request_id


def _people(board, request_id):
    return {row["name"]: row for row in board.query(
        "select p.* from offered_person p join offer o on o.id = p.offer_id where o.request_id = ?", [request_id])}


def _lines(board, request_id):
    return {row["language"]: row["id"] for row in board.query(
        "select id, language from request_line where request_id = ?", [request_id])}


def test_board_headcount_for_some_days_is_not_filled_everywhere(board, kumamoto):
    """Issue 14: two Vietnamese for days 1-5 of 14 and the Nepali: every screen says 13 of 31, from day 6."""
    ishikawa, disaster_id, request_id = kumamoto
    toyama = board.client("toyama")
    offer(toyama, request_id, [("Lan", ["vi"], day(1), day(5)), ("Minh", ["vi"], day(1), day(5)),
                               ("Bishnu", ["ne"], day(1), day(3)), ("Hoa", ["vi"], day(4), day(9))])
    people, lines = _people(board, request_id), _lines(board, request_id)
    for name, language in (("Lan", "vi"), ("Minh", "vi"), ("Bishnu", "ne")):
        decide(ishikawa, request_id, people[name]["id"], "accept", lines[language])
    summary = f"Covered 13 of 31 person-days; first day without enough people: {day(6)}"
    page = visible_text(ishikawa.get(f"/en/board/requests/{request_id}"))
    assert "Partially filled" in page and summary in page and "10 / 28" in page
    assert summary in visible_text(toyama.get("/en/board/"))  # still in the lists of those who can help
    overview = visible_text(board.client("secretariat").get("/en/board/overview"))
    assert "13 / 31" in overview
    csv = toyama.get("/en/board/export/requests.csv").get_data(as_text=True)
    assert "partially_filled" in csv and f",31,13,{day(6)}," in csv
    gaps = ishikawa.get(f"/en/board/disasters/{disaster_id}/gaps").get_data(as_text=True)
    assert '<td class="cell gap">0/2</td>' in gaps  # from day 6, as the request page says
    # Hoa is still acceptable: only for the days still lacking people (days 6-9).
    decide(ishikawa, request_id, people["Hoa"]["id"], "accept", lines["vi"])
    assert board.query("select start_date, end_date from dispatch where person_name = 'Hoa'") == [
        {"start_date": day(6), "end_date": day(9)}]
    mails = board.query("select body from notification where kind = 'request_posted'")
    assert "Covered 0 of 31 person-days" in mails[0]["body"]


def test_board_accept_for_a_chosen_period_refuses_days_already_covered(board, kumamoto):
    ishikawa, _disaster, request_id = kumamoto
    offer(board.client("toyama"), request_id, [("Lan", ["vi"], day(1), day(14)), ("Minh", ["vi"], day(1), day(14)),
                                               ("Hoa", ["vi"], day(1), day(14))])
    people, vi = _people(board, request_id), _lines(board, request_id)["vi"]
    decide(ishikawa, request_id, people["Lan"]["id"], "accept", vi, period=(day(1), day(5)))
    decide(ishikawa, request_id, people["Minh"]["id"], "accept", vi, period=(day(1), day(5)))
    page = visible_text(decide(ishikawa, request_id, people["Hoa"]["id"], "accept", vi, period=(day(4), day(8))))
    assert "Some of these days already have all their people" in page
    page = visible_text(decide(ishikawa, request_id, people["Hoa"]["id"], "accept", vi, period=(day(6), day(10))))
    assert "The dispatch is confirmed" in page


def test_board_accept_for_fewer_days_than_offered(board, kumamoto):
    ishikawa, _disaster, request_id = kumamoto
    offer(board.client("toyama"), request_id, [("Lan", ["vi"], day(1), day(14))])
    person, vi = _people(board, request_id)["Lan"]["id"], _lines(board, request_id)["vi"]
    ishikawa.post(f"/en/board/people/{person}/accept", data={
        "csrf_token": csrf_of(ishikawa, request_id), "request_id": request_id,
        "period": f"{vi}:{day(1)}:{day(14)}", "first": day(3), "last": day(7)})
    assert board.query("select start_date, end_date from dispatch") == [{"start_date": day(3), "end_date": day(7)}]
    mail = board.query("select body from notification where kind = 'accepted'")[0]["body"]
    assert f"Dispatch: {day(3)} – {day(7)}, Vietnamese." in mail


def test_board_concurrent_accepts_never_overfill_any_day(board, kumamoto):
    """Six people with overlapping days accepted at once by two coordinators: no day ever has more than two."""
    _ishikawa, _disaster, request_id = kumamoto
    ranges = [(1, 5), (3, 8), (1, 14), (4, 6), (2, 9), (5, 14)]
    offer(board.client("toyama"), request_id, [(f"P{n}", ["vi"], day(a), day(b)) for n, (a, b) in enumerate(ranges)])
    board.execute("update offered_person set reserve = 1")  # nobody is declined while the others are decided
    people, vi = _people(board, request_id), _lines(board, request_id)["vi"]
    clients = [board.client("ishikawa"), board.client("ishikawa2")] * 3
    tokens = [csrf_of(client, request_id) for client in clients]
    barrier = threading.Barrier(len(ranges))

    def accept(n):
        barrier.wait()
        decide(clients[n], request_id, people[f"P{n}"]["id"], "accept", vi, token=tokens[n],
               period=(day(ranges[n][0]), day(ranges[n][1])))

    threads = [threading.Thread(target=accept, args=(n,)) for n in range(len(ranges))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    dispatches = board.query("select start_date, end_date from dispatch where line_id = ?", [vi])
    assert dispatches
    for n in range(1, 15):
        assert sum(d["start_date"] <= day(n) <= d["end_date"] for d in dispatches) <= 2, day(n)
