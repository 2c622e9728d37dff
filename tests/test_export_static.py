"""`flask export-static DIR` (issue 16): the public site as files, served by a plain static file server."""
import subprocess
import sys
import time
import urllib.request

import pytest

from live import free_port

pytestmark = pytest.mark.slow


@pytest.fixture
def exported(runner, tmp_path):
    site = tmp_path / "site"
    result = runner.invoke(args=["export-static", str(site), "--languages", "en,th,vi", "--no-pdf"])
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture
def static_server(exported):
    """python -m http.server: a file server that knows nothing of the app."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                "--directory", str(exported)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(50):
        try:
            urllib.request.urlopen(url + "/sw.js", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_export_writes_every_public_page_and_file(exported):
    from disaster_support.living.content import CHAPTERS

    for code in ("en", "th", "vi"):
        for chapter in CHAPTERS:
            page = (exported / code / "living" / chapter / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{code}"' in page
            assert f'href="/{code}/living/"' in page  # links carry the slash a file server needs
        emergency = (exported / code / "emergency" / "index.html").read_text(encoding="utf-8")
        assert {"en": ">Emergency</a>", "th": ">เหตุฉุกเฉิน</a>", "vi": ">Khẩn cấp</a>"}[code] in emergency
        for path in ("emergency/index.html", "offline/index.html", "manifest.webmanifest", "pictograms/index.html",
                     "messages/index.html", "living/search/search-index.json"):
            assert (exported / code / path).exists(), (code, path)
    assert (exported / "sw.js").exists() and (exported / "favicon.ico").exists()
    assert list((exported / "pictograms").glob("*.svg"))
    assert not (exported / "ja").exists()  # only the languages asked for
    assert 'method="post"' not in (exported / "en" / "messages" / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_exported_site_reads_switches_searches_and_works_offline(static_server):
    from browser import chromium_page

    with chromium_page(width=390, height=844) as page:
        page.goto(static_server + "/en/")
        page.click("ul.areas a[href='/en/living/']")
        page.click("ol.chapters a[href='/en/living/disasters/']")
        assert page.text_content("main h1").strip() == "Emergencies and disasters"
        page.click("nav.languages a[lang=th]")
        assert page.url == static_server + "/th/living/disasters/"
        assert page.get_attribute("html", "lang") == "th"

        page.goto(static_server + "/th/living/")
        page.fill("#living-q", "ประกันสุขภาพ")
        page.click("form.search button")
        page.wait_for_selector("#static-results li")
        first = page.locator("#static-results li a").first
        assert first.get_attribute("href").startswith("/th/living/health-insurance/")
        assert page.locator("#static-results mark").first.text_content() == "ประกันสุขภาพ"
        count = page.locator("#static-results li").count()
        assert page.text_content("#static-status") == f"ผลการค้นหา “ประกันสุขภาพ” {count} รายการ"

        page.goto(static_server + "/th/living/disasters/")
        page.wait_for_function("url => caches.match(url).then(hit => !!hit)", arg=page.url, timeout=20000)
        page.context.set_offline(True)
        page.reload()
        assert page.get_attribute("html", "lang") == "th"
        assert page.text_content("main h1").strip() == "เหตุฉุกเฉินและภัยพิบัติ"
        page.goto(static_server + "/th/living/taxes/")  # never opened
        assert page.text_content("main h1").strip() == "คุณออฟไลน์อยู่"
