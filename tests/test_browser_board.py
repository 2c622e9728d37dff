"""Two coordinators in two browser sessions run a request to dispatch; the secretariat sees, escalates, exports."""
import datetime

import pytest

from board_steps import day
from browser import chromium_sessions
from conftest import BOARD_PASSWORD, BOARD_PEOPLE

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def log_in(page, base, lang, who):
    page.goto(f"{base}/{lang}/account/login")
    page.fill("input[name=email]", BOARD_PEOPLE[who][0])
    page.fill("input[name=password]", BOARD_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{base}/{lang}/board/")


def open_disaster(page, title):
    """From the board's first page, open a disaster that began today; returns the disaster page's address."""
    page.click("a[href$='/board/disasters/new']")
    page.fill("input[name=title]", title)
    page.fill("input[name=started_on]", day(0))
    page.click("form:not(.whoami) button[type=submit]")
    page.wait_for_url("**/board/disasters/*")
    return page.url


def post_request(page, base, disaster_url, site, language):
    page.goto(disaster_url)
    page.click("a[href$='/requests/new']")
    page.select_option("select[name=site_kind]", "shelter")
    page.fill("input[name=site_name]", site)
    page.check("input[name=tasks][value=interpreting]")
    page.select_option("select[name='lines-0-language']", language)
    page.fill("input[name='lines-0-headcount']", "1")
    page.fill("input[name='lines-0-start_date']", day(1))
    page.fill("input[name='lines-0-end_date']", day(3))
    deadline = (datetime.datetime.now() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    page.fill("input[name=deadline]", deadline)
    page.click("button[name=action][value=publish]")
    page.wait_for_url("**/board/requests/*")
    return page.url


def test_board_two_coordinators_run_the_flow_and_secretariat_exports(board, live_server, tmp_path):
    with chromium_sessions(3) as (ishikawa, toyama, secretariat):
        log_in(ishikawa, live_server, "ja", "ishikawa")
        log_in(toyama, live_server, "en", "toyama")
        log_in(secretariat, live_server, "en", "secretariat")

        disaster_url = open_disaster(ishikawa, "能登地方の地震（訓練）")
        request_url = post_request(ishikawa, live_server, disaster_url, "七尾小学校", "vi")
        assert "応援要請" in ishikawa.title() or ishikawa.locator("h1").inner_text().endswith("七尾小学校")
        ishikawa.screenshot(path=tmp_path / "board-request-ja.png", full_page=True)

        toyama.goto(f"{live_server}/en/board/")
        toyama.click("text=七尾小学校")
        toyama.click("a.button:has-text('Offer staff')")
        toyama.fill("input[name='people-0-name']", "Nguyen Thi Lan")
        toyama.check("input[name='people-0-languages'][value=vi]")
        toyama.fill("input[name='people-0-available_from']", day(0))
        toyama.fill("input[name='people-0-available_to']", day(5))
        toyama.click("form:not(.whoami) button.primary")
        assert "Your offer is sent." in toyama.inner_text("main")

        ishikawa.goto(request_url)
        ishikawa.click("form.inline button.primary")  # accept, for the only fitting line
        assert "3 / 3" in ishikawa.inner_text("main")  # person-days: one person on each of three days
        ishikawa.screenshot(path=tmp_path / "board-accepted-ja.png", full_page=True)

        toyama.goto(f"{live_server}/en/board/")
        assert "Nguyen Thi Lan → 七尾小学校" in toyama.inner_text("main")
        toyama.goto(f"{live_server}/en/board/roster")
        toyama.click("button:has-text('On site')")
        assert "On site" in toyama.inner_text("main table")

        second = post_request(ishikawa, live_server, disaster_url, "輪島市役所", "ne")
        secretariat.goto(second.replace("/ja/", "/en/"))
        secretariat.click("a.button:has-text('Send to all blocks')")
        secretariat.fill("textarea[name=reason]", "No Nepali interpreter in the block")
        secretariat.click("form:not(.whoami) button.primary")
        assert "The request now goes to all blocks." in secretariat.inner_text("main")
        assert "All blocks" in secretariat.inner_text("main")
        secretariat.goto(f"{live_server}/en/board/overview")
        row = secretariat.inner_text("tr:has(th:text('東海北陸'))")
        # open, filled, overdue, person-days covered / required, people on site
        assert row.split()[-7:] == ["1", "1", "0", "3", "/", "6", "1"]
        secretariat.screenshot(path=tmp_path / "board-overview-en.png", full_page=True)
        secretariat.goto(f"{live_server}/en/board/")
        with secretariat.expect_download() as download:
            secretariat.click("a[href$='/export/dispatches.csv']")
        exported = download.value.path().read_text(encoding="utf-8-sig")
        assert "Nguyen Thi Lan" in exported and "on_site" in exported


def test_board_pages_have_no_serious_accessibility_violations(board, live_server):
    from test_browser_living import axe_violations

    ishikawa = board.client("ishikawa")
    from board_steps import open_disaster, post_request, request_id_of

    disaster_id = open_disaster(ishikawa)
    request_id = request_id_of(post_request(ishikawa, disaster_id, [("vi", 1, day(1), day(3))]))
    with chromium_sessions(1) as (page,):
        page.goto(f"{live_server}/ja/account/login")
        assert [v for v in axe_violations(page) if v[1] in ("serious", "critical")] == []
        log_in(page, live_server, "ja", "secretariat")
        for path in ("/ja/board/", f"/ja/board/requests/{request_id}", f"/en/board/disasters/{disaster_id}/gaps",
                     f"/ja/board/disasters/{disaster_id}/requests/new", "/en/board/overview", "/ja/board/registry",
                     f"/en/board/requests/{request_id}/offer", f"/ja/board/requests/{request_id}/edit",
                     f"/en/board/requests/{request_id}/next", f"/ja/board/requests/{request_id}/cancel",
                     f"/en/board/requests/{request_id}/escalate"):
            page.goto(live_server + path)
            serious = [v for v in axe_violations(page) if v[1] in ("serious", "critical")]
            assert serious == [], (path, serious)
