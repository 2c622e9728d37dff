import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from disaster_support import create_app
from disaster_support.config import SETTINGS, ConfigError, read_settings

ROOT = Path(__file__).resolve().parents[1]


def test_production_without_secret_key_refuses(tmp_path):
    with pytest.raises(ConfigError, match="DISASTER_SUPPORT_SECRET_KEY"):
        create_app({"ENV": "production", "SECRET_KEY": None, "DATABASE": str(tmp_path / "db")})


def test_production_with_a_short_secret_key_refuses(tmp_path):
    with pytest.raises(ConfigError, match="at least 32"):
        create_app({"ENV": "production", "SECRET_KEY": "dev", "DATABASE": str(tmp_path / "db")})


def test_production_refusal_from_the_command_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISASTER_SUPPORT_")}
    env.update(DISASTER_SUPPORT_ENV="production", DISASTER_SUPPORT_DATABASE=str(tmp_path / "db"), FLASK_APP="wsgi")
    result = subprocess.run([sys.executable, "-m", "flask", "routes"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "Refusing to start in production without a real secret key" in result.stderr


def test_production_with_real_key_sets_secure_cookies(tmp_path):
    app = create_app({"ENV": "production", "SECRET_KEY": secrets.token_urlsafe(48), "DATABASE": str(tmp_path / "db")})
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_production_refuses_a_cheap_password_hash(tmp_path):
    with pytest.raises(ConfigError, match="PASSWORD_HASH must be scrypt"):
        create_app({"ENV": "production", "SECRET_KEY": secrets.token_urlsafe(48), "DATABASE": str(tmp_path / "db"),
                    "PASSWORD_HASH": "pbkdf2:sha256:1000"})


def test_new_passwords_are_hashed_by_the_configured_method(board):
    from disaster_support.auth import users

    stored = board.query("select password_hash from user where email = 'ishikawa@example.jp'")[0]["password_hash"]
    assert stored.startswith("pbkdf2:sha256:1000$")  # the tests' cheap method
    with create_app({"SECRET_KEY": "t" * 40, "DATABASE": board.app.config["DATABASE"]}).app_context():
        assert users.hash_password("a long enough password").startswith("scrypt:")  # the default


def test_settings_read_from_prefixed_environment():
    values = read_settings({"DISASTER_SUPPORT_DATABASE": "/data/x.sqlite3", "DISASTER_SUPPORT_PDF_CACHE_SIZE": "9"})
    assert values["DATABASE"] == "/data/x.sqlite3"
    assert values["PDF_CACHE_SIZE"] == 9


def test_bad_number_setting_is_named():
    with pytest.raises(ConfigError, match="DISASTER_SUPPORT_SMTP_PORT"):
        read_settings({"DISASTER_SUPPORT_SMTP_PORT": "many"})


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for setting in SETTINGS:
        assert f"`DISASTER_SUPPORT_{setting.name}`" in readme, setting.name
        assert setting.help


def test_default_database_lives_in_the_instance_folder(tmp_path):
    app = create_app({"SECRET_KEY": "t" * 40})
    assert app.config["DATABASE"].startswith(app.instance_path)
