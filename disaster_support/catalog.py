"""The phrase catalog (sheets/): signs, disaster messages, categories and pictogram names.

Loaded once per process and validated while loading: a broken catalog stops start-up with every
problem named, so a missing translation is a bug caught by a check, never a silent fallback.
"""
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .i18n import CODES, RUBY, plain

ROOT = Path(__file__).resolve().parent.parent
SHEETS_DIR = ROOT / "sheets"
PICTOGRAM_DIR = ROOT / "pictograms"
FIELD_TYPES = ("time", "date", "number", "text", "phone", "url")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class CatalogError(ValueError):
    """The catalog files are inconsistent; ``problems`` lists each one."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} catalog problem(s):\n" + "\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool = True


@dataclass(frozen=True)
class Phrase:
    """A sign or a disaster message: texts per language plus the fill-ins they take."""

    kind: str  # "sign" or "message"
    id: str
    category: str
    pictogram: str | None
    title: dict
    body: dict  # the sign's detail line or the message's body; {} when a sign has none
    fields: tuple = ()
    keywords: tuple = ()
    reviewed: dict = field(default_factory=dict)

    def status(self, code):
        """draft, reviewed, or outdated when the Japanese changed after the review ("ja:<hash>" in its entry)."""
        if code not in self.reviewed:
            return "draft"
        from .quality.units import reviewed_entry_status

        source = "\n".join(texts["ja"] for texts in (self.title, self.body) if texts)
        return reviewed_entry_status(self.reviewed[code], source)

    def search_text(self):
        words = [plain(text) for text in (*self.title.values(), *self.body.values())]
        words.extend(RUBY.sub(r"\2", text) for text in self.title.values() if "｜" in text)
        return " ".join((*words, *self.keywords, self.id)).casefold()


@dataclass(frozen=True)
class Category:
    id: str
    kind: str
    order: int
    names: dict


@dataclass(frozen=True)
class Catalog:
    categories: dict
    signs: dict
    messages: dict
    pictogram_names: dict

    def signs_in(self, category_id):
        return [sign for sign in self.signs.values() if sign.category == category_id]

    def messages_in(self, group_id):
        return [message for message in self.messages.values() if message.category == group_id]

    def phrase(self, kind, phrase_id):
        """A sign, message, or a pictogram-only sheet (the pictogram's name as its words); None if unknown."""
        if kind == "pictogram":
            names = self.pictogram_names.get(phrase_id)
            return Phrase("pictogram", phrase_id, "pictogram", phrase_id, names, {}) if names else None
        return (self.signs if kind == "sign" else self.messages).get(phrase_id)

    def categories_of(self, kind):
        return sorted((c for c in self.categories.values() if c.kind == kind), key=lambda c: c.order)


def _read_toml(path, problems):
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        problems.append(f"{path.name}: cannot read: {exc}")
        return {}


def _texts(where, table, problems, fields=None):
    """Check one language table: all 15 codes, non-empty, placeholders equal to the fields."""
    table = table or {}
    extra = set(table) - set(CODES)
    if extra:
        problems.append(f"{where}: unknown language keys {sorted(extra)}")
    for code in CODES:
        text = table.get(code, "")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: missing {code}")
            continue
        used = set(PLACEHOLDER.findall(text))
        if fields is None and used:
            problems.append(f"{where} [{code}]: placeholders not allowed here: {sorted(used)}")
        elif fields is not None and used != fields:
            problems.append(f"{where} [{code}]: placeholders {sorted(used)} differ from fields {sorted(fields)}")
        if PLACEHOLDER.sub("", text).count("{") or PLACEHOLDER.sub("", text).count("}"):
            problems.append(f"{where} [{code}]: stray brace")
        if ("｜" in text or "《" in text) and RUBY.sub("", text).count("｜") + RUBY.sub("", text).count("《"):
            problems.append(f"{where} [{code}]: unbalanced ruby notation")
    return {code: table.get(code, "") for code in CODES}


def _fields(where, raw, problems):
    result = []
    for item in raw or []:
        name, kind = item.get("name", ""), item.get("type", "")
        if not re.fullmatch(r"[a-z_]+", name or ""):
            problems.append(f"{where}: bad field name {name!r}")
        if kind not in FIELD_TYPES:
            problems.append(f"{where}: field {name!r} has unknown type {kind!r}")
        result.append(Field(name, kind, bool(item.get("required", True))))
    return tuple(result)


def _phrase(kind, raw, category, pictograms, problems):
    pid = raw.get("id", "")
    where = f"{kind} {pid or '?'}"
    if not ID.match(pid):
        problems.append(f"{where}: bad id")
    fields = _fields(where, raw.get("fields"), problems)
    names = {f.name for f in fields}
    picto = raw.get("pictogram")
    if kind == "sign" and not picto:
        problems.append(f"{where}: no pictogram")
    if picto and picto not in pictograms:
        problems.append(f"{where}: pictogram {picto!r} does not exist")
    title = _texts(f"{where} title", raw.get("title"), problems)
    body_key = "detail" if kind == "sign" else "body"
    if kind == "message" or raw.get(body_key) or names:
        body = _texts(f"{where} {body_key}", raw.get(body_key), problems, names)
    else:
        body = {}
    return Phrase(kind, pid, category, picto, title, body, fields, tuple(raw.get("keywords", ())),
                  dict(raw.get("reviewed", {})))


def load_catalog(sheets_dir=SHEETS_DIR, pictogram_dir=PICTOGRAM_DIR):
    """Read and validate every catalog file; raise CatalogError naming each problem."""
    problems = []
    names_raw = _read_toml(pictogram_dir / "names.toml", problems)
    svgs = {path.stem for path in (pictogram_dir / "svg").glob("*.svg")}
    pictogram_names = {}
    for pid in sorted(svgs):
        pictogram_names[pid] = _texts(f"pictogram {pid} name", names_raw.get(pid), problems)
    categories = {}
    for cid, raw in _read_toml(sheets_dir / "categories.toml", problems).items():
        names = {key: value for key, value in raw.items() if key not in ("kind", "order")}
        categories[cid] = Category(cid, raw.get("kind", ""), int(raw.get("order", 0)),
                                   _texts(f"category {cid}", names, problems))
    signs, messages = {}, {}
    for kind, folder, store, key in (("sign", "signs", signs, "sign"), ("message", "messages", messages, "message")):
        for path in sorted((sheets_dir / folder).glob("*.toml")):
            category = path.stem
            if categories.get(category, Category("", "", 0, {})).kind != kind:
                problems.append(f"{folder}/{path.name}: {category!r} is not a {kind} category in categories.toml")
            for raw in _read_toml(path, problems).get(key, []):
                if kind == "message" and raw.get("group", category) != category:
                    problems.append(f"message {raw.get('id')}: group {raw.get('group')!r} is not its file {category!r}")
                phrase = _phrase(kind, raw, category, svgs, problems)
                if phrase.id in store:
                    problems.append(f"{kind} {phrase.id}: duplicate id")
                store[phrase.id] = phrase
    if problems:
        raise CatalogError(problems)
    return Catalog(categories, signs, messages, pictogram_names)


@lru_cache(maxsize=1)
def catalog():
    """The validated catalog of this process."""
    return load_catalog()
