"""Text folded for matching: what people type and what the chapters say meet in one form.

Full- and half-width forms are unified (NFKC), katakana becomes hiragana, case is folded, Latin and
Cyrillic lose their accents (people often type Vietnamese or Spanish without them), and spaces between
Japanese or Chinese characters go (Easy Japanese puts spaces between phrases). Marks of Thai, Myanmar and
Devanagari are kept: they are letters there.
"""
import unicodedata

import regex

KATAKANA = (0x30A1, 0x30F6)
SPECIAL = {"đ": "d", "Đ": "d", "ё": "е", "Ё": "е"}


def _fold_char(char):
    if char in SPECIAL:
        return SPECIAL[char]
    text = unicodedata.normalize("NFKC", char)
    out = []
    for piece in text:
        code = ord(piece)
        if code < 0x500 or 0x1E00 <= code <= 0x1EFF:  # Latin, Cyrillic, Vietnamese letters
            out.extend(c for c in unicodedata.normalize("NFD", piece) if not unicodedata.combining(c))
        elif KATAKANA[0] <= code <= KATAKANA[1]:
            out.append(chr(code - 0x60))
        else:
            out.append(piece)
    return "".join(out).casefold()


def is_cjk(char):
    """Han, kana and the prolonged sound mark: scripts written without spaces between words."""
    code = ord(char)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code


def fold_with_offsets(text):
    """(folded text, offsets): offsets[k] is the index in `text` of the character folded into position k."""
    chars, offsets = [], []
    for index, char in enumerate(text):
        if char.isspace():
            char = " "
        for piece in _fold_char(char):
            chars.append(piece)
            offsets.append(index)
    # Spaces between two CJK characters are phrase breaks in Easy Japanese, not word boundaries.
    keep = [not (c == " " and 0 < k < len(chars) - 1 and is_cjk(chars[k - 1]) and is_cjk(chars[k + 1]))
            for k, c in enumerate(chars)]
    return "".join(c for c, k in zip(chars, keep) if k), [o for o, k in zip(offsets, keep) if k]


def fold(text):
    return fold_with_offsets(text)[0]


def clean_query(text, limit=100):
    """A query as typed, without control characters (a NUL, say) or lone surrogates, at most `limit` long."""
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cs", "Cf", "Co", "Cn"))[:limit]


def query_terms(text):
    """The words of a query, each folded like the text; composed first, so half-width ｶﾞ meets が.
    Control characters (a NUL, say) and lone surrogates are dropped."""
    cleaned = "".join(c for c in text if unicodedata.category(c)[0] != "C")
    return [term for term in (fold(word) for word in unicodedata.normalize("NFKC", cleaned).split()) if term]


def offset_runs(offsets):
    """offsets compressed to [(k, shift)]: from folded position k on, original = k + shift."""
    runs = []
    for k, original in enumerate(offsets):
        if not runs or original - k != runs[-1][1]:
            runs.append((k, original - k))
    return runs


VIRAMAS = "\u094d\u1039\u0e3a"  # a consonant after these is part of the same written syllable


def graphemes(text):
    """Indices where text may be cut (and len(text)): between grapheme clusters, and never before a mark.

    Unicode makes some Myanmar vowel signs (U+102C) clusters of their own; cut there, they would show
    with a dotted circle, so a cut must also be followed by a letter, not a mark, and not follow a virama.
    """
    return [m.start() for m in regex.finditer(r"\X", text)
            if m.start() == 0 or (not unicodedata.category(text[m.start()]).startswith("M")
                                  and text[m.start() - 1] not in VIRAMAS)] + [len(text)]


def has_spaces_between_words(term):
    """Latin, Cyrillic and the like: words are matched from their start (prefixes), not inside."""
    return all(ord(c) < 0x0590 for c in term)
