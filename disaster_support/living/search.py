"""Search in the reader's language: SQLite FTS5 with the trigram tokenizer, which needs no word
boundaries (Japanese, Chinese, Thai and Myanmar have none); queries shorter than three characters
fall back to a substring scan of the same table."""
import sqlite3
import threading

from markupsafe import Markup, escape

from .content import CHAPTERS, load_chapter

START, END = "\x02", "\x03"
MAX_QUERY = 100
_local = threading.local()


def _index():
    """An in-memory index of every chapter section, built once per thread (it takes milliseconds)."""
    db = getattr(_local, "db", None)
    if db is None:
        db = sqlite3.connect(":memory:")
        db.execute("CREATE VIRTUAL TABLE section USING fts5(code UNINDEXED, chapter UNINDEXED, anchor UNINDEXED, "
                   "heading UNINDEXED, body, tokenize = 'trigram')")
        from ..i18n import CODES

        for code in CODES:
            for chapter_id in CHAPTERS:
                chapter = load_chapter(chapter_id, code)
                if chapter:
                    db.executemany("INSERT INTO section VALUES (?, ?, ?, ?, ?)", [
                        (code, chapter_id, section.anchor, str(section.heading), section.text)
                        for section in chapter.sections])
        _local.db = db
    return db


def _highlight(snippet):
    return Markup(str(escape(snippet)).replace(START, "<mark>").replace(END, "</mark>"))


def search_sections(code, query, limit=30):
    """[(chapter id, anchor, heading markup, snippet markup)] for sections in language `code` matching query."""
    query = " ".join(query.split())[:MAX_QUERY]
    if not query:
        return []
    db = _index()
    if len(query) >= 3:
        phrase = '"' + query.replace('"', '""') + '"'
        rows = db.execute(
            f"SELECT chapter, anchor, heading, snippet(section, 4, '{START}', '{END}', '…', 24) FROM section "
            "WHERE section MATCH ? AND code = ? ORDER BY rank LIMIT ?", (f"body : {phrase}", code, limit)).fetchall()
    else:
        rows = db.execute("SELECT chapter, anchor, heading, body FROM section WHERE code = ? AND instr(body, ?) > 0 "
                          "LIMIT ?", (code, query, limit)).fetchall()
        rows = [(chapter, anchor, heading, _short_snippet(body, query)) for chapter, anchor, heading, body in rows]
    return [(chapter, anchor, Markup(heading), _highlight(snippet)) for chapter, anchor, heading, snippet in rows]


def _short_snippet(body, query, width=40):
    at = body.find(query)
    start = max(0, at - width)
    return ("…" if start else "") + body[start:at] + START + query + END + body[at + len(query):at + len(query) + width] + "…"
