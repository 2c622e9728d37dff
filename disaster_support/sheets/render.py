"""Printed signs: HTML for one or many sheets, fitted so nothing overflows, then PDF (cached by content)."""
import datetime
from dataclasses import dataclass, field

import segno
from flask import current_app, render_template
from markupsafe import Markup

from .. import clock, pdf
from ..pdf_work import admit_render
from ..catalog import PLACEHOLDER, catalog
from ..i18n import BY_CODE, gettext_in, plain, ruby, ruby_text
from ..pictograms import svg_markup
from ..review.services import review_version, reviewed_phrase
from . import fillins
from .layout import BLANK_EM, plan

STYLESHEETS = ("print-fonts.css", "sheet.css")
MAX_FIT_ROUNDS = 5
SHRINK = 0.86
_cache = None


@dataclass(frozen=True)
class SheetRequest:
    """Everything that decides how one printed sign looks."""

    sign_id: str
    codes: tuple
    size: str = "A4"
    orientation: str = "portrait"
    values: tuple = ()  # ((field name, stored value), ...)
    shelter: str = ""
    qr_url: str = ""
    printed_on: datetime.date = field(default_factory=clock.today_in_japan)
    kind: str = "sign"  # or "pictogram" for a pictogram-only sheet


def qr_svg(url):
    """The QR code as inline SVG (error correction M: survives a smudged print)."""
    return Markup(segno.make_qr(url, error="m").svg_inline(border=0, dark="#000", omitsize=True, title=url))


def fill(text, phrase, values, code, marks=None):
    """A detail sentence with each value written the way language `code` writes it, escaped, in <b>.

    With `marks` ({field name: "①"}), a blank value shows its mark, pointing at the sheet's write-in box,
    instead of a blank line in every language."""
    fields = {f.name: f for f in phrase.fields}
    markup = ruby(text)

    def value_markup(match):
        name = match.group(1)
        if marks and not values.get(name) and name in marks:
            return str(Markup('<b class="fill mark">%s</b>') % marks[name])
        shown = fillins.display(fields[name], values.get(name, ""), code)
        return str(Markup('<b class="fill">%s</b>') % shown)

    return Markup(PLACEHOLDER.sub(value_markup, str(markup)))


def fill_plain(text, phrase, values, code, marks=None):
    """The same as fill(), as plain text (readings in brackets), for copying into SNS posts."""
    fields = {f.name: f for f in phrase.fields}

    def value_text(match):
        name = match.group(1)
        if marks and not values.get(name) and name in marks:
            return marks[name]
        return fillins.display(fields[name], values.get(name, ""), code)

    return PLACEHOLDER.sub(value_text, ruby_text(text))


def localized(msgid, code, **variables):
    return ruby(gettext_in(code, msgid, **variables))


def sheet_context(request, scales=None):
    # A fluent reader's reviewed edit is printed at once, before it is exported to the content files.
    phrase = reviewed_phrase(catalog().phrase(request.kind, request.sign_id))
    values = dict(request.values)
    facts, marks = fillins.shared_facts(phrase.fields, values)
    titles = {code: phrase.title[code] for code in request.codes}
    details = {code: phrase.body.get(code, "") for code in request.codes}
    estimates = {code: fill_plain(text, phrase, values, code, marks) if text else "" for code, text in details.items()}
    layout = plan(request.size, request.orientation, request.codes, titles, estimates, request.shelter, scales,
                  pictogram=bool(phrase.pictogram), facts=facts)
    blocks = [
        {
            "block": block,
            "language": BY_CODE[block.code],
            "title": ruby(titles[block.code]),
            "detail": fill(details[block.code], phrase, values, block.code, marks) if details[block.code] else "",
        }
        for block in layout.blocks
    ]
    primary = request.codes[0]
    return {
        "layout": layout,
        "blocks": blocks,
        "facts": [(fact, BLANK_EM[fact.kind]) for fact in facts],
        # The pictogram's alt text (the tagged PDF's Figure) in the language the sheet is first printed in.
        "pictogram": svg_markup(phrase.pictogram, plain(phrase.title[request.codes[0]])) if phrase.pictogram else None,
        "qr": qr_svg(request.qr_url) if request.qr_url else None,
        "qr_caption": [(BY_CODE[code], localized("Scan to read this in 15 languages", code)) for code in request.codes],
        "shelter": request.shelter,
        "primary": BY_CODE[primary],
        "footer": localized("Printed %(date)s · Multilingual disaster support", primary,
                            date=fillins.format_value("date", request.printed_on.isoformat(), primary)),
    }


