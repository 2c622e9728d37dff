"""Settings: each declared once with its default and one line of help, read from the environment.

Every setting ``NAME`` is read from ``DISASTER_SUPPORT_NAME``; the README's configuration table lists them all
(tests/test_config.py checks that it does).
"""
import math
import os
import secrets
import zlib
from collections import Counter
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
    Setting("PROXY_HOPS", 0, "How many reverse proxies in front of the app set X-Forwarded-For/-Proto/-Host; "
            "0 trusts none.", int),
    Setting("DATABASE", None, "Path of the SQLite database file; default: disaster_support.sqlite3 in the instance folder."),
    Setting("BASE_URL", "http://127.0.0.1:5000", "Public address of the service, printed in QR codes and e-mails."),
    Setting("FALLBACK_LANGUAGE", "en", "Language for browsers that ask only for languages we lack (a URL code, e.g. en)."),
    Setting("PDF_CACHE_SIZE", 256, "How many finished PDFs are kept in memory, keyed by their content.", int),
    Setting("PDF_RENDERS", 1, "Uncached PDFs rendered at once per worker process.", int),
    Setting("PDF_QUEUE", 2, "PDF requests per worker process that may wait for a render.", int),
    Setting("PDF_WAIT_SECONDS", 5.0, "Seconds a PDF request may wait for a render (its Retry-After).", float),
    Setting("PDF_RATE_LIMIT", 20, "Uncached PDFs and kits per address per minute when not logged in; 0: no limit.", int),
    Setting("KIT_QUEUE", 4, "Kits waiting or rendering per worker process (one renders at a time); more get a busy page.", int),
    Setting("KIT_STALE_MINUTES", 10, "A running kit without progress for this long is shown as interrupted.", int),
    Setting("KIT_RETENTION_DAYS", 30, "flask cleanup deletes kit PDFs and kit jobs older than this.", int),
    Setting("PRINTED_RETENTION_DAYS", 365, "flask cleanup deletes printed sheets not scanned or edited for this long.", int),
    Setting("SMTP_HOST", "", "Mail server for notifications; empty keeps mails in the outbox only."),
    Setting("SMTP_PORT", 587, "Mail server port.", int),
    Setting("SMTP_USER", "", "Mail server user name."),
    Setting("SMTP_PASSWORD", "", "Mail server password."),
    Setting("MAIL_FROM", "noreply@localhost", "Sender address of notification mails."),
    Setting("PASSWORD_HASH", "scrypt", "Hashing method for new passwords (Werkzeug's); production requires scrypt."),
)

MIN_SECRET_LENGTH = 32
MIN_SECRET_BITS = 90  # a random 32-character hex key scores at least 95; repeated or patterned keys far less
ZLIB_OVERHEAD = 11  # bytes zlib adds to any input (header, block marker, checksum)


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
        if not key or len(key) < MIN_SECRET_LENGTH or secret_strength(key) < MIN_SECRET_BITS:
            raise ConfigError(
                f"Refusing to start in production without a real secret key: set {PREFIX}SECRET_KEY "
                f"to at least {MIN_SECRET_LENGTH} random characters (not repeated or patterned), made with e.g. "
                "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        if config["PASSWORD_HASH"] != "scrypt":
            raise ConfigError(f"{PREFIX}PASSWORD_HASH must be scrypt in production (cheaper methods are for tests).")
        config["SESSION_COOKIE_SECURE"] = True
    elif not key:
        config["SECRET_KEY"] = _development_secret(instance_path)


def secret_strength(key):
    """Estimated bits of randomness in a key: the lower of its character entropy and its compressed size.

    Length alone passes 40 spaces; entropy of the characters alone passes "0123456789" repeated.
    """
    counts = Counter(key)
    per_character = -sum(n / len(key) * math.log2(n / len(key)) for n in counts.values())
    compressed = (len(zlib.compress(key.encode(), 9)) - ZLIB_OVERHEAD) * 8
    return min(per_character * len(key), compressed)


def _development_secret(instance_path):
    """A random key kept in the instance folder, so development sessions survive restarts."""
    path = Path(instance_path) / "development_secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
