"""Pictogram SVGs: read once, served inline (pages, PDFs) with the name in the reader's language."""
import re
from functools import lru_cache

from markupsafe import Markup, escape

from .catalog import PICTOGRAM_DIR

TITLE = re.compile(r"<title>.*?</title>", re.S)


@lru_cache(maxsize=None)
def svg_source(pictogram_id):
    path = PICTOGRAM_DIR / "svg" / f"{pictogram_id}.svg"
    text = path.read_text(encoding="utf-8")
    return re.sub(r"<\?xml[^>]*\?>\s*", "", text).strip()


@lru_cache(maxsize=None)
def overlay_source(name):
    return re.sub(r"<\?xml[^>]*\?>\s*", "", (PICTOGRAM_DIR / "overlays" / f"{name}.svg").read_text()).strip()


def svg_markup(pictogram_id, title=None, css_class="pictogram"):
    """The SVG as inline markup; `title` (plain text, escaped here) replaces the English <title>."""
    source = svg_source(pictogram_id)
    if title is not None:
        source = TITLE.sub(f"<title>{escape(title)}</title>", source, count=1)
    source = source.replace("<svg ", f'<svg class="{css_class}" ', 1)
    return Markup(source)
