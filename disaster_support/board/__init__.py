"""The coordination board of the associations' mutual-support agreement."""
from flask import Blueprint

bp = Blueprint("board", __name__, url_prefix="/<lang:lang>/board")

from . import admin_routes, display, life_routes, routes  # noqa: E402,F401

bp.app_context_processor(display.context)
