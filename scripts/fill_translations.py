#!/usr/bin/env python3
"""Fill catalog entries from a JSON file: {"msgid": {"ja": "...", "th": "...", ...}, ...} keyed by URL code.

Run `flask translate update` first (it adds the new msgids); this writes each given msgstr, flags the entry
`draft` (written by the team, not checked by a fluent reader) and clears `fuzzy`.
Usage: .venv/bin/python scripts/fill_translations.py strings.json
"""
import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from disaster_support.i18n import LANGUAGES  # noqa: E402


def main(path):
    wanted = json.loads(Path(path).read_text(encoding="utf-8"))
    for language in LANGUAGES:
        po_path = ROOT / "locales" / language.locale / "LC_MESSAGES" / "messages.po"
        with open(po_path, "rb") as handle:
            catalog = read_po(handle)
        for msgid, texts in wanted.items():
            if language.code not in texts:
                raise SystemExit(f"{msgid!r} has no {language.code} text")
            message = catalog.get(msgid)
            if message is None:
                raise SystemExit(f"{msgid!r} is not in {po_path}; run `flask translate update` first")
            message.string = texts[language.code]
            message.flags = {flag for flag in message.flags if flag not in ("fuzzy", "reviewed")} | {"draft"}
            message.previous_id = ()
        with open(po_path, "wb") as handle:
            write_po(handle, catalog, width=None, ignore_obsolete=True)
    print(f"Filled {len(wanted)} entries in {len(LANGUAGES)} catalogs (draft).")


if __name__ == "__main__":
    main(sys.argv[1])
