"""Sizes for a printed sign: where each part goes, and a first guess of the font sizes that fit.

Priority, when space is short: the shared facts box (times, dates, places: printed once, big) keeps its
readable size; then every language's sentence keeps its minimum; titles give way first, then the pictogram.
Everything scales with the paper (A3 is √2 of A4). The guess is checked by laying the sheet out (render.py)
and shrunk where text would overflow, so a guess that is too large costs a second layout, never a broken sign.
"""
import math
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..i18n import plain
from . import legibility

PAPER_MM = {"A4": (210, 297), "A3": (297, 420)}
MARGIN_MM = 10
BOTTOM_BAND_MM = 34  # QR code, caption, footer (A4; scaled with the paper)
QR_MM = 30
SHELTER_MM = 11
GAP_MM = 3
PT_PER_MM = 72 / 25.4
# Pictogram size on A4 by number of languages (portrait: above the text; landscape: beside it).
PICTOGRAM_MM = {"portrait": {1: 105, 2: 80, 3: 68, 4: 58, 5: 52}, "landscape": {1: 120, 2: 100, 3: 92, 4: 86, 5: 82}}
PICTOGRAM_GIVES_WAY = (1.0, 0.8, 0.6, 0.45)  # tried in turn when the sentences would fall below their minimum
TITLE_LINE = 1.2
DETAIL_LINE = 1.3
LINE_HEIGHT = {"ja-easy": 1.9, "th": 1.5, "ne": 1.5, "my": 1.75, "vi": 1.35}
TITLE_MAX_PT = 150
BODY_MAX_PT = 60
FIRST_BODY = 1.15  # the first-chosen language is printed largest
TITLE_RATIO = {True: 2.0, False: 1.5}  # title size / sentence size (first language, others), before giving way
FACTS_GROWTH = 1.5  # the facts box grows up to this much above its minimum when there is room
BLANK_EM = {"time": 3.6, "date": 5.6, "number": 3.0, "text": 8.0, "phone": 7.0, "url": 8.0}


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
    if "\u0e00" <= char <= "\u0e7f":  # Thai bold letters are wider than Latin lowercase
        return 0.64
    if unicodedata.category(char) == "Mc":
        return 0.35
    if char.isupper():
        return 0.68
    return 0.58


@lru_cache(maxsize=8192)  # the fit searches ask for the same texts many times
def text_em(text):
    return sum(char_em(char) for char in plain(text))


def text_lines(text, size_pt, width_pt):
    """Estimated number of lines `text` takes at `size_pt` in a box `width_pt` wide."""
    # Lines end at word boundaries, so some of each line is left empty: about one short word's width.
    return max(1, math.ceil((text_em(text) or 1.0) * size_pt / max(width_pt - 4 * size_pt, width_pt * 0.5)))


def _breaks_anywhere(char):
    """Lines may break beside this character: CJK, and Thai/Myanmar (broken by dictionary or anywhere)."""
    return unicodedata.east_asian_width(char) in ("W", "F") or "\u0e00" <= char <= "\u0e7f" or "\u1000" <= char <= "\u109f"


@lru_cache(maxsize=8192)
def longest_word_em(text):
    """Width (em) of the longest piece of `text` that cannot be broken across lines."""
    words = "".join(" " if _breaks_anywhere(char) else char for char in plain(text)).split()
    return max((text_em(word) for word in words), default=1.0) or 1.0


def fit_pt(text, code, width_pt, height_pt, max_pt):
    """Largest font size (pt) at which `text` should fit the box, by an estimate of its lines."""
    line_height = LINE_HEIGHT.get(code, 1.25)
    size = max_pt
    while size > 6:
        lines = text_lines(text, size, width_pt)
        if lines * size * line_height <= height_pt and longest_word_em(text) * size <= width_pt:
            return size
        size *= 0.93
    return 6


@dataclass(frozen=True)
class Fact:
    """One value in the shared box: its language-neutral text, or "" for a write-in box; `mark` ties a
    blank to the sentences that refer to it (①, ②...)."""

    text: str
    kind: str
    mark: str = ""


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
    footer_pt: float = 0
    facts_pt: float = 0
    facts_h_mm: float = 0
    facts_top_mm: float = 0
    below_minimum: list = field(default_factory=list)  # parts the plan could not print readably


