"""The 15 languages: their table, locale selection, /<lang>/ URLs and Easy Japanese ruby."""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import support

from flask import current_app, g, has_request_context, request, url_for
from flask_babel import Babel, gettext
from markupsafe import Markup, escape
from werkzeug.routing import BaseConverter


@dataclass(frozen=True)
class Language:
    code: str  # URL code, e.g. "zh-Hans"
    locale: str  # Babel locale and gettext catalog folder, e.g. "zh_Hans"
    name: str  # the language's name in itself
    html_lang: str  # value of <html lang>
    english: str  # English name, for staff pages and logs


LANGUAGES = (
    Language("ja", "ja", "日本語", "ja", "Japanese"),
    Language("ja-easy", "ja@easy", "やさしい にほんご", "ja", "Easy Japanese"),
    Language("en", "en", "English", "en", "English"),
    Language("zh-Hans", "zh_Hans", "简体中文", "zh-Hans", "Chinese (Simplified)"),
    Language("zh-Hant", "zh_Hant", "繁體中文", "zh-Hant", "Chinese (Traditional)"),
    Language("ko", "ko", "한국어", "ko", "Korean"),
    Language("es", "es", "Español", "es", "Spanish"),
    Language("pt", "pt_BR", "Português", "pt-BR", "Portuguese"),
    Language("vi", "vi", "Tiếng Việt", "vi", "Vietnamese"),
    # CLDR has no Tagalog locale of its own; Filipino (fil) is the standard form of Tagalog.
    Language("tl", "fil", "Tagalog", "tl", "Tagalog"),
    Language("id", "id", "Bahasa Indonesia", "id", "Indonesian"),
    Language("th", "th", "ภาษาไทย", "th", "Thai"),
    Language("ne", "ne", "नेपाली", "ne", "Nepali"),
    Language("my", "my", "မြန်မာဘာသာ", "my", "Burmese"),
    Language("ru", "ru", "Русский", "ru", "Russian"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
CODES = tuple(BY_CODE)
DEFAULT = "ja"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
COOKIE = "lang"

RUBY = re.compile(r"｜([^｜《》]+)《([^《》]+)》")


class LanguageConverter(BaseConverter):
    """Matches only the 15 URL codes, so /xx/... is a plain 404."""

    regex = "|".join(re.escape(code) for code in sorted(CODES, key=len, reverse=True))


def language(code=None):
    """The Language for a URL code (default: the current request's language)."""
    return BY_CODE[code or current_code()]


def current_code():
    if not has_request_context():  # CLI rendering: templates still need a language
        return getattr(g, "lang", None) or DEFAULT
    return getattr(g, "lang", None) or negotiate()


def negotiate():
    """Best language for a request with none in its URL: the cookie (a language the reader chose), then
    Accept-Language; a browser asking only for languages we lack gets FALLBACK_LANGUAGE (English by default,
    issue 16), one without Accept-Language gets Japanese."""
    cookie = request.cookies.get(COOKIE)
    if cookie in BY_CODE:
        return cookie
    offered = {code.lower(): code for code in CODES}
    for value, _quality in request.accept_languages:
        tag = value.lower()
        if tag in offered:
            return offered[tag]
        match = _match_tag(tag)
        if match:
            return match
    if request.accept_languages:
        fallback = current_app.config.get("FALLBACK_LANGUAGE")
        return fallback if fallback in BY_CODE else DEFAULT
    return DEFAULT


def _match_tag(tag):
    """Map a browser tag like zh-TW, zh-CN, pt-PT, fil, my-MM to one of our codes."""
    primary = tag.split("-")[0]
    if primary == "zh":
        traditional = any(part in tag for part in ("hant", "-tw", "-hk", "-mo"))
        return "zh-Hant" if traditional else "zh-Hans"
    if primary == "fil":
        return "tl"
    return primary if primary in BY_CODE else None


def select_locale():
    return language().locale


def ruby(text):
    """Escape text and turn ｜漢字《かんじ》 into <ruby> markup."""
    return Markup(RUBY.sub(r"<ruby>\1<rt>\2</rt></ruby>", str(escape(text))))


def plain(text):
    """Text without ruby readings, for attributes, titles, PDFs' metadata and plain-text exports."""
    return RUBY.sub(r"\1", str(text))


def ruby_text(text):
    """Readings in brackets after the kanji, the usual way to post Easy Japanese as plain text."""
    return RUBY.sub(r"\1（\2）", str(text))


@lru_cache(maxsize=None)
def _catalog(locale):
    return support.Translations.load(str(LOCALES_DIR), [locale], domain="messages")


def N_(msgid):
    """Marks a msgid for extraction; it is translated later, in the language of whoever reads it."""
    return msgid


def gettext_in(code, msgid, **variables):
    """A UI string in language `code`, whatever the page language (signs, cards and booklets mix languages).

    Reads the compiled catalog directly: Flask-Babel's force_locale silently does nothing outside a request.
    """
    text = _catalog(BY_CODE[code].locale).ugettext(msgid)
    return text % variables if variables else text


def translate_markup(msgid, **variables):
    """gettext for templates: translated, escaped, ruby applied, variables escaped."""
    template = ruby(gettext(msgid))
    return Markup(template) % {name: escape(value) for name, value in variables.items()} if variables else template


def translate_plain(msgid, **variables):
    """gettext for attributes and <title>: readings dropped; Jinja escapes the result."""
    return plain(gettext(msgid, **variables))


def switch_language_url(code):
    """The current page in another language, or that language's home page."""
    if request.endpoint and request.view_args is not None and "lang" in (request.view_args or {}):
        args = dict(request.view_args, lang=code)
        return url_for(request.endpoint, **args, **request.args.to_dict())
    return url_for("main.home", lang=code)


def absolute_url(path):
    """A path made absolute with BASE_URL, for hreflang links, manifests and exports."""
    return current_app.config["BASE_URL"].rstrip("/") + path


def x_default_url():
    """For readers whose language we lack: the root (which negotiates) for home pages, else the fallback."""
    if request.endpoint == "main.home":
        return url_for("main.root")
    return switch_language_url(current_app.config.get("FALLBACK_LANGUAGE") or DEFAULT)


def init_app(app):
    app.url_map.converters["lang"] = LanguageConverter
    Babel(app, locale_selector=select_locale, default_translation_directories="../locales")

    @app.url_value_preprocessor
    def pull_lang(endpoint, values):
        if values and "lang" in values:
            g.lang = values["lang"]

    @app.url_defaults
    def add_lang(endpoint, values):
        if "lang" in values or not getattr(g, "lang", None):
            return
        if app.url_map.is_endpoint_expecting(endpoint, "lang"):
            values["lang"] = g.lang

    # No cookie is set on pages (they stay cacheable by shared caches): the language switcher sets it
    # in the browser when the reader chooses a language (static/js/offline.js).

    @app.context_processor
    def language_context():
        return {
            "LANGUAGES": LANGUAGES,
            "LANGUAGES_BY_CODE": BY_CODE,
            "current_language": language(),
            "switch_language_url": switch_language_url,
            "absolute_url": absolute_url,
            "x_default_url": x_default_url,
        }

    app.jinja_env.globals.update(_=translate_markup, _plain=translate_plain)
    app.jinja_env.filters.update(ruby=ruby, plain=plain)
