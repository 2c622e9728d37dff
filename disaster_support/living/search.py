"""Search in the reader's language, the way people type: with or without spaces, katakana or hiragana,
full or half width, accents or none, Easy Japanese by its readings, Latin and Cyrillic words by their start.

The corpus of one language is about a hundred sections, read once from the index file (search_index.py),
so matching is a scan in Python: it handles the one- and two-character Chinese and Japanese words that an
FTS5 trigram index cannot, and ranks the chapter about the thing first.
"""
import bisect
import math
from dataclasses import dataclass

import regex
from flask import current_app
from markupsafe import Markup, escape

from .folding import graphemes, has_spaces_between_words, is_cjk, query_terms
from .search_index import sections_for

MAX_QUERY = 100
SNIPPET_BEFORE, SNIPPET_AFTER = 50, 110  # in grapheme clusters: two lines on a phone


@dataclass(frozen=True)
class Result:
    chapter: str
    anchor: str
    title: str  # raw, may hold ruby notation
    heading: Markup
    snippet: Markup


def _pattern(term):
    """Words of spaced scripts match from their start (tax → taxes, not syntax); others anywhere."""
    if has_spaces_between_words(term):
        return regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(term))
    return regex.compile(regex.escape(term))


def _occurs(pattern, sections):
    return any(pattern.search(s.body_fold) or pattern.search(s.reading_fold) or pattern.search(s.title_fold)
               or pattern.search(s.summary_fold) for s in sections)


def _segment(term, sections):
    """Split a term written without spaces (医疗保险) into the longest pieces the chapters use (医疗, 保险);
    a word of a spaced script that is not found loses up to two letters of its ending (землетрясение finds
    землетрясения): a crude stem, enough for Russian, Spanish or Portuguese inflection."""
    if _occurs(_pattern(term), sections):
        return [term]
    if has_spaces_between_words(term):
        for stem in (term[:-1], term[:-2]):
            if len(stem) >= 4 and _occurs(_pattern(stem), sections):
                return [stem]
        return [term]
    if not any(is_cjk(c) or ord(c) >= 0x0E00 for c in term):
        return [term]
    pieces, start = [], 0
    while start < len(term):
        end = len(term)
        while end > start + 1 and not _occurs(_pattern(term[start:end]), sections):
            end -= 1
        pieces.append(term[start:end])
        start = end
    return pieces


def _score(section, patterns, chapter_hits, weights):
    """Per term: the chapter's title, the section heading, the chapter summary, then how often it is said;
    a term few chapters use (visa) counts more than one many use (renewal)."""
    score, matched = 0.0, 0
    for pattern in patterns:
        in_title = bool(pattern.search(section.title_fold))
        in_heading = bool(pattern.search(section.heading_fold))
        in_summary = bool(pattern.search(section.summary_fold))
        body = len(pattern.findall(section.body_fold)) + len(pattern.findall(section.reading_fold))
        if not (in_title or in_heading or in_summary or body):
            continue
        matched += 1
        score += weights[pattern] * (8 * in_title + 4 * in_heading + 3 * in_summary + min(body, 4)
                                     + min(chapter_hits[pattern], 12) / 3)
    return matched, score


def search_sections(code, query, limit=30):
    """Sections in language `code` that match the query, best first, with a highlighted snippet."""
    sections = sections_for(current_app.instance_path, code)
    terms = [piece for term in query_terms(query[:MAX_QUERY]) for piece in _segment(term, sections)]
    if not terms:
        return []
    patterns = [_pattern(term) for term in dict.fromkeys(terms)]
    chapter_hits = {pattern: {} for pattern in patterns}
    for section in sections:
        for pattern in patterns:
            hits = len(pattern.findall(section.body_fold)) + len(pattern.findall(section.reading_fold))
            chapter_hits[pattern][section.chapter] = chapter_hits[pattern].get(section.chapter, 0) + hits
    chapter_count = len({section.chapter for section in sections}) or 1
    weights = {p: 1 + math.log(chapter_count / max(1, sum(1 for n in chapter_hits[p].values() if n)))
               for p in patterns}
    scored = []
    for section in sections:
        matched, score = _score(section, patterns, {p: chapter_hits[p][section.chapter] for p in patterns}, weights)
        if matched:
            scored.append((matched, score, -section.position, section))
    best = max((item[0] for item in scored), default=0)
    # Every word must be found; when no section has them all, the sections with most of them are shown.
    scored = sorted((item for item in scored if item[0] == best), key=lambda item: item[:3], reverse=True)
    return [Result(s.chapter, s.anchor, s.title, Markup(s.heading_html), _snippet(s, patterns))
            for _matched, _score, _position, s in scored[:limit]]


def _original(runs, k):
    """Index in the plain text of the character folded into position k."""
    at = bisect.bisect_right(runs, (k, float("inf"))) - 1
    return k + runs[at][1] if at >= 0 else k


def _spans(text, text_fold, runs, patterns):
    """Where the terms are in the plain text; words next to each other (bảo hiểm) become one span."""
    merged = []
    for start, end in sorted((_original(runs, m.start()), _original(runs, m.end() - 1) + 1)
                             for pattern in patterns for m in pattern.finditer(text_fold)):
        if merged and start <= merged[-1][1] + 1 and not text[merged[-1][1]:start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _snippet(section, patterns):
    """A readable stretch of the section around the first match, cut only between grapheme clusters.
    Easy Japanese found by a reading (じしん) is shown in its reading, where the match is."""
    body, spans = section.body, _spans(section.body, section.body_fold, section.body_runs, patterns)
    if not spans and section.reading:
        body = section.reading
        spans = _spans(body, section.reading_fold, section.reading_runs, patterns)
    bounds = graphemes(body)
    first = spans[0][0] if spans else 0
    at = bisect.bisect_right(bounds, first) - 1
    start = bounds[max(0, at - SNIPPET_BEFORE)]
    end = bounds[min(len(bounds) - 1, at + SNIPPET_AFTER)]
    parts, cursor = ["…" if start else ""], start
    for span_start, span_end in spans:
        span_start = bounds[bisect.bisect_right(bounds, span_start) - 1]  # whole clusters only
        span_end = bounds[bisect.bisect_left(bounds, span_end)]
        if span_start < cursor or span_end > end:
            continue
        parts.append(escape(body[cursor:span_start]))
        parts.append(Markup("<mark>%s</mark>") % body[span_start:span_end])
        cursor = span_end
    parts.append(escape(body[cursor:end]))
    parts.append("…" if end < len(body) else "")
    return Markup("".join(str(part) for part in parts)).replace("\n", " ")
