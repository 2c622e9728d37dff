"""Pointing boards (issue 18): content in 15 languages, phone pages, and legible A4/A3 prints."""
import io
import re

import pytest
from pypdf import PdfReader

from conftest import visible_text
from disaster_support.i18n import CODES, plain
from disaster_support.sheets.pointing import board_overflows, load_boards, translation_status

BOARDS = load_boards()
EVACUEE, STAFF = BOARDS["evacuee"], BOARDS["staff"]


def test_boards_have_every_phrase_in_15_languages_and_claim_no_review():
    for board in BOARDS.values():
        for cell in board.cells:
            assert set(cell.phrase) == set(CODES), (board.id, cell.id)
    status = translation_status()
    assert status["ja"] == "source" and all(status[code] == "draft" for code in CODES if code != "ja")
    assert all("｜" in cell.phrase["ja-easy"] or not re.search(r"[一-龯]", cell.phrase["ja-easy"])
               for cell in EVACUEE.cells + STAFF.cells), "Easy Japanese kanji need readings"


def test_evacuee_board_covers_the_basic_needs_and_staff_questions_offer_answers():
    ids = {cell.id for cell in EVACUEE.cells}
    assert {"water", "food", "toilet", "medicine", "doctor", "interpreter", "charging", "information", "allergy",
            "prayer", "baby", "pain", "yes", "no"} <= ids and 16 <= len(ids) <= 24
    assert EVACUEE.numbers
    assert {cell.answers for cell in STAFF.cells} >= {"yes-no", "number", "language"}


@pytest.mark.parametrize("code", ["en", "th", "ja-easy", "my"])
def test_boards_page_lists_both_boards_with_print_and_phone_links(client, code):
    page = client.get(f"/{code}/sheets/boards/")
    assert page.status_code == 200
    text = visible_text(page)
    for board in BOARDS.values():
        assert plain(board.title[code]) in text
        assert f'action="/{code}/sheets/boards/{board.id}.pdf"' in page.get_data(as_text=True)
        assert f'action="/{code}/sheets/boards/{board.id}/"' in page.get_data(as_text=True)


def test_phone_board_shows_each_cell_in_the_chosen_language_and_japanese_linking_to_its_cell(client):
    page = client.get("/th/sheets/boards/evacuee/")
    html, text = page.get_data(as_text=True), visible_text(page)
    for cell in EVACUEE.cells:
        assert cell.phrase["th"] in text and cell.phrase["ja"] in text, cell.id
        assert f'href="/th/sheets/boards/evacuee/{cell.id}?with=th"' in html


def _first_phrase(html):
    return re.search(r'class="cell-full-texts"><span class="phrase first" lang="([^"]+)"[^>]*>(.*?)</span>', html).groups()


def test_evacuee_cell_is_shown_large_in_japanese_for_staff(client):
    html = client.get("/vi/sheets/boards/evacuee/water?with=vi").get_data(as_text=True)
    assert _first_phrase(html) == ("ja", EVACUEE.cell("water").phrase["ja"])
    assert EVACUEE.cell("water").phrase["vi"] in visible_text(html)


def test_staff_cell_is_shown_large_in_the_residents_language_with_answers(client):
    html = client.get("/ja/sheets/boards/staff/hurt?with=ne").get_data(as_text=True)
    assert _first_phrase(html) == ("ne", STAFF.cell("hurt").phrase["ne"])
    text = visible_text(html)
    assert EVACUEE.cell("yes").phrase["ne"] in text and EVACUEE.cell("no").phrase["ne"] in text
    languages = visible_text(client.get("/ja/sheets/boards/staff/language?with=my"))
    assert "Русский" in languages and "ภาษาไทย" in languages


def test_easy_japanese_board_shows_readings(client):
    html = client.get("/ja-easy/sheets/boards/evacuee/").get_data(as_text=True)
    assert "<ruby>水<rt>みず</rt></ruby>" in html


@pytest.mark.parametrize("url", ["/en/sheets/boards/nope/", "/en/sheets/boards/evacuee/nope",
                                 "/en/sheets/boards/evacuee/?with=xx", "/en/sheets/boards/evacuee.pdf?size=B5"])
def test_unknown_board_cell_language_or_paper_is_404(client, url):
    assert client.get(url).status_code == 404


def _glyph_sizes(data):
    """(size in pt, text) of every text run drawn in the PDF."""
    runs = []
    for page in PdfReader(io.BytesIO(data)).pages:
        def visit(text, cm, tm, font, size):
            if text.strip():
                scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
                runs.append((size * scale, text.strip()))
        page.extract_text(visitor_text=visit)
    return runs


KANA_READING = re.compile(r"^[\u3041-\u309f\u30fc\s]+$")


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("board_id", ["evacuee", "staff"])
def test_board_prints_on_a4_in_every_language_with_phrases_of_at_least_14_pt(app, board_id, code):
    with app.test_request_context("/"):
        response = app.test_client().get(f"/{code}/sheets/boards/{board_id}.pdf?with={code}&size=A4")
        assert response.mimetype == "application/pdf"
        assert board_overflows(board_id, code, "A4") == set()
    pages = len(PdfReader(io.BytesIO(response.data)).pages)
    assert pages == 1 if board_id == "evacuee" else pages <= 2  # staff questions with answers: two A4 at most
    runs = _glyph_sizes(response.data)
    assert runs
    small = [(round(size, 1), text) for size, text in runs if size < 14]
    # Only Easy Japanese ruby readings (kana above kanji) may be smaller than 14 pt.
    assert all(code == "ja-easy" and KANA_READING.match(text) for _size, text in small), small[:5]


@pytest.mark.slow
def test_a3_board_scales_everything_up(client):
    a4 = _glyph_sizes(client.get("/en/sheets/boards/evacuee.pdf?with=ko&size=A4").data)
    a3 = _glyph_sizes(client.get("/en/sheets/boards/evacuee.pdf?with=ko&size=A3").data)
    assert min(size for size, _ in a3) > 1.35 * min(size for size, _ in a4)


def test_where_does_it_hurt_shows_a_large_body_to_point_at(client):
    html = client.get("/ja/sheets/boards/staff/where-pain?with=es").get_data(as_text=True)
    assert '<span class="answer-body"><svg class="pictogram"' in html
    assert "<title>Cuerpo (señale dónde duele)</title>" in html
