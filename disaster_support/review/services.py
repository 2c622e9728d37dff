"""What a reviewer sees and does: units per language and part with their status, the coverage table,
and reviewed text taking effect at once (signs and messages are printed with it)."""
import dataclasses
import re
import sqlite3
from pathlib import Path

from flask import has_app_context
from flask_babel import lazy_gettext as _l

from ..i18n import CODES, LANGUAGES
from ..quality.termbase import load_termbase, unit_term_problems
from ..quality.units import PARTS, ROOT, Unit, chapter_units, phrase_units, source_hash, ui_units
from . import store

PART_NAMES = {"ui": _l("Screens (UI)"), "sign": _l("Signs"), "message": _l("Disaster messages"),
              "category": _l("Categories"), "pictogram": _l("Pictograms"), "chapter": _l("Chapters")}
STATES = ("draft", "reviewed", "outdated")
PLACEHOLDERS = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
TRANSLATED = tuple(code for code in CODES if code != "ja")
_units_cache = {}


def _files_of(part, root):
    if part == "ui":
        return sorted(root.glob("locales/*/LC_MESSAGES/messages.po"))
    if part == "chapter":
        return sorted(root.glob("locales/*/living/*.md"))
    return sorted(root.glob("sheets/**/*.toml")) + [root / "pictograms" / "names.toml"]


def units_of(part, root=ROOT):
    """The units of one part, read again only when one of its files changed."""
    root = Path(root)
    signature = tuple((str(path), path.stat().st_mtime_ns) for path in _files_of(part, root))
    cached = _units_cache.get((part, root))
    if cached and cached[0] == signature:
        return cached[1]
    if part == "ui":
        units = list(ui_units(root))
    elif part == "chapter":
        units = list(chapter_units(root))
    else:
        units = [unit for unit in phrase_units(root) if unit.part == part]
    _units_cache[(part, root)] = (signature, units)
    return units


@dataclasses.dataclass(frozen=True)
class Entry:
    """One unit in one language as the queue shows it."""
    unit: Unit
    code: str
    text: str  # the text readers get now (a reviewed edit, or the content file's)
    state: str  # draft, reviewed or outdated
    flag: dict | None  # the latest review when it is a flag on the current source
    terms: tuple  # (Japanese term, approved form, problem or "") for the termbase terms in the source


def entry_for(unit, code, review, terms=None):
    current = unit.texts.get(code, "")
    state, text, flag = unit.statuses.get(code, "draft"), current, None
    if review:
        fresh = review["source_hash"] == source_hash(unit.source)
        if review["action"] in ("approve", "edit"):
            state, text = ("reviewed", review["text"]) if fresh else ("outdated", current)
        elif fresh:
            flag = review
    return Entry(unit, code, text, state, flag, _term_hits(unit, code, text, terms))


def _term_hits(unit, code, text, terms):
    terms = terms if terms is not None else load_termbase()
    probe = Unit(unit.part, unit.id, unit.field, {"ja": unit.source, code: text})
    problems = {problem.term: problem.what for problem in unit_term_problems(probe, terms)}
    return tuple((term.ja, term.preferred(code) or "", problems.get(term.id, ""))
                 for term in terms if term.ja in probe.source)


ORDER = {"outdated": 0, "draft": 1, "reviewed": 2}


def queue(code, part, search=""):
    """Every unit of `part` in language `code`, outdated first, then draft (flagged first), then reviewed."""
    reviews = store.latest_reviews(code=code, part=part)
    terms = load_termbase()
    needle = search.casefold().strip()
    entries = []
    for unit in units_of(part):
        entry = entry_for(unit, code, reviews.get((unit.key, code)), terms)
        if needle and not any(needle in value.casefold() for value in (unit.key, unit.source, entry.text)):
            continue
        entries.append(entry)
    return sorted(entries, key=lambda e: (ORDER[e.state], e.flag is None))


def find_unit(part, unit_key):
    return next((unit for unit in units_of(part) if unit.key == unit_key), None)


def review_problem(unit, code, action, text, comment):
    """Why this review cannot be recorded (a message id), or None."""
    if action == "edit":
        if not text.strip():
            return _l("Write the new text.")
        if set(PLACEHOLDERS.findall(text)) != set(PLACEHOLDERS.findall(unit.texts.get(code, "") or unit.source)):
            return _l("Keep the placeholders of the current text unchanged.")
    if action == "flag" and not comment.strip():
        return _l("Write what is wrong.")
    return None


def record(unit, code, action, text, comment, reviewer):
    current = entry_for(unit, code, store.latest_reviews(code=code, part=unit.part).get((unit.key, code)), ())
    text = text.strip() if action == "edit" else current.text
    store.record_review(unit.key, unit.part, code, action, text, source_hash(unit.source), comment.strip(), reviewer)


def coverage():
    """{part: {code: {"draft": n, "reviewed": n, "outdated": n, "flagged": n}}} over every unit."""
    reviews = store.latest_reviews()
    table = {}
    for part in PARTS:
        counts = {code: dict.fromkeys((*STATES, "flagged"), 0) for code in TRANSLATED}
        for unit in units_of(part):
            for code in TRANSLATED:
                if not unit.texts.get(code):
                    continue
                entry = entry_for(unit, code, reviews.get((unit.key, code)), ())
                counts[code][entry.state] += 1
                counts[code]["flagged"] += entry.flag is not None
        table[part] = counts
    return table


def reviewed_phrase(phrase):
    """The sign, message or pictogram sheet with reviewed edits in place of the content files' text."""
    if phrase is None or not has_app_context():
        return phrase
    prefix = f"{phrase.kind}:{phrase.id}:"
    try:
        reviews = store.latest_reviews(unit_prefix=prefix)
    except sqlite3.OperationalError:  # a database not migrated yet (a fresh checkout's CLI): no reviews
        return phrase
    if not reviews:
        return phrase
    title, body = dict(phrase.title), dict(phrase.body)
    fields = {"title": title, "name": title, "detail": body, "body": body}
    for (unit_key, code), review in reviews.items():
        field = unit_key[len(prefix):]
        target = fields.get(field)
        if target is None or review["action"] not in ("approve", "edit") or code not in target:
            continue
        if review["source_hash"] == source_hash(target.get("ja", "")):
            target[code] = review["text"]
    return dataclasses.replace(phrase, title=title, body=body)


def language_names(codes):
    by_code = {language.code: language for language in LANGUAGES}
    return [by_code[code] for code in codes]


def review_version():
    """Part of the PDF cache key: a sheet rendered before a review is not served after it."""
    if not has_app_context():
        return 0
    try:
        return store.review_version()
    except sqlite3.OperationalError:
        return 0
