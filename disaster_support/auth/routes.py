"""Log-in, log-out, changing the password and accepting an invitation."""
from flask import flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, current_user, login_required, login_user, logout_user

from .. import i18n
from ..security import form_page, safe_redirect_target
from . import bp, sessions, users
from .forms import InvitationAcceptForm, LoginForm, PasswordChangeForm

LOGIN_SESSION = "login_session"  # key of the server-side session id in the signed cookie

login_manager = LoginManager()
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_logged_in_user(user_id):
    """The user of this cookie's log-in session while that session is open: log-out ends every copy."""
    session_user = sessions.session_user_id(session.get(LOGIN_SESSION))
    if session_user is None or str(session_user) != str(user_id):
        return None
    return users.load_user(session_user)


@login_manager.unauthorized_handler
def ask_to_log_in():
    lang = getattr(g, "lang", None) or i18n.negotiate()
    return redirect(url_for("auth.login", lang=lang, next=request.full_path.rstrip("?")))


def _log_in(user):
    session.clear()  # a fresh session at log-in: nothing from before carries over
    session[LOGIN_SESSION] = sessions.start_session(user.id)
    login_user(user)


def _too_many(retry_after):
    minutes = max(1, -(-retry_after // 60))
    return _("Too many failed log-ins. Please try again in %(minutes)s min.", minutes=minutes)


@bp.route("/login", methods=["GET", "POST"])
@form_page
def login(lang):
    form = LoginForm()
    error = None
    status = 200
    headers = {}
    if form.validate_on_submit():
        try:
            user = users.authenticate(form.email.data, form.password.data, request.remote_addr or "")
        except users.TooManyAttempts as refusal:
            error, status = _too_many(refusal.retry_after), 429
            headers["Retry-After"] = str(refusal.retry_after)
        else:
            if user is None:
                error, status = _("The e-mail address or the password is not right."), 400
            else:
                _log_in(user)
                return redirect(safe_redirect_target(request.args.get("next")) or url_for("board.index", lang=lang))
    elif request.method == "POST":
        status = 400
    form.password.data = ""
    return render_template("auth/login.html", form=form, error=error), status, headers


@bp.route("/logout", methods=["POST"])
def logout(lang):
    sessions.end_session(session.get(LOGIN_SESSION))
    logout_user()
    session.clear()
    flash(_("You have logged out."))
    return redirect(url_for("auth.login", lang=lang))


@bp.route("/password", methods=["GET", "POST"])
@form_page
@login_required
def change_password(lang):
    form = PasswordChangeForm()
    status, headers = (400 if request.method == "POST" else 200), {}
    if form.validate_on_submit():
        try:
            users.change_password(current_user, form.current.data, form.password.data, request.remote_addr or "")
        except users.TooManyAttempts as refusal:
            form.current.errors = [_too_many(refusal.retry_after)]
            status, headers["Retry-After"] = 429, str(refusal.retry_after)
        except users.AccountError:
            form.current.errors = [_("The current password is not right.")]
        else:
            sessions.end_other_sessions(current_user.id, session.get(LOGIN_SESSION))
            flash(_("Your password is changed. Everywhere else you are now logged out."))
            return redirect(url_for("board.index", lang=lang))
    for field in (form.current, form.password, form.confirm):
        field.data = ""
    return render_template("auth/password.html", form=form), status, headers


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@form_page
def accept_invitation(lang, token):
    invitation = users.find_invitation(token)
    if invitation is None:
        return render_template("auth/invitation_invalid.html"), 404
    form = InvitationAcceptForm(data={"language": lang} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            user = users.accept_invitation(token, form.name.data, form.password.data, form.language.data)
        except users.AccountError:
            return render_template("auth/invitation_invalid.html"), 404
        _log_in(user)
        flash(_("Welcome. Your account is ready."))
        return redirect(url_for("board.index", lang=lang))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/invitation.html", form=form, invitation=invitation), status
