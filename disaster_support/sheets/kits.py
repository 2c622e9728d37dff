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


def kit_requests(kit_or_signs, codes, size, orientation, qr_urls=None, values=None):
    """One SheetRequest per sign; `values` ({sign id: {field: stored value}}) were typed once for the kit."""
    signs = kit_or_signs.signs if isinstance(kit_or_signs, Kit) else tuple(kit_or_signs)
    qr_urls = qr_urls or [""] * len(signs)
    values = values or {}
    return [SheetRequest(sign, codes, size, orientation, tuple(sorted(values.get(sign, {}).items())), "", url)
            for sign, url in zip(signs, qr_urls)]


def signs_with_fields(sign_ids=None):
    """The signs (of a kit, or of the whole catalog) that have values to fill in, in catalog order."""
    chosen = set(sign_ids) if sign_ids is not None else None
    return [sign for sign in catalog().signs.values() if sign.fields and (chosen is None or sign.id in chosen)]


def kit_values(form_data, sign_ids):
    """({sign id: {field: value}}, {input name: error}) from the kit form's value boxes (`value-<sign>-<field>`),
    each parsed like the sign builder's; a value left empty prints a box to write in."""
    from .fillins import FillinError, parse

    values, errors = {}, {}
    for sign in signs_with_fields(sign_ids):
        for spec in sign.fields:
            name = f"value-{sign.id}-{spec.name}"
            try:
                values.setdefault(sign.id, {})[spec.name] = parse(spec, form_data.get(name, ""), allow_blank=True)
            except FillinError as exc:
                errors[name] = exc.args[0]
    return values, errors