def facts_em(facts):
    return sum((text_em(f.text) if f.text else BLANK_EM[f.kind]) + (1.2 if f.mark else 0) + 1.0 for f in facts)


def _facts_size(facts, size, width_pt, factor):
    """(font size pt, lines) of the shared box: one line if that keeps it big enough, else wrapped."""
    minimum = legibility.facts_minimum_pt(size)
    # Typed text (a place, a network name) may wrap between words; times, dates and numbers stay whole.
    widest = max((longest_word_em(f.text) if f.kind == "text" else text_em(f.text)) if f.text else BLANK_EM[f.kind]
                 for f in facts) + 1.2
    one_line = width_pt / (facts_em(facts) * 0.95)
    pt = min(minimum * FACTS_GROWTH, max(one_line, minimum), width_pt / widest)
    return pt, max(1, math.ceil(facts_em(facts) * pt * 0.95 / width_pt))


def _block_need(code, title, body, width_pt, title_pt, body_pt):
    """Estimated height (pt) of one language's block at the given sizes."""
    line = LINE_HEIGHT.get(code, 0)
    need = text_lines(title, title_pt, width_pt) * title_pt * max(line, TITLE_LINE) + 4
    if code == "ja-easy":
        need += title_pt * 0.3
    if body:
        need += text_lines(body, body_pt, width_pt) * body_pt * max(line, DETAIL_LINE) + body_pt * 0.6
    return need


def _block_sizes(index, code, title, body, width_pt, body_pt, title_ratio, title_cap):
    body_pt = min(body_pt * (FIRST_BODY if index == 0 else 1.0), width_pt / longest_word_em(body or "x"))
    title_pt = min(title_cap, body_pt * title_ratio, width_pt / longest_word_em(title))
    return title_pt, body_pt


def _fit_blocks(codes, titles, details, width_pt, height_pt, size, factor, corrections):
    """(sizes [(title pt, body pt)], below-minimum parts) for the language blocks in `height_pt`;
    `corrections` scale each block's estimated height by what an earlier layout measured."""
    title_cap = TITLE_MAX_PT * factor

    def sizes(body_pt, give_way, floor=None):
        floor = title_min / body_pt if floor is None else floor
        return [_block_sizes(i, code, titles[code], details.get(code), width_pt, body_pt,
                             max(floor, 1 + (TITLE_RATIO[i == 0] - 1) * give_way), title_cap)
                for i, code in enumerate(codes)]

    def need(chosen):
        gaps = GAP_MM * factor * PT_PER_MM * (len(codes) - 1)
        return gaps + sum(_block_need(code, titles[code], details.get(code), width_pt, t, b) * correction
                          for code, (t, b), correction in zip(codes, chosen, corrections))

    def fits(chosen):
        return need(chosen) <= height_pt * 0.96  # room for the estimate being a little short

    body_min = max(legibility.minimum_pt("body", size, code) for code in codes)
    title_min = max(legibility.minimum_pt("title", size, code) for code in codes)
    best = _largest(lambda pt: fits(sizes(pt, 1.0)), body_min, BODY_MAX_PT * factor)
    if best is not None:
        return sizes(best, 1.0), []
    # Titles give way first: down to their minimum, then (still no smaller than the sentences) below it.
    give_way = _largest(lambda g: fits(sizes(body_min, g)), 0.0, 1.0)
    if give_way is not None:
        return sizes(body_min, give_way), []
    floor = _largest(lambda f: fits(sizes(body_min, 0.0, f)), 1.0, title_min / body_min)
    if floor is not None:
        return sizes(body_min, 0.0, floor), ["title"]
    smaller = _largest(lambda pt: fits(sizes(pt, 0.0, 1.0)), 4.0, body_min) or 4.0
    return sizes(smaller, 0.0, 1.0), ["body", "title"]


def _largest(fits, low, high, steps=14):
    """The largest value in [low, high] for which fits(value) holds (fits is monotone), or None."""
    if not fits(low):
        return None
    if fits(high):
        return high
    for _ in range(steps):
        middle = (low + high) / 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return low


