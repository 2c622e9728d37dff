"""Settings: each declared once with its default and one line of help, read from the environment.

Every setting ``NAME`` is read from ``DISASTER_SUPPORT_NAME``; ``flask settings`` lists them all.
"""
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

PREFIX = "DISASTER_SUPPORT_"


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str
    kind: type = str


SETTINGS = (
    Setting("ENV", "development", "development or production; production demands a real SECRET_KEY."),
    Setting("SECRET_KEY", None, "Signs sessions and CSRF tokens; required in production (32+ random characters)."),
    Setting("DATABASE", None, "Path of the SQLite database file; default: disaster_support.sqlite3 in the instance folder."),
    Setting("BASE_URL", "http://127.0.0.1:5000", "Public address of the service, printed in QR codes and e-mails."),
    Setting("FALLBACK_LANGUAGE", "en", "Language for browsers that ask only for languages we lack (a URL code, e.g. en)."),
    Setting("PDF_CACHE_SIZE", 256, "How many finished PDFs are kept in memory, keyed by their content.", int),
    Setting("SMTP_HOST", "", "Mail server for notifications; empty keeps mails in the outbox only."),
    Setting("SMTP_PORT", 587, "Mail server port.", int),
    Setting("SMTP_USER", "", "Mail server user name."),
    Setting("SMTP_PASSWORD", "", "Mail server password."),
    Setting("MAIL_FROM", "noreply@localhost", "Sender address of notification mails."),
)

MIN_SECRET_LENGTH = 32


class ConfigError(RuntimeError):
    """The configuration cannot run the service; the message says what to set."""


def read_settings(environ=os.environ):
    """Return a mapping of Flask config keys built from the environment and the declared defaults."""
    values = {}
    for setting in SETTINGS:
        raw = environ.get(PREFIX + setting.name)
        if raw is None or raw == "":
            values[setting.name] = setting.default
        else:
            try:
                values[setting.name] = setting.kind(raw)
            except ValueError as exc:
                raise ConfigError(f"{PREFIX}{setting.name}={raw!r} is not a valid {setting.kind.__name__}") from exc
    return values


def finish_config(config, instance_path):
    """Fill in derived defaults and refuse configurations that are unsafe to run."""
    if config["ENV"] not in ("development", "production"):
        raise ConfigError(f"{PREFIX}ENV must be 'development' or 'production', not {config['ENV']!r}")
    if not config.get("DATABASE"):
        config["DATABASE"] = str(Path(instance_path) / "disaster_support.sqlite3")
    key = config.get("SECRET_KEY")
    if config["ENV"] == "production":
        if not key or len(key) < MIN_SECRET_LENGTH:
            raise ConfigError(
                f"Refusing to start in production without a real secret key: set {PREFIX}SECRET_KEY "
                f"to at least {MIN_SECRET_LENGTH} random characters, e.g. "
                "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        config["SESSION_COOKIE_SECURE"] = True
    elif not key:
        config["SECRET_KEY"] = _development_secret(instance_path)


def _development_secret(instance_path):
    """A random key kept in the instance folder, so development sessions survive restarts."""
    path = Path(instance_path) / "development_secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
