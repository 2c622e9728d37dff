"""Printing: kits with progress, registration cards, pictogram sheets, fonts per language, and the CLI."""
import io
import json
import re
import time

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from conftest import csrf_from, pdf_pages_as_png, visible_text
from disaster_support.catalog import catalog
from disaster_support.i18n import CODES, plain

pytestmark = pytest.mark.slow


def pdf_fonts(data):
    fonts = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return fonts


@pytest.mark.parametrize("code, family", [
    ("ja", "Noto-Sans-CJK-JP"), ("zh-Hans", "Noto-Sans-CJK-SC"), ("zh-Hant", "Noto-Sans-CJK-TC"),
    ("ko", "Noto-Sans-CJK-KR"), ("th", "Noto-Sans-Thai"), ("ne", "Noto-Sans-Devanagari"), ("my", "Noto-Sans-Myanmar"),
])
def test_each_language_is_printed_with_its_own_font(runner, tmp_path, code, family):
    sign = next(iter(catalog().signs.values()))
    output = tmp_path / "sign.pdf"
    result = runner.invoke(args=["sheets", "render", sign.id, "--langs", code, "-o", str(output)])
    assert result.exit_code == 0, result.output
    fonts = pdf_fonts(output.read_bytes())
    assert any(font.startswith(family) for font in fonts), fonts
    if code == "ko":  # Korean Han glyphs must not come from the Japanese face
        assert not any("CJK-JP" in font for font in fonts)
    reader = PdfReader(output)
    assert len(reader.pages) == 1
    assert reader.trailer["/Root"]["/Lang"] == {"zh-Hans": "zh-Hans", "zh-Hant": "zh-Hant"}.get(code, code)


def test_cli_render_rejects_bad_fill_in_and_unknown_field(runner, tmp_path):
    sign = next(s for s in catalog().signs.values() if any(f.type == "time" for f in s.fields))
    name = next(f.name for f in sign.fields if f.type == "time")
    bad = runner.invoke(args=["sheets", "render", sign.id, "--langs", "en", "--set", f"{name}=25:00", "-o",
                              str(tmp_path / "x.pdf")])
    # The command line speaks one language, English, also for the messages it shares with the web forms.
    assert bad.exit_code != 0 and "Write the time as hours and minutes, for example 13:30." in bad.output
    unknown = runner.invoke(args=["sheets", "render", sign.id, "--langs", "en", "--set", "colour=red", "-o",
                                  str(tmp_path / "x.pdf")])
    assert unknown.exit_code != 0 and "colour" in unknown.output
    assert not (tmp_path / "x.pdf").exists()


def test_cli_render_prints_the_same_sheet_as_the_web_with_qr_and_edit_link(runner, app, tmp_path):
    output = tmp_path / "food.pdf"
    result = runner.invoke(args=["sheets", "render", "food-distribution", "--langs", "en,ja", "--set", "time=12:00",
                                 "-o", str(output)])
    assert result.exit_code == 0, result.output
    qr_url = re.search(r"QR page\s+(\S+)", result.output).group(1)
    edit_url = re.search(r"edit link\s+(\S+)", result.output).group(1)
    assert qr_url.startswith(app.config["BASE_URL"]) and "?token=" in edit_url
    page = pdf_pages_as_png(output.read_bytes(), tmp_path, dpi=100)[0]
    decoded = zxingcpp.read_barcodes(Image.open(page))
    assert [code.text for code in decoded] == [qr_url]  # the QR code on paper opens this sheet's page
    client = app.test_client()
    code = qr_url.rsplit("/", 1)[1]
    assert "12:00" in visible_text(client.get(f"/en/q/{code}"))
    assert client.get(edit_url.replace(app.config["BASE_URL"], "")).status_code == 200


def test_cli_render_to_standard_output_and_clear_errors(runner, tmp_path):
    piped = runner.invoke(args=["sheets", "render", "drinking-water", "--langs", "en", "-o", "-"])
    assert piped.exit_code == 0
    assert piped.stdout_bytes.startswith(b"%PDF") and not (tmp_path / "-").exists()
    missing = runner.invoke(args=["sheets", "render", "drinking-water", "--langs", "en", "-o",
                                  str(tmp_path / "no-such-folder" / "x.pdf")])
    assert missing.exit_code == 1 and "does not exist" in missing.output and "Traceback" not in missing.output


