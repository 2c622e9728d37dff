from flask import Blueprint

bp = Blueprint("main", __name__)

from . import install, routes  # noqa: E402,F401  (routes attach themselves to bp)
