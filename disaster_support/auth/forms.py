"""Log-in, invitation and password forms."""
from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from ..forms import AppForm
from ..i18n import LANGUAGES
from .users import MIN_PASSWORD

REQUIRED = _l("Please fill this in.")


def length(maximum, minimum=-1):
    return Length(min=minimum, max=maximum,
                  message=_l("Please keep this to %(count)s characters or fewer.", count=maximum)
                  if minimum < 0 else _l("Use at least %(count)s characters.", count=minimum))


class LoginForm(AppForm):
    email = StringField(_l("E-mail address"), validators=[DataRequired(REQUIRED), length(254)],
                        render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED), length(200)],
                             render_kw={"autocomplete": "current-password"})


class InvitationAcceptForm(AppForm):
    name = StringField(_l("Your name"), validators=[DataRequired(REQUIRED), length(60)])
    password = PasswordField(_l("New password"), validators=[
        DataRequired(REQUIRED), length(200, MIN_PASSWORD)], render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("New password again"), validators=[
        EqualTo("password", _l("The two passwords are not the same."))], render_kw={"autocomplete": "new-password"})
    language = SelectField(_l("Language of your e-mails"), choices=[(lang.code, lang.name) for lang in LANGUAGES])


class PasswordChangeForm(AppForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(REQUIRED), length(200)],
                            render_kw={"autocomplete": "current-password"})
    password = PasswordField(_l("New password"), validators=[
        DataRequired(REQUIRED), length(200, MIN_PASSWORD)], render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("New password again"), validators=[
        EqualTo("password", _l("The two passwords are not the same."))], render_kw={"autocomplete": "new-password"})
