"""Every translatable unit of the product, read straight from the content files.

A unit is one piece of text with a Japanese source and up to 14 translations: a UI catalog entry, a sign's
title or detail, a message's title or body, a category or pictogram name, or a chapter's title, summary,
overview or one of its sections. Checks and the review queue work on units, so they see all content alike.
"""
import re
import tomllib
from dataclasses import dataclass
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

    @property
    def key(self):
        return f"{self.part}:{self.id}:{self.field}" if self.field else f"{self.part}:{self.id}"

    @property
    def source(self):
        return self.texts.get("ja", "")


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
            yield Unit("ui", message.id, "", texts)


def phrase_units(root=ROOT):
    for kind, folder, body in (("sign", "signs", "detail"), ("message", "messages", "body")):
        for path in sorted((root / "sheets" / folder).glob("*.toml")):
            for raw in _toml(path).get(kind, []):
                for field in ("title", body):
                    if raw.get(field):
                        yield Unit(kind, raw["id"], field, dict(raw[field]))
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
        fields = {}
        for language in LANGUAGES:
            path = root / "locales" / language.locale / "living" / f"{chapter_id}.md"
            if not path.exists():
                continue
            meta, overview, sections = split_chapter(path.read_text(encoding="utf-8"))
            fields.setdefault("title", {})[language.code] = meta.get("title", "")
            fields.setdefault("summary", {})[language.code] = meta.get("summary", "")
            fields.setdefault("overview", {})[language.code] = overview
            for index, (heading, body) in enumerate(sections):
                fields.setdefault(f"s{index + 1}", {})[language.code] = f"{heading.strip()}\n{body.strip()}"
        for field, texts in fields.items():
            if texts.get("ja"):
                yield Unit("chapter", chapter_id, field, texts)


def all_units(root=ROOT):
    """Every unit of every part, in a stable order."""
    yield from ui_units(root)
    yield from phrase_units(root)
    yield from chapter_units(root)
