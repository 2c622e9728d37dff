"""`flask translate export-reviews`: reviews recorded in the app written back into the content files.

Only reviews of the current Japanese source are written (an outdated one waits for a new review). PO entries
get the text and the `reviewed` flag; signs and messages the text and, when every field of the language is
reviewed, a `reviewed` entry "YYYY-MM-DD reviewer ja:<source hash>"; category and pictogram names the text;
chapters the text and, when every part of the chapter is reviewed, `status = "reviewed"`.
"""
import datetime
import json
import re
from collections import defaultdict
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from ..i18n import BY_CODE
from ..quality.units import FRONT, ROOT, split_chapter, source_hash
from . import services, store


def current_reviews():
    """{part: [(unit, code, review)]} for reviews made against the current source (approve or edit)."""
    found = defaultdict(list)
    for (unit_key, code), review in store.latest_reviews().items():
        if review["action"] not in ("approve", "edit"):
            continue
        unit = services.find_unit(review["part"], unit_key)
        if unit is not None and review["source_hash"] == source_hash(unit.source):
            found[review["part"]].append((unit, code, review))
    return found


def export_reviews(root=ROOT):
    """Write every current review into the files under `root`; returns the number of units written."""
    root = Path(root)
    reviews = current_reviews()
    _export_po(root, reviews.get("ui", []))
    _export_phrases(root, reviews.get("sign", []) + reviews.get("message", []))
    _export_names(root / "sheets" / "categories.toml", reviews.get("category", []))
    _export_names(root / "pictograms" / "names.toml", reviews.get("pictogram", []))
    _export_chapters(root, reviews.get("chapter", []))
    done = [review["id"] for items in reviews.values() for _unit, _code, review in items]
    store.mark_exported(done)
    return len(done)


def _stamp(review):
    return f"{review['created_at'][:10]} {review['reviewer_name'] or 'reviewer'}"


def _export_po(root, items):
    by_code = defaultdict(list)
    for unit, code, review in items:
        by_code[code].append((unit, review))
    for code, entries in by_code.items():
        path = root / "locales" / BY_CODE[code].locale / "LC_MESSAGES" / "messages.po"
        with open(path, "rb") as handle:
            catalog = read_po(handle)
        for unit, review in entries:
            message = catalog.get(unit.id)
            if message is not None:
                message.string = review["text"]
                message.flags = {flag for flag in message.flags if flag not in ("draft", "fuzzy")} | {"reviewed"}
                message.user_comments = [c for c in message.user_comments if not c.startswith("ja:")] + [
                    f"ja:{source_hash(unit.source)} {_stamp(review)}"]
        with open(path, "wb") as handle:
            write_po(handle, catalog, width=None, ignore_obsolete=True)


def _set_line(lines, start, end, key, value):
    """Set `key = value` among lines[start:end] (appended at `end` when absent); returns the new end."""
    pattern = re.compile(r'^"?%s"?\s*=' % re.escape(key))
    line = f"{key} = {json.dumps(value, ensure_ascii=False)}"
    for index in range(start, end):
        if pattern.match(lines[index]):
            lines[index] = line
            return end
    lines.insert(end, line)
    return end + 1


def _block_end(lines, start):
    """The line after the [[sign]] / [[message]] block that contains line `start`."""
    return next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[[")), len(lines))


def _section(lines, start, header):
    """(first line, end) of the table `header` inside the block containing line `start`, or None."""
    block_end = _block_end(lines, start)
    index = next((i for i in range(start, block_end) if lines[i].strip() == header), None)
    if index is None:
        return None
    end = next((i for i in range(index + 1, block_end) if lines[i].startswith("[")), block_end)
    while end > index + 1 and not lines[end - 1].strip():
        end -= 1
    return index + 1, end


def _export_phrases(root, items):
    by_file = defaultdict(list)
    for unit, code, review in items:
        folder = "signs" if unit.part == "sign" else "messages"
        for path in sorted((root / "sheets" / folder).glob("*.toml")):
            if f'id = "{unit.id}"' in path.read_text(encoding="utf-8"):
                by_file[path].append((unit, code, review))
                break
    reviewed = {(review["unit_key"], code) for _unit, code, review in items}
    for path, entries in by_file.items():
        lines = path.read_text(encoding="utf-8").split("\n")
        for unit, code, review in entries:
            start = lines.index(f'id = "{unit.id}"')
            table = _section(lines, start, f"[{unit.part}.{unit.field}]")
            if table:
                _set_line(lines, table[0], table[1], code, review["text"])
        for unit, code, review in entries:
            body = "detail" if unit.part == "sign" else "body"
            fields = [f for f in ("title", body) if f"{unit.part}:{unit.id}:{f}" in
                      {u.key for u in services.units_of(unit.part) if u.id == unit.id}]
            if all((f"{unit.part}:{unit.id}:{f}", code) in reviewed for f in fields):
                _mark_phrase_reviewed(lines, unit, code, review)
        path.write_text("\n".join(lines), encoding="utf-8")


def _mark_phrase_reviewed(lines, unit, code, review):
    start = lines.index(f'id = "{unit.id}"')
    header = f"[{unit.part}.reviewed]"
    table = _section(lines, start, header)
    if table is None:
        end = _block_end(lines, start)
        while end > start and not lines[end - 1].strip():
            end -= 1
        lines[end:end] = ["", header]
        table = (end + 2, end + 2)
    source = "\n".join(u.source for u in services.units_of(unit.part) if u.id == unit.id)
    _set_line(lines, table[0], table[1], code, f"{_stamp(review)} ja:{source_hash(source)}")


def _export_names(path, items):
    if not items:
        return
    lines = path.read_text(encoding="utf-8").split("\n")
    for unit, code, review in items:
        start = lines.index(f"[{unit.id}]")
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
        _set_line(lines, start + 1, end, code, review["text"])
    path.write_text("\n".join(lines), encoding="utf-8")


def _export_chapters(root, items):
    by_chapter = defaultdict(list)
    for unit, code, review in items:
        by_chapter[(unit.id, code)].append((unit, review))
    for (chapter_id, code), entries in by_chapter.items():
        path = root / "locales" / BY_CODE[code].locale / "living" / f"{chapter_id}.md"
        meta, overview, sections = split_chapter(path.read_text(encoding="utf-8"))
        front = FRONT.match(path.read_text(encoding="utf-8")).group(1).split("\n")
        sections = [[heading, body] for heading, body in sections]
        for unit, review in entries:
            text = review["text"].strip()
            if unit.field in ("title", "summary"):
                _set_line(front, 0, len(front), unit.field, text)
            elif unit.field == "overview":
                overview = text
            else:
                heading, _, body = text.partition("\n")
                sections[int(unit.field[1:]) - 1] = [heading.strip(), body]
        units = [u for u in services.units_of("chapter") if u.id == chapter_id]
        if len(entries) == len(units):
            _set_line(front, 0, len(front), "status", "reviewed")
            _set_line(front, 0, len(front), "last_reviewed", datetime.date.today().isoformat())
        body = "".join(f"## {heading.strip()}\n\n{section.strip()}\n\n" for heading, section in sections)
        path.write_text("+++\n" + "\n".join(front) + "\n+++\n\n" + overview.strip() + "\n\n" + body.rstrip() + "\n",
                        encoding="utf-8")
