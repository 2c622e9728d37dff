"""Issue 13 (6): every PDF is tagged (PDF/UA-1): structure, /Lang per language block, ruby as Ruby/RT,
pictogram and QR code with alternative text; the compact CJK font embedding still applies."""
import io

import pytest
from pypdf import PdfReader

from disaster_support import pdf
from disaster_support.sheets.render import SheetRequest, render_sheets_pdf

pytestmark = pytest.mark.slow


def structure(data):
    """(catalog, [(tag, lang, alt)] of every structure element) of a PDF."""
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    found = []

    def walk(element):
        element = element.get_object()
        if not hasattr(element, "get") or "/S" not in element:
            return
        found.append((element["/S"], str(element.get("/Lang", "")), str(element.get("/Alt", ""))))
        kids = element.get("/K")
        kids = kids.get_object() if hasattr(kids, "get_object") else kids
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object"):
                walk(kid)

    for kid in root["/StructTreeRoot"].get_object()["/K"]:
        walk(kid)
    return root, found


def test_pdf_tags_sign_has_a_language_per_block_ruby_and_alt_texts(app):
    codes = ("ja-easy", "en", "th", "my", "zh-Hans")
    with app.test_request_context("/en/"):
        data = render_sheets_pdf([SheetRequest("food-distribution", codes, "A4", "portrait", (("time", "12:00"),), "",
                                               "https://example.org/q/abc")], "Food")
    root, elements = structure(data)
    assert root["/MarkInfo"]["/Marked"] and str(root["/Lang"]) == "ja"
    assert b"pdfuaid" in PdfReader(io.BytesIO(data)).trailer["/Root"]["/Metadata"].get_object().get_data()
    languages = {lang for tag, lang, _alt in elements if tag == "/Div"}
    assert {"ja", "en", "th", "my", "zh-Hans"} <= languages
    assert any(tag == "/Ruby" for tag, _l, _a in elements) and any(tag == "/RT" for tag, _l, _a in elements)
    alts = [alt for tag, _l, alt in elements if tag == "/Figure"]
    from disaster_support.catalog import catalog
    from disaster_support.i18n import plain

    assert plain(catalog().signs["food-distribution"].title["ja-easy"]) in alts  # the pictogram, in the first language
    assert "https://example.org/q/abc" in alts


def test_pdf_tags_registration_card_is_tagged(client):
    data = client.get("/en/sheets/card/vi.pdf").data
    root, elements = structure(data)
    assert root["/MarkInfo"]["/Marked"]
    assert any(lang == "vi" for _tag, lang, _alt in elements)


def test_pdf_tags_default_variant_is_pdf_ua_1():
    assert pdf.PDF_VARIANT == "pdf/ua-1"
