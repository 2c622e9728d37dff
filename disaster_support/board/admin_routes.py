"""Board pages for the secretariat (overview, registry, invitations) and for everyone (outbox, CSV exports)."""
import functools

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth import users
from ..security import form_page
from . import bp, notify, registry, reports
from .requests import all_requests
from .forms import ChairForm, InvitationForm, RegistryImportForm


def secretariat_only(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_secretariat:
            abort(403)
        return view(*args, **kwargs)
    return wrapped


def _csv_response(text, filename):
    return Response(text, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/overview")
@secretariat_only
def overview(lang):
    return render_template("board/overview.html", blocks=reports.block_overview(),
                           overdue=[r for r in all_requests() if r.overdue])


def _registry_page(import_form, report=None, status=200):
    chair_forms = {}
    for block in registry.blocks():
        form = ChairForm(prefix=f"b{block['id']}", data={"association": block["chair_association_id"]})
        form.association.choices = [(a["id"], a["name_ja"]) for a in registry.associations(block["id"])]
        chair_forms[block["id"]] = form
    return render_template("board/registry.html", blocks=registry.blocks(), associations=registry.associations(),
                           chair_forms=chair_forms, import_form=import_form, report=report), status


@bp.route("/registry")
@secretariat_only
def registry_page(lang):
    return _registry_page(RegistryImportForm())


@bp.route("/registry.csv")
@secretariat_only
def registry_csv(lang):
    return _csv_response(registry.export_csv(), "associations.csv")


@bp.route("/registry/import", methods=["POST"])
@secretariat_only
@form_page
def registry_import(lang):
    form = RegistryImportForm()
    if not form.validate_on_submit():
        return _registry_page(form, status=400)
    try:
        text = form.file.data.read().decode("utf-8")
    except UnicodeDecodeError:
        form.file.errors = [_("The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”.")]
        return _registry_page(form, status=400)
    try:
        report = registry.import_csv(text, current_user)
    except ValueError as error:  # the header lacks a required column: nothing was imported
        form.file.errors = [str(error)]
        return _registry_page(form, status=400)
    return _registry_page(RegistryImportForm(), report=report)


@bp.route("/registry/blocks/<int:block_id>/chair", methods=["POST"])
@secretariat_only
def set_chair(lang, block_id):
    form = ChairForm(prefix=f"b{block_id}")
    form.association.choices = [(a["id"], a["name_ja"]) for a in registry.associations(block_id)]
    if not form.validate_on_submit():
        abort(400)
    registry.set_chair(block_id, form.association.data, current_user)
    flash(_("The chair association is saved."))
    return redirect(url_for("board.registry_page", lang=lang))


@bp.route("/invitations", methods=["GET", "POST"])
@secretariat_only
@form_page
def invitations(lang):
    form = InvitationForm()
    form.association.choices = [(a["id"], f'{a["jurisdiction"]} — {a["name_ja"]}') for a in registry.associations()]
    link = None
    if form.validate_on_submit():
        try:
            token = users.create_invitation(form.email.data, form.role.data, form.association.data, current_user.id)
        except users.AccountError:
            form.email.errors = [_("This e-mail address already has an account.")]
        else:
            with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
                link = url_for("auth.accept_invitation", lang=lang, token=token, _external=True)
            notify.invitation(form.email.data, lang, link, current_user)
            form = InvitationForm(formdata=None)
            form.association.choices = [(a["id"], f'{a["jurisdiction"]} — {a["name_ja"]}')
                                        for a in registry.associations()]
    status = 400 if form.errors else 200
    return render_template("board/invitations.html", form=form, link=link,
                           pending=users.pending_invitations()), status


@bp.route("/notifications")
def notifications(lang):
    mine = notify.notifications(current_user)
    everyone = notify.notifications() if current_user.is_secretariat else None
    return render_template("board/notifications.html", mine=mine, everyone=everyone)


EXPORTS = {"requests": reports.requests_csv, "offers": reports.offers_csv, "dispatches": reports.dispatches_csv}


@bp.route("/export/<any(requests, offers, dispatches):kind>.csv")
def export(lang, kind):
    """The requests, offers or dispatches this user can see, as CSV."""
    return _csv_response(EXPORTS[kind](current_user), f"{kind}.csv")
