"""Living information in real chromium: accessibility (axe-core), offline reading, screenshots."""
from pathlib import Path

import pytest

from browser import chromium_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page):
    page.evaluate(AXE.read_text())  # through DevTools: the pages' CSP refuses injected <script> tags
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]]


@pytest.mark.parametrize("path", [
    "/ja/", "/ja-easy/living/disasters", "/vi/living/health-insurance", "/ne/living/", "/my/living/housing",
    "/th/living/search?q=ประกัน", "/pt/living/work/staff", "/ko/emergency", "/en/sheets/", "/zh-Hant/messages/",
    "/ru/pictograms/",
])
def test_pages_have_no_serious_accessibility_violations(live_server, path):
    with chromium_page() as page:
        page.goto(live_server + path)
        serious = [v for v in axe_violations(page) if v[1] in ("serious", "critical")]
        assert serious == [], serious


def test_a_reader_can_keep_a_language_for_offline_reading(live_server):
    with chromium_page() as page:
        page.goto(f"{live_server}/vi/living/")
        page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== undefined")
        page.click("#keep-offline")
        page.wait_for_function("() => document.getElementById('offline-status').textContent.length > 0",
                               timeout=20000)  # a function: the CSP refuses eval of a string
        assert "internet" in page.text_content("#offline-status") or page.text_content("#offline-status")
        page.reload()  # the service worker now controls the page
        page.context.set_offline(True)
        page.goto(f"{live_server}/vi/living/disasters")
        assert page.get_attribute("html", "lang") == "vi"
        assert page.locator("main h1").count() == 1
        page.context.set_offline(False)


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
