from flask import Blueprint

bp = Blueprint("living", __name__, url_prefix="/<lang:lang>/living")

from . import cli, routes  # noqa: E402,F401
