"""Log-in, log-out, rate limiting, invitations and `flask users` for the board."""
import re

from conftest import BOARD_PASSWORD, csrf_from, visible_text


def login(client, email, password, next_path=None):
    page = client.get("/en/account/login")
    url = "/en/account/login" + (f"?next={next_path}" if next_path else "")
    return client.post(url, data={"csrf_token": csrf_from(page), "email": email, "password": password})


def test_board_login_and_logout(board, client):
    response = login(client, "Ishikawa@Example.jp ", BOARD_PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/en/board/"
    assert "ishikawa" in visible_text(client.get("/en/board/"))
    cookie = next(c for c in client._cookies.values() if c.key == "session")
    assert cookie.http_only and cookie.same_site == "Lax"
    page = client.get("/en/board/")
    response = client.post("/en/account/logout", data={"csrf_token": csrf_from(page)}, follow_redirects=True)
    assert "You have logged out." in visible_text(response)
    assert client.get("/en/board/").status_code == 302


def test_board_wrong_password_is_refused_with_the_email_kept(board, client):
    response = login(client, "ishikawa@example.jp", "wrong password here")
    assert response.status_code == 400
    assert "The e-mail address or the password is not right." in visible_text(response)
    page = response.get_data(as_text=True)
    assert 'value="ishikawa@example.jp"' in page and "wrong password here" not in page
    assert client.get("/en/board/").status_code == 302


def test_board_login_is_rate_limited(board, client):
    for _ in range(5):
        assert login(client, "toyama@example.jp", "guess guess guess").status_code == 400
    response = login(client, "toyama@example.jp", BOARD_PASSWORD)  # from this address even the right one waits now
    assert response.status_code == 429 and 28 <= int(response.headers["Retry-After"]) <= 30  # first wait: 30 s
    assert "Too many failed log-ins. Please try again in 1 min." in visible_text(response)
    assert login(client, "fukui@example.jp", BOARD_PASSWORD).status_code == 302  # other accounts are not locked


def test_board_login_without_csrf_is_rejected(board, client):
    response = client.post("/en/account/login", data={"email": "ishikawa@example.jp", "password": BOARD_PASSWORD})
    assert response.status_code == 400
    assert client.get("/en/board/").status_code == 302


def test_board_login_goes_back_only_to_this_site(board, client):
    assert login(client, "ishikawa@example.jp", BOARD_PASSWORD, "/en/board/roster").headers["Location"] == \
        "/en/board/roster"
    other = board.app.test_client()
    assert login(other, "ishikawa@example.jp", BOARD_PASSWORD, "//evil.example/").headers["Location"] == "/en/board/"


def test_board_passwords_are_hashed(board):
    stored = board.query("select password_hash from user where email = 'ishikawa@example.jp'")[0]["password_hash"]
    assert BOARD_PASSWORD not in stored and stored.startswith(("scrypt:", "pbkdf2:"))


def test_board_invitation_creates_a_coordinator_once(board):
    secretariat = board.client("secretariat")
    page = secretariat.get("/en/board/invitations")
    nagano = board.query("select id from association where jurisdiction = '長野県'")[0]["id"]
    response = secretariat.post("/en/board/invitations", data={
        "csrf_token": csrf_from(page), "email": "new@nagano.example.jp", "role": "coordinator",
        "association": nagano})
    link = re.search(r'<code class="url">http://[^/]+(/en/account/invitation/[^<]+)</code>',
                     response.get_data(as_text=True)).group(1)
    assert board.query("select email from notification where kind = 'invitation'") == [
        {"email": "new@nagano.example.jp"}]

    newcomer = board.app.test_client()
    form = newcomer.get(link)
    assert "new@nagano.example.jp" in visible_text(form)
    short = newcomer.post(link, data={"csrf_token": csrf_from(form), "name": "Nagano Aki", "password": "short",
                                      "confirm": "short", "language": "ja"})
    assert short.status_code == 400 and "Use at least 12 characters." in visible_text(short)
    assert 'value="Nagano Aki"' in short.get_data(as_text=True)
    done = newcomer.post(link, data={"csrf_token": csrf_from(form), "name": "Nagano Aki",
                                     "password": "a long enough password", "confirm": "a long enough password",
                                     "language": "ja"}, follow_redirects=True)
    assert "Welcome. Your account is ready." in visible_text(done)
    assert board.query("select role, language from user where email = 'new@nagano.example.jp'") == [
        {"role": "coordinator", "language": "ja"}]
    again = board.app.test_client().get(link)
    assert again.status_code == 404 and "This invitation cannot be used" in visible_text(again)


def test_board_invitation_for_existing_account_is_refused(board):
    secretariat = board.client("secretariat")
    page = secretariat.get("/en/board/invitations")
    response = secretariat.post("/en/board/invitations", data={
        "csrf_token": csrf_from(page), "email": "toyama@example.jp", "role": "member", "association": 1})
    assert response.status_code == 400
    assert "This e-mail address already has an account." in visible_text(response)


def test_board_users_create_command(board, runner):
    result = runner.invoke(args=["users", "create", "kyoto@example.jp", "--name", "Kyoto Ken", "--role",
                                 "coordinator", "--association", "京都府", "--password", "twelve chars ok"])
    assert result.exit_code == 0, result.output
    assert "Created kyoto@example.jp (coordinator" in result.output
    assert login(board.app.test_client(), "kyoto@example.jp", "twelve chars ok").status_code == 302
    result = runner.invoke(args=["users", "create", "x@example.jp", "--name", "X", "--association", "ムー大陸",
                                 "--password", "twelve chars ok"])
    assert result.exit_code != 0 and "No association for 'ムー大陸'" in result.output
    result = runner.invoke(args=["users", "create", "kyoto@example.jp", "--name", "Again", "--association", "京都府",
                                 "--password", "twelve chars ok"])
    assert result.exit_code != 0 and "already has an account" in result.output
