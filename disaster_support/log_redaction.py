"""Edit tokens never reach a log: one redaction for the development server, the app's log and gunicorn."""
import logging
import re

REDACTED = "[redacted]"
# /<lang>/q/<code>/edit/<token> (links made before tokens moved to the query) and ?token=… / &token=…
_EDIT_TOKEN = re.compile(r"(/q/[^/\s?#\"]+/edit/)[^\s?#&\"]+|((?:^|[?&])token=)[^&\s#\"]+")


def redact_edit_tokens(text):
    """`text` with every edit token in it replaced by [redacted]."""
    return _EDIT_TOKEN.sub(lambda match: (match.group(1) or match.group(2)) + REDACTED, text)


class RedactEditTokens(logging.Filter):
    """Rewrites a record's message and arguments so no edit token is written out."""

    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = redact_edit_tokens(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact_edit_tokens(arg) if isinstance(arg, str) else arg for arg in record.args)
        return True


def init_app(app):
    """Filter Werkzeug's request log (the development server) and the app's own log (exceptions name the path)."""
    for logger in (logging.getLogger("werkzeug"), app.logger):
        if not any(isinstance(f, RedactEditTokens) for f in logger.filters):
            logger.addFilter(RedactEditTokens())
