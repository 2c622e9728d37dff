"""Review by fluent readers: queues per language and part, approve / edit / flag, coverage, export."""
from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/<lang:lang>/review")

from . import routes  # noqa: E402,F401
