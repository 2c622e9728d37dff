"""Gunicorn settings, read from the working directory: `.venv/bin/gunicorn -w 2 wsgi:app` picks them up.

Threads: each worker renders at most DISASTER_SUPPORT_PDF_RENDERS uncached PDFs at once and lets a few more
wait; with 4 threads per worker, the other threads keep answering QR and information pages meanwhile.

Access logs never contain an edit token: the format logs the path without its query string, and the logger
redacts the tokens of older links that carry them in the path (and in a Referer or anywhere else).
Turn the access log on with `--access-logfile -` (off by default, as in gunicorn).
"""
from gunicorn.glogging import Logger

from disaster_support.log_redaction import RedactEditTokens, redact_edit_tokens

threads = 4

access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(f)s" "%(a)s"'

# Browsers that collected ~80 edit links in their session cookie before links moved to the server send a
# cookie up to ~8 KB; let them in once, so the app can claim those links and send back a small cookie (not 431).
limit_request_field_size = 16384


class RedactingLogger(Logger):
    """Gunicorn's logger with every logged value passed through `redact_edit_tokens`."""

    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(RedactEditTokens())  # "Error handling request <uri>" names the full URI

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact_edit_tokens(value) if isinstance(value, str) else value for key, value in atoms.items()}


logger_class = RedactingLogger
