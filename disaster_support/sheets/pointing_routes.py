"""Pointing boards: the list, a phone page per board (tap a cell to show it large), one cell, the PDF."""
from flask import abort, current_app, g, render_template, request

from ..i18n import BY_CODE
from . import bp
from .pointing import (SIZES, board_view, cell_view, default_chosen, pointing_boards, render_board_pdf,
                       translation_status)


def _board_or_404(board_id):
    board = pointing_boards().get(board_id)
    if board is None:
        abort(404)
    return board


def _chosen():
    """The language shown beside Japanese (?with=code); an unknown code is a 404, not a silent fallback."""
    code = request.args.get("with", default_chosen(g.lang))
    if code not in BY_CODE:
        abort(404)
    return code


@bp.route("/boards/")
def pointing_index(lang):
    return render_template("sheets/pointing_index.html", boards=pointing_boards().values(),
                           chosen=default_chosen(lang), sizes=SIZES)


@bp.route("/boards/<board_id>/")
def pointing_board(lang, board_id):
    board, chosen = _board_or_404(board_id), _chosen()
    return render_template("sheets/pointing_board.html", draft=translation_status()[chosen] == "draft",
                           **board_view(board, chosen))


@bp.route("/boards/<board_id>/<cell_id>")
def pointing_cell(lang, board_id, cell_id):
    board, chosen = _board_or_404(board_id), _chosen()
    cell = board.cell(cell_id)
    if cell is None:
        abort(404)
    return render_template("sheets/pointing_cell.html", board=board, chosen=BY_CODE[chosen],
                           view=cell_view(board, cell, chosen, full=True))


@bp.route("/boards/<board_id>.pdf")
def pointing_pdf(lang, board_id):
    _board_or_404(board_id)
    chosen, size = _chosen(), request.args.get("size", "A4")
    if size not in SIZES:
        abort(404)
    data = render_board_pdf(board_id, chosen, size)
    return current_app.response_class(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="pointing-board-{board_id}-{chosen}-{size}.pdf"'})
