"""CJK fonts in our PDFs are embedded as bare CID-keyed CFF with only the glyphs used
(disaster_support/pdf_fonts.py), and the pages look exactly as WeasyPrint's own embedding draws them."""
import io
import subprocess
import sys
import textwrap
import threading

from fontTools.cffLib import CFFFontSet
from PIL import Image, ImageChops
from pypdf import PdfReader
from pypdf.generic import ContentStream

from disaster_support import pdf
from disaster_support.catalog import catalog
from disaster_support.sheets.render import STYLESHEETS, SheetRequest, document_html

from conftest import pdf_pages_as_png

LANGS = ("ja", "zh-Hans", "ko", "th", "my")

# Stock WeasyPrint in a fresh interpreter that never imports our package, so nothing is patched.
STOCK = textwrap.dedent("""
    import sys
    from weasyprint import CSS, HTML
    html, base, out, *sheets = sys.argv[1:]
    HTML(string=open(html, encoding="utf-8").read(), base_url=base).write_pdf(
        out, stylesheets=[CSS(filename=name) for name in sheets])
""")


def sheet_html(app):
    sign = next(s for s in catalog().signs.values() if any(f.type == "time" for f in s.fields))
    field = next(f for f in sign.fields if f.type == "time")
    request = SheetRequest(sign.id, LANGS, values=((field.name, "18:30"),), shelter="南小学校 避難所",
                           qr_url="https://example.org/q/fonts")
    with app.test_request_context("/en/"):
        return document_html([request], [{}])[0]


def drawn_cids(page):
    """{font resource name: the CIDs the page's text operators draw with it} (two-byte Identity-H codes)."""
    drawn, font = {}, None
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"Tf":
            font = operands[0]
        elif operator in (b"Tj", b"TJ"):
            strings = operands[0] if operator == b"TJ" else operands
            for item in strings:
                if isinstance(item, (bytes, str)) and not isinstance(item, (int, float)):
                    raw = item if isinstance(item, bytes) else item.original_bytes
                    drawn.setdefault(font, set()).update(int.from_bytes(raw[i:i + 2], "big")
                                                         for i in range(0, len(raw), 2))
    return drawn


def fonts_of(data):
    """{font name: (FontFile3 subtype or 'TrueType', embedded program bytes, CIDs drawn with it)}"""
    found = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        drawn = drawn_cids(page)
        for resource, font in page["/Resources"]["/Font"].items():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            program = descriptor.get("/FontFile3") or descriptor.get("/FontFile2")
            kind = program.get_object().get("/Subtype", "TrueType")
            name = str(descriptor["/FontName"]).split("+", 1)[1]
            cids = drawn.get(resource, set()) | found.get(name, (None, None, set()))[2]
            found[name] = (str(kind), program.get_object().get_data(), cids)
    return found


def test_cjk_fonts_are_bare_cid_keyed_cff_with_only_the_used_glyphs(app, tmp_path):
    html = sheet_html(app)
    data = pdf.write_pdf(pdf.layout(html, STYLESHEETS), "fonts", "ja")
    fonts = fonts_of(data)
    cjk = {name: font for name, font in fonts.items() if "CJK" in name}
    assert {name.split("-")[3] for name in cjk} == {"JP", "SC", "KR"}, fonts.keys()
    for name, (kind, program, cids) in cjk.items():
        assert kind == "/CIDFontType0C", name
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(program), None)
        charset = cff[cff.fontNames[0]].charset
        assert hasattr(cff.topDictIndex[0], "ROS"), f"{name} is not CID-keyed"
        kept = {int(glyph[3:]) for glyph in charset if glyph.startswith("cid")}
        # Every CID the page draws is in the font under its own number, with no empty slots: the font holds
        # the drawn glyphs plus the few variants HarfBuzz 6 adds for the same characters (cmap closure).
        assert cids - {0} <= kept, name
        assert len(charset) == len(kept) + 1 < 2 * len(cids) + 10, name
        assert len(cff[cff.fontNames[0]].CharStrings.charStringsIndex) == len(charset)
    # Thai, Myanmar and Latin stay TrueType, as WeasyPrint embeds them.
    assert {kind for name, (kind, _p, _c) in fonts.items() if "CJK" not in name} == {"TrueType"}
    assert len(data) < 150 * 1024