def document_html(requests, scales):
    """(whole document, [each sheet's own HTML]) for the given sheets and block scales."""
    first = requests[0]
    pages = [Markup(render_template("print/_sign_page.html", **sheet_context(r, s))) for r, s in zip(requests, scales)]
    html = render_template("print/document.html", pages=pages, page_size=f"{first.size} {first.orientation}",
                           language=BY_CODE[first.codes[0]])
    return html, pages


def fitted_document(requests):
    """Lay out one or many sheets as one document, shrinking any block whose text would overflow.

    All sheets are laid out together once; only sheets that overflowed are laid out again, alone.
    Returns (document, each sheet's HTML, {sheet index: parts still overflowing}: {} when all fit).
    """
    scales = [dict() for _ in requests]
    html, pages = document_html(requests, scales)
    document = pdf.layout(html, STYLESHEETS)
    problems = sheet_problems(document, len(requests))
    if not problems:
        return document, pages, {}
    if len(document.pages) != len(requests):  # a spill shifts the pages: fit every sheet on its own
        problems = {index: list(EVERY_PART) for index in range(len(requests))}
    laid_out = list(document.pages) if len(document.pages) == len(requests) else [None] * len(requests)
    left = {}
    for index, parts in problems.items():
        page, pages[index], remaining = _fit_alone(requests[index], scales[index], parts, laid_out[index])
        laid_out[index] = page
        if remaining:
            left[index] = remaining
    return document.copy(laid_out), pages, left


def _fit_alone(request, scales, parts, page=None):
    """Plan one sheet again where it overflowed: language blocks with their measured heights (so titles give
    way and sentences keep their size), other parts shrunk; until it fits or the rounds run out."""
    for _round in range(MAX_FIT_ROUNDS):
        measured = pdf.container_fill(page) if page is not None and _round < MAX_FIT_ROUNDS - 2 else {}
        for block, ratio in measured.items():  # only ever more room for a block: the rounds converge
            if block.isdigit() or block == "facts":
                scales[f"need{block}"] = scales.get(f"need{block}", 1.0) * min(2.0, max(1.0, ratio * 1.02))
        for part in parts:
            if not ((part.isdigit() or part == "facts") and measured.get(part, 0) > 1):
                scales[part] = scales.get(part, 1.0) * SHRINK
        html, pages = document_html([request], [scales])
        document = pdf.layout(html, STYLESHEETS)
        page = document.pages[0]
        parts = sheet_problems(document, 1).get(0, [])
        if not parts:
            break
    return document.pages[0], pages[0], parts


def render_sheet_preview(request):
    """The fitted sheet's HTML, for showing on a page exactly as it will print."""
    _document, pages, _problems = fitted_document([request])
    return Markup(pages[0])


EVERY_PART = ("0", "1", "2", "3", "4", "facts", "shelter", "caption")


def sheet_problems(document, expected_pages):
    """{sheet index: [overflowing parts]} (block numbers as text, or "shelter"); a sheet that spilled onto
    an extra page counts as overflowing everywhere."""
    if len(document.pages) != expected_pages:
        return {i: list(EVERY_PART) for i in range(expected_pages)}
    problems = {}
    for index, page in enumerate(document.pages):
        over = pdf.overflowing_containers(page)
        if over:
            problems[index] = [part for part in over if part in EVERY_PART] or list(EVERY_PART)
    return problems


def pdf_cache():
    global _cache
    if _cache is None:
        _cache = pdf.PdfCache(current_app.config["PDF_CACHE_SIZE"])
    return _cache


BATCH = 5  # sheets laid out together between progress reports


def render_sheets_pdf(requests, title, progress=None):
    """One PDF of the given sheets, from cache when the same sheets were rendered before.

    An uncached render for a web request waits its turn in the render pool (or raises Busy / RateLimited).

    `title` is plain text or a {language code: text} table; with `progress`, sheets are laid out a few at a
    time and progress(count) is called after each batch (kits show it), but the PDF is still written once.
    """
    key = pdf.cache_key(repr((requests, title, review_version())), STYLESHEETS)
    cached = pdf_cache().get(key)
    if cached is not None:
        if progress:
            progress(len(requests))
        return cached
    with admit_render():
        data = _render_uncached(requests, title, progress)
    pdf_cache().put(key, data)
    return data


def _render_uncached(requests, title, progress):
    step = BATCH if progress else len(requests)
    documents = []
    for start in range(0, len(requests), step):
        batch = requests[start:start + step]
        documents.append(fitted_document(batch)[0])
        if progress:
            progress(len(batch))
    document = documents[0].copy([page for document in documents for page in document.pages])
    first_code = requests[0].codes[0]
    label = plain(title[first_code] if isinstance(title, dict) else title)
    return pdf.write_pdf(document, label, BY_CODE[first_code].html_lang)
