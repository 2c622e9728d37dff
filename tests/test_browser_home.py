"""The home page as a reader sees it in real chromium: glyph forms and scripts per language."""
import pytest

from browser import chromium_page, platform_fonts

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXPECTED_FONT = {
    "ja": "Noto Sans CJK JP",
    "ja-easy": "Noto Sans CJK JP",
    "zh-Hans": "Noto Sans CJK SC",
    "zh-Hant": "Noto Sans CJK TC",
    "ko": "Noto Sans CJK KR",
    "th": "Noto Sans Thai",
    "ne": "Noto Sans Devanagari",
    "my": "Noto Sans Myanmar",
    "vi": "Noto Sans",
    "ru": "Noto Sans",
}


def test_home_pages_use_the_right_font_for_each_language(live_server, tmp_path):
    with chromium_page() as page:
        for code, family in EXPECTED_FONT.items():
            page.goto(f"{live_server}/{code}/")
            assert family in platform_fonts(page, "main h1"), code
            page.screenshot(path=tmp_path / f"home-{code}.png", full_page=True)


def test_language_switcher_keeps_reader_on_the_page(live_server):
    with chromium_page() as page:
        page.goto(f"{live_server}/en/")
        page.click("nav.languages a[lang=th]")
        assert page.url == f"{live_server}/th/"
        assert page.get_attribute("html", "lang") == "th"
        page.goto(f"{live_server}/")
        assert page.url == f"{live_server}/th/"  # the choice is remembered


def test_myanmar_text_wraps_inside_a_narrow_screen(live_server):
    with chromium_page(width=320, height=640) as page:
        page.goto(f"{live_server}/my/")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
