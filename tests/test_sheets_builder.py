"""The sign builder through HTTP: browse, search, fill, preview, print, QR pages and edit links."""
import io
import re

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from conftest import csrf_from, pdf_pages_as_png, visible_text
from disaster_support.catalog import catalog
from disaster_support.i18n import CODES, plain


def sign_with_field(kind):
    return next(s for s in catalog().signs.values() if any(f.type == kind for f in s.fields))


def form_data(client, url, **fields):
    page = client.get(url)
    data = {"csrf_token": csrf_from(page), "lang1": "en", "lang2": "", "lang3": "", "lang4": "", "lang5": "",
            "size": "A4", "orientation": "portrait", "shelter": "", "action": "preview"}
    data.update(fields)
    return data


@pytest.mark.parametrize("code", CODES)
def test_sign_index_lists_categories_with_pictograms(client, code):
    page = client.get(f"/{code}/sheets/").get_data(as_text=True)
    for category in catalog().categories_of("sign"):
        if catalog().signs_in(category.id):
            assert plain(category.names[code]) in visible_text(page)
    assert page.count('src="/pictograms/') >= 60


@pytest.mark.parametrize("code", ["ja", "en", "th", "my", "ko", "zh-Hant", "ne", "ja-easy"])
def test_search_finds_a_sign_by_its_title_in_any_language(client, code):
    sign = catalog().signs["drinking-water"] if "drinking-water" in catalog().signs else next(iter(catalog().signs.values()))
    word = plain(sign.title[code]).split()[0]
    page = client.get("/en/sheets/", query_string={"q": word}).get_data(as_text=True)
    assert f'href="/en/sheets/{sign.id}"' in page


def test_search_without_match_says_so(client):
    page = client.get("/en/sheets/", query_string={"q": "zzzqqq"}).get_data(as_text=True)
    assert "No sign matches this search." in page


def test_sign_page_defaults_to_reader_language_then_japanese(client):
    sign = next(iter(catalog().signs.values()))
    page = client.get(f"/vi/sheets/{sign.id}").get_data(as_text=True)
    assert re.search(r'<select id="lang1" name="lang1">.*?<option value="vi" selected', page, re.S)
    assert re.search(r'<select id="lang2" name="lang2">.*?<option value="ja" selected', page, re.S)


def test_unknown_sign_is_a_localized_404(client):
    response = client.get("/ko/sheets/no-such-sign")
    assert response.status_code == 404
    assert 'lang="ko"' in response.get_data(as_text=True)


def test_preview_shows_the_sheet_with_formatted_time(client):
    sign = sign_with_field("time")
    url = f"/en/sheets/{sign.id}"
    fields = {f"fill_{f.name}": ("13:30" if f.type == "time" else "") for f in sign.fields}
    response = client.post(url, data=form_data(client, url, lang2="ko", **fields))
    assert response.status_code == 200
    page = visible_text(response)
    assert 'class="sheet portrait"' in response.get_data(as_text=True)
    assert "1:30 PM" in page  # English
    assert "오후 1:30" in page  # Korean writes the same time its own way


@pytest.mark.parametrize("code, message", [
    ("en", "Write the time as hours and minutes, for example 13:30."),
])
def test_bad_time_gets_a_clear_message_and_keeps_what_was_typed(client, code, message):
    sign = sign_with_field("time")
    url = f"/{code}/sheets/{sign.id}"
    name = next(f.name for f in sign.fields if f.type == "time")
    response = client.post(url, data=form_data(client, url, shelter="Minami school", **{f"fill_{name}": "25:99"}))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert 'value="25:99"' in page
    assert 'value="Minami school"' in page


def test_bad_input_message_is_in_the_readers_language(client):
    sign = sign_with_field("time")
    url = f"/th/sheets/{sign.id}"
    name = next(f.name for f in sign.fields if f.type == "time")
    page = client.post(url, data=form_data(client, url, lang1="th", **{f"fill_{name}": "soon"})).get_data(as_text=True)
    assert "Write the time as hours and minutes" not in page
    assert 'aria-invalid="true"' in page


@pytest.mark.parametrize("languages, expected", [
    ({"lang1": "en", "lang2": "en"}, "Each language can be chosen only once."),
    ({"lang1": "xx"}, "Choose languages from the list."),
    ({"lang1": ""}, "Choose at least one language."),
    ({"size": "B5"}, "Choose A4 or A3."),
])
def test_invalid_choices_are_rejected_with_a_message(client, languages, expected):
    sign = next(iter(catalog().signs.values()))
    url = f"/en/sheets/{sign.id}"
    response = client.post(url, data=form_data(client, url, action="print", **languages))
    assert response.status_code == 400
    assert expected in response.get_data(as_text=True)


def test_post_without_csrf_token_prints_nothing(client, app):
    sign = next(iter(catalog().signs.values()))
    url = f"/en/sheets/{sign.id}"
    data = form_data(client, url, action="print")
    data.pop("csrf_token")
    response = client.post(url, data=data)
    assert response.status_code == 400
    with app.app_context():
        from disaster_support.db import get_db

        assert get_db()["printed_sheet"].count == 0


def print_sign(client, sign, lang="en", **fields):
    url = f"/{lang}/sheets/{sign.id}"
    response = client.post(url, data=form_data(client, url, action="print", lang1=lang, **fields))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.location


