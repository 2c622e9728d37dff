"""Board forms; every value is checked on the server and a refused form keeps what was typed."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (DateField, DateTimeLocalField, FieldList, FormField, IntegerField, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.fields.choices import SelectFieldBase
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..auth.forms import REQUIRED
from ..auth.forms import length as _length
from ..forms import AppForm, AppSubform
from ..i18n import LANGUAGES, plain
from ..sheets.store import now_iso
from .requests import DISASTER_KINDS, SITE_KINDS, TASKS
from .times import from_local

MAX_LINES = 8
MAX_PEOPLE = 10
MAX_DAYS = 62
# Staff are requested for the residents' languages; Japanese is the language of the site itself.
LINE_LANGUAGES = tuple(language for language in LANGUAGES if language.code != "ja")


def _language_choices(blank):
    choices = [(language.code, language.name) for language in LINE_LANGUAGES]
    return [("", "—")] + choices if blank else choices


class BoardForm(AppForm):
    """Choice labels drawn by WTForms lose Easy Japanese reading marks instead of showing them raw."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self:
            if isinstance(field, SelectFieldBase) and isinstance(getattr(field, "choices", None), list):
                field.choices = [(value, plain(label)) for value, label in field.choices]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class DisasterForm(BoardForm):
    title = StringField(_l("Name of the disaster"), validators=[DataRequired(REQUIRED), _length(80)])
    kind = SelectField(_l("Kind"), choices=list(DISASTER_KINDS.items()))
    started_on = DateField(_l("Date it began"), validators=[InputRequired(_l("Enter a date."))])
    affected_association = SelectField(_l("Affected association"), coerce=int, validate_choice=True)


class SupportCenterForm(AppForm):
    place = StringField(_l("Place"), validators=[DataRequired(REQUIRED), _length(120)])
    hours = StringField(_l("Opening hours"), validators=[DataRequired(REQUIRED), _length(60)])
    phone = StringField(_l("Phone number"), validators=[
        DataRequired(REQUIRED), _length(30),
        Regexp(r"^[0-9０-９+()\- ]+$", message=_l("Use digits, spaces, +, ( ) and - only."))])


def _date_range_error(start, end):
    if start and end and end < start:
        return _l("The last day is before the first day.")
    if start and end and (end - start).days >= MAX_DAYS:
        return _l("Please keep a date range under %(count)s days.", count=MAX_DAYS)
    return None


class LineForm(AppSubform):
    """One language line; a row left without a language is ignored."""

    language = SelectField(_l("Language"), choices=_language_choices(True), default="", validate_choice=False)
    headcount = IntegerField(_l("People"), validators=[Optional(), NumberRange(1, 50, _l("From 1 to 50."))])
    start_date = DateField(_l("First day"), validators=[Optional()])
    end_date = DateField(_l("Last day"), validators=[Optional()])

    def validate_language(self, field):
        if field.data and field.data not in dict(_language_choices(False)):
            raise ValidationError(_l("Choose languages from the list."))
        if field.data and not (self.headcount.data and self.start_date.data and self.end_date.data):
            raise ValidationError(_l("Give the number of people and both days for this language."))
        error = _date_range_error(self.start_date.data, self.end_date.data)
        if error:
            raise ValidationError(error)


class RequestForm(BoardForm):
    site_kind = SelectField(_l("Site"), choices=list(SITE_KINDS.items()))
    site_name = StringField(_l("Name of the site"), validators=[DataRequired(REQUIRED), _length(80)])
    tasks = CheckboxesField(_l("Tasks"), choices=list(TASKS.items()))
    lines = FieldList(FormField(LineForm), min_entries=4, max_entries=MAX_LINES)
    lodging = TextAreaField(_l("Lodging"), validators=[_length(300)])
    transport = TextAreaField(_l("Transport"), validators=[_length(300)])
    deadline = DateTimeLocalField(_l("Answer by (Japan time)"), format="%Y-%m-%dT%H:%M",
                                  validators=[InputRequired(_l("Enter a date and time."))])

    def validate_deadline(self, field):
        if field.data and from_local(field.data) <= now_iso():
            raise ValidationError(_l("The answer deadline must be in the future."))

    def validate_tasks(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one task."))

    def validate_lines(self, field):
        if not self.filled_lines():
            raise ValidationError(_l("Add at least one language line."))
        languages = [line["language"] for line in self.filled_lines()]
        if len(set(languages)) != len(languages):
            raise ValidationError(_l("Each language can be chosen only once."))

    def filled_lines(self):
        return [{"language": entry.language.data, "headcount": entry.headcount.data,
                 "start_date": entry.start_date.data.isoformat() if entry.start_date.data else None,
                 "end_date": entry.end_date.data.isoformat() if entry.end_date.data else None}
                for entry in self.lines if entry.language.data]


class PersonForm(AppSubform):
    """One offered person; a row left without a name is ignored."""

    name = StringField(_l("Name"), validators=[_length(60)], filters=[lambda value: (value or "").strip()])
    languages = CheckboxesField(_l("Languages"), choices=_language_choices(False))
    available_from = DateField(_l("Available from"), validators=[Optional()])
    available_to = DateField(_l("Available until"), validators=[Optional()])

    def validate_name(self, field):
        if field.data and not (self.languages.data and self.available_from.data and self.available_to.data):
            raise ValidationError(_l("Give this person's languages and both days."))
        error = _date_range_error(self.available_from.data, self.available_to.data)
        if error:
            raise ValidationError(error)


class OfferForm(AppForm):
    people = FieldList(FormField(PersonForm), min_entries=3, max_entries=MAX_PEOPLE)
    note = TextAreaField(_l("Note for the requesting association"), validators=[_length(300)])

    def validate_people(self, field):
        people = self.offered_people()
        if not people:
            raise ValidationError(_l("Name at least one person."))
        names = [p["name"].casefold() for p in people]
        if len(set(names)) != len(names):
            raise ValidationError(_l("Each person can be named only once."))

    def offered_people(self):
        return [{"name": entry.form.name.data, "languages": list(entry.form.languages.data),
                 "available_from": entry.form.available_from.data.isoformat() if entry.form.available_from.data else None,
                 "available_to": entry.form.available_to.data.isoformat() if entry.form.available_to.data else None}
                for entry in self.people if entry.form.name.data]


class InvitationForm(BoardForm):
    email = StringField(_l("E-mail address"), validators=[
        DataRequired(REQUIRED), _length(254), Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Enter an e-mail address like name@example.jp."))])
    role = SelectField(_l("Role"), choices=[("coordinator", _l("Coordinator")), ("member", _l("Member")),
                                            ("secretariat", _l("Secretariat"))])
    association = SelectField(_l("Association"), coerce=int)


class RegistryImportForm(AppForm):
    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file."))])


class ChairForm(AppForm):
    association = SelectField(_l("Chair association"), coerce=int)
