"""Base classes for every form: text fields refuse control characters, and a refused CSRF check fails the form.

Every text field of a form built on `AppForm` (or `AppSubform` for rows inside a FieldList) gets the check
when it is bound, so a new field cannot forget it.
"""
import unicodedata

from flask import g
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, StringField, TextAreaField
from wtforms.validators import ValidationError

LINE_BREAKS = frozenset("\r\n")


def _control_characters(text, allowed=frozenset()):
    return [c for c in text or "" if unicodedata.category(c) == "Cc" and c not in allowed]


def single_line(_form, field):
    """One-line fields: no line breaks, tabs or other control characters (they break mails, CSV and headers)."""
    if isinstance(field.data, str) and _control_characters(field.data):
        raise ValidationError(_l("Please write this on one line, without tabs or other control characters."))


def multi_line(_form, field):
    """Text areas: line breaks are fine, other control characters are not."""
    if isinstance(field.data, str) and _control_characters(field.data, LINE_BREAKS):
        raise ValidationError(_l("Please remove tabs and other control characters."))


class _TextChecksMeta:
    """WTForms Meta mixin: adds the control-character check in front of each text field's validators."""

    def bind_field(self, form, unbound_field, options):
        field_class = unbound_field.field_class
        if issubclass(field_class, StringField) and len(unbound_field.args) < 2:  # validators given by keyword
            check = multi_line if issubclass(field_class, TextAreaField) else single_line
            options = dict(options, validators=[check, *(unbound_field.kwargs.get("validators") or ())])
        return super().bind_field(form, unbound_field, options)


class AppForm(FlaskForm):
    """The base of every page form."""

    class Meta(_TextChecksMeta):
        pass

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if not self.meta.csrf or not g.get("csrf_refused"):
            return valid
        if not self.csrf_token.errors:
            # The token itself may be fine while the request failed the check (e.g. a foreign Referer over HTTPS).
            self.csrf_token.errors = [g.csrf_refused]
        return False


class AppSubform(Form):
    """The base of rows inside a FieldList (no CSRF token of their own)."""

    class Meta(_TextChecksMeta):
        pass
