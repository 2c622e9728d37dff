"""Issue 14 as coordinators would try it: Kumamoto-like rotations over two blocks, in ja and en browsers.

石川県 (ja UI) asks for Vietnamese x2, Nepali x1, English x2 and Chinese x1 over 14 days in 5-day rotations;
富山県 and 福井県 offer in the block, 石川県 itself sends the request to all blocks with a new deadline, then
大阪府, 京都府 and 兵庫県 offer; the next rotation is carried forward; cancelling it touches 富山県's confirmed
dispatch. At every step the request page, the lists, the gap matrix, the CSV and the mails agree on person-days.
"""
import datetime
import re

import pytest
from board_steps import day
from browser import chromium_sessions
from conftest import BOARD_PASSWORD
from test_browser_board import log_in, open_disaster

pytestmark = [pytest.mark.browser, pytest.mark.slow]
EXTRA = {"kyoto": ("kyoto@example.jp", "京都府"), "hyogo": ("hyogo@example.jp", "兵庫県")}


def add_coordinators(board):
    from disaster_support.auth import users

    with board.app.app_context():
        for key, (email, jurisdiction) in EXTRA.items():
            association = board.query("select id from association where jurisdiction = ?", [jurisdiction])[0]["id"]
            users.create_user(email, key, "coordinator", association, BOARD_PASSWORD, "en")


