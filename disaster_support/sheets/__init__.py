from flask import Blueprint

bp = Blueprint("sheets", __name__, url_prefix="/<lang:lang>/sheets")
qr_bp = Blueprint("qr", __name__)

from . import cli, edit_links, pointing_routes, qr_routes, routes  # noqa: E402,F401
