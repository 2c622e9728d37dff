import re

import pytest

from disaster_support.i18n import BY_CODE, CODES, LANGUAGES


def public_pages(app, blueprint=None):
    """Every HTML page whose only URL argument is the language (PDFs and CSVs are tested on their own).

    Pages that need a log-in (the board, review, changing one's password) are left out unless asked for by
    `blueprint="board"`.
    """
    return sorted(
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and set(rule.arguments) == {"lang"} and not rule.rule.endswith((".pdf", ".csv", ".webmanifest"))
        and (rule.endpoint in LOGGED_IN_PAGES or rule.endpoint.startswith(("board.", "review."))) == (blueprint == "board")
    )


LOGGED_IN_PAGES = {"auth.change_password"}


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_fifteen_languages_with_the_design_codes():
    assert CODES == ("ja", "ja-easy", "en", "zh-Hans", "zh-Hant", "ko", "es", "pt", "vi", "tl", "id", "th",
                     "ne", "my", "ru")


@pytest.mark.parametrize("code", CODES)
def test_every_page_answers_in_every_language(app, client, code):
    pages = public_pages(app)
    assert "main.home" in pages
    for endpoint in pages:
        with app.test_request_context():
            from flask import url_for

            url = url_for(endpoint, lang=code)
        response = client.get(url)
        assert response.status_code == 200, url
        assert html_lang(response) == BY_CODE[code].html_lang, url


@pytest.mark.parametrize(
    "headers, cookie, expected",
    [
        ({}, None, "/ja/"),
        ({"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5"}, None, "/vi/"),
        ({"Accept-Language": "zh-TW,zh;q=0.8"}, None, "/zh-Hant/"),
        ({"Accept-Language": "zh-CN"}, None, "/zh-Hans/"),
        ({"Accept-Language": "pt-BR"}, None, "/pt/"),
        ({"Accept-Language": "fil-PH"}, None, "/tl/"),
        ({"Accept-Language": "de-DE,fr;q=0.5"}, None, "/en/"),  # issue 16: unsupported languages get English
        ({"Accept-Language": "ar,hi;q=0.9,uk;q=0.8,mn;q=0.5,ms;q=0.3"}, None, "/en/"),
        ({"Accept-Language": "th"}, "ne", "/ne/"),
    ],
)
def test_root_redirects_to_negotiated_language(client, headers, cookie, expected):
    if cookie:
        client.set_cookie("lang", cookie)
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.location == expected


def test_visiting_a_page_sets_no_cookie_so_shared_caches_can_keep_it(client):
    """Issue 16: only choosing a language in the switcher remembers it (in the browser, test_browser_home)."""
    response = client.get("/my/")
    assert "Set-Cookie" not in response.headers
    assert client.get("/", headers={"Accept-Language": "th"}).location == "/th/"


def test_fallback_for_unsupported_languages_is_a_setting(tmp_path):
    from disaster_support import create_app

    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.sqlite3"), "SECRET_KEY": "t" * 40,
                      "FALLBACK_LANGUAGE": "ja-easy"})
    assert app.test_client().get("/", headers={"Accept-Language": "fr"}).location == "/ja-easy/"


def test_unknown_language_gives_localized_404_listing_languages(client):
    response = client.get("/xx/", headers={"Accept-Language": "ko"})
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert html_lang(response) == "ko"
    assert "페이지" in page  # the Korean "page not found"
    for language in LANGUAGES:
        assert f'href="/{language.code}/"' in page
        assert language.name in page


def test_unknown_page_under_a_language_stays_in_that_language(client):
    response = client.get("/th/no-such-page")
    assert response.status_code == 404
    assert html_lang(response) == "th"


def test_language_switcher_names_each_language_in_itself_and_keeps_the_page(client):
    page = client.get("/en/").get_data(as_text=True)
    switcher = page.split('<nav class="languages"', 1)[1].split("</nav>", 1)[0]
    for language in LANGUAGES:
        assert f'<a href="/{language.code}/" lang="{language.html_lang}"' in switcher
        assert f">{language.name}</a>" in switcher
    assert 'href="/en/" lang="en" hreflang="en" aria-current="true"' in switcher


def test_easy_japanese_has_its_own_catalog_with_furigana(client):
    easy = client.get("/ja-easy/").get_data(as_text=True)
    plain = client.get("/ja/").get_data(as_text=True)
    assert "<ruby>" in easy and "<rt>" in easy
    assert "<ruby>" not in plain
    title = re.search(r"<title>(.*?)</title>", easy).group(1)
    assert "<" not in title and "《" not in title


def test_home_links_only_to_pages_that_exist(client):
    page = client.get("/en/").get_data(as_text=True)
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    for href in re.findall(r'href="(/[^"]*)"', main):
        response = client.get(href, follow_redirects=True)  # the board leads to its log-in page first
        assert response.status_code == 200, href


def test_translated_text_is_shown_in_each_language(client):
    english = client.get("/en/").get_data(as_text=True)
    for code in CODES:
        if code == "en":
            continue
        page = client.get(f"/{code}/").get_data(as_text=True)
        assert "Emergency numbers" not in page, code
        assert "Fire and ambulance" not in page, code
    assert "Emergency numbers" in english
