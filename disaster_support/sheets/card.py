"""The evacuee registration card: every question in the reader's language beside Japanese, mostly tick boxes,
so staff can read the answers without knowing the language."""
from flask import render_template
from markupsafe import Markup

from .. import pdf
from ..pdf_work import admit_render
from ..i18n import BY_CODE, LANGUAGES, N_, gettext_in, ruby
from .render import pdf_cache

STYLESHEETS = ("print-fonts.css", "card.css")


WRITE_IN = (N_("Name"), N_("Nationality"), N_("Date of birth"), N_("Address or where you are staying"),
            N_("Phone number"))
SECTIONS = (
    (N_("Why did you come here?"), (
        N_("My home is damaged"), N_("My home is not safe (aftershocks, landslide, flood)"),
        N_("No electricity, water or gas"), N_("Evacuation order or tsunami warning"),
        N_("I am a traveller and cannot go home"), N_("Other"))),
    (N_("Who is with you?"), (
        N_("I am alone"), N_("Adults: ____"), N_("Children: ____"), N_("Babies: ____"),
        N_("Older people: ____"), N_("Someone is missing"))),
    (N_("Health"), (
        N_("Injured"), N_("Ill"), N_("I need my medicine"), N_("Pregnant"), N_("Disability"),
        N_("Wheelchair"), N_("I want to see a doctor"))),
    (N_("Food rules"), (
        N_("Halal"), N_("Vegetarian"), N_("Vegan"), N_("No alcohol"), N_("Other food rules"))),
    (N_("Contact"), (
        N_("Please contact my embassy or consulate"), N_("Do not contact my embassy or consulate"),
        N_("You may share this card with support groups"))),
)
FOODS = ("food-beef", "food-pork", "food-chicken", "food-mutton", "food-fish", "food-shellfish", "food-crab",
         "food-shrimp", "food-egg", "food-milk", "food-wheat", "food-buckwheat", "food-peanut", "food-alcohol")
JAPANESE_LEVELS = (N_("No Japanese"), N_("A little Japanese"), N_("Daily conversation in Japanese"))


def both(text, code):
    """(text in language `code`, text in Japanese), each as markup."""
    return ruby(gettext_in(code, text)), ruby(gettext_in("ja", text))


def card_context(code):
    from ..catalog import catalog
    from ..pictograms import overlay_source, svg_markup

    not_mark = Markup(overlay_source("not"))
    return {
        "language": BY_CODE[code],
        "title": both(N_("Evacuee registration card"), code),
        "intro": both(N_("Please tick the boxes that apply. Staff will read this card."), code),
        "write_in": [both(item, code) for item in WRITE_IN],
        "sections": [(both(title, code), [both(item, code) for item in items]) for title, items in SECTIONS],
        "allergy_title": both(N_("I cannot eat (allergy or religion)"), code),
        "foods": [(svg_markup(food, css_class="food"), not_mark, catalog().pictogram_names[food][code],
                   catalog().pictogram_names[food]["ja"]) for food in FOODS],
        "languages_title": both(N_("Languages I speak"), code),
        "languages": LANGUAGES,
        "japanese_levels": [both(item, code) for item in JAPANESE_LEVELS],
    }


def render_card_pdf(code):
    """The card for language `code` beside Japanese, as a one-page A4 PDF (cached)."""
    key = pdf.cache_key(f"card:{code}", STYLESHEETS)
    cached = pdf_cache().get(key)
    if cached is not None:
        return cached
    with admit_render():
        html = render_template("print/card.html", **card_context(code))
        document = pdf.layout(html, STYLESHEETS)
        title = both(N_("Evacuee registration card"), code)[0]
        data = pdf.write_pdf(document, str(title.striptags()), BY_CODE[code].html_lang)
    pdf_cache().put(key, data)
    return data
