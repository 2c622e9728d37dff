"""Absolute addresses for QR codes, mails and the command line: BASE_URL and the route, in or out of a request."""
from flask import current_app, has_request_context, url_for


def absolute_url(endpoint, **values):
    """The public address of `endpoint`, e.g. absolute_url("qr.scan", code="abc") -> https://.../q/abc."""
    base = current_app.config["BASE_URL"].rstrip("/")
    if has_request_context():
        return base + url_for(endpoint, **values)
    with current_app.test_request_context():
        return base + url_for(endpoint, **values)
