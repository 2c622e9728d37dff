"""Every translatable unit of the product, read straight from the content files.

A unit is one piece of text with a Japanese source and up to 14 translations: a UI catalog entry, a sign's
title or detail, a message's title or body, a category or pictogram name, or a chapter's title, summary,
overview or one of its sections. Checks and the review queue work on units, so they see all content alike.
"""
import hashlib
import re
import tomllib
from dataclasses import dataclass, field as dataclass_field
from pathlib import Path

from babel.messages.pofile import read_po

from ..i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("ui", "sign", "message", "category", "pictogram", "chapter")
FRONT = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n", re.S)


@dataclass(frozen=True)
class Unit:
    part: str  # one of PARTS
    id: str  # msgid, sign id, message id, category id, pictogram id or chapter id
    field: str  # title / detail / body / name / summary / overview / s1, s2, ... ("" for UI)
    texts: dict  # URL code -> text (the Japanese source under "ja")
    statuses: dict = dataclass_field(default_factory=dict)  # code -> status the content files record

    @property
    def key(self):
        return f"{self.part}:{self.id}:{self.field}" if self.field else f"{self.part}:{self.id}"

    @property
    def source(self):
        return self.texts.get("ja", "")


def source_hash(text):
    """A short fingerprint of a Japanese source text: a review made against another one is outdated."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def reviewed_entry_status(entry, source):
    """Status of a `reviewed` table entry "YYYY-MM-DD reviewer ja:<hash>" against the current source."""
    match = re.search(r"\bja:([0-9a-f]{12})\b", entry)
    return "outdated" if match and match.group(1) != source_hash(source) else "reviewed"


def phrase_source(raw, body_field):
    """The Japanese a sign's or message's review covers: its title and its detail or body together."""
    return "\n".join(raw[field].get("ja", "") for field in ("title", body_field) if raw.get(field))


def _po_status(message, source):
    """draft / reviewed / outdated of a catalog entry; export-reviews leaves a "ja:<hash>" translator comment."""
    if message is None:
        return "draft"
    if message.fuzzy:
        return "outdated"
    if "reviewed" not in message.flags:
        return "draft"
    return reviewed_entry_status(" ".join(message.user_comments), source)


def _toml(path):
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def ui_units(root=ROOT):
    catalogs = {}
    for language in LANGUAGES:
        with open(root / "locales" / language.locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
            catalogs[language.code] = read_po(handle)
    for message in catalogs["ja"]:
        if message.id and isinstance(message.id, str):
            texts = {code: (cat.get(message.id).string if cat.get(message.id) else "") for code, cat in catalogs.items()}
            statuses = {code: _po_status(cat.get(message.id), message.string)
                        for code, cat in catalogs.items() if code != "ja"}
            yield Unit("ui", message.id, "", texts, statuses)


def phrase_units(root=ROOT):
    for kind, folder, body in (("sign", "signs", "detail"), ("message", "messages", "body")):
        for path in sorted((root / "sheets" / folder).glob("*.toml")):
            for raw in _toml(path).get(kind, []):
                source = phrase_source(raw, body)
                statuses = {code: reviewed_entry_status(entry, source) for code, entry in raw.get("reviewed", {}).items()}
                for field in ("title", body):
                    if raw.get(field):
                        yield Unit(kind, raw["id"], field, dict(raw[field]), statuses)
    for cid, raw in _toml(root / "sheets" / "categories.toml").items():
        yield Unit("category", cid, "name", {k: v for k, v in raw.items() if k not in ("kind", "order")})
    for pid, raw in _toml(root / "pictograms" / "names.toml").items():
        if not pid.startswith("_"):
            yield Unit("pictogram", pid, "name", dict(raw))


def split_chapter(raw):
    """(front matter dict, overview, [(heading, body), ...]) of a chapter file's text."""
    match = FRONT.match(raw)
    meta = tomllib.loads(match.group(1)) if match else {}
    parts = re.split(r"^## (.+)$", raw[match.end() if match else 0:], flags=re.M)
    return meta, parts[0].strip(), list(zip(parts[1::2], parts[2::2]))


def chapter_units(root=ROOT):
    from ..living.content import CHAPTERS

    for chapter_id in CHAPTERS:
        fields, statuses, revisions = {}, {}, {}
        for language in LANGUAGES:
            path = root / "locales" / language.locale / "living" / f"{chapter_id}.md"
            if not path.exists():
                continue
            meta, overview, sections = split_chapter(path.read_text(encoding="utf-8"))
            revisions[language.code] = int(meta.get("revision", meta.get("source_revision", 0)))
            statuses[language.code] = meta.get("status", "draft")
            fields.setdefault("title", {})[language.code] = meta.get("title", "")
            fields.setdefault("summary", {})[language.code] = meta.get("summary", "")
            fields.setdefault("overview", {})[language.code] = overview
            for index, (heading, body) in enumerate(sections):
                fields.setdefault(f"s{index + 1}", {})[language.code] = f"{heading.strip()}\n{body.strip()}"
        for code, revision in revisions.items():  # translated from an older Japanese revision: outdated
            if code != "ja" and revision < revisions.get("ja", 0):
                statuses[code] = "outdated"
        statuses.pop("ja", None)
        for field, texts in fields.items():
            if texts.get("ja"):
                yield Unit("chapter", chapter_id, field, texts, dict(statuses))


def board_units(root=ROOT):
    """The pointing boards' texts (sheets/boards.toml): titles, intros, and every cell's phrase."""
    for board in _toml(root / "sheets" / "boards.toml").get("board", []):
        for field in ("title", "intro", "numbers"):
            if board.get(field):
                yield Unit("board", board["id"], field, dict(board[field]))
        for cell in board.get("cell", []):
            for field, texts in cell.items():
                if isinstance(texts, dict) and "ja" in texts:
                    yield Unit("board", f"{board['id']}/{cell['id']}", field, dict(texts))


def all_units(root=ROOT):
    """Every unit of every part, in a stable order."""
    yield from ui_units(root)
    yield from phrase_units(root)
    yield from board_units(root)
    yield from chapter_units(root)
