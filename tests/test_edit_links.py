"""Edit links that last (issue 12, item 2): kept on the server for whoever printed, never in a cookie or a log."""
import hashlib
import html
import logging
import re
import runpy
import time
from pathlib import Path

import pytest

from conftest import csrf_from, visible_text
from disaster_support.catalog import catalog
from disaster_support.log_redaction import RedactEditTokens, redact_edit_tokens

EDIT_LINK = re.compile(r">(http://localhost/en/q/(\w+)/edit\?token=([\w-]+))</textarea>")


def sign_with_fields():
    return next(s for s in catalog().signs.values() if s.fields)


def print_form(client, sign):
    url = f"/en/sheets/{sign.id}"
    return url, {"csrf_token": csrf_from(client.get(url)), "lang1": "en", "lang2": "ja", "lang3": "", "lang4": "",
                 "lang5": "", "size": "A4", "orientation": "portrait", "shelter": "", "action": "print"}


def print_signs(client, count, sign=None):
    """Print `count` sheets the way a browser does; returns their codes."""
    url, data = print_form(client, sign or sign_with_fields())
    codes = []
    for _ in range(count):
        response = client.post(url, data=data)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        codes.append(response.location.rsplit("/", 1)[1])
    return codes


def listed_links(client):
    """{code: edit link} on every page of "Sheets I printed"."""
    links, page = {}, 0
    while True:
        response = client.get("/en/sheets/mine", query_string={"page": page})
        assert response.status_code == 200
        text = response.get_data(as_text=True)
        links.update({code: html.unescape(url) for url, code, _token in EDIT_LINK.findall(text)})
        if "Older sheets" not in text:
            return links
        page += 1


def cookie_sizes(client):
    return {cookie.key: len(cookie.value) for cookie in client._cookies.values()}


def test_edit_links_100_sheets_keep_cookies_small_and_all_listed(client):
    codes = print_signs(client, 100)
    sizes = cookie_sizes(client)
    assert "device" in sizes
    assert all(size < 200 for size in sizes.values()), sizes
    links = listed_links(client)
    assert set(links) == set(codes)
    first_page = client.get("/en/sheets/mine").get_data(as_text=True)
    assert first_page.index(codes[-1]) < first_page.index(codes[-2])  # newest first


def test_edit_links_survive_closing_the_browser(client):
    codes = print_signs(client, 3)
    client.delete_cookie("session")  # a session cookie ends with the browser; the device cookie lasts a year
    assert set(listed_links(client)) == set(codes)


def test_edit_links_device_cookie_is_httponly_lax_and_lasts_a_year(client):
    url, data = print_form(client, sign_with_fields())
    response = client.post(url, data=data)
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("device="))
    assert re.match(r"device=[\w-]{22};", header)
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Max-Age=31536000" in header


def test_edit_links_another_device_sees_none_and_a_wrong_token_is_refused(client, app):
    code = print_signs(client, 1)[0]
    link = listed_links(client)[code]
    stranger = app.test_client()
    assert listed_links(stranger) == {}
    assert "Nothing printed here yet." in visible_text(stranger.get("/en/sheets/mine"))
    assert "token=" not in stranger.get(f"/en/sheets/printed/{code}").get_data(as_text=True)
    assert stranger.get(f"/en/q/{code}/edit").status_code == 403
    assert stranger.get(f"/en/q/{code}/edit", query_string={"token": "A" * 32}).status_code == 403
    other_code = print_signs(stranger, 1)[0]
    other_token = listed_links(stranger)[other_code].split("token=")[1]
    assert stranger.get(f"/en/q/{code}/edit", query_string={"token": other_token}).status_code == 403
    # the real link works for anyone it was given to, and its page passes no Referer on
    shared = stranger.get(link.removeprefix("http://localhost"))
    assert shared.status_code == 200 and shared.headers["Referrer-Policy"] == "no-referrer"


def test_edit_links_owner_is_sent_to_an_address_without_the_token(client):
    code = print_signs(client, 1)[0]
    link = listed_links(client)[code].removeprefix("http://localhost")
    response = client.get(link)
    assert response.status_code == 303 and response.location == f"/en/q/{code}/edit"
    page = client.get(response.location)
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "no-referrer"
    assert "Change the values on a printed sign" in visible_text(page)


def test_edit_links_logged_in_owner_sees_them_from_a_new_browser(board, app):
    office = board.client("ishikawa")
    codes = print_signs(office, 2)
    assert set(listed_links(office)) == set(codes)
    assert "device" not in cookie_sizes(office)  # printed with the account: nothing left on a shared computer
    assert set(listed_links(board.client("ishikawa"))) == set(codes)
    assert listed_links(board.client("toyama")) == {}
    assert listed_links(app.test_client()) == {}


def test_edit_links_no_set_cookie_ever_holds_an_edit_token(client, app):
    set_cookies = []
    url, data = print_form(client, sign_with_fields())
    response = client.post(url, data=data)
    set_cookies += response.headers.getlist("Set-Cookie")
    for path in (response.location, "/en/sheets/mine"):
        set_cookies += client.get(path).headers.getlist("Set-Cookie")
    token = next(iter(listed_links(client).values())).split("token=")[1]
    assert set_cookies
    for header in set_cookies:
        value = header.split(";")[0].split("=", 1)[1]
        decoded = app.session_interface.get_signing_serializer(app).loads(value) if header.startswith("session=") else {}
        assert token not in header and "edit_tokens" not in decoded


