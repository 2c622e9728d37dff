"""The disaster-message composer: fill once, get all 15 languages, download, print with a QR code."""
import io
import re

import pytest
from pypdf import PdfReader

from conftest import csrf_from, visible_text
from disaster_support.catalog import PLACEHOLDER, catalog
from disaster_support.i18n import CODES, LANGUAGES, plain


def test_at_least_45_messages_in_every_group_and_language():
    messages = catalog().messages
    assert len(messages) >= 45
    groups = {group.id for group in catalog().categories_of("message")}
    assert groups == {"situation", "evacuation", "shelter-life", "floods", "volunteers", "health-care"}
    assert {message.category for message in messages.values()} == groups
    for message in messages.values():
        names = {field.name for field in message.fields}
        for code in CODES:
            assert message.title[code].strip() and message.body[code].strip()
            assert set(PLACEHOLDER.findall(message.body[code])) == names, (message.id, code)


def message_with(*types):
    return next(m for m in catalog().messages.values() if {f.type for f in m.fields} >= set(types))


def fill_form(client, url, **values):
    page = client.get(url)
    data = {"csrf_token": csrf_from(page), "lang1": "en", "lang2": "ja", "lang3": "", "lang4": "", "lang5": "",
            "size": "A4", "orientation": "portrait", "shelter": "", "action": "compose"}
    data.update(values)
    return data


def values_for(message, time="13:30", place="Minami Elementary School", phone="03-1234-5678"):
    sample = {"time": time, "text": place, "phone": phone, "date": "2026-12-01", "url": "https://example.jp/info",
              "number": "12"}
    return {f"fill_{field.name}": sample[field.type] for field in message.fields}


def test_composer_shows_the_filled_message_in_all_15_languages(client):
    message = message_with("text", "time")
    url = f"/en/messages/{message.id}"
    response = client.post(url, data=fill_form(client, url, **values_for(message)))
    assert response.status_code == 200
    page = visible_text(response)
    assert page.count("Minami Elementary School") >= 15 * 2  # shown and in the text to copy
    assert "1:30 PM" in page and "13:30" in page and "오후 1:30" in page
    for language in LANGUAGES:
        assert plain(message.title[language.code]) in page
    assert response.get_data(as_text=True).count('class="copy"') == 15


def test_missing_or_bad_values_are_refused_with_clear_messages_and_kept(client):
    message = message_with("text", "time")
    url = f"/en/messages/{message.id}"
    values = values_for(message, time="half past one")
    place_field = next(f.name for f in message.fields if f.type == "text")
    values[f"fill_{place_field}"] = ""
    response = client.post(url, data=fill_form(client, url, **values))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Write the time as hours and minutes" in page
    assert "Please fill this in." in page
    assert 'value="half past one"' in page


def test_plain_text_download_has_every_language(client):
    message = message_with("text")
    url = f"/en/messages/{message.id}"
    response = client.post(url, data=fill_form(client, url, action="text", **values_for(message)))
    assert response.mimetype == "text/plain"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    for language in LANGUAGES:
        assert f"[{language.name}]" in text
    assert "<" not in text and "｜" not in text  # no markup, readings in brackets
    assert "Minami Elementary School" in text


def test_untrusted_place_is_escaped(client):
    message = message_with("text")
    url = f"/en/messages/{message.id}"
    response = client.post(url, data=fill_form(client, url, **values_for(message, place="<b>x</b>")))
    page = response.get_data(as_text=True)
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page


@pytest.mark.slow
def test_printed_notice_and_its_qr_page(client, app):
    message = message_with("text", "time")
    url = f"/en/messages/{message.id}"
    response = client.post(url, data=fill_form(client, url, action="print", lang1="th", lang2="my", lang3="ne",
                                               **values_for(message)))
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    pdf_url = re.search(r'href="(/en/sheets/printed/\w+\.pdf)"', page).group(1)
    reader = PdfReader(io.BytesIO(client.get(pdf_url).data))
    assert len(reader.pages) == 1
    code = pdf_url.rsplit("/", 1)[1].removesuffix(".pdf")
    qr_page = visible_text(app.test_client().get(f"/th/q/{code}"))
    assert plain(message.title["th"]) in qr_page and "Minami Elementary School" in qr_page


def test_messages_search_in_any_language(client):
    message = message_with("text")
    for code in ("ja", "vi", "th"):
        word = plain(message.title[code]).split()[0][:6]
        page = client.get("/en/messages/", query_string={"q": word}).get_data(as_text=True)
        assert f'href="/en/messages/{message.id}"' in page, code
