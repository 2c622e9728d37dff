"""The search index: every section of every chapter, folded for matching, in one SQLite file.

It is built once per content version (by `flask db migrate`, `flask living index`, or the first search
that finds it missing) and named by a digest of the chapters, so a fresh worker only opens the file:
parsing 255 Markdown chapters takes seconds, reading the file a few milliseconds.
"""
import hashlib
import html
import json
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..i18n import CODES, RUBY, plain
from .content import CHAPTERS, LOCALES, Section, load_chapter
from .folding import fold_with_offsets, offset_runs

FORMAT = "5"  # change when the stored columns or the folding change


@dataclass(frozen=True)
class IndexedSection:
    chapter: str
    position: int
    anchor: str
    title: str  # raw, may hold ruby notation
    heading_html: str
    title_fold: str
    heading_fold: str
    summary_fold: str
    body: str  # plain text shown in snippets
    body_fold: str
    body_runs: tuple
    reading: str  # Easy Japanese read aloud (kana of the ruby instead of kanji); empty elsewhere
    reading_fold: str
    reading_runs: tuple


def content_digest():
    digest = hashlib.sha256(FORMAT.encode())
    for path in sorted(LOCALES.glob("*/living/*.md")):
        digest.update(str(path.relative_to(LOCALES)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def index_path(instance_path):
    return Path(instance_path) / f"living-search-{content_digest()}.sqlite3"


def _reading(raw):
    """Text with kanji replaced by their ruby readings (じしん for ｜地震《じしん》); empty without ruby."""
    return re.sub(r"[*_`#>|\-]+", " ", RUBY.sub(r"\2", raw)) if RUBY.search(raw) else ""


def _overview(chapter):
    """The text before the first section often says what the chapter is about ("called a visa")."""
    text = plain(re.sub(r"<rt>.*?</rt>|<[^>]+>", "", str(chapter.overview)))
    source = chapter.overview_source
    return Section("content", "", html.unescape(text), source)


def _rows():
    for code in CODES:
        for chapter_id in CHAPTERS:
            chapter = load_chapter(chapter_id, code)
            if chapter is None:
                continue
            title = plain(chapter.title) + " " + _reading(chapter.title)
            for position, section in enumerate((_overview(chapter), *chapter.sections)):
                body = " ".join(section.text.split())
                body_fold, offsets = fold_with_offsets(body)
                reading = " ".join(_reading(section.source).split())
                reading_fold, reading_offsets = fold_with_offsets(reading)
                heading = (section.text.split("\n", 1)[0] + " " + _reading(section.source.split("\n", 1)[0])
                           if section.heading else "")
                yield (code, chapter_id, position, section.anchor, chapter.title, str(section.heading),
                       fold_with_offsets(title)[0], fold_with_offsets(heading)[0],
                       fold_with_offsets(plain(chapter.summary) + " " + _reading(chapter.summary))[0],
                       body, body_fold, json.dumps(offset_runs(offsets)),
                       reading, reading_fold, json.dumps(offset_runs(reading_offsets)))


def build_index(instance_path):
    """Write the index file for the current chapters (atomically; workers racing here are harmless)."""
    path = index_path(instance_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    db = sqlite3.connect(temporary)
    try:
        db.execute("CREATE TABLE section (code, chapter, position, anchor, title, heading_html, title_fold, "
                   "heading_fold, summary_fold, body, body_fold, body_runs, reading, reading_fold, reading_runs)")
        db.executemany("INSERT INTO section VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _rows())
        db.execute("CREATE INDEX section_code ON section (code)")
        db.commit()
    finally:
        db.close()
    os.replace(temporary, path)
    for old in path.parent.glob("living-search-*.sqlite3"):
        if old != path:
            old.unlink(missing_ok=True)
    return path


def ensure_index(instance_path):
    """The index file for the current chapters, built if it is missing."""
    path = index_path(instance_path)
    return path if path.exists() else build_index(instance_path)


@lru_cache(maxsize=None)
def sections_for(instance_path, code):
    """Every section in language `code`, read from the index file (built first if missing)."""
    path = ensure_index(instance_path)
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT chapter, position, anchor, title, heading_html, title_fold, heading_fold, "
                          "summary_fold, body, body_fold, body_runs, reading, reading_fold, reading_runs FROM section WHERE code = ? "
                          "ORDER BY rowid", (code,)).fetchall()
    finally:
        db.close()
    return tuple(IndexedSection(*row[:10], _runs(row[10]), row[11], row[12], _runs(row[13])) for row in rows)


def _runs(text):
    return tuple(map(tuple, json.loads(text)))
