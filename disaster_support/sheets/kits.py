"""Kits: many signs in one PDF (for example everything needed to open a shelter)."""
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from .. import pdf
from ..catalog import SHEETS_DIR, catalog
from ..i18n import BY_CODE, CODES, plain
from .render import STYLESHEETS, SheetRequest, fitted_document, pdf_cache

BATCH = 5  # sheets laid out together between progress reports


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


def render_in_batches(requests, title, progress=None):
    """One PDF of all sheets. Laid out a few at a time so callers can show progress, written once."""
    first_code = requests[0].codes[0]
    key = pdf.cache_key(repr((requests, title)), STYLESHEETS)
    cached = pdf_cache().get(key)
    if cached is not None:
        if progress:
            progress(len(requests))
        return cached
    documents = []
    for start in range(0, len(requests), BATCH):
        batch = requests[start:start + BATCH]
        document, _pages, _problems = fitted_document(batch)
        documents.append(document)
        if progress:
            progress(len(batch))
    combined = documents[0].copy([page for document in documents for page in document.pages])
    label = plain(title[first_code]) if isinstance(title, dict) else plain(title)
    data = pdf.write_pdf(combined, label, BY_CODE[first_code].html_lang)
    pdf_cache().put(key, data)
    return data
