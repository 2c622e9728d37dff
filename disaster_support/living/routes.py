"""Living information: chapter index, chapters, the bilingual staff view, search, booklet, emergency page."""
import datetime

from babel.dates import format_date
from flask import abort, current_app, g, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from ..i18n import BY_CODE, LANGUAGES
from ..sheets.render import qr_svg
from . import bp
from .booklet import booklet_pdf
from .content import CHAPTERS, chapters, load_chapter, translation_state
from .folding import clean_query
from .search import search_sections


def _chapter_or_404(chapter_id, code):
    if chapter_id not in CHAPTERS:
        abort(404)
    chapter = load_chapter(chapter_id, code)
    if chapter is None:
        abort(404)
    return chapter


@bp.route("/")
def index(lang):
    return render_template("living/index.html", chapters=chapters(lang))


@bp.route("/<chapter_id>")
def chapter(lang, chapter_id):
    chapter = _chapter_or_404(chapter_id, lang)
    page_url = current_app.config["BASE_URL"].rstrip("/") + url_for("living.chapter", chapter_id=chapter_id)
    position = CHAPTERS.index(chapter_id)
    neighbours = [load_chapter(CHAPTERS[i], lang) for i in (position - 1, position + 1) if 0 <= i < len(CHAPTERS)]
    return render_template("living/chapter.html", chapter=chapter, state=translation_state(chapter_id, lang),
                           qr=qr_svg(page_url), page_url=page_url,
                           previous=neighbours[0] if position > 0 else None,
                           following=neighbours[-1] if position < len(CHAPTERS) - 1 else None)


@bp.route("/<chapter_id>/staff")
def staff_view(lang, chapter_id):
    """The chapter beside Japanese, section by section, to show at a counter."""
    chapter = _chapter_or_404(chapter_id, lang)
    japanese = _chapter_or_404(chapter_id, "ja")
    rows = list(zip(chapter.sections, japanese.sections))
    return render_template("living/staff.html", chapter=chapter, japanese=japanese, rows=rows)


@bp.route("/search")
def search(lang):
    query = clean_query(request.args.get("q", ""))
    results = search_sections(lang, query) if query.strip() else []
    return render_template("living/search.html", query=query, results=results)


@bp.route("/booklet.pdf")
def booklet(lang):
    data = booklet_pdf(lang)
    return current_app.response_class(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="living-information-{lang}.pdf"'})


@bp.route("/translations")
def translations(lang):
    """Staff overview: which chapter is written, draft, reviewed or outdated in each language."""
    table = [(language, [(chapter_id, translation_state(chapter_id, language.code)) for chapter_id in CHAPTERS])
             for language in LANGUAGES]
    return render_template("living/translations.html", table=table, chapters=CHAPTERS,
                           titles={c.id: c.title for c in chapters(lang)})


STATE_LABELS = {"missing": _l("missing"), "outdated": _l("outdated"), "draft": _l("draft"), "reviewed": _l("reviewed")}


@bp.app_template_global()
def state_label(state):
    return STATE_LABELS[state]


@bp.app_template_global()
def format_day(iso_date):
    """A YYYY-MM-DD date the way the page language writes it."""
    try:
        day = datetime.date.fromisoformat(iso_date)
    except ValueError:
        return iso_date
    return format_date(day, format="long", locale=BY_CODE[g.lang].locale)


@bp.app_template_global()
def offline_urls():
    """Everything a reader needs offline in the page language: the index, every chapter, the emergency page."""
    urls = [url_for("living.index"), url_for("main.emergency"), url_for("main.home"), url_for("main.offline"),
            url_for("living.search"), url_for("static", filename="css/site.css"),
            url_for("static", filename="js/offline.js")]
    urls.extend(url_for("living.chapter", chapter_id=chapter.id) for chapter in chapters(g.lang))
    return urls
