"""Smallest printed size of each part of a sheet, from how far away that part must be read.

The rule and its sources are in docs/legibility.md. In short: a character must be about 4 mm tall per metre
of viewing distance in Japanese (kanji/kana body height) and its capitals 3 mm tall per metre in Latin
script, with 9 mm / 7 mm at the 1–2 m signage distance (MLIT barrier-free guideline for passenger
facilities); sizes here are font sizes in points, so Latin capitals are converted with Noto Sans' cap height.
"""
PARTS = ("facts", "title", "body", "caption", "footer")
# How far away each part must be readable, by paper size (metres). The facts (the shared box of times, dates,
# places) must carry across the room: 2 m on A4, 4 m on A3. Titles name the sheet for someone walking up to it
# (A3: √2 further, like the paper). Sentences, the QR caption and the footer are read standing at the sheet,
# whatever the paper: A3 buys room for more languages, not a longer reading distance.
DISTANCE_M = {
    "A4": {"facts": 2.0, "title": 1.0, "body": 1.0, "caption": 0.7, "footer": 0.5},
    "A3": {"facts": 4.0, "title": 1.4, "body": 1.0, "caption": 0.7, "footer": 0.5},
}
MM_PER_METRE = {"cjk": 4.0, "latin": 3.0}  # character height (CJK) / capital height (other scripts)
SIGNAGE_FLOOR_MM = {"cjk": 9.0, "latin": 7.0}  # the guideline's smallest size for signs read at 1–2 m
CAP_HEIGHT_EM = 0.714  # Noto Sans capital height
CJK_CODES = frozenset({"ja", "ja-easy", "zh-Hans", "zh-Hant", "ko"})
PT_PER_MM = 72 / 25.4


def script_group(code):
    return "cjk" if code in CJK_CODES else "latin"


def minimum_pt(part, size, code):
    """The smallest font size (pt) at which `part` of a `size` sheet in language `code` is readable."""
    group = script_group(code)
    height_mm = MM_PER_METRE[group] * DISTANCE_M[size][part]
    if part == "facts":
        height_mm = max(height_mm, SIGNAGE_FLOOR_MM[group])
    em_mm = height_mm if group == "cjk" else height_mm / CAP_HEIGHT_EM
    return round(em_mm * PT_PER_MM, 1)


def facts_minimum_pt(size):
    """The shared value box holds digits and names typed in any script: the larger of the two rules."""
    return max(minimum_pt("facts", size, "ja"), minimum_pt("facts", size, "en"))


def table():
    """{(size, part): (CJK pt, Latin pt)}, for the docs and `sheets check`'s report."""
    return {(size, part): (minimum_pt(part, size, "ja"), minimum_pt(part, size, "en"))
            for size in DISTANCE_M for part in PARTS}
