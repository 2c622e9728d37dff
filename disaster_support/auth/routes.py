"""Log-in, log-out and accepting an invitation."""
from flask import flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, login_user, logout_user

from .. import i18n
from . import bp, users
from .forms import InvitationAcceptForm, LoginForm

login_manager = LoginManager()
login_manager.session_protection = "basic"
login_manager.user_loader(users.load_user)


@login_manager.unauthorized_handler
def ask_to_log_in():
    lang = getattr(g, "lang", None) or i18n.negotiate()
    return redirect(url_for("auth.login", lang=lang, next=request.full_path.rstrip("?")))


def _safe_next(target):
    """Only a path on this site: never send someone on to another host after logging in."""
    return target if target and target.startswith("/") and not target.startswith("//") and "\\" not in target else None


@bp.route("/login", methods=["GET", "POST"])
def login(lang):
    form = LoginForm()
    error = None
    status = 200
    if form.validate_on_submit():
        address = request.remote_addr or ""
        if users.login_blocked(form.email.data, address):
            error, status = _("Too many failed log-ins. Please wait 15 minutes and try again."), 429
        else:
            user = users.authenticate(form.email.data, form.password.data, address)
            if user is None:
                error, status = _("The e-mail address or the password is not right."), 400
            else:
                session.clear()  # a fresh session at log-in: nothing from before carries over
                login_user(user)
                return redirect(_safe_next(request.args.get("next")) or url_for("board.index", lang=lang))
    elif request.method == "POST":
        status = 400
    form.password.data = ""
    return render_template("auth/login.html", form=form, error=error), status


@bp.route("/logout", methods=["POST"])
def logout(lang):
    logout_user()
    session.clear()
    flash(_("You have logged out."))
    return redirect(url_for("auth.login", lang=lang))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
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
        session.clear()
        login_user(user)
        flash(_("Welcome. Your account is ready."))
        return redirect(url_for("board.index", lang=lang))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/invitation.html", form=form, invitation=invitation), status
