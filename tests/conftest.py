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
    app = create_app({"TESTING": True, "DATABASE": str(database), "SECRET_KEY": "test-" + "x" * 40})
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
