"""Living information in real chromium: accessibility (axe-core), offline reading, screenshots."""
from pathlib import Path

import pytest

from browser import chromium_page
from disaster_support.i18n import plain

pytestmark = [pytest.mark.browser, pytest.mark.slow]
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page):
    page.evaluate(AXE.read_text())  # through DevTools: the pages' CSP refuses injected <script> tags
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]]


@pytest.mark.parametrize("path", [
    "/ja/", "/ja-easy/living/disasters", "/vi/living/health-insurance", "/ne/living/", "/my/living/housing",
    "/th/living/search?q=ประกัน", "/pt/living/work/staff", "/ko/emergency", "/en/sheets/", "/zh-Hant/messages/",
    "/ru/pictograms/", "/th/offline", "/my/living/taxes", "/ja-easy/living/search?q=じしん",
])
def test_pages_have_no_serious_accessibility_violations(live_server, path):
    with chromium_page() as page:
        page.goto(live_server + path)
        serious = [v for v in axe_violations(page) if v[1] in ("serious", "critical")]
        assert serious == [], serious


def kept(page, url):
    """Waits until the service worker has kept `url` (it keeps pages in the background)."""
    page.wait_for_function("url => caches.match(url).then(hit => !!hit)", arg=url, timeout=20000)


def printed_sign(app):
    from disaster_support.sheets.store import create_printed_sheet

    with app.app_context():
        sheet, _token = create_printed_sheet("sign", "toilet", ["ja", "vi"], "A4", "portrait", {}, "")
    return sheet.code


def test_offline_by_default_after_one_visit_and_keep_everything(live_server, app):
    """Issue 16: a chapter read once, the emergency page, a QR page opened once, and after "keep" an unvisited
    chapter, all open without a connection; a page never kept shows the offline page in its language."""
    from disaster_support.living.content import load_chapter

    qr = f"{live_server}/vi/q/{printed_sign(app)}"
    with chromium_page(width=390, height=844) as page:
        page.goto(f"{live_server}/vi/living/disasters")
        kept(page, f"{live_server}/vi/living/disasters")
        kept(page, f"{live_server}/vi/emergency")
        page.goto(qr)
        kept(page, qr)
        page.goto(f"{live_server}/vi/living/")
        button = page.locator("#keep-offline")
        assert button.bounding_box()["y"] < 844 * 1.5  # near the top, not after 17 chapters
        button.click()
        page.wait_for_function("() => document.getElementById('offline-status').textContent.length > 0",
                               timeout=30000)  # a function: the CSP refuses eval of a string
        assert page.text_content("#offline-status") == "Đã lưu. Bạn có thể đọc các trang này khi không có mạng."

        page.context.set_offline(True)
        for path, chapter_id in (("/vi/living/disasters", "disasters"), ("/vi/living/housing", "housing")):
            page.goto(live_server + path)
            assert page.text_content("main h1").strip() == plain(load_chapter(chapter_id, "vi").title)
        page.goto(f"{live_server}/vi/emergency")
        assert page.text_content("main h1").strip() == "Khẩn cấp"
        assert page.locator("a[href='tel:119']").count() >= 1
        page.goto(qr)
        assert page.get_attribute("html", "lang") == "vi"
        assert page.locator("ul.all-langs li").count() == 14
        page.goto(f"{live_server}/th/living/taxes")  # never opened, never kept
        assert page.get_attribute("html", "lang") == "th"
        assert page.text_content("main h1").strip() == "คุณออฟไลน์อยู่"


def test_site_is_installable_with_icons(live_server):
    with chromium_page() as page:
        page.goto(f"{live_server}/ne/")
        manifest = page.evaluate("fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())")
        assert manifest["start_url"] == "/ne/" and manifest["lang"] == "ne"
        sizes = {icon["sizes"] for icon in manifest["icons"]}
        assert {"192x192", "512x512"} <= sizes
        for icon in manifest["icons"] + [{"src": "/favicon.ico"}]:
            assert page.evaluate("src => fetch(src).then(r => r.status)", icon["src"]) == 200


def test_pages_work_without_javascript(live_server):
    from playwright.sync_api import sync_playwright

    from browser import ARGS, CHROMIUM

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{live_server}/th/living/")
        page.fill("#living-q", "ประกัน")
        page.click("form.search button")
        assert page.locator("ol.results li").count() > 0
        assert page.locator("mark").count() > 0
        browser.close()


@pytest.mark.parametrize("code", ["ja-easy", "vi", "ne", "my", "th", "pt"])
def test_chapter_pages_render_on_a_phone(live_server, tmp_path, code):
    with chromium_page(width=360, height=740) as page:
        page.goto(f"{live_server}/{code}/living/health-insurance")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        page.screenshot(path=tmp_path / f"chapter-{code}.png")


@pytest.mark.parametrize("code", ["ja", "my", "th", "ne", "vi"])
def test_phone_header_is_compact_and_numbers_never_break(live_server, code):
    """Issue 16: the header took 200-256 px of an 844 px screen; #7119 broke as "#71 / 19" in Myanmar."""
    with chromium_page(width=390, height=844) as page:
        page.goto(f"{live_server}/{code}/emergency")
        assert page.evaluate("document.querySelector('header.site').offsetHeight") <= 120
        current = page.locator("nav.languages [aria-current]")
        box, nav = current.bounding_box(), page.locator("nav.languages").bounding_box()
        assert nav["x"] <= box["x"] and box["x"] + box["width"] <= nav["x"] + nav["width"]  # scrolled into view
        numbers = page.locator("a.tel")
        assert numbers.count() >= 5
        for index in range(numbers.count()):
            assert numbers.nth(index).evaluate("a => a.getClientRects().length") == 1
        page.goto(f"{live_server}/{code}/living/disasters")
        assert page.locator("main a[href='tel:%237119']").count() >= 1
        assert page.locator("main a[href='tel:%237119']").first.evaluate("a => a.getClientRects().length") == 1
