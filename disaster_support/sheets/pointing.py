"""Pointing boards (指さしボード): pictograms with short phrases in Japanese and one chosen language, for two
people without a shared language. Read from sheets/boards.toml; printed through the sheet PDF pipeline."""
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from flask import render_template

from .. import pdf
from ..catalog import PICTOGRAM_DIR, SHEETS_DIR, CatalogError, catalog
from ..i18n import BY_CODE, CODES, LANGUAGES, plain, ruby
from ..pictograms import svg_markup
from .render import pdf_cache

STYLESHEETS = ("print-fonts.css", "pointing.css")
ANSWER_KINDS = ("yes-no", "number", "language", "body")
SIZES = {"A4": 1.0, "A3": 1.414}  # A3 scales everything by the ratio of the page sides
DIGITS = tuple(str(n) for n in range(10))


@dataclass(frozen=True)
class Cell:
    id: str
    pictogram: str
    phrase: dict
    answers: str = ""


@dataclass(frozen=True)
class PointingBoard:
    id: str
    big: str  # "ja": a tapped cell is shown large in Japanese; "chosen": in the resident's language
    title: dict
    intro: dict
    cells: tuple
    numbers: dict | None = None

    def cell(self, cell_id):
        return next((cell for cell in self.cells if cell.id == cell_id), None)


def _phrase(table, where):
    if set(table) != set(CODES) or not all(str(text).strip() for text in table.values()):
        raise CatalogError(f"{where}: needs a non-empty text in each of the 15 languages")
    return dict(table)


def load_boards(path=SHEETS_DIR / "boards.toml"):
    """{board id: PointingBoard}, validated: 15 languages everywhere, pictograms that exist, known answers."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    boards = {}
    for raw in data["board"]:
        cells = []
        for cell in raw["cell"]:
            where = f"board {raw['id']} cell {cell['id']}"
            if not (PICTOGRAM_DIR / "svg" / f"{cell['pictogram']}.svg").is_file():
                raise CatalogError(f"{where}: no pictogram {cell['pictogram']!r}")
            if cell.get("answers", "") not in ("",) + ANSWER_KINDS:
                raise CatalogError(f"{where}: unknown answers {cell['answers']!r}")
            cells.append(Cell(cell["id"], cell["pictogram"], _phrase(cell["phrase"], where), cell.get("answers", "")))
        numbers = _phrase(raw["numbers"], f"board {raw['id']} numbers") if "numbers" in raw else None
        boards[raw["id"]] = PointingBoard(raw["id"], raw["big"], _phrase(raw["title"], f"board {raw['id']}"),
                                          _phrase(raw["intro"], f"board {raw['id']}"), tuple(cells), numbers)
    return boards


@lru_cache(maxsize=1)
def pointing_boards():
    return load_boards()


def translation_status():
    """{language code: "source" | "draft" | "reviewed"} as recorded in the data file."""
    return tomllib.loads((SHEETS_DIR / "boards.toml").read_text(encoding="utf-8"))["_meta"]["status"]


def default_chosen(lang):
    """The language beside Japanese when none is chosen: the reader's own, or English for a Japanese reader."""
    return "en" if lang == "ja" else lang


def _texts(phrase, codes):
    return [{"language": BY_CODE[code], "text": ruby(phrase[code])} for code in codes]


def reading_order(board, chosen, full=False):
    """Language codes in the order shown: on the grid the reader's side first; when a cell is shown full screen,
    the side of the person it is shown to (Japanese for staff on the evacuee board, the resident's on the staff
    board) first. Japanese alone when Japanese was chosen."""
    if chosen == "ja":
        return ("ja",)
    resident_first = (board.big == "chosen") == full
    return (chosen, "ja") if resident_first else ("ja", chosen)


def answer_choices(board, cell, chosen):
    """What the resident can point at to answer a staff question, each in their language and Japanese."""
    codes = reading_order(board, chosen, full=True)
    if cell.answers == "yes-no":
        yes_no = pointing_boards()["evacuee"]
        return [{"pictogram": svg_markup(answer.pictogram, plain(answer.phrase[chosen])),
                 "texts": _texts(answer.phrase, codes)} for answer in (yes_no.cell("yes"), yes_no.cell("no"))]
    if cell.answers == "number":
        return [{"digit": digit} for digit in DIGITS]
    if cell.answers == "body":
        return [{"body": svg_markup("body", plain(catalog().pictogram_names["body"][chosen]))}]
    if cell.answers == "language":
        return [{"texts": [{"language": language, "text": language.name}]} for language in LANGUAGES
                if language.code != "ja-easy"]
    return []


def cell_view(board, cell, chosen, full=False):
    return {
        "cell": cell,
        "pictogram": svg_markup(cell.pictogram, plain(cell.phrase[chosen])),
        "texts": _texts(cell.phrase, reading_order(board, chosen, full)),
        "answers": answer_choices(board, cell, chosen) if full else [],
    }


def board_view(board, chosen, full=False):
    """Everything a page or a print needs to show the board with `chosen` beside Japanese; `full` shows each
    cell as it is shown to the other person, with its answers (the printed staff board)."""
    codes = reading_order(board, chosen)
    return {
        "board": board,
        "chosen": BY_CODE[chosen],
        "title": _texts(board.title, codes),
        "intro": _texts(board.intro, codes),
        "cells": [cell_view(board, cell, chosen, full) for cell in board.cells],
        "numbers": _texts(board.numbers, codes) if board.numbers else None,
        "digits": DIGITS,
    }


def print_html(board, chosen, size):
    """The printed board: on the staff board each question comes with the answers to point at."""
    return render_template("print/pointing_board.html", size=size, scale=SIZES[size],
                           **board_view(board, chosen, full=board.big == "chosen"))


def render_board_pdf(board_id, chosen, size="A4"):
    """The board with `chosen` beside Japanese, on A4 or A3 (cached). Raises KeyError for an unknown board."""
    board = pointing_boards()[board_id]
    html = print_html(board, chosen, size)
    key = pdf.cache_key(html, STYLESHEETS)
    cached = pdf_cache().get(key)
    if cached is not None:
        return cached
    document = pdf.layout(html, STYLESHEETS)
    data = pdf.write_pdf(document, plain(board.title[chosen]), BY_CODE[chosen].html_lang)
    pdf_cache().put(key, data)
    return data


def board_overflows(board_id, chosen, size="A4"):
    """Cells whose text does not fit at the legible size (empty when all fit): the print check."""
    document = pdf.layout(print_html(pointing_boards()[board_id], chosen, size), STYLESHEETS)
    return {part for page in document.pages for part in pdf.overflowing_containers(page, clip_class="board")}
