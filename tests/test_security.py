"""Issue 12 (items 3 and 5): sessions that end, safe redirects, throttled log-in, control characters, expired
forms, security headers and production secrets, all through the HTTP client."""
import re
import secrets

import pytest
from board_steps import day, decide, offer, open_disaster, post_request, request_id_of
from conftest import BOARD_PASSWORD, csrf_from, visible_text

from disaster_support import create_app
from disaster_support.catalog import catalog
from disaster_support.config import ConfigError


def login(client, email, password, query="", **request_options):
    page = client.get("/en/account/login", **request_options)
    return client.post("/en/account/login" + query, data={
        "csrf_token": csrf_from(page), "email": email, "password": password}, **request_options)


def copy_of_cookie(app, client):
    """A second client holding a copy of `client`'s session cookie, as someone who took it would."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


# Sessions end ----------------------------------------------------------------------------------------------


def test_session_copied_cookie_stops_working_after_logout(board):
    ishikawa = board.client("ishikawa")
    thief = copy_of_cookie(board.app, ishikawa)
    assert thief.get("/en/board/").status_code == 200
    ishikawa.post("/en/account/logout", data={"csrf_token": csrf_from(ishikawa.get("/en/board/"))})
    assert thief.get("/en/board/").status_code == 302


def test_session_password_change_ends_every_other_session(board):
    ishikawa, laptop = board.client("ishikawa"), board.client("ishikawa")
    thief = copy_of_cookie(board.app, laptop)
    page = ishikawa.get("/en/account/password")
    response = ishikawa.post("/en/account/password", data={
        "csrf_token": csrf_from(page), "current": BOARD_PASSWORD, "password": "a new long password",
        "confirm": "a new long password"}, follow_redirects=True)
    assert "Your password is changed. Everywhere else you are now logged out." in visible_text(response)
    assert ishikawa.get("/en/board/").status_code == 200
    assert laptop.get("/en/board/").status_code == 302 and thief.get("/en/board/").status_code == 302
    assert login(board.app.test_client(), "ishikawa@example.jp", BOARD_PASSWORD).status_code == 400
    assert login(board.app.test_client(), "ishikawa@example.jp", "a new long password").status_code == 302


def test_session_password_change_needs_the_current_password(board):
    ishikawa = board.client("ishikawa")
    response = ishikawa.post("/en/account/password", data={
        "csrf_token": csrf_from(ishikawa.get("/en/account/password")), "current": "not my password",
        "password": "a new long password", "confirm": "a new long password"})
    assert response.status_code == 400 and "The current password is not right." in visible_text(response)
    assert login(board.app.test_client(), "ishikawa@example.jp", BOARD_PASSWORD).status_code == 302


def test_session_of_a_deactivated_user_ends(board):
    toyama = board.client("toyama")
    board.execute("update user set active = 0 where email = 'toyama@example.jp'")
    assert toyama.get("/en/board/").status_code == 302


# Redirects stay on this site -------------------------------------------------------------------------------

BYPASSES = ["/%09/evil.example/phish", "/%5Cevil.example", "%2F%2Fevil.example", "//evil.example/",
            "/%252F%252Fevil.example", "https://evil.example/", "javascript:alert(1)", "/%0d%0aSet-Cookie:%20x=1",
            "/%0aevil", "%09//evil.example", "/\\evil.example", "http:/evil.example"]


@pytest.mark.parametrize("target", BYPASSES)
def test_redirect_after_login_never_leaves_the_site(board, client, target):
    response = login(client, "ishikawa@example.jp", BOARD_PASSWORD, "?next=" + target)
    assert response.status_code == 302 and response.headers["Location"] == "/en/board/"


def test_redirect_after_login_keeps_a_path_on_this_site(board, client):
    response = login(client, "ishikawa@example.jp", BOARD_PASSWORD, "?next=/en/board/roster%3Fdisaster%3D1")
    assert response.headers["Location"] == "/en/board/roster?disaster=1"


@pytest.mark.parametrize("back", ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example",
                                  "/%2F%2Fevil.example", "/en/board/\r\nSet-Cookie: x=1"])
def test_redirect_back_after_a_dispatch_change_stays_on_the_site(board, back):
    ishikawa, toyama = board.client("ishikawa"), board.client("toyama")
    request_id = request_id_of(post_request(ishikawa, open_disaster(ishikawa), [("vi", 1, day(1), day(5))]))
    offer(toyama, request_id, [("Ana", ["vi"], day(1), day(5))])
    person = board.query("select id from offered_person")[0]["id"]
    decide(ishikawa, request_id, person, "accept", board.query("select id from request_line")[0]["id"])
    dispatch = board.query("select id from dispatch")[0]["id"]
    response = toyama.post(f"/en/board/dispatches/{dispatch}/status", data={
        "csrf_token": csrf_from(toyama.get("/en/board/roster")), "status": "on_site", "back": back})
    assert response.status_code == 302 and response.headers["Location"] == "/en/board/roster"
    assert board.query("select status from dispatch") == [{"status": "on_site"}]


# Throttled log-in --------------------------------------------------------------------------------------------


@pytest.fixture
def proxied_board(board):
    """The board behind one reverse proxy, as the README recommends for production."""
    app = create_app({"TESTING": True, "DATABASE": board.app.config["DATABASE"], "SECRET_KEY": "test-" + "x" * 40,
                      "PROXY_HOPS": 1})
    return app


def test_throttle_guesses_from_one_address_do_not_lock_out_others(proxied_board):
    attacker = proxied_board.test_client()
    from_attacker = {"headers": {"X-Forwarded-For": "203.0.113.9"}}
    for n in range(30):
        assert login(attacker, f"made-up-{n}@example.jp", "guess guess guess", **from_attacker).status_code == 400
    refused = login(attacker, "secretariat@example.jp", BOARD_PASSWORD, **from_attacker)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "Too many failed log-ins. Please try again in 1 min." in visible_text(refused)
    assert 'value="secretariat@example.jp"' in refused.get_data(as_text=True)
    secretariat = proxied_board.test_client()
    response = login(secretariat, "secretariat@example.jp", BOARD_PASSWORD,
                     headers={"X-Forwarded-For": "198.51.100.7"})
    assert response.status_code == 302


def test_throttle_guesses_at_an_account_do_not_lock_its_owner_out(board):
    stranger, owner = board.app.test_client(), board.app.test_client()
    for _ in range(5):
        assert login(stranger, "toyama@example.jp", "guess guess guess",
                     environ_base={"REMOTE_ADDR": "192.0.2.66"}).status_code == 400
    refused = login(stranger, "toyama@example.jp", BOARD_PASSWORD, environ_base={"REMOTE_ADDR": "192.0.2.66"})
    assert refused.status_code == 429 and 28 <= int(refused.headers["Retry-After"]) <= 30  # the first wait: 30 s
    assert login(owner, "toyama@example.jp", BOARD_PASSWORD,
                 environ_base={"REMOTE_ADDR": "192.0.2.10"}).status_code == 302


def test_throttle_wait_doubles_instead_of_locking(board):
    def failures(email, count):
        for _ in range(count):
            board.execute("insert into login_failure (email, address, at) values "
                          "(?, '127.0.0.1', strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '-90 seconds'))", [email])

    failures("toyama@example.jp", 6)  # one beyond the allowance: 60 s to wait, and 90 s have passed
    assert login(board.app.test_client(), "toyama@example.jp", BOARD_PASSWORD).status_code == 302
    failures("fukui@example.jp", 8)  # three beyond: 240 s to wait, 150 s of them still to come
    response = login(board.app.test_client(), "fukui@example.jp", BOARD_PASSWORD)
    assert response.status_code == 429 and 140 <= int(response.headers["Retry-After"]) <= 150
    assert "Too many failed log-ins. Please try again in 3 min." in visible_text(response)


# Control characters ----------------------------------------------------------------------------------------


def test_control_characters_refused_in_a_board_form_and_the_text_kept(board):
    ishikawa = board.client("ishikawa")
    page = ishikawa.get("/en/board/disasters/new")
    association = re.search(r'<option (?:selected )?value="(\d+)"', page.get_data(as_text=True)).group(1)
    response = ishikawa.post("/en/board/disasters/new", data={
        "csrf_token": csrf_from(page), "title": "Flood\r\nBcc: all@example.jp", "kind": "flood",
        "started_on": day(-1), "affected_association": association})
    assert response.status_code == 400
    assert "Please write this on one line, without tabs or other control characters." in visible_text(response)
    assert "Flood" in re.search(r'<input[^>]*name="title"[^>]*>', response.get_data(as_text=True)).group(0)
    assert board.query("select * from disaster") == []


def test_control_characters_text_areas_allow_line_breaks_only(board):
    ishikawa = board.client("ishikawa")
    response = post_request(ishikawa, open_disaster(ishikawa), [("vi", 1, day(1), day(5))],
                            site="Nanao\tshelter", lodging="Hotel\r\nRoom 2", transport="Bus\x0bline")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="site_name-error"' in page and 'id="transport-error"' in page and 'id="lodging-error"' not in page
    assert "Please remove tabs and other control characters." in visible_text(response)


def test_control_characters_refused_in_the_sign_builder(client):
    url = "/en/sheets/" + next(iter(catalog().signs))
    response = client.post(url, data={
        "csrf_token": csrf_from(client.get(url)), "lang1": "en", "size": "A4", "orientation": "portrait",
        "shelter": "Hall\nB", "action": "preview"})
    assert response.status_code == 400
    assert "Please write this on one line, without tabs or other control characters." in visible_text(response)


# Expired forms ---------------------------------------------------------------------------------------------

EXPIRED = "Nothing was saved: this form had expired. Please check what you typed and send it again."


def test_expired_form_is_shown_again_with_what_was_typed(board):
    ishikawa = board.client("ishikawa")
    page = ishikawa.get("/en/board/disasters/new")
    association = re.search(r'<option (?:selected )?value="(\d+)"', page.get_data(as_text=True)).group(1)
    login(ishikawa, "ishikawa@example.jp", BOARD_PASSWORD)  # logging in again in another tab renews the session
    response = ishikawa.post("/en/board/disasters/new", data={
        "csrf_token": csrf_from(page), "title": "Typhoon 12", "kind": "typhoon", "started_on": day(-1),
        "affected_association": association})
    assert response.status_code == 400 and EXPIRED in visible_text(response)
    assert 'value="Typhoon 12"' in response.get_data(as_text=True)
    assert board.query("select * from disaster") == []


def test_expired_login_form_keeps_the_email_when_the_session_was_dropped(board, client):
    page = client.get("/en/account/login")
    client.delete_cookie("session")
    response = client.post("/en/account/login", data={
        "csrf_token": csrf_from(page), "email": "ishikawa@example.jp", "password": BOARD_PASSWORD})
    assert response.status_code == 400 and EXPIRED in visible_text(response)
    assert 'value="ishikawa@example.jp"' in response.get_data(as_text=True)
    assert login(client, "ishikawa@example.jp", BOARD_PASSWORD).status_code == 302  # the re-shown form works


def test_expired_button_is_not_run_and_says_so(board):
    ishikawa = board.client("ishikawa")
    response = ishikawa.post("/en/account/logout", data={"csrf_token": "stale"},
                             headers={"Referer": "http://localhost/en/board/roster"})
    assert response.status_code == 400
    assert "Nothing was done: this page had expired." in visible_text(response)
    assert 'href="/en/board/roster"' in response.get_data(as_text=True)
    assert ishikawa.get("/en/board/").status_code == 200  # still logged in


# Headers and secrets ---------------------------------------------------------------------------------------

SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
                    "Referrer-Policy": "strict-origin-when-cross-origin"}


def assert_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in \
        policy.replace("style-src-attr 'unsafe-inline'", "")


@pytest.mark.parametrize("path", ["/en/", "/en/board/", "/static/css/site.css", "/sw.js", "/nowhere"])
def test_headers_on_pages_static_files_and_errors(client, path):
    assert_security_headers(client.get(path))


@pytest.mark.slow
def test_headers_on_a_pdf(client):
    response = client.get("/en/living/booklet.pdf")
    assert response.mimetype == "application/pdf"
    assert_security_headers(response)


def test_headers_hsts_only_in_production(tmp_path, client):
    assert "Strict-Transport-Security" not in client.get("/en/").headers
    production = create_app({"ENV": "production", "SECRET_KEY": secrets.token_urlsafe(48),
                             "DATABASE": str(tmp_path / "prod.sqlite3")})
    assert production.test_client().get("/static/css/site.css").headers["Strict-Transport-Security"] == \
        "max-age=63072000"


@pytest.mark.parametrize("key", [" " * 40, "a" * 40, "0123456789" * 4, "ab" * 30])
def test_production_refuses_weak_secret_keys(tmp_path, key):
    with pytest.raises(ConfigError, match="secrets.token_urlsafe"):
        create_app({"ENV": "production", "SECRET_KEY": key, "DATABASE": str(tmp_path / "db")})


@pytest.mark.parametrize("key", [secrets.token_urlsafe(48), secrets.token_hex(16)])
def test_production_accepts_a_random_secret_key(tmp_path, key):
    assert create_app({"ENV": "production", "SECRET_KEY": key, "DATABASE": str(tmp_path / "db")})


@pytest.mark.browser
def test_headers_pages_work_under_the_policy_in_chromium(board, live_server):
    from browser import chromium_page

    from board_steps import open_disaster

    disaster_id = open_disaster(board.client("ishikawa"))
    sign = next(iter(catalog().signs))
    with chromium_page(width=1280) as page:
        problems = []
        page.on("console", lambda message: problems.append((message.text, message.location.get("url")))
                if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico") else None)
        page.goto(f"{live_server}/en/account/login")
        page.fill("#email", "ishikawa@example.jp")
        page.fill("#password", BOARD_PASSWORD)
        page.click("button.primary")
        page.goto(f"{live_server}/en/board/disasters/{disaster_id}")
        assert "Earthquake exercise" in page.text_content("main")
        page.goto(f"{live_server}/vi/living/")
        page.wait_for_function("() => !document.getElementById('keep-offline').hidden")  # offline.js ran
        page.goto(f"{live_server}/en/sheets/{sign}")
        page.click("button[value=preview]")
        assert page.locator(".preview .sheet").count() == 1
        assert page.evaluate("getComputedStyle(document.querySelector('.preview .sheet')).width") != "auto"
        page.goto(f"{live_server}/en/messages/")
        assert problems == []
