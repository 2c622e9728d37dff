"""A fluent reader of Korean approves one sign and edits another in the browser, then prints it (issue 17)."""
import subprocess

import pytest

from browser import chromium_sessions
from conftest import BOARD_PASSWORD, BOARD_PEOPLE

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NEW_TITLE = "대피소 운영 종료 안내"


def test_reviewer_approves_and_edits_signs_then_prints_the_edited_one(board, runner, live_server, tmp_path):
    email = BOARD_PEOPLE["ishikawa"][0]
    assert runner.invoke(args=["users", "reviewer", email, "--languages", "ko"]).exit_code == 0
    with chromium_sessions(1) as (page,):
        page.goto(f"{live_server}/en/account/login?next=/en/review/")
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", BOARD_PASSWORD)
        page.click("form button[type=submit]")
        page.wait_for_url("**/en/review/")
        page.click("a[href='/en/review/ko/sign']")

        page.fill("input[name=q]", "toilet")
        page.click("form.review-search button")
        toilet = page.locator("section[data-unit='sign:toilet:title']")
        assert "화장실" in toilet.locator(".review-text").inner_text()
        toilet.locator("button[value=approve]").click()
        assert "Approved." in page.inner_text("main")
        assert "reviewed" in page.locator("section[data-unit='sign:toilet:title'] h2").inner_text()

        page.goto(f"{live_server}/en/review/ko/sign?q=shelter-closing")
        closing = page.locator("section[data-unit='sign:shelter-closing:title']")
        assert "避難所 → 대피소" in " ".join(closing.locator("dd").last.inner_text().split())
        closing.locator("textarea[name=text]").fill(NEW_TITLE)
        closing.locator("button[value=edit]").click()
        assert "The new text is used from now on." in page.inner_text("main")
        page.screenshot(path=tmp_path / "review-ko-signs.png", full_page=True)

        page.goto(f"{live_server}/en/review/coverage")
        row = page.locator("table[data-part=sign] tr[data-code=ko]")
        assert row.locator("td[data-state=reviewed]").inner_text() == "2"

        page.goto(f"{live_server}/ko/sheets/shelter-closing")
        page.click("button[name=action][value=print]")
        page.wait_for_url("**/sheets/printed/*")
        assert NEW_TITLE in page.inner_text("main")
        pdf = page.request.get(live_server + page.locator("a.button.primary[href$='.pdf']").get_attribute("href"))
        assert pdf.ok
        (tmp_path / "sign.pdf").write_bytes(pdf.body())
        text = subprocess.run(["pdftotext", str(tmp_path / "sign.pdf"), "-"], capture_output=True, text=True).stdout
        assert NEW_TITLE.replace(" ", "") in text.replace(" ", "").replace("\n", "")
