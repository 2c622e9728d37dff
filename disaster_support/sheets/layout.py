"""Sizes for a printed sign: where each block goes, and a first guess of the font size that fits.

The guess is checked by laying the sheet out (render.py) and shrunk where text would overflow,
so a guess that is too large costs a second layout, never a broken sign.
"""
import math
import unicodedata
from dataclasses import dataclass

from ..i18n import plain

PAPER_MM = {"A4": (210, 297), "A3": (297, 420)}
MARGIN_MM = 10
BOTTOM_BAND_MM = 34  # QR code, caption, footer
SHELTER_MM = 11
GAP_MM = 3
PT_PER_MM = 72 / 25.4
# Pictogram size on A4 by number of languages (portrait: above the text; landscape: beside it).
PICTOGRAM_MM = {"portrait": {1: 105, 2: 80, 3: 68, 4: 58, 5: 52}, "landscape": {1: 120, 2: 100, 3: 92, 4: 86, 5: 82}}
LINE_HEIGHT = {"ja-easy": 1.9, "th": 1.5, "ne": 1.5, "my": 1.75, "vi": 1.35}
TITLE_MAX_PT = 150
DETAIL_RATIO = 0.75


def char_em(char):
    """Rough advance width of one character in em, bold sans."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char == " ":
        return 0.3
    if "\u1000" <= char <= "\u109f":  # Myanmar letters are wide
        return 0.7
    if unicodedata.category(char) == "Mc":
        return 0.35
    if char.isupper():
        return 0.68
    return 0.58


def text_em(text):
    return sum(char_em(char) for char in plain(text))


def text_lines(text, size_pt, width_pt):
    """Estimated number of lines `text` takes at `size_pt` in a box `width_pt` wide."""
    return max(1, math.ceil((text_em(text) or 1.0) * size_pt * 0.95 / width_pt))


def fit_pt(text, code, width_pt, height_pt, max_pt):
    """Largest font size (pt) at which `text` should fit the box, by an estimate of its lines."""
    longest_word = max((text_em(word) for word in plain(text).split()), default=text_em(text))
    line_height = LINE_HEIGHT.get(code, 1.25)
    size = max_pt
    while size > 6:
        lines = text_lines(text, size, width_pt)
        if lines * size * line_height <= height_pt and longest_word * size <= width_pt:
            return size
        size *= 0.93
    return 6


@dataclass
class Block:
    code: str
    width_mm: float
    height_mm: float
    title_pt: float
    detail_pt: float


@dataclass
class SheetLayout:
    size: str
    orientation: str
    page_w: float
    page_h: float
    pictogram_mm: float
    text_left_mm: float
    text_top_mm: float
    blocks: list
    scale: float
    shelter_pt: float
    caption_pt: float


def plan(size, orientation, codes, titles, details, shelter, scales=None, pictogram=True):
    """Place the blocks of a sheet and guess font sizes. `scales` shrinks blocks that overflowed before."""
    scales = scales or {}
    paper_w, paper_h = PAPER_MM[size]
    if orientation == "landscape":
        paper_w, paper_h = paper_h, paper_w
    factor = paper_w / PAPER_MM[size][0] if orientation == "portrait" else paper_h / PAPER_MM[size][0]
    inner_w, inner_h = paper_w - 2 * MARGIN_MM, paper_h - 2 * MARGIN_MM
    top = SHELTER_MM * factor if shelter else 0
    picto = PICTOGRAM_MM[orientation][len(codes)] * factor if pictogram else 0
    available_h = inner_h - top - BOTTOM_BAND_MM * factor
    gap = GAP_MM if pictogram else 0
    if orientation == "portrait":
        text_left, text_top, text_w = 0, top + picto + gap, inner_w
        text_h = available_h - picto - gap
    else:
        text_left, text_top, text_w = picto + gap * 2, top, inner_w - picto - gap * 2
        text_h = available_h
        picto = min(picto, text_h)
    weights = [2.2 if i == 0 else 1.0 for i in range(len(codes))] if len(codes) > 1 else [1.0]
    unit = (text_h - GAP_MM * (len(codes) - 1)) / sum(weights)
    blocks = []
    primary_title_pt = None
    for index, code in enumerate(codes):
        height = unit * weights[index]
        has_detail = bool(details.get(code))
        width_pt = text_w * PT_PER_MM
        block_pt = height * PT_PER_MM - 6  # border and padding
        max_pt = TITLE_MAX_PT * factor if index == 0 else (primary_title_pt or TITLE_MAX_PT) * 0.62
        title_pt = fit_pt(titles[code], code, width_pt, block_pt * (0.55 if has_detail else 0.95), max_pt)
        if index == 0:
            primary_title_pt = title_pt
        detail_pt = 0
        if has_detail:
            # The detail gets what the title leaves (often the times people came to read).
            title_used = text_lines(titles[code], title_pt, width_pt) * title_pt * LINE_HEIGHT.get(code, 1.25)
            detail_h = block_pt - title_used - title_pt * 0.6
            detail_pt = fit_pt(details[code], code, width_pt, detail_h, title_pt * DETAIL_RATIO)
        shrink = scales.get(str(index), 1.0)
        blocks.append(Block(code, text_w, height, round(title_pt * shrink, 1), round(detail_pt * shrink, 1)))
    shelter_pt = 0
    if shelter:
        shelter_pt = fit_pt(shelter, "ja", inner_w * PT_PER_MM, (SHELTER_MM - 2) * factor * PT_PER_MM, 16 * factor)
        shelter_pt = round(shelter_pt * scales.get("shelter", 1.0), 1)
    caption_pt = round(8.5 * factor * scales.get("caption", 1.0), 1)
    return SheetLayout(size, orientation, paper_w, paper_h, picto, text_left, text_top, blocks, factor, shelter_pt,
                       caption_pt)
