"""Issue 13: sheets readable from across the room. Facts printed once and big, every part at or above the
size its viewing distance needs (measured in the laid-out document), A3 scaling everything, and the builder
refusing to print unreadable text with a proposal instead."""
import pytest

from conftest import csrf_from, visible_text
from disaster_support import pdf
from disaster_support.sheets import legibility
from disaster_support.sheets.fit_check import page_sizes, too_small
from disaster_support.sheets.render import SheetRequest, fitted_document

pytestmark = pytest.mark.slow
WATER_TRUCK = (("place", "金沢市役所 西側駐車場"), ("time", "14:00"))


def laid_out(app, request):
    with app.test_request_context("/en/"):
        document, _pages, left = fitted_document([request])
    assert left == {} and len(document.pages) == 1
    return document.pages[0]


def element_width_mm(page, css_class):
    def walk(box):
        box = getattr(box, "_box", box)  # absolutely positioned boxes sit in a placeholder
        if box.element is not None and css_class in (box.element.get("class") or "").split() and box.width:
            return box.width * 0.75 / 72 * 25.4
        for child in getattr(box, "children", ()):
            found = walk(child)
            if found:
                return found
        return None

    return walk(page._page_box)


def test_legibility_minimums_follow_viewing_distance():
    # Facts: 2 m on A4, 4 m on A3; A3 never asks less than A4 of any part.
    assert legibility.facts_minimum_pt("A4") >= 25 and legibility.facts_minimum_pt("A3") >= 45
    for part in legibility.PARTS:
        for code in ("ja", "en", "my"):
            assert legibility.minimum_pt(part, "A3", code) >= legibility.minimum_pt(part, "A4", code)


@pytest.mark.parametrize("size", ["A4", "A3"])
def test_legibility_water_truck_message_prints_its_facts_big_and_once(app, size):
    """The issue's example: 14:00 at 金沢市役所 西側駐車場, ja+en+vi+th+my; the body was 6.4-6.8 pt on A4."""
    request = SheetRequest("water-supply-truck", ("ja", "en", "vi", "th", "my"), size, "portrait", WATER_TRUCK,
                           "", "https://example.org/q/abc", kind="message")
    page = laid_out(app, request)
    assert too_small(page, size) == []
    sizes = page_sizes(page)
    assert facts_size(sizes) >= legibility.facts_minimum_pt(size)
    assert pdf.container_fill(page)["facts"] <= 1.0  # both values inside their box (it once spilled under it)
    assert min(pt for (part, _lang), pt in sizes.items() if part == "body") >= legibility.minimum_pt("body", size, "en")


@pytest.mark.parametrize("codes, orientation, smallest_body", [(("ja", "en", "vi", "ne", "my"), "portrait", 12),
                                                               (("ja", "en", "vi", "ne", "my"), "landscape", 12),
                                                               (("th", "my"), "landscape", 20)])
def test_legibility_food_sign_time_is_readable_across_the_room(app, codes, orientation, smallest_body):
    page = laid_out(app, SheetRequest("food-distribution", codes, "A4", orientation, (("time", "12:00"),)))
    assert too_small(page, "A4") == []
    assert facts_size(page_sizes(page)) >= legibility.facts_minimum_pt("A4")
    # The secondary languages' "12:00" lines were 11-13 pt (9 pt landscape); th+my landscape left a quarter of
    # the page blank with Myanmar at 10.5 pt.
    assert min(pt for (part, lang), pt in page_sizes(page).items() if part == "body") >= smallest_body


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_legibility_a3_scales_pictogram_and_qr_code_by_the_paper_ratio(app, orientation):
    sizes = {}
    for size in ("A4", "A3"):
        page = laid_out(app, SheetRequest("food-distribution", ("ja", "en", "vi"), size, orientation,
                                          (("time", "12:00"),), "", "https://example.org/q/abc"))
        sizes[size] = (element_width_mm(page, "picto"), element_width_mm(page, "qr"))
    ratio = 297 / 210
    assert sizes["A3"][0] == pytest.approx(sizes["A4"][0] * ratio, rel=0.02)
    assert sizes["A3"][1] == pytest.approx(sizes["A4"][1] * ratio, rel=0.02)