def _legacy_sheet(app, code):
    """A sheet printed before this change: a random token of which only the hash is stored, no owner."""
    from disaster_support.db import connect, write

    token = f"legacy-token-of-{code}-xxxxxxxxxxxx"
    db = connect(app.config["DATABASE"])
    try:
        with write(db):
            db["printed_sheet"].insert({
                "code": code, "edit_token_hash": hashlib.sha256(token.encode()).hexdigest(), "kind": "sign",
                "item_id": sign_with_fields().id, "languages": '["en", "ja"]', "size": "A4",
                "orientation": "portrait", "fill_values": "{}", "shelter": "", "created_at": "2026-01-0%sT00:00:00+00:00"
                % len(code[-1]), "updated_at": None})
    finally:
        db.close()
    return token


def test_edit_links_old_session_is_moved_to_the_device(client, app):
    tokens = {code: _legacy_sheet(app, code) for code in ("legacya234", "legacyb234")}
    _legacy_sheet(app, "legacyc234")
    with client.session_transaction() as session:
        session["edit_tokens"] = {**tokens, "legacyc234": "a-guessed-token"}
    client.get("/en/")
    with client.session_transaction() as session:
        assert "edit_tokens" not in session
    assert cookie_sizes(client).get("session", 0) < 200
    links = listed_links(client)
    assert set(links) == set(tokens)  # the guessed token claimed nothing
    for code, token in tokens.items():
        assert client.get(f"/en/q/{code}/edit/{token}").status_code in (200, 303)  # the old link still works
        assert app.test_client().get(f"/en/q/{code}/edit/{token}").status_code == 200
        assert app.test_client().get(links[code].removeprefix("http://localhost")).status_code == 200


def test_edit_links_kit_page_lists_every_edit_link_from_the_server(client, app):
    page = client.get("/en/sheets/kits/")
    chosen = [sign.id for sign in catalog().signs.values() if sign.fields][:3]
    response = client.post("/en/sheets/kits/", data={
        "csrf_token": csrf_from(page), "kit": "custom", "signs": chosen, "lang1": "en", "lang2": "ja", "lang3": "",
        "lang4": "", "lang5": "", "size": "A4", "orientation": "portrait"})
    job_url = response.location
    for _ in range(100):
        kit_page = client.get(job_url).get_data(as_text=True)
        if "Your kit is ready" in kit_page:
            break
        time.sleep(0.2)
    on_kit_page = {code: html.unescape(url) for url, code, _token in EDIT_LINK.findall(kit_page)}
    assert len(on_kit_page) == 3 and on_kit_page == listed_links(client)
    assert "token=" not in app.test_client().get(job_url).get_data(as_text=True)


@pytest.mark.parametrize("line", [
    '127.0.0.1 - - [x] "GET /en/q/abc234/edit?token=SeCrEt_-123 HTTP/1.1" 200 -',
    '127.0.0.1 - - [x] "POST /ja/q/abc234/edit?lang=ja&token=SeCrEt_-123 HTTP/1.1" 302 -',
    '127.0.0.1 - - [x] "GET /en/q/abc234/edit/SeCrEt_-123 HTTP/1.1" 403 -',
    'Referer: https://example.org/vi/q/abc234/edit/SeCrEt_-123?x=1',
])
def test_edit_links_redaction_removes_tokens(line):
    redacted = redact_edit_tokens(line)
    assert "SeCrEt" not in redacted and "[redacted]" in redacted and "abc234" in redacted


def test_edit_links_werkzeug_log_filter_redacts(app, caplog):
    logger = logging.getLogger("werkzeug")  # the development server's request log, filtered by create_app
    assert any(isinstance(f, RedactEditTokens) for f in logger.filters)
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        logger.info('%s - - [%s] "%s" %s %s', "127.0.0.1", "now", "GET /en/q/abc234/edit?token=SeCrEt HTTP/1.1", 200, "-")
    assert "SeCrEt" not in caplog.text and "/en/q/abc234/edit?token=[redacted]" in caplog.text


def test_edit_links_gunicorn_access_log_has_no_token():
    from gunicorn.config import Config

    settings = runpy.run_path(str(Path(__file__).parent.parent / "gunicorn.conf.py"))
    assert "%(U)s" in settings["access_log_format"] and "%(r)s" not in settings["access_log_format"]
    cfg = Config()
    cfg.set("access_log_format", settings["access_log_format"])
    logger = settings["RedactingLogger"](cfg)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/en/q/abc234/edit/SeCrEt", "SERVER_PROTOCOL": "HTTP/1.1",
               "PATH_INFO": "/en/q/abc234/edit/SeCrEt", "QUERY_STRING": "token=SeCrEt2",
               "HTTP_REFERER": "http://x/en/q/abc234/edit?token=SeCrEt3"}

    class Response:
        status, headers, sent = "200 OK", [], 10

    import datetime

    atoms = logger.atoms(Response(), [], environ, datetime.timedelta(seconds=0))
    line = settings["access_log_format"] % logger.atoms_wrapper_class(atoms)
    assert "SeCrEt" not in line and "/en/q/abc234/edit/[redacted]" in line
    assert "SeCrEt" not in repr(atoms)


def test_edit_links_printed_by_flask_demo_open_the_edit_page(runner, app):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    edits = [line.split()[-1] for line in result.output.splitlines() if line.strip().startswith("edit")]
    assert edits and all("?token=" in edit for edit in edits)
    for edit in edits:
        response = app.test_client().get(edit.removeprefix("http://127.0.0.1:5000"))
        assert response.status_code == 200 and response.headers["Referrer-Policy"] == "no-referrer"
