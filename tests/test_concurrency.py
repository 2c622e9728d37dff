"""Issue 12: people acting at the same moment, against a real gunicorn with two worker processes.

Before the one-rule-for-writes change, 23 of 40 simultaneous prints and 9 of 20 simultaneous request posts
failed with HTTP 500 "database is locked", and a scheduled and a manual escalation at once wrote two.
"""
import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from board_steps import open_disaster, post_request, request_id_of
from conftest import BOARD_PASSWORD, BOARD_PEOPLE
from live import Browser, Gunicorn

pytestmark = pytest.mark.slow


@pytest.fixture
def server(board):
    gunicorn = Gunicorn(board.app.config["DATABASE"], workers=2)
    yield gunicorn
    gunicorn.stop()
    assert "Traceback" not in gunicorn.log.read_text(), gunicorn.log.read_text()[-3000:]


def all_at_once(actions):
    """Run every action in its own thread, released together; returns their results in order."""
    barrier = threading.Barrier(len(actions))

    def run(action):
        barrier.wait()
        return action()

    with ThreadPoolExecutor(len(actions)) as pool:
        return list(pool.map(run, actions))


def test_forty_simultaneous_prints_all_succeed_and_each_is_saved_once(server, board):
    browsers = [Browser(server.url) for _ in range(40)]
    forms = []
    for n, browser in enumerate(browsers):
        forms.append({"csrf_token": browser.csrf("/en/sheets/drinking-water"), "lang1": "en", "lang2": "ja",
                      "size": "A4", "orientation": "portrait", "shelter": f"Shelter {n}", "action": "print"})
    results = all_at_once([lambda b=b, f=f: b.request("/en/sheets/drinking-water", f)
                           for b, f in zip(browsers, forms)])

    assert [status for status, _headers, _page in results] == [302] * 40
    assert all("/sheets/printed/" in headers["Location"] for _status, headers, _page in results)
    shelters = [row["shelter"] for row in board.query("select shelter from printed_sheet")]
    assert sorted(shelters) == sorted(f"Shelter {n}" for n in range(40))


def test_twenty_simultaneous_request_posts_all_succeed_and_each_is_saved_once(server, board):
    disaster_id = open_disaster(board.client("ishikawa"))
    email = BOARD_PEOPLE["ishikawa"][0]
    browsers = [Browser(server.url).log_in(email, BOARD_PASSWORD) for _ in range(20)]
    new = f"/en/board/disasters/{disaster_id}/requests/new"
    first = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    deadline = (datetime.datetime.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    forms = [{"csrf_token": browser.csrf(new), "site_kind": "shelter", "site_name": f"Site {n}",
              "tasks": ["interpreting"], "deadline": deadline, "lodging": "", "transport": "", "action": "publish",
              "lines-0-language": "vi", "lines-0-headcount": "1", "lines-0-start_date": first,
              "lines-0-end_date": first} for n, browser in enumerate(browsers)]
    results = all_at_once([lambda b=b, f=f: b.request(new, f) for b, f in zip(browsers, forms)])

    assert [status for status, _headers, _page in results] == [302] * 20
    sites = [row["site_name"] for row in board.query("select site_name from staffing_request")]
    assert sorted(sites) == sorted(f"Site {n}" for n in range(20))
    assert len(board.query("select id from audit_log where action = 'request.create'")) == 20


def test_scheduled_and_manual_escalation_at_once_escalate_once(server, board):
    from disaster_support.board.requests import escalate_overdue_requests

    ishikawa = board.client("ishikawa")
    disaster_id = open_disaster(ishikawa)
    first = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    request_ids = [request_id_of(post_request(ishikawa, disaster_id, [("vi", 1, first, first)], site=f"Site {n}"))
                   for n in range(5)]
    board.execute("update staffing_request set deadline = '2000-01-01T00:00:00+00:00'")
    chair = Browser(server.url).log_in(BOARD_PEOPLE["fukui_chair"][0], BOARD_PASSWORD)
    new_deadline = (datetime.datetime.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")

    def scheduler():
        with board.app.app_context():
            return len(escalate_overdue_requests())

    for request_id in request_ids:
        token = chair.csrf(f"/en/board/requests/{request_id}")
        manual = lambda rid=request_id, t=token: chair.request(f"/en/board/requests/{rid}/escalate",  # noqa: E731
                                                               {"csrf_token": t, "reason": "Block cannot cover",
                                                                "deadline": new_deadline})
        (status, _headers, page), _escalated = all_at_once([manual, scheduler])
        assert status == 302, page[:500]

    for request_id in request_ids:
        entries = board.query("select actor from audit_log where action = 'request.escalate' and subject_id = ?",
                              [str(request_id)])
        assert len(entries) == 1, entries
        mails = board.query("select count(distinct email) as people, count(*) as mails from notification"
                            " where kind = 'escalated' and subject_id = ?", [str(request_id)])[0]
        assert mails["people"] == mails["mails"]  # nobody is told twice
    assert {row["scope"] for row in board.query("select scope from staffing_request")} == {"national"}


def test_eight_simultaneous_invitation_accepts_all_succeed(server, board):
    from disaster_support.auth import users

    with board.app.app_context():
        association = board.query("select id from association where jurisdiction = '石川県'")[0]["id"]
        tokens = [users.create_invitation(f"new{n}@example.jp", "coordinator", association, None) for n in range(8)]
    browsers = [Browser(server.url) for _ in tokens]
    forms = [{"csrf_token": browser.csrf(f"/en/account/invitation/{token}"), "name": f"New {n}",
              "password": "a long enough password", "confirm": "a long enough password", "language": "en"}
             for n, (browser, token) in enumerate(zip(browsers, tokens))]
    results = all_at_once([lambda b=b, t=t, f=f: b.request(f"/en/account/invitation/{t}", f)
                           for b, t, f in zip(browsers, tokens, forms)])

    assert [status for status, _headers, _page in results] == [302] * 8
    names = sorted(row["name"] for row in board.query("select name from user where email like 'new%'"))
    assert names == sorted(f"New {n}" for n in range(8))
