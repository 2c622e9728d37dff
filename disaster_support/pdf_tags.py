"""Tagged PDFs (PDF/UA-1) that read in the right language and order, on top of WeasyPrint 70's tagging.

WeasyPrint writes the structure tree but gives every element the document's language, and tags <ruby>/<rt>
as NonStruct, so a screen reader reads a Thai block with a Japanese voice and Easy Japanese kanji followed by
their readings as if they were more text. `install()` patches two functions of weasyprint.pdf.tags (both
checked by tests/test_pdf_tags.py): elements whose HTML has a `lang` carry /Lang, and ruby becomes the PDF
Ruby structure (RB base text, RT reading) that assistive technology knows how to read.
"""
import threading

import pydyf
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.pdf import tags

_installed = False
_lock = threading.Lock()
RUBY_TAGS = {"ruby": "Ruby", "rt": "RT", "rb": "RB"}


def _tag_with_ruby(original):
    def pdf_tag(tag):
        return RUBY_TAGS.get(tag) or original(tag)
    return pdf_tag


def _tree_with_languages(original):
    def build_box_tree(box, parent, *args):
        real = box._box if isinstance(box, AbsolutePlaceholder) else box
        lang = real.element.get("lang") if real.element is not None else None
        for element in original(box, parent, *args):
            if lang and "Lang" not in element and real.element_tag not in ("html", "body"):
                element["Lang"] = pydyf.String(lang)
            yield element
    return build_box_tree


def install():
    """Patch WeasyPrint's tagging once per process (idempotent, thread-safe)."""
    global _installed
    with _lock:
        if _installed:
            return
        tags._get_pdf_tag = _tag_with_ruby(tags._get_pdf_tag)
        tags._build_box_tree = _tree_with_languages(tags._build_box_tree)
        _installed = True
