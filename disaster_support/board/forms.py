"""Board forms; every value is checked on the server and a refused form keeps what was typed."""
import datetime

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (DateField, DateTimeLocalField, FieldList, FormField, HiddenField, IntegerField, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.fields.choices import SelectFieldBase
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..auth.forms import REQUIRED
from ..auth.forms import length as _length
from ..forms import AppForm, AppSubform
from ..i18n import LANGUAGES, plain
from ..clock import now_iso
from .disasters import DISASTER_KINDS
from .requests import SITE_KINDS, TASKS
from .times import from_local

MAX_LINES = 40
MAX_PEOPLE = 40
MAX_DAYS = 190
MORE_ROWS = 4  # rows added by the "more rows" button
# Dates of lines and offers stay in a window around the disaster, so a typo cannot stretch every schedule.
WINDOW_BEFORE, WINDOW_AFTER = 7, 180
LINE_TASKS = ("interpreting", "translation", "phone", "shelter_rounds", "sns", "easy_japanese")
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

    def validate_started_on(self, field):
        today = datetime.date.today()
        if field.data and not today - datetime.timedelta(days=3650) <= field.data <= today + datetime.timedelta(days=366):
            raise ValidationError(_l("Choose a day within ten years before today and one year after."))
    affected_association = SelectField(_l("Affected association"), coerce=int, validate_choice=True)


class SupportCenterForm(AppForm):
    place = StringField(_l("Place"), validators=[DataRequired(REQUIRED), _length(120)])
    hours = StringField(_l("Opening hours"), validators=[DataRequired(REQUIRED), _length(60)])
    phone = StringField(_l("Phone number"), validators=[
        DataRequired(REQUIRED), _length(30),
        Regexp(r"^[0-9０-９+()\- ]+$", message=_l("Use digits, spaces, +, ( ) and - only."))])


def stripped(value):
    """An optional text field left out of the post reads as empty, never as None."""
    return (value or "").strip()


def date_window(started_on):
    """(first, last) day allowed for lines and offers of a disaster that began on `started_on` (ISO)."""
    start = datetime.date.fromisoformat(started_on)
    return start - datetime.timedelta(days=WINDOW_BEFORE), start + datetime.timedelta(days=WINDOW_AFTER)


def _date_range_error(start, end, window=None):
    if start and end and end < start:
        return _l("The last day is before the first day.")
    if window and any(day and not window[0] <= day <= window[1] for day in (start, end)):
        return _l("Choose days from %(first)s to %(last)s (around the disaster).", first=window[0].isoformat(),
                  last=window[1].isoformat())
    return None


def too_many_rows(formdata, name, maximum):
    """True when the post has rows beyond `maximum` (FieldList would drop them silently)."""
    prefix = name + "-"
    for key in formdata or ():
        index = key[len(prefix):].split("-", 1)[0] if key.startswith(prefix) else ""
        if index.isdigit() and int(index) >= maximum:
            return True
    return False


class RowsForm(AppForm):
    """A form with rows: "more rows" adds empty ones, and a post with more rows than allowed is refused whole."""

    rows_field = None
    max_rows = 0

    def wants_more_rows(self):
        return request.method == "POST" and request.form.get("action") == "more"

    def add_rows(self):
        field = getattr(self, self.rows_field)
        for _ in range(min(MORE_ROWS, self.max_rows - len(field.entries))):
            field.append_entry()

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if too_many_rows(request.form, self.rows_field, self.max_rows):
            getattr(self, self.rows_field).errors.append(
                _l("At most %(count)s rows can be sent at once; nothing was saved. Send the rest as another one.",
                   count=self.max_rows))
            return False
        return valid


class LineForm(AppSubform):
    """One language line; a row left without a language is ignored."""

    line_id = HiddenField()
    language = SelectField(_l("Language"), choices=_language_choices(True), default="", validate_choice=False)
    task = SelectField(_l("Task"), choices=[(key, TASKS[key]) for key in LINE_TASKS], default="interpreting")
    headcount = IntegerField(_l("People per day"), validators=[Optional(), NumberRange(1, 50, _l("From 1 to 50."))])
    start_date = DateField(_l("First day"), validators=[Optional()])
    end_date = DateField(_l("Last day"), validators=[Optional()])
    rotation_days = IntegerField(_l("Rotation (days)"), validators=[Optional(), NumberRange(1, 60, _l("From 1 to 60."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.task.choices = [(value, plain(label)) for value, label in self.task.choices]

    def validate_language(self, field):
        if field.data and field.data not in dict(_language_choices(False)):
            raise ValidationError(_l("Choose languages from the list."))
        if field.data and not (self.headcount.data and self.start_date.data and self.end_date.data):
            raise ValidationError(_l("Give the number of people and both days for this language."))
        error = _date_range_error(self.start_date.data, self.end_date.data, getattr(self.meta, "window", None))
        if error:
            raise ValidationError(error)


class RequestForm(RowsForm, BoardForm):
    rows_field, max_rows = "lines", MAX_LINES
    site_kind = SelectField(_l("Site"), choices=list(SITE_KINDS.items()))
    site_name = StringField(_l("Name of the site"), validators=[DataRequired(REQUIRED), _length(80)])
    tasks = CheckboxesField(_l("Tasks"), choices=list(TASKS.items()))
    lines = FieldList(FormField(LineForm), min_entries=4, max_entries=MAX_LINES)
    lodging = TextAreaField(_l("Lodging"), validators=[_length(300)], filters=[stripped])
    transport = TextAreaField(_l("Transport"), validators=[_length(300)], filters=[stripped])
    deadline = DateTimeLocalField(_l("Answer by (Japan time)"), format="%Y-%m-%dT%H:%M",
                                  validators=[InputRequired(_l("Enter a date and time."))])

    def __init__(self, *args, window=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.window = window
        for entry in self.lines:
            entry.form.meta.window = window

    def validate_deadline(self, field):
        validate_deadline(field, self.window)

    def validate_tasks(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one task."))

    def validate_lines(self, field):
        lines = self.filled_lines()
        if not lines:
            raise ValidationError(_l("Add at least one language line."))
        # The same language may come back on other dates (a later rotation), never twice on the same day.
        for n, line in enumerate(lines):
            for other in lines[n + 1:]:
                if (line["language"], line["task"]) == (other["language"], other["task"]) and None not in (
                        line["start_date"], other["start_date"], line["end_date"], other["end_date"]) and (
                        line["start_date"] <= other["end_date"] and other["start_date"] <= line["end_date"]):
                    raise ValidationError(_l("Two lines for the same language and task share days; raise the"
                                             " number of people of one line instead."))

    def filled_lines(self):
        return [{"line_id": int(entry.line_id.data) if (entry.line_id.data or "").isdigit() else None,
                 "language": entry.language.data, "task": entry.task.data, "headcount": entry.headcount.data,
                 "start_date": entry.start_date.data.isoformat() if entry.start_date.data else None,
                 "end_date": entry.end_date.data.isoformat() if entry.end_date.data else None,
                 "rotation_days": entry.rotation_days.data or None}
                for entry in self.lines if entry.language.data]


def validate_deadline(field, window):
    """An answer deadline in the future and inside the disaster's window; never a crash on a far-off year."""
    if not field.data:
        return
    try:
        stored = from_local(field.data)
    except (OverflowError, ValueError):
        stored = ""
    if stored <= now_iso():
        raise ValidationError(_l("The answer deadline must be in the future."))
    if window and field.data.date() > window[1]:
        raise ValidationError(_l("Choose an answer deadline before %(last)s.", last=window[1].isoformat()))


class PersonForm(AppSubform):
    """One offered person; a row left without a name is ignored."""

    name = StringField(_l("Name"), validators=[_length(60)], filters=[lambda value: (value or "").strip()])
    languages = CheckboxesField(_l("Languages"), choices=_language_choices(False))
    available_from = DateField(_l("Available from"), validators=[Optional()])
    available_to = DateField(_l("Available until"), validators=[Optional()])

    def validate_name(self, field):
        if field.data and not (self.languages.data and self.available_from.data and self.available_to.data):
            raise ValidationError(_l("Give this person's languages and both days."))
        error = _date_range_error(self.available_from.data, self.available_to.data,
                                  getattr(self.meta, "window", None))
        if error:
            raise ValidationError(error)


class OfferForm(RowsForm):
    rows_field, max_rows = "people", MAX_PEOPLE
    people = FieldList(FormField(PersonForm), min_entries=3, max_entries=MAX_PEOPLE)
    note = TextAreaField(_l("Note for the requesting association"), validators=[_length(300)], filters=[stripped])

    def __init__(self, *args, window=None, **kwargs):
        super().__init__(*args, **kwargs)
        for entry in self.people:
            entry.form.meta.window = window

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


class ReasonForm(AppForm):
    """Confirmation of an action that ends something: the reason is told to everyone it touches."""

    reason = TextAreaField(_l("Reason (sent to every association concerned)"),
                           validators=[DataRequired(REQUIRED), _length(300)], filters=[stripped])


class EscalationForm(ReasonForm):
    deadline = DateTimeLocalField(_l("New answer deadline (Japan time)"), format="%Y-%m-%dT%H:%M",
                                  validators=[InputRequired(_l("Enter a date and time."))])

    def validate_deadline(self, field):
        validate_deadline(field, None)


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
