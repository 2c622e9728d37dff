import threading

import pytest
from werkzeug.serving import make_server

from disaster_support import create_app
from disaster_support.db import connect, migrate


@pytest.fixture
def app(tmp_path):
    database = tmp_path / "test.sqlite3"
    db = connect(database)
    migrate(db)
    db.close()
    # A cheap password hash: scrypt (production) costs ~70 ms per hash, and each board test makes seven accounts.
    app = create_app({"TESTING": True, "DATABASE": str(database), "SECRET_KEY": "test-" + "x" * 40,
                      "PASSWORD_HASH": "pbkdf2:sha256:1000"})
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def live_server(app):
    """The app served over real HTTP on a free loopback port, for the browser."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def csrf_from(response):
    """The CSRF token of the first form on a page, as a browser would send it back."""
    import re

    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', response.get_data(as_text=True))
    assert match, "page has no CSRF token"
    return match.group(1)


def pdf_pages_as_png(data, tmp_path, dpi=60):
    """Rasterise PDF bytes with poppler's pdftoppm, as a person would look at them."""
    import subprocess

    source = tmp_path / "doc.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(source), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page*.png"))


def visible_text(response_or_html):
    """What a reader sees: tags and ruby readings removed, entities decoded, narrow spaces made plain."""
    import html
    import re

    source = response_or_html if isinstance(response_or_html, str) else response_or_html.get_data(as_text=True)
    source = re.sub(r"<rt>.*?</rt>|</?ruby>|</?b\b[^>]*>", "", source)
    source = re.sub(r"<[^>]+>", " ", source)
    return html.unescape(source).replace("\u202f", " ").replace("\xa0", " ")


BOARD_PASSWORD = "correct horse battery"
# key: (e-mail, role, jurisdiction). 石川県, 富山県 and 福井県 are in one block (東海北陸); 大阪府 is in 近畿.
BOARD_PEOPLE = {
    "ishikawa": ("ishikawa@example.jp", "coordinator", "石川県"),
    "ishikawa2": ("ishikawa2@example.jp", "coordinator", "石川県"),
    "ishikawa_member": ("member@example.jp", "member", "石川県"),
    "toyama": ("toyama@example.jp", "coordinator", "富山県"),
    "fukui_chair": ("fukui@example.jp", "coordinator", "福井県"),
    "osaka": ("osaka@example.jp", "coordinator", "大阪府"),
    "secretariat": ("secretariat@example.jp", "secretariat", "東京都"),
}


class Board:
    """The seeded registry, one account per BOARD_PEOPLE entry, and logged-in clients for them."""

    def __init__(self, app):
        self.app = app

    def client(self, who):
        """A new browser-like client logged in as `who`."""
        client = self.app.test_client()
        page = client.get("/en/account/login")
        response = client.post("/en/account/login", data={
            "csrf_token": csrf_from(page), "email": BOARD_PEOPLE[who][0], "password": BOARD_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    def query(self, sql, params=()):
        from disaster_support.db import connect

        db = connect(self.app.config["DATABASE"])
        try:
            return [dict(row) for row in db.query(sql, params)]
        finally:
            db.close()

    def execute(self, sql, params=()):
        """Change the database behind the app's back, as time passing or another tool would."""
        from disaster_support.db import connect, write

        db = connect(self.app.config["DATABASE"])
        try:
            with write(db):
                db.execute(sql, params)
        finally:
            db.close()


@pytest.fixture
def board(app):
    from disaster_support.auth import users
    from disaster_support.board import registry
    from disaster_support.db import get_db, write

    with app.app_context():
        registry.seed()
        db = get_db()
        for key, (email, role, jurisdiction) in BOARD_PEOPLE.items():
            association = db.execute("select id from association where jurisdiction = ?", [jurisdiction]).fetchone()[0]
            users.create_user(email, key, role, association, BOARD_PASSWORD, "en")
        block = db.execute("select block_id from association where jurisdiction = '福井県'").fetchone()[0]
        fukui = db.execute("select id from association where jurisdiction = '福井県'").fetchone()[0]
        with write(db):
            db.execute("update block set chair_association_id = ? where id = ?", [fukui, block])
    return Board(app)