def plan(size, orientation, codes, titles, details, shelter, scales=None, pictogram=True, facts=()):
    """Place the parts of a sheet and guess font sizes. `scales` shrinks parts that overflowed before."""
    for share in PICTOGRAM_GIVES_WAY if pictogram else (0,):
        layout = _plan(size, orientation, codes, titles, details, shelter, scales or {}, share, facts)
        if not layout.below_minimum:
            break
    return layout


def _plan(size, orientation, codes, titles, details, shelter, scales, picto_share, facts):
    paper_w, paper_h = PAPER_MM[size]
    if orientation == "landscape":
        paper_w, paper_h = paper_h, paper_w
    factor = min(paper_w, paper_h) / PAPER_MM["A4"][0]  # A3 is √2 of A4 in every direction
    inner_w, inner_h = paper_w - 2 * MARGIN_MM, paper_h - 2 * MARGIN_MM
    gap = GAP_MM * factor
    top = SHELTER_MM * factor if shelter else 0
    picto = PICTOGRAM_MM[orientation][len(codes)] * factor * picto_share
    available_h = inner_h - top - BOTTOM_BAND_MM * factor
    if orientation == "portrait":
        text_left, text_top, text_w = 0, top + (picto + gap if picto else 0), inner_w
    else:
        picto = min(picto, available_h)
        text_left, text_top, text_w = (picto + gap * 2 if picto else 0), top, inner_w - (picto + gap * 2 if picto else 0)
    width_pt = text_w * PT_PER_MM
    facts_pt, facts_h = 0, 0
    if facts:
        facts_pt, lines = _facts_size(facts, size, width_pt - 8 * factor, factor)
        # An overflowing box grows (needfacts); its text never shrinks below what reads across the room.
        facts_pt = max(min(facts_pt, legibility.facts_minimum_pt(size)), facts_pt * scales.get("facts", 1.0))
        facts_h = (lines * facts_pt * 1.3 + 8 * factor) / PT_PER_MM * scales.get("needfacts", 1.0)
    facts_top = text_top
    blocks_top = text_top + (facts_h + gap if facts else 0)
    text_h = inner_h - BOTTOM_BAND_MM * factor - blocks_top - gap
    corrections = [scales.get(f"need{index}", 1.0) for index in range(len(codes))]
    sizes, below = _fit_blocks(codes, titles, details, width_pt, text_h * PT_PER_MM, size, factor, corrections)
    needs = [_block_need(code, titles[code], details.get(code), width_pt, t, b) * correction / PT_PER_MM
             for code, (t, b), correction in zip(codes, sizes, corrections)]
    spare = max(0.0, text_h - gap * (len(codes) - 1) - sum(needs))
    blocks = []
    for index, (code, (title_pt, body_pt)) in enumerate(zip(codes, sizes)):
        title_pt, body_pt = _shrunk(title_pt, body_pt, scales.get(str(index), 1.0), size, code)
        height = needs[index] + spare * needs[index] / sum(needs)
        blocks.append(Block(code, text_w, height, round(title_pt, 1), round(body_pt, 1) if details.get(code) else 0))
    shelter_pt = 0
    if shelter:
        shelter_pt = fit_pt(shelter, "ja", inner_w * PT_PER_MM, (SHELTER_MM - 2) * factor * PT_PER_MM, 16 * factor)
        shelter_pt = round(shelter_pt * scales.get("shelter", 1.0), 1)
    caption_pt = round(8.5 * factor * scales.get("caption", 1.0), 1)
    return SheetLayout(size, orientation, paper_w, paper_h, picto, text_left, blocks_top, blocks, factor, shelter_pt,
                       caption_pt, round(caption_pt * 0.85, 1), round(facts_pt, 1), facts_h, facts_top, below)


def _shrunk(title_pt, body_pt, shrink, size, code):
    """Apply an overflow shrink: the title gives way down to its minimum, then the sentence shrinks too."""
    if shrink >= 1.0:
        return title_pt, body_pt
    floor = min(title_pt, legibility.minimum_pt("title", size, code))
    title = max(floor, title_pt * shrink)
    rest = title_pt * shrink / title
    return title, body_pt * rest