def test_legibility_blank_value_prints_one_write_in_box_not_a_blank_per_language(app):
    page = laid_out(app, SheetRequest("food-distribution", ("ja", "en", "vi", "ne", "my"), "A4", "portrait"))
    text = "".join(box_texts(page._page_box))
    assert "__:__" not in text
    assert text.count("①") == 6  # the box's mark and one in each language's sentence


def box_texts(box):
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        yield box.text
    for child in getattr(box, "children", ()):
        yield from box_texts(child)


def test_legibility_builder_refuses_unreadable_text_and_proposes_fewer_languages(client, app):
    from disaster_support.catalog import catalog
    from disaster_support.db import get_db

    message = max(catalog().messages.values(), key=lambda m: sum(len(m.body[c]) for c in ("my", "ne", "th", "vi", "tl")))
    url = f"/en/messages/{message.id}"
    page = client.get(url)
    values = {f"fill_{f.name}": {"time": "13:30", "date": "2026-12-01", "phone": "03-1234-5678",
                                 "url": "https://example.jp/x"}.get(f.type, "Minami") for f in message.fields}
    data = {"csrf_token": csrf_from(page), "lang1": "my", "lang2": "ne", "lang3": "th", "lang4": "vi", "lang5": "tl",
            "size": "A4", "orientation": "portrait", "shelter": "", "action": "print", **values}
    response = client.post(url, data=data)
    assert response.status_code == 200
    text = visible_text(response)
    assert "too small to read" in text and "fewer languages" in text
    with app.app_context():
        assert get_db().execute("SELECT count(*) FROM printed_sheet").fetchone()[0] == 0


def test_legibility_kit_values_typed_once_print_once_per_sheet_in_the_large_box(client):
    """A 20-sign kit: each value typed once on the kit page, printed once per sheet in its box (not per
    language), blanks as one write-in box; the kit's page lists every sheet's edit link."""
    import io
    import re
    import time

    from pypdf import PdfReader

    from disaster_support.sheets.kits import load_kits, signs_with_fields

    kit = load_kits()["shelter-opening"]
    valued = signs_with_fields(kit.signs)
    typed = next(s for s in valued if [f.type for f in s.fields] == ["time"])
    page = client.get("/en/sheets/kits/")
    assert f'name="value-{typed.id}-{typed.fields[0].name}"' in page.get_data(as_text=True)
    data = {"csrf_token": csrf_from(page), "kit": kit.id, "lang1": "ja", "lang2": "en", "lang3": "vi", "lang4": "th",
            "lang5": "my", "size": "A4", "orientation": "portrait", f"value-{typed.id}-{typed.fields[0].name}": "12:00"}
    bad = client.post("/en/sheets/kits/", data={**data, f"value-{typed.id}-{typed.fields[0].name}": "noon"})
    assert bad.status_code == 400 and "for example 13:30" in visible_text(bad) and 'value="noon"' in bad.get_data(as_text=True)
    response = client.post("/en/sheets/kits/", data=data)
    assert response.status_code == 302
    for _ in range(300):
        waiting = client.get(response.location).get_data(as_text=True)
        if "Your kit is ready" in waiting:
            break
        time.sleep(0.2)
    assert waiting.count("Edit link (keep it secret)") >= len(kit.signs)
    reader = PdfReader(io.BytesIO(client.get(re.search(r'href="([^"]+\.pdf)"', waiting).group(1)).data))
    assert len(reader.pages) == len(kit.signs) == 20
    for sign_id, sheet in zip(kit.signs, reader.pages):
        text = sheet.extract_text()
        assert "__:__" not in text
        if sign_id == typed.id:
            assert text.count("12:00") >= 1 and "①" not in text
        elif any(s.id == sign_id for s in valued):
            assert "①" in text  # blank: one write-in box, marked, that each language's sentence points to


def facts_size(sizes):
    return min(pt for (part, _lang), pt in sizes.items() if part == "facts")
