"""Kits: many signs in one PDF (for example everything needed to open a shelter)."""
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from ..catalog import SHEETS_DIR, catalog
from ..i18n import CODES
from .render import SheetRequest


@dataclass(frozen=True)
class Kit:
    id: str
    title: dict
    description: dict
    signs: tuple


@lru_cache(maxsize=1)
def load_kits():
    with open(SHEETS_DIR / "kits.toml", "rb") as handle:
        raw = tomllib.load(handle)
    kits = {}
    for kit_id, table in raw.items():
        unknown = [sign for sign in table["signs"] if sign not in catalog().signs]
        untranslated = [code for code in CODES for part in ("title", "description") if not table[part].get(code)]
        if unknown or untranslated:
            raise ValueError(f"kit {kit_id}: unknown signs {unknown}, missing texts {untranslated}")
        kits[kit_id] = Kit(kit_id, table["title"], table["description"], tuple(table["signs"]))
    return kits


def kit_requests(kit_or_signs, codes, size, orientation, qr_urls=None):
    signs = kit_or_signs.signs if isinstance(kit_or_signs, Kit) else tuple(kit_or_signs)
    qr_urls = qr_urls or [""] * len(signs)
    return [SheetRequest(sign, codes, size, orientation, (), "", url) for sign, url in zip(signs, qr_urls)]
