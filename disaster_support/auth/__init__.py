"""Accounts: log-in and log-out, invitations, `flask users`."""
from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/<lang:lang>/account")

from . import routes  # noqa: E402,F401