@pytest.mark.slow
def test_printed_pdf_has_a_qr_code_that_opens_the_sign_in_all_languages(client, app, tmp_path):
    sign = sign_with_field("time")
    name = next(f.name for f in sign.fields if f.type == "time")
    ready = print_sign(client, sign, lang2="vi", lang3="my", **{f"fill_{name}": "12:00"})
    page = client.get(ready).get_data(as_text=True)
    pdf_url = re.search(r'href="(/en/sheets/printed/\w+\.pdf)"', page).group(1)
    response = client.get(pdf_url)
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    assert reader.metadata.title == plain(sign.title["en"])
    png = pdf_pages_as_png(response.data, tmp_path, dpi=150)[0]
    codes = zxingcpp.read_barcodes(Image.open(png))
    assert len(codes) == 1
    scanned = codes[0].text
    assert scanned.startswith("http://127.0.0.1:5000/q/")
    phone = app.test_client()  # a resident's phone: no cookie, Vietnamese browser
    landing = phone.get(scanned.removeprefix("http://127.0.0.1:5000"), headers={"Accept-Language": "vi"})
    assert landing.status_code == 302 and landing.location.startswith("/vi/q/")
    qr_response = phone.get(landing.location)
    assert '<html lang="vi"' in qr_response.get_data(as_text=True)
    qr_page = visible_text(qr_response)
    assert "12:00" in qr_page
    for code in CODES:
        assert plain(sign.title[code]) in qr_page, code


def test_edit_link_changes_the_time_shown_by_the_qr_page(client):
    sign = sign_with_field("time")
    name = next(f.name for f in sign.fields if f.type == "time")
    ready = print_sign(client, sign, **{f"fill_{name}": "12:00"})
    page = client.get(ready).get_data(as_text=True)
    # the edit link is shown as text to copy; its token is in the query, not the path
    edit_url = re.search(r'>http://localhost(/en/q/\w+/edit\?token=[\w-]+)</textarea>', page).group(1)
    code = edit_url.split("/")[3]
    assert "12:00 PM" in visible_text(client.get(f"/en/q/{code}"))

    edit_page = client.get(edit_url, follow_redirects=True)
    bad = client.post(edit_url, data={"csrf_token": csrf_from(edit_page), f"fill_{name}": "noon"})
    assert bad.status_code == 400
    assert "12:00 PM" in visible_text(client.get(f"/en/q/{code}"))  # a rejected change changes nothing

    saved = client.post(edit_url, data={"csrf_token": csrf_from(edit_page), f"fill_{name}": "13:00"})
    assert saved.status_code == 302
    qr_page = visible_text(client.get(f"/en/q/{code}"))
    assert "1:00 PM" in qr_page and "12:00 PM" not in qr_page
    assert "Updated:" in qr_page


def test_edit_link_with_a_wrong_token_is_refused(client):
    sign = sign_with_field("time")
    ready = print_sign(client, sign)
    code = ready.rsplit("/", 1)[1]
    assert client.get(f"/en/q/{code}/edit/not-the-token").status_code == 403
    assert client.get(f"/en/q/{code}/edit", query_string={"token": "not-the-token"}).status_code == 403


def test_edit_link_is_shown_only_to_whoever_printed(client, app):
    sign = next(iter(catalog().signs.values()))
    ready = print_sign(client, sign)
    assert "/edit?token=" in client.get(ready).get_data(as_text=True)
    stranger = app.test_client()
    assert "/edit" not in stranger.get(ready).get_data(as_text=True)


def test_unknown_qr_code_gives_a_clear_localized_page(client):
    response = client.get("/q/doesnotexist", headers={"Accept-Language": "ne"})
    assert response.location == "/ne/q/doesnotexist"
    page = client.get(response.location)
    assert page.status_code == 404
    assert '<html lang="ne"' in page.get_data(as_text=True)
    assert "This QR code is not known" not in page.get_data(as_text=True)


def test_shelter_name_is_escaped_on_pages_and_printed_as_text(client):
    sign = next(iter(catalog().signs.values()))
    ready = print_sign(client, sign, shelter="<script>alert(1)</script>")
    page = client.get(ready).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    pdf_url = re.search(r'href="(/en/sheets/printed/\w+\.pdf)"', page).group(1)
    text = PdfReader(io.BytesIO(client.get(pdf_url).data)).pages[0].extract_text()
    assert "<script>alert(1)</script>" in text


def test_too_long_fill_in_and_shelter_name_are_refused_and_kept(client, app):
    sign = sign_with_field("text") if any(f.type == "text" for s in catalog().signs.values() for f in s.fields) \
        else next(iter(catalog().signs.values()))
    url = f"/en/sheets/{sign.id}"
    long_text = "あ" * 41
    fields = {f"fill_{f.name}": long_text for f in sign.fields if f.type == "text"}
    response = client.post(url, data=form_data(client, url, action="print", shelter=long_text, **fields))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please keep this to 40 characters or fewer." in page
    assert f'value="{long_text}"' in page
    with app.app_context():
        from disaster_support.db import get_db

        assert get_db()["printed_sheet"].count == 0  # nothing half-saved


def test_unknown_printed_sheet_pdf_is_404(client):
    assert client.get("/en/sheets/printed/nosuchcode.pdf").status_code == 404