def log_in_as(page, base, lang, email):
    page.goto(f"{base}/{lang}/account/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", BOARD_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{base}/{lang}/board/")


def fill_line(page, n, language, people, first, last, rotation=""):
    page.select_option(f"select[name='lines-{n}-language']", language)
    page.fill(f"input[name='lines-{n}-headcount']", str(people))
    page.fill(f"input[name='lines-{n}-start_date']", first)
    page.fill(f"input[name='lines-{n}-end_date']", last)
    page.fill(f"input[name='lines-{n}-rotation_days']", str(rotation))


def offer_people(page, base, request_id, people):
    page.goto(f"{base}/en/board/requests/{request_id}/offer")
    for n, (name, language, first, last) in enumerate(people):
        if n >= 3:
            page.click("button[name=action][value=more]")
        page.fill(f"input[name='people-{n}-name']", name)
        page.check(f"input[name='people-{n}-languages'][value='{language}']")
        page.fill(f"input[name='people-{n}-available_from']", first)
        page.fill(f"input[name='people-{n}-available_to']", last)
    page.click("form:not(.whoami) button.primary")
    assert "Your offer is sent." in page.inner_text("main")


def accept(page, base, lang, request_id, name, line_id, first, last):
    page.goto(f"{base}/{lang}/board/requests/{request_id}")
    person = page.locator("ul.people li", has_text=name)
    person.locator("select[name=period]").select_option(f"{line_id}:{first}:{last}")
    person.locator("button.primary").click()
    assert "Accepted" in page.inner_text("main") or "受け入れ" in page.inner_text("main")


def summary(text):
    """'Covered X of Y person-days' (en) or the ja wording, as numbers."""
    match = re.search(r"Covered (\d+) of (\d+) person-days", text) or re.search(r"(\d+)人日のうち(\d+)人日", text)
    assert match, text[:500]
    covered, required = match.groups() if "Covered" in match.group(0) else match.groups()[::-1]
    return int(covered), int(required)


def test_board_rotations_over_two_blocks_agree_everywhere(board, live_server, tmp_path):
    add_coordinators(board)
    base = live_server
    with chromium_sessions(5) as (ishikawa, toyama, fukui, osaka, secretariat):
        log_in(ishikawa, base, "ja", "ishikawa")
        log_in(toyama, base, "en", "toyama")
        log_in(fukui, base, "en", "fukui_chair")
        log_in(secretariat, base, "en", "secretariat")

        # 石川県 opens the disaster and asks for four languages over 14 days, Vietnamese and Nepali in 5-day slots.
        disaster_id = int(open_disaster(ishikawa, "熊本地震（訓練）").rstrip("/").rsplit("/", 1)[1])
        ishikawa.click("a[href$='/requests/new']")
        ishikawa.select_option("select[name=site_kind]", "center")
        ishikawa.fill("input[name=site_name]", "熊本市国際交流会館")
        ishikawa.check("input[name=tasks][value=interpreting]")
        fill_line(ishikawa, 0, "vi", 2, day(1), day(14), 5)
        fill_line(ishikawa, 1, "ne", 1, day(1), day(14), 5)
        fill_line(ishikawa, 2, "en", 2, day(1), day(14))
        fill_line(ishikawa, 3, "zh-Hans", 1, day(1), day(14))
        deadline = (datetime.datetime.now() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        ishikawa.fill("input[name=deadline]", deadline)
        ishikawa.click("button[name=action][value=publish]")
        ishikawa.wait_for_url("**/board/requests/*")
        request_id = int(ishikawa.url.rstrip("/").rsplit("/", 1)[1])
        lines = {row["language"]: row["id"] for row in board.query(
            "select id, language from request_line where request_id = ?", [request_id])}
        assert summary(ishikawa.inner_text("main")) == (0, 84)  # (2 + 1 + 2 + 1) people x 14 days

        # In the block: 富山県 offers two Vietnamese for the first slot, 福井県 a Nepali and a Chinese interpreter.
        offer_people(toyama, base, request_id, [("Nguyen Lan", "vi", day(1), day(5)),
                                                ("Tran Minh", "vi", day(1), day(5))])
        offer_people(fukui, base, request_id, [("Bishnu Rai", "ne", day(1), day(14)),
                                               ("Wang Fang", "zh-Hans", day(1), day(12))])
        accept(ishikawa, base, "ja", request_id, "Nguyen Lan", lines["vi"], day(1), day(5))
        accept(ishikawa, base, "ja", request_id, "Tran Minh", lines["vi"], day(1), day(5))
        accept(ishikawa, base, "ja", request_id, "Bishnu Rai", lines["ne"], day(1), day(5))
        page = ishikawa.inner_text("main")
        assert "一部充足" in page and summary(page) == (15, 84) and day(1) in page
        ishikawa.screenshot(path=tmp_path / "rotation-request-ja.png", full_page=True)
        # Not filled: it stays in the block's lists and takes offers; the gap matrix agrees from day 6.
        toyama.goto(f"{base}/en/board/")
        assert summary(toyama.inner_text("section:has(#help)")) == (15, 84)
        toyama.goto(f"{base}/en/board/disasters/{disaster_id}/gaps")
        vietnamese = toyama.inner_text("tr:has(th:text('Vietnamese'))").split()
        assert vietnamese[1:6] == ["2/2"] * 5 and vietnamese[6] == "0/2"

        # 石川県 itself sends the request to all blocks, with a reason and a new answer deadline.
        ishikawa.goto(f"{base}/ja/board/requests/{request_id}/escalate")
        new_deadline = (datetime.datetime.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
        ishikawa.fill("input[name=deadline]", new_deadline)
        ishikawa.fill("textarea[name=reason]", "ブロック内で英語と中国語の通訳者が見つからないため")
        ishikawa.click("form:not(.whoami) button.primary")
        assert "全ブロック" in ishikawa.inner_text("main") and new_deadline.replace("T", " ") in ishikawa.inner_text("main")
        mail = board.query("select body from notification where kind = 'escalated' and email = 'osaka@example.jp'")
        assert new_deadline.replace("T", " ") in mail[0]["body"] and "Covered 15 of 84 person-days" in mail[0]["body"]
        assert f"Vietnamese: 2 per day, {day(1)} – {day(14)}, first day without enough people {day(6)}" in mail[0]["body"]

        # Another block answers: 大阪府 the second Vietnamese slot, 京都府 English, 兵庫県 Chinese.
        log_in(osaka, base, "en", "osaka")
        offer_people(osaka, base, request_id, [("Pham Hoa", "vi", day(6), day(10)), ("Le Thu", "vi", day(6), day(12))])
        log_in_as(osaka, base, "en", "kyoto@example.jp")
        offer_people(osaka, base, request_id, [("Anna Smith", "en", day(1), day(14)), ("John Doe", "en", day(1), day(14)),
                                               ("Mary Roe", "en", day(1), day(14)), ("Extra Person", "en", day(1), day(3))])
        log_in_as(osaka, base, "en", "hyogo@example.jp")
        offer_people(osaka, base, request_id, [("Li Wei", "zh-Hans", day(10), day(14))])
        accept(ishikawa, base, "ja", request_id, "Pham Hoa", lines["vi"], day(6), day(10))
        accept(ishikawa, base, "ja", request_id, "Le Thu", lines["vi"], day(6), day(10))
        accept(ishikawa, base, "ja", request_id, "Wang Fang", lines["zh-Hans"], day(1), day(12))
        accept(ishikawa, base, "ja", request_id, "Li Wei", lines["zh-Hans"], day(13), day(14))  # only days still open
        accept(ishikawa, base, "ja", request_id, "Anna Smith", lines["en"], day(1), day(14))
        accept(ishikawa, base, "ja", request_id, "John Doe", lines["en"], day(1), day(14))
        # English is now covered on every day: the pending English offers end with a mail to 京都府.
        people = {row["name"]: row for row in board.query("select name, status, decision_reason from offered_person")}
        assert (people["Mary Roe"]["status"], people["Mary Roe"]["decision_reason"]) == ("declined", "covered")
        assert board.query("select count(*) as n from notification where kind = 'offers_ended'"
                           " and email = 'kyoto@example.jp'") == [{"n": 1}]
        expected = (10 + 10 + 5 + 28 + 14, 84)  # vi 2x5+2x5, ne 5, en 2x14, zh 14
        page = ishikawa.inner_text("main")
        assert summary(page) == expected and f"{day(11)}" in page
        secretariat.goto(f"{base}/en/board/overview")
        assert "67 / 84" in secretariat.inner_text("tr:has(th:text('東海北陸'))")
        with secretariat.expect_download() as download:
            secretariat.goto(f"{base}/en/board/")
            secretariat.click("a[href$='/export/requests.csv']")
        exported = download.value.path().read_text(encoding="utf-8-sig")
        assert "partially_filled" in exported and f",84,67,{day(6)}," in exported  # Nepali from day 6
        osaka.goto(f"{base}/en/board/disasters/{disaster_id}/gaps?start={day(1)}")
        osaka.screenshot(path=tmp_path / "rotation-gaps-en.png", full_page=True)
        assert osaka.inner_text("tr:has(th:text('English'))").split()[1:15] == ["2/2"] * 14

        # The next rotation, carried forward without retyping: days 15-28, still at the scope it reached.
        ishikawa.goto(f"{base}/ja/board/requests/{request_id}")
        ishikawa.click(f"a[href$='/requests/{request_id}/next']")
        assert ishikawa.input_value("input[name='lines-0-start_date']") in (day(15),)
        assert ishikawa.input_value("input[name=site_name]") == "熊本市国際交流会館"
        ishikawa.fill("input[name=deadline]", new_deadline)
        ishikawa.click("button[name=action][value=publish]")
        ishikawa.wait_for_url("**/board/requests/*")
        second = int(ishikawa.url.rstrip("/").rsplit("/", 1)[1])
        assert second != request_id and summary(ishikawa.inner_text("main")) == (0, 84)
        assert board.query("select scope from staffing_request where id = ?", [second]) == [{"scope": "national"}]
        toyama.goto(f"{base}/en/board/disasters/{disaster_id}/gaps")
        assert "0/4" not in toyama.inner_text("main table")  # the next rotation never doubles the demand
        second_lines = {row["language"]: row["id"] for row in board.query(
            "select id, language from request_line where request_id = ?", [second])}
        offer_people(toyama, base, second, [("Nguyen Lan", "vi", day(15), day(19))])
        accept(ishikawa, base, "ja", second, "Nguyen Lan", second_lines["vi"], day(15), day(19))

        # Cancelling the next rotation asks for a reason and touches 富山県's confirmed dispatch.
        ishikawa.goto(f"{base}/ja/board/requests/{second}")
        ishikawa.click(f"a[href$='/requests/{second}/cancel']")
        assert "Nguyen Lan" in ishikawa.inner_text("main")  # the confirmation lists who is touched
        ishikawa.fill("textarea[name=reason]", "避難所が統合されたため")
        ishikawa.click("form:not(.whoami) button.primary")
        assert "中止" in ishikawa.inner_text("main")
        assert board.query("select status, cancel_reason from dispatch where request_id = ?", [second]) == [
            {"status": "cancelled", "cancel_reason": "避難所が統合されたため"}]
        toyama.goto(f"{base}/en/board/")
        assert "避難所が統合されたため" in toyama.inner_text("main")  # not vanished from 富山県's dashboard
        mail = board.query("select body from notification where kind = 'request_cancelled'"
                           " and email = 'toyama@example.jp'")
        assert mail and "避難所が統合されたため" in mail[0]["body"]
