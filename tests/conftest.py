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
