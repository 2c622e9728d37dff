"""The sign builder form: languages in order, paper, fill-ins and shelter name, all checked on the server."""
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, SelectMultipleField, StringField
from wtforms.validators import Length, ValidationError

from ..forms import AppForm
from ..i18n import LANGUAGES
from . import fillins

MAX_SHELTER = 40
MAX_KIT_SIGNS = 80


def _language_choices(blank):
    choices = [(language.code, language.name) for language in LANGUAGES]
    return ([("", "—")] + choices) if blank else choices


class SheetOptionsForm(AppForm):
    """Languages, paper size and orientation, shared by signs, kits and notices."""

    lang1 = SelectField(_l("First language (printed largest)"), choices=_language_choices(False), validate_choice=False)
    lang2 = SelectField(_l("Second language"), choices=_language_choices(True), validate_choice=False)
    lang3 = SelectField(_l("Third language"), choices=_language_choices(True), validate_choice=False)
    lang4 = SelectField(_l("Fourth language"), choices=_language_choices(True), validate_choice=False)
    lang5 = SelectField(_l("Fifth language"), choices=_language_choices(True), validate_choice=False)
    size = RadioField(_l("Paper"), choices=[("A4", "A4"), ("A3", "A3")], default="A4", validate_choice=False)
    orientation = RadioField(
        _l("Orientation"), choices=[("portrait", _l("Portrait")), ("landscape", _l("Landscape"))],
        default="portrait", validate_choice=False,
    )

    def language_fields(self):
        return [self.lang1, self.lang2, self.lang3, self.lang4, self.lang5]

    def chosen_languages(self):
        return tuple(field.data for field in self.language_fields() if field.data)

    def validate_lang1(self, field):
        codes = {language.code for language in LANGUAGES}
        chosen = [f.data for f in self.language_fields() if f.data]
        if not field.data:
            raise ValidationError(_l("Choose at least one language."))
        if any(code not in codes for code in chosen):
            raise ValidationError(_l("Choose languages from the list."))
        if len(set(chosen)) != len(chosen):
            raise ValidationError(_l("Each language can be chosen only once."))

    def validate_size(self, field):
        if field.data not in ("A4", "A3"):
            raise ValidationError(_l("Choose A4 or A3."))

    def validate_orientation(self, field):
        if field.data not in ("portrait", "landscape"):
            raise ValidationError(_l("Choose portrait or landscape."))


class SignForm(SheetOptionsForm):
    shelter = StringField(_l("Shelter name (optional)"), validators=[
        Length(max=MAX_SHELTER, message=_l("Please keep this to %(count)s characters or fewer.", count=MAX_SHELTER))])


# Labels by field name where the name says more than the type ("From" and "Until" are both times).
NAME_LABELS = {
    "place": _l("Place"), "from": _l("From (time)"), "until": _l("Until (time)"), "start_time": _l("Start time"),
    "end_time": _l("End time"), "breakfast": _l("Breakfast time"), "lunch": _l("Lunch time"),
    "dinner": _l("Dinner time"), "network": _l("Wi-Fi network name"), "password": _l("Wi-Fi password"),
    "languages": _l("Languages"),
}
FIELD_LABELS = {
    "time": _l("Time"), "date": _l("Date"), "number": _l("Number"), "text": _l("Text"),
    "phone": _l("Phone number"), "url": _l("Web address"),
}


def field_label(spec):
    """What a fill-in box is called: by its name where that says more than its type."""
    return NAME_LABELS.get(spec.name, FIELD_LABELS[spec.type])


def _with_fill_fields(base, phrase, allow_blank):
    """A subclass of `base` with one text box per fill-in field of the phrase, each parsed on validation."""

    class PhraseForm(base):
        pass

    for spec in phrase.fields:
        def check(form, field, spec=spec):
            try:
                field.data = fillins.parse(spec, field.data, allow_blank=allow_blank)
            except fillins.FillinError as exc:
                raise ValidationError(exc.args[0]) from None

        label = field_label(spec)
        setattr(PhraseForm, f"fill_{spec.name}", StringField(label, validators=[check],
                                                              render_kw={"data-type": spec.type}))
    return PhraseForm


def sign_form(phrase, allow_blank=True, **kwargs):
    """The builder form for one sign: options, shelter name and the sign's fill-ins."""
    return _with_fill_fields(SignForm, phrase, allow_blank)(**kwargs)


def fills_form(phrase, allow_blank, **kwargs):
    """Only the fill-ins, for changing a printed sheet through its edit link."""
    return _with_fill_fields(AppForm, phrase, allow_blank)(**kwargs)


def fill_values(form, phrase):
    return {spec.name: getattr(form, f"fill_{spec.name}").data or "" for spec in phrase.fields}


class KitForm(SheetOptionsForm):
    """A ready kit, or any selection of signs, in the chosen languages."""

    kit = RadioField(_l("Kit"), validate_choice=False)
    signs = SelectMultipleField(_l("Signs"), validate_choice=False)

    def validate_kit(self, field):
        if field.data != "custom" and field.data not in dict(field.choices):
            raise ValidationError(_l("Choose a kit or your own selection."))

    def validate_signs(self, field):
        if self.kit.data == "custom":
            known = dict(field.choices)
            if not field.data:
                raise ValidationError(_l("Choose at least one sign."))
            if any(sign not in known for sign in field.data):
                raise ValidationError(_l("Choose signs from the list."))
            if len(field.data) > MAX_KIT_SIGNS:
                raise ValidationError(_l("A kit can have at most %(count)s signs.", count=MAX_KIT_SIGNS))
