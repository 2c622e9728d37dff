"""Living-information chapters: Markdown per language with TOML front matter, read once per process."""
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import markdown
from markupsafe import Markup

from ..i18n import BY_CODE, LANGUAGES, RUBY, plain
from ..phone import tel_links

LOCALES = Path(__file__).resolve().parents[2] / "locales"
CHAPTERS = ("residence-registration", "residence-status", "marriage-divorce", "notifications", "work",
            "health-insurance", "pension", "childcare", "welfare", "education", "japanese-language", "taxes",
            "housing", "transport", "daily-life", "disasters", "help")
FRONT = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n", re.S)


@dataclass(frozen=True)
class Section:
    anchor: str
    heading: str  # markup
    html: str  # markup
    text: str  # plain text for search
    source: str = ""  # the Markdown of heading and body (Easy Japanese readings are indexed from it)


@dataclass(frozen=True)
class Chapter:
    id: str
    code: str
    title: str  # raw (may hold ruby notation)
    summary: str
    revision: int  # the Japanese revision this text is (or was translated from)
    status: str
    last_reviewed: str
    overview: str  # markup
    sections: tuple
    overview_source: str = ""  # Markdown of the overview

    @property
    def number(self):
        return CHAPTERS.index(self.id) + 1


def _markdown():
    md = markdown.Markdown(extensions=["tables", "sane_lists"])
    # The content is ours, but raw HTML is never passed through: it is escaped like any text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def to_html(text, md=None):
    md = md or _markdown()
    md.reset()
    html = md.convert(text)
    return tel_links(Markup(RUBY.sub(r"<ruby>\1<rt>\2</rt></ruby>", html)))


def _split_sections(body):
    parts = re.split(r"^## (.+)$", body, flags=re.M)
    return parts[0].strip(), list(zip(parts[1::2], parts[2::2]))


def _plain_text(markdown_text):
    text = plain(markdown_text)
    return re.sub(r"[*_`#>|\-]+", " ", text)


def parse_chapter(path, chapter_id, code):
    raw = path.read_text(encoding="utf-8")
    match = FRONT.match(raw)
    if not match:
        raise ValueError(f"{path}: no +++ front matter")
    meta = tomllib.loads(match.group(1))
    overview, parts = _split_sections(raw[match.end():])
    md = _markdown()
    sections = tuple(
        Section(f"s{index + 1}", to_html(heading.strip(), md).removeprefix(Markup("<p>")).removesuffix(Markup("</p>")),
                to_html(body, md), _plain_text(heading + "\n" + body), heading + "\n" + body)
        for index, (heading, body) in enumerate(parts)
    )
    revision = meta.get("revision", meta.get("source_revision"))
    return Chapter(chapter_id, code, meta["title"], meta.get("summary", ""), int(revision),
                   meta.get("status", "draft"), str(meta.get("last_reviewed", "")), to_html(overview, md), sections, overview)


def chapter_path(chapter_id, code):
    return LOCALES / BY_CODE[code].locale / "living" / f"{chapter_id}.md"


@lru_cache(maxsize=None)
def load_chapter(chapter_id, code):
    """The chapter in language `code`, or None when it has not been written yet."""
    path = chapter_path(chapter_id, code)
    return parse_chapter(path, chapter_id, code) if path.exists() else None


def chapters(code):
    return [chapter for chapter in (load_chapter(cid, code) for cid in CHAPTERS) if chapter]


def translation_state(chapter_id, code):
    """missing, outdated, draft or reviewed: what a reader of `code` gets for this chapter."""
    return state_of(load_chapter(chapter_id, code), load_chapter(chapter_id, "ja"))


def state_of(chapter, source):
    """A translation made from an older Japanese revision than the current one is outdated."""
    if chapter is None:
        return "missing"
    if chapter.code != "ja" and source and chapter.revision < source.revision:
        return "outdated"
    return chapter.status


def structure_problems():
    """Chapters whose sections do not match the Japanese source one to one (the staff view pairs them)."""
    problems = []
    for chapter_id in CHAPTERS:
        source = load_chapter(chapter_id, "ja")
        if source is None:
            problems.append(f"{chapter_id}: the Japanese source is missing")
            continue
        for language in LANGUAGES:
            chapter = load_chapter(chapter_id, language.code)
            if chapter and len(chapter.sections) != len(source.sections):
                problems.append(f"{chapter_id} [{language.code}]: {len(chapter.sections)} sections, "
                                f"the Japanese source has {len(source.sections)}")
    return problems
