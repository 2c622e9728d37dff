"""Living information through HTTP: chapters, the staff view, search, booklet, translation status."""
import io
import re

import pytest
from pypdf import PdfReader

from conftest import visible_text
from disaster_support.i18n import BY_CODE, CODES, plain
from disaster_support.living.content import CHAPTERS, load_chapter


@pytest.mark.parametrize("code", CODES)
def test_every_chapter_answers_in_every_language(client, code):
    index = client.get(f"/{code}/living/").get_data(as_text=True)
    for chapter_id in CHAPTERS:
        assert f'href="/{code}/living/{chapter_id}"' in index
        response = client.get(f"/{code}/living/{chapter_id}")
        assert response.status_code == 200, chapter_id
        page = response.get_data(as_text=True)
        assert f'<html lang="{BY_CODE[code].html_lang}"' in page
        chapter = load_chapter(chapter_id, code)
        assert plain(chapter.title) in visible_text(page)
        assert 'href="/' + code + '/emergency"' in page  # the emergency page is one tap away
        assert "<svg" in page  # the QR code of the page


def test_easy_japanese_chapter_has_furigana(client):
    page = client.get("/ja-easy/living/disasters").get_data(as_text=True)
    assert page.count("<ruby>") > 20


def test_chapter_has_table_of_contents_and_last_reviewed(client):
    page = client.get("/en/living/health-insurance").get_data(as_text=True)
    chapter = load_chapter("health-insurance", "en")
    for section in chapter.sections:
        assert f'href="#{section.anchor}"' in page and f'id="{section.anchor}"' in page
    assert "Last reviewed: November 23, 2026" in visible_text(page)
    assert "Draft translation: not yet checked by a fluent reader" in page


def test_show_to_staff_pairs_each_section_with_japanese(client):
    page = client.get("/vi/living/residence-registration/staff").get_data(as_text=True)
    mine, japanese = load_chapter("residence-registration", "vi"), load_chapter("residence-registration", "ja")
    text = visible_text(page)
    for a, b in zip(mine.sections, japanese.sections):
        assert visible_text(str(a.heading)).strip() in text
        assert visible_text(str(b.heading)).strip() in text
    assert page.count('class="row"') == len(mine.sections) + 1


@pytest.mark.parametrize("code, word", [
    ("ja", "在留カード"), ("zh-Hans", "在留卡"), ("ko", "건강보험"), ("th", "ประกัน"), ("my", "အာမခံ"),
    ("en", "ambulance"), ("vi", "bảo hiểm"), ("ja", "税金"),
])
def test_search_finds_and_highlights_in_the_readers_language(client, code, word):
    page = client.get(f"/{code}/living/search", query_string={"q": word}).get_data(as_text=True)
    assert re.search(r"<mark>" + re.escape(word) + r"</mark>", page, re.I), word
    assert f'href="/{code}/living/' in page


def test_search_escapes_the_query_and_says_when_nothing_is_found(client):
    page = client.get("/en/living/search", query_string={"q": "<script>zzqq"}).get_data(as_text=True)
    assert "<script>zzqq" not in page and "&lt;script&gt;zzqq" in page
    assert "Nothing found" in page


def test_unknown_chapter_is_404(client):
    assert client.get("/en/living/no-such-chapter").status_code == 404


def test_translation_status_table_lists_every_language_and_chapter(client):
    page = client.get("/en/living/translations").get_data(as_text=True)
    assert page.count('class="state-draft"') == len(CODES) * len(CHAPTERS)
    assert "state-reviewed" not in page  # nothing has been checked by a fluent reader yet


def test_living_check_passes(runner):
    result = runner.invoke(args=["living", "check"])
    assert result.exit_code == 0, result.output
    assert "All 17 chapters present in 15 languages" in result.output


def test_a_changed_japanese_revision_marks_translations_outdated(tmp_path):
    from disaster_support.living.content import chapter_path, parse_chapter, state_of

    source_text = chapter_path("taxes", "ja").read_text(encoding="utf-8")
    changed = tmp_path / "taxes.md"
    changed.write_text(source_text.replace("revision = 1", "revision = 2", 1), encoding="utf-8")
    new_source = parse_chapter(changed, "taxes", "ja")
    english = load_chapter("taxes", "en")
    assert state_of(english, load_chapter("taxes", "ja")) == "draft"
    assert state_of(english, new_source) == "outdated"
    assert state_of(None, new_source) == "missing"


@pytest.mark.slow
@pytest.mark.parametrize("code", ["ja-easy", "my", "th"])
def test_booklet_pdf_has_every_chapter(client, code):
    response = client.get(f"/{code}/living/booklet.pdf")
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) > len(CHAPTERS)
    assert reader.trailer["/Root"]["/Lang"] == BY_CODE[code].html_lang
    contents = reader.pages[1].extract_text()
    assert len(re.findall(r"\.{5,}\s*\d+", contents)) == len(CHAPTERS)  # a page number for every chapter
    # Issue 16: chapters flow on, so no page but the last is left mostly empty.
    lengths = [len(page.extract_text() or "") for page in reader.pages[2:-1]]
    median = sorted(lengths)[len(lengths) // 2]
    assert min(lengths) > median / 4, lengths


def test_emergency_page_in_every_language(client):
    for code in CODES:
        page = client.get(f"/{code}/emergency").get_data(as_text=True)
        assert 'href="tel:119"' in page and 'href="tel:110"' in page


@pytest.mark.parametrize("path", ["/ja/", "/en/emergency", "/my/offline", "/vi/living/disasters"])
def test_emergency_numbers_are_tap_to_call_everywhere(client, path):
    """Issue 16: 110, 119, 171 and #7119 could not be tapped, even on the home page."""
    page = client.get(path).get_data(as_text=True)
    for number in ("110", "119"):
        assert f'<a class="tel" href="tel:{number}">{number}</a>' in page
    if path != "/my/offline":
        assert 'href="tel:171"' in page


def test_chapter_numbers_become_links_but_not_inside_words_or_amounts(client):
    page = client.get("/ja/living/disasters").get_data(as_text=True)
    assert '<a class="tel" href="tel:%237119">#7119</a>' in page
    assert "web171" in page and 'href="tel:171">171</a>' in page


def test_booklet_contents_link_to_chapters_with_page_numbers(app):
    from flask import render_template

    from disaster_support.living.content import chapters

    with app.test_request_context("/en/living/booklet.pdf"):
        from flask import g

        g.lang = "en"
        html = render_template("living/booklet.html", chapters=chapters("en"), language=BY_CODE["en"])
    for chapter_id in CHAPTERS:
        assert f'<a href="#ch-{chapter_id}">' in html and f'id="ch-{chapter_id}"' in html
