"""HTML -> PDF with WeasyPrint: local files only, stylesheets parsed once, finished PDFs cached by content."""
import hashlib
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.formatting_structure import boxes
from weasyprint.urls import URLFetcher


PACKAGE = Path(__file__).resolve().parent
ALLOWED_ROOTS = (PACKAGE / "static", PACKAGE.parent / "pictograms")


class LocalOnlyFetcher(URLFetcher):
    """Rendering fetches nothing from the network: only data: URIs and files under our own folders."""

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return super().fetch(url, headers)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if any(path.is_relative_to(root) for root in ALLOWED_ROOTS):
                return super().fetch(url, headers)
        raise ValueError(f"refusing to fetch {url}: only the application's own files may be used in a PDF")


FETCHER = LocalOnlyFetcher(fail_on_errors=False)
PDF_VARIANT = "pdf/ua-1"  # tagged, title shown, language set: read aloud and extracted in reading order


@lru_cache(maxsize=8)
def stylesheet(name):
    """A print stylesheet from static/css, parsed once per process."""
    return CSS(filename=str(PACKAGE / "static" / "css" / name), url_fetcher=FETCHER)


class PdfCache:
    """A small thread-safe LRU of finished PDFs keyed by a hash of everything that shaped them."""

    def __init__(self, size):
        self.size = size
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def put(self, key, value):
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def cache_key(html, stylesheet_names):
    digest = hashlib.sha256(html.encode())
    for name in stylesheet_names:
        digest.update(name.encode())
        digest.update(str((PACKAGE / "static" / "css" / name).stat().st_mtime_ns).encode())
    return digest.hexdigest()


_thread = threading.local()


def font_config():
    """One font configuration per thread, kept for the life of the process.

    WeasyPrint makes a new Pango font map for every document unless given one, which reloads every font
    file and throws away Pango's shaping caches each time. Pango font maps are not shared between threads.
    """
    if getattr(_thread, "font_config", None) is None:
        _thread.font_config = FontConfiguration()
    return _thread.font_config


def layout(html, stylesheet_names):
    """Lay the HTML out into pages (no PDF yet), so callers can measure before writing."""
    document = HTML(string=html, base_url=str(PACKAGE / "static") + "/", url_fetcher=FETCHER)
    return document.render(stylesheets=[stylesheet(name) for name in stylesheet_names], font_config=font_config())


def write_pdf(document, title, language, variant=PDF_VARIANT):
    """Finish a laid-out document as tagged PDF bytes (PDF/UA-1) with its title and language set."""
    document.metadata.title = title
    document.metadata.lang = language
    return document.write_pdf(pdf_variant=variant)


def overflowing_containers(page, attribute="data-fit", clip_class="sheet"):
    """Values of `attribute` on containers whose lines are laid out past their bottom, or whose text runs
    past their sides (or off the page), or whose text (ruby readings included) rises above the top of the
    clipping element of class `clip_class` that holds it."""
    found = set()

    def walk(box, container, element, limit, ceiling):
        box = getattr(box, "_box", box)  # an absolutely positioned box sits in a placeholder
        if box.element is not None and clip_class in (box.element.get("class") or "").split():
            ceiling = box.border_box_y()
        # The outermost block of an element is its box; anonymous blocks inside share the element.
        if (isinstance(box, boxes.BlockBox) and box.element is not None and box.element is not element
                and box.element.get(attribute) is not None):
            container, element = box.element.get(attribute), box.element
            limit = (box.content_box_x(), box.content_box_y(),
                     box.content_box_x() + box.width, box.content_box_y() + box.height)
        if isinstance(box, boxes.LineBox) and box.position_y + box.height > limit[3] + 0.5:
            found.add(container)
        if isinstance(box, boxes.TextBox) and box.text.strip():
            # A ruby reading may stick out sideways over its kanji by design, but never out of the sheet.
            if box.element_tag != "rt" and (box.position_x + box.width > limit[2] + 0.5
                                            or box.position_x < limit[0] - 0.5):
                found.add(container)
            if box.position_y < ceiling - 0.5:
                found.add(container)
        for child in getattr(box, "children", ()):
            walk(child, container, element, limit, ceiling)

    walk(page._page_box, "page", None, (0, 0, page.width, page.height), 0)
    return found


def container_fill(page, attribute="data-fit"):
    """{value of `attribute`: laid-out height of its lines / the height it was given} for each container,
    so a layout that overflowed can be planned again with what was measured instead of guessed."""
    found = {}

    def bottom(box):
        lowest = 0
        for child in getattr(box, "children", ()):
            if isinstance(child, boxes.LineBox):
                lowest = max(lowest, child.position_y + child.height)
            lowest = max(lowest, bottom(child))
        return lowest

    def walk(box):
        box = getattr(box, "_box", box)
        if (isinstance(box, boxes.BlockBox) and box.element is not None and box.element.get(attribute) is not None
                and box.element.get(attribute) not in found and box.height):
            found[box.element.get(attribute)] = (bottom(box) - box.content_box_y()) / box.height
        for child in getattr(box, "children", ()):
            walk(child)

    walk(page._page_box)
    return found


def smallest_text(page, attribute="data-part"):
    """{(part, language): smallest font size in pt drawn there}: every text box with visible text, by the
    `attribute` of its nearest element that has one and its computed language. Ruby readings are left out
    (annotations, half the size of their kanji by design)."""
    found = {}

    def walk(box, part):
        if box.element is not None and box.element.get(attribute) is not None:
            part = box.element.get(attribute)
        if isinstance(box, boxes.TextBox) and part and box.text.strip() and box.element_tag != "rt":
            key = (part, box.style["lang"] or "")
            size = box.style["font_size"] * 0.75
            found[key] = min(found.get(key, size), size)
        for child in getattr(box, "children", ()):
            walk(child, part)

    walk(page._page_box, None)
    return found
