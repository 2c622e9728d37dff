"""`flask board ...` (registry, scheduled escalation and reminders, demo) and `flask outbox`."""
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from . import notify, registry
from . import requests as staffing

board_cli = AppGroup("board", help="The coordination board.")


def _print_report(report):
    click.echo(f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, "
               f"rejected {len(report.rejected)}")
    for block in report.new_blocks:
        click.echo(f"new block: {block}")
    for line, jurisdiction, reason in report.rejected:
        click.echo(f"rejected line {line} ({jurisdiction or '?'}): {reason}", err=True)


@board_cli.command("seed")
def seed_command():
    """Load the bundled associations and blocks into an empty registry.

    Example: flask --app wsgi board seed
    """
    report = registry.seed()
    if report is None:
        click.echo("The registry already has associations; nothing changed.")
    else:
        _print_report(report)


@board_cli.command("registry-import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
def registry_import_command(csv_file):
    """Add or update associations from a CSV file; every rejected row is listed.

    Example: flask --app wsgi board registry-import associations.csv
    """
    try:
        _print_report(registry.import_csv(Path(csv_file).read_text(encoding="utf-8")))
    except ValueError as error:
        raise click.ClickException(str(error)) from None


@board_cli.command("registry-export")
def registry_export_command():
    """Print the registry as CSV (the same columns the import reads).

    Example: flask --app wsgi board registry-export > associations.csv
    """
    sys.stdout.write(registry.export_csv().lstrip("\ufeff"))


@board_cli.command("escalate-overdue")
def escalate_overdue_command():
    """Send block requests whose deadline passed unfilled to all blocks (run it every few minutes from cron).

    Each gets a new answer deadline 48 hours ahead, so other blocks never see one already passed.

    Example: flask --app wsgi board escalate-overdue
    """
    escalated = staffing.escalate_overdue_requests()
    for request in escalated:
        click.echo(f"escalated request {request.id}: {request.association_name} / {request.site_name}")
    click.echo(f"{len(escalated)} request(s) escalated")


@board_cli.command("remind-deadlines")
@click.option("--hours", default=24, show_default=True, help="Warn when the deadline is closer than this.")
def remind_deadlines_command(hours):
    """Mail requesters once when an unfilled request's deadline is near (run it from cron).

    Example: flask --app wsgi board remind-deadlines --hours 24
    """
    click.echo(f"{len(staffing.remind_deadlines(hours))} reminder(s) queued")


@board_cli.command("demo")
def demo_command():
    """Load a realistic exercise scenario: an earthquake, a support center, three requests, offers, an escalation.

    Example: flask --app wsgi board demo
    """
    from ..db import require_schema
    from .demo import load_demo

    require_schema()
    for line in load_demo():
        click.echo(line)


@click.command("outbox")
@click.option("--send", is_flag=True, help="Send unsent mails through the configured SMTP server.")
@click.option("--all", "show_all", is_flag=True, help="Also list mails already sent.")
@with_appcontext
def outbox_command(send, show_all):
    """Print the notification outbox (development), or send it with --send.

    Example: flask --app wsgi outbox --send
    """
    config = current_app.config
    if send:
        if not config["SMTP_HOST"]:
            raise click.ClickException("Set DISASTER_SUPPORT_SMTP_HOST to send mail; the outbox keeps them until then.")
        sent, failed = notify.send_pending(config)
        click.echo(f"sent {sent}, failed {failed}")
        return
    mails = notify.notifications(unsent_only=not show_all, limit=10_000)
    for mail in reversed(mails):
        click.echo(f"--- #{mail['id']} {mail['created_at']} {mail['kind']} to {mail['email']}"
                   f"{' (sent ' + mail['sent_at'] + ')' if mail['sent_at'] else ''}")
        click.echo(f"Subject: {mail['subject']}\n\n{mail['body']}\n")
    click.echo(f"{len(mails)} mail(s)")
