"""Pointing boards on a phone in real chromium (issue 18): tap a cell, it fills the screen for the other person."""
import pytest

from browser import chromium_page, platform_fonts
from disaster_support.sheets.pointing import load_boards

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BOARDS = load_boards()
SHOWN = """() => { const d = document.querySelector('dialog.cell-dialog'), r = d.getBoundingClientRect();
  const first = d.querySelector('.cell-full-texts .phrase.first');
  return {open: d.open, width: r.width, height: r.height, lang: first && first.lang,
          text: first && first.innerText.trim(), size: first && parseFloat(getComputedStyle(first).fontSize),
          answers: [...d.querySelectorAll('.cell-answers li')].map(li => li.innerText.replace(/\\s+/g, ' ').trim())}; }"""


def test_evacuee_taps_water_and_staff_see_it_full_screen_in_japanese(live_server, tmp_path):
    water = BOARDS["evacuee"].cell("water").phrase
    with chromium_page(width=390, height=844) as page:
        page.goto(f"{live_server}/th/sheets/boards/evacuee/")
        assert page.locator(".pointing-grid a[data-cell]").count() == len(BOARDS["evacuee"].cells)
        assert "Noto Sans Thai" in platform_fonts(page, ".pointing-grid .phrase.first")
        page.get_by_role("link", name=f"{water['th']} {water['ja']}", exact=True).click()
        page.wait_for_selector("dialog.cell-dialog[open] .cell-full")
        page.screenshot(path=tmp_path / "evacuee-water.png")
        shown = page.evaluate(SHOWN)
        assert shown["open"] and shown["width"] >= 380 and shown["height"] >= 830  # the whole screen
        assert (shown["lang"], shown["text"]) == ("ja", water["ja"]) and shown["size"] >= 32
        assert page.locator("dialog.cell-dialog .cell-full-texts [lang=th]").inner_text() == water["th"]
        assert page.locator("dialog.cell-dialog .cell-full-texts [lang=th]").is_visible()
        page.locator("dialog.cell-dialog .cell-full-texts").click()  # a tap anywhere closes it
        assert not page.evaluate(SHOWN)["open"]
        assert page.url == f"{live_server}/th/sheets/boards/evacuee/"


def test_evacuee_cell_works_without_javascript(live_server):
    with chromium_page(width=390, height=844) as page:
        page.context.route("**/*.js", lambda route: route.abort())
        page.goto(f"{live_server}/ko/sheets/boards/evacuee/")
        page.get_by_role("link", name="화장실이 어디예요? トイレはどこですか", exact=True).click()
        page.wait_for_url(f"{live_server}/ko/sheets/boards/evacuee/toilet?with=ko")
        first = page.locator(".cell-full-texts .phrase.first")
        assert first.inner_text() == "トイレはどこですか" and first.get_attribute("lang") == "ja"
        page.get_by_role("link", name="보드로 돌아가기").click()
        page.wait_for_url(f"{live_server}/ko/sheets/boards/evacuee/?with=ko")


def test_staff_ask_in_the_residents_language_and_see_the_answers_to_point_at(live_server, tmp_path):
    staff = BOARDS["staff"]
    with chromium_page(width=390, height=844) as page:
        page.goto(f"{live_server}/ja/sheets/boards/staff/")
        page.select_option("select#with", "my")
        page.get_by_role("button", name="表示").click()
        page.wait_for_url(f"{live_server}/ja/sheets/boards/staff/?with=my")
        page.get_by_role("link", name=f"{staff.cell('hurt').phrase['ja']} {staff.cell('hurt').phrase['my']}", exact=True).click()
        page.wait_for_selector("dialog.cell-dialog[open] .cell-full")
        shown = page.evaluate(SHOWN)
        assert (shown["lang"], shown["text"]) == ("my", staff.cell("hurt").phrase["my"]) and shown["size"] >= 32
        assert "Noto Sans Myanmar" in platform_fonts(page, "dialog .cell-full-texts .phrase.first")
        yes, no = BOARDS["evacuee"].cell("yes").phrase, BOARDS["evacuee"].cell("no").phrase
        assert shown["answers"] == [f"{yes['my']} {yes['ja']}", f"{no['my']} {no['ja']}"]
        page.screenshot(path=tmp_path / "staff-hurt.png")
        page.keyboard.press("Escape")
        page.get_by_role("link", name=f"{staff.cell('people').phrase['ja']} {staff.cell('people').phrase['my']}", exact=True).click()
        page.wait_for_selector("dialog.cell-dialog[open] .cell-full[data-cell=people]")
        assert page.evaluate(SHOWN)["answers"] == [str(n) for n in range(10)]