def test_pages_look_and_read_exactly_as_with_stock_weasyprint(app, tmp_path):
    html = sheet_html(app)
    ours = pdf.write_pdf(pdf.layout(html, STYLESHEETS), "fonts", "ja")
    (tmp_path / "sheet.html").write_text(html, encoding="utf-8")
    sheets = [str(pdf.PACKAGE / "static" / "css" / name) for name in STYLESHEETS]
    subprocess.run([sys.executable, "-c", STOCK, str(tmp_path / "sheet.html"), str(pdf.PACKAGE / "static") + "/",
                    str(tmp_path / "stock.pdf"), *sheets], check=True, timeout=120)
    stock = (tmp_path / "stock.pdf").read_bytes()
    assert {kind for kind, _p, _c in fonts_of(stock).values()} == {"/OpenType", "TrueType"}  # the stock way
    assert len(ours) < len(stock) / 3

    for name, data in (("ours", ours), ("stock", stock)):
        (tmp_path / name).mkdir()
        (tmp_path / f"{name}.pdf").write_bytes(data)
    ours_png, stock_png = (pdf_pages_as_png(data, tmp_path / name, dpi=50) for name, data in
                           (("ours", ours), ("stock", stock)))
    assert len(ours_png) == len(stock_png) == 1
    difference = ImageChops.difference(Image.open(ours_png[0]).convert("RGB"), Image.open(stock_png[0]).convert("RGB"))
    assert difference.getbbox() is None, "the sheet draws differently from stock WeasyPrint"

    text = [subprocess.run(["pdftotext", str(tmp_path / f"{name}.pdf"), "-"], capture_output=True, text=True,
                           check=True).stdout for name in ("ours", "stock")]
    assert text[0] == text[1]
    assert "18:30" in text[0] and "南小学校" in text[0]


def test_each_thread_renders_with_its_own_font_configuration(app):
    html = sheet_html(app)
    results, configs = [], []

    def render():
        configs.append(pdf.font_config())
        results.append(pdf.write_pdf(pdf.layout(html, STYLESHEETS), "fonts", "ja"))

    threads = [threading.Thread(target=render) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and configs[0] is not configs[1]
    assert configs[0] is not pdf.font_config()
    same_thread = pdf.write_pdf(pdf.layout(html, STYLESHEETS), "fonts", "ja")
    assert fonts_of(results[0]).keys() == fonts_of(results[1]).keys() == fonts_of(same_thread).keys()


def test_the_patch_checks_the_signatures_it_relies_on():
    import types

    import weasyprint.pdf
    from weasyprint.pdf import fonts as wp_fonts

    from disaster_support import pdf_fonts

    assert pdf_fonts.incompatibility() == ""  # the pinned WeasyPrint: installed
    assert "not 70.x" in pdf_fonts.incompatibility(version="71.0")

    class NewFont(wp_fonts.Font):
        def subset(self, to_unicode, hinting, keep_gids=True):  # a new parameter in some future release
            pass

    changed = types.SimpleNamespace(Font=NewFont, get_hb_object_data=wp_fonts.get_hb_object_data)
    assert "Font.subset" in pdf_fonts.incompatibility(fonts_module=changed)
    renamed = types.SimpleNamespace(build_fonts_dictionary=lambda pdf, fonts, compress, options: None)
    assert "build_fonts_dictionary" in pdf_fonts.incompatibility(pdf_module=renamed)
    assert weasyprint.pdf.build_fonts_dictionary is not None


# A fresh interpreter whose WeasyPrint differs where the patch reaches in: the app must still start and print.
FALLBACK = textwrap.dedent("""
    import sys
    from weasyprint.pdf import fonts
    original = fonts.Font.subset
    def subset(self, to_unicode, hinting, keep_gids=True):
        return original(self, to_unicode, hinting)
    fonts.Font.subset = subset
    from disaster_support import create_app, pdf_fonts
    from disaster_support.health import check_compact_fonts
    from disaster_support.sheets.render import SheetRequest, render_sheets_pdf
    app = create_app({"TESTING": True, "SECRET_KEY": "x" * 40, "DATABASE": sys.argv[2], "PDF_RATE_LIMIT": 0})
    assert not pdf_fonts.installed()
    print(check_compact_fonts().detail)
    with app.test_request_context("/en/"):
        data = render_sheets_pdf([SheetRequest("drinking-water", ("ja", "ko"))], {"ja": "x"})
    open(sys.argv[1], "wb").write(data)
""")


def test_a_changed_weasyprint_falls_back_to_its_own_embedding(tmp_path):
    out = tmp_path / "fallback.pdf"
    result = subprocess.run([sys.executable, "-c", FALLBACK, str(out), str(tmp_path / "db.sqlite3")],
                            capture_output=True, text=True, cwd=str(pdf.PACKAGE.parent))
    assert result.returncode == 0, result.stderr
    assert "Font.subset" in result.stdout  # doctor names what differs
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    kinds = [kind for kind, _program, _cids in fonts_of(out.read_bytes()).values()]
    assert kinds and "/CIDFontType0C" not in kinds  # WeasyPrint's own embedding
