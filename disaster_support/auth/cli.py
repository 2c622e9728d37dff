"""`flask users`: create and list accounts from the command line."""
import click
from flask.cli import AppGroup

from ..db import get_db
from . import users

users_cli = AppGroup("users", help="Board accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="Full name shown on the board.")
@click.option("--role", type=click.Choice(users.ROLES), default="coordinator", show_default=True)
@click.option("--association", "jurisdiction", required=True,
              help="Jurisdiction of the user's association as in the registry, e.g. 石川県 or 札幌市.")
@click.option("--language", default="ja", show_default=True, help="Language of the user's e-mails (URL code).")
@click.password_option(help="At least 12 characters; asked for when not given.")
def create_command(email, name, role, jurisdiction, language, password):
    """Create a board account.

    Example: flask --app wsgi users create chair@example.jp --name "山田 花子" --role coordinator --association 石川県
    """
    row = get_db().execute("select id from association where jurisdiction = ?", [jurisdiction]).fetchone()
    if row is None:
        raise click.ClickException(f"No association for {jurisdiction!r}; see `flask board registry-export`.")
    try:
        user = users.create_user(email, name, role, row[0], password, language)
    except users.AccountError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Created {user.email} ({user.role}, {user.association_name})")


@users_cli.command("list")
def list_command():
    """List active accounts with role and association.

    Example: flask --app wsgi users list
    """
    for user in users.users_of(None, roles=users.ROLES):
        click.echo(f"{user.email}\t{user.role}{' (chair)' if user.is_chair else ''}\t{user.association_name}")


@users_cli.command("reviewer")
@click.argument("email")
@click.option("--languages", required=True,
              help="Comma-separated URL codes the account may review (e.g. ko,th); 'none' to stop.")
def reviewer_command(email, languages):
    """Let an account review translations in the given languages (fluent readers).

    Example: flask --app wsgi users reviewer reader@example.jp --languages ko,ja-easy
    """
    from ..i18n import CODES
    from ..review.store import set_reviewer_languages

    codes = [] if languages.strip() == "none" else [code.strip() for code in languages.split(",") if code.strip()]
    unknown = [code for code in codes if code not in CODES or code == "ja"]
    if unknown:
        raise click.ClickException(f"Not a translated language: {', '.join(unknown)}")
    if not set_reviewer_languages(users.normalize_email(email), codes):
        raise click.ClickException(f"No account {email}")
    click.echo(f"{email} reviews: {', '.join(codes) or 'nothing'}")
