from flask import Blueprint

bp = Blueprint("pictograms", __name__)

from . import routes  # noqa: E402,F401