def test_cli_commands_on_a_database_never_migrated_say_what_to_do(runner, app, tmp_path):
    app.config["DATABASE"] = str(tmp_path / "never-migrated.sqlite3")
    for args in (["board", "demo"], ["demo"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 1, result.output
        assert "flask --app wsgi db migrate" in result.output and result.exception is not None
        assert "Traceback" not in result.output


def test_cli_list_json_has_every_sign_with_texts(runner):
    result = runner.invoke(args=["sheets", "list", "--json"])
    signs = json.loads(result.output)
    assert len(signs) == len(catalog().signs)
    assert all(set(sign["title"]) == set(CODES) for sign in signs)
    assert {"id", "category", "fields", "title", "detail", "status"} <= set(signs[0])


def test_cli_kit_writes_one_pdf_with_a_page_per_sign(runner, tmp_path):
    from disaster_support.sheets.kits import load_kits

    output = tmp_path / "kit.pdf"
    result = runner.invoke(args=["sheets", "kit", "shelter-opening", "--langs", "ja,en,vi", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert len(PdfReader(output).pages) == len(load_kits()["shelter-opening"].signs)


def test_kit_from_the_web_shows_progress_then_the_pdf(client):
    page = client.get("/en/sheets/kits/")
    chosen = [sign.id for sign in list(catalog().signs.values())[:3]]
    response = client.post("/en/sheets/kits/", data={
        "csrf_token": csrf_from(page), "kit": "custom", "signs": chosen, "lang1": "en", "lang2": "my", "lang3": "",
        "lang4": "", "lang5": "", "size": "A4", "orientation": "portrait"})
    assert response.status_code == 302
    job_url = response.location
    for _ in range(100):
        waiting = client.get(job_url).get_data(as_text=True)
        if "Your kit is ready" in waiting:
            break
        assert "signs ready" in waiting and 'http-equiv="refresh"' in waiting
        time.sleep(0.2)
    pdf_url = re.search(r'href="([^"]+\.pdf)"', waiting).group(1)
    assert len(PdfReader(io.BytesIO(client.get(pdf_url).data)).pages) == 3
    for sign_id in chosen:
        assert plain(catalog().signs[sign_id].title["en"]) in visible_text(waiting)


def test_custom_kit_without_signs_is_refused(client):
    page = client.get("/en/sheets/kits/")
    response = client.post("/en/sheets/kits/", data={
        "csrf_token": csrf_from(page), "kit": "custom", "lang1": "en", "size": "A4", "orientation": "portrait"})
    assert response.status_code == 400
    assert "Choose at least one sign." in response.get_data(as_text=True)


@pytest.mark.parametrize("code", CODES)
def test_registration_card_is_one_page_beside_japanese(client, code):
    response = client.get(f"/en/sheets/card/{code}.pdf")
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "避難者" in text or "ひなんしゃ" in text or code == "ja-easy"


def test_pictogram_only_sheet(client):
    pictogram = "drinking-water"
    page = client.get(f"/vi/pictograms/{pictogram}")
    assert page.status_code == 200
    response = client.post(f"/vi/pictograms/{pictogram}", data={
        "csrf_token": csrf_from(page), "lang1": "vi", "lang2": "ja", "size": "A3", "orientation": "landscape",
        "action": "print"})
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert round(width / 72 * 25.4) == 420 and round(height / 72 * 25.4) == 297  # A3 landscape


def test_fit_check_sample_passes(runner):
    """The suite checks the 12 fullest signs of each language set on A4; `make fit-check` checks all of them."""
    result = runner.invoke(args=["sheets", "check", "--quick", "--sample", "12"])
    assert result.exit_code == 0, result.output
    assert "A4 portrait my,ne,th,vi,tl: 12 signs, 0 problems" in result.output
    assert "A4 portrait my,ne,th,vi,tl: 6 messages, 0 problems" in result.output
    assert re.search(r"A4 facts +\d", result.output)  # the smallest size drawn per part is reported
    assert "Every sheet fits and is readable in every language" in result.output


def test_fit_check_sample_takes_the_signs_with_the_most_text(app):
    from disaster_support.catalog import catalog
    from disaster_support.i18n import plain
    from disaster_support.sheets.fit_check import worst_case_requests

    with app.app_context():
        sampled = [r.sign_id for r in worst_case_requests(("my", "th"), "A4", "portrait", sample=5)]
        signs = catalog().signs.values()
        fullest = sorted(signs, key=lambda s: -(3 * len(plain(s.title["my"])) + len(plain(s.body.get("my", "")))
                                                + len(plain(s.body.get("th", "")))))[:5]
    assert sampled == [sign.id for sign in fullest]
    assert len(catalog().signs) > 80 and len(set(sampled)) == 5


def test_the_fit_check_sees_readings_cut_off_at_the_top_of_the_sheet(app):
    from disaster_support import pdf

    with app.test_request_context("/en/"):
        clipped = pdf.layout('<section class="sheet" style="overflow: hidden"><div data-fit="0" style="line-height: 1">'
                             "<ruby>時間<rt>じかん</rt></ruby></div></section>", ("print-fonts.css",))
    assert pdf.overflowing_containers(clipped.pages[0]) == {"0"}


@pytest.mark.parametrize("size", ["A4", "A3"])
def test_easy_japanese_readings_on_the_first_line_stay_on_the_sheet(app, size):
    from disaster_support.sheets.render import SheetRequest, fitted_document

    # Landscape without a shelter name puts the first title line at the very top edge of the sheet.
    with app.test_request_context("/en/"):
        document, _pages, left = fitted_document([SheetRequest("meal-times", ("ja-easy", "zh-Hant", "ko"), size,
                                                               "landscape")])
    assert left == {}
    assert len(document.pages) == 1
