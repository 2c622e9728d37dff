"""One sqlite-utils connection per request, in WAL mode, closed at teardown; `flask db` commands."""
import contextlib
import sqlite3
from pathlib import Path

import click
from flask import current_app, g
from flask.cli import AppGroup
from sqlite_utils import Database

from .migrations import migrations


def connect(path):
    """Open the database file with the settings every connection needs."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 10000")
    if db.journal_mode != "wal":
        db.enable_wal()
    return db


def get_db():
    """The request's database connection, opened on first use."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


@contextlib.contextmanager
def immediate(db):
    """A write transaction that takes the write lock at BEGIN, so what it reads stays true until COMMIT.

    Two coordinators accepting at the same moment queue here instead of both counting free places.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.execute("COMMIT")


def close_db(_error=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def migrate(db):
    """Apply pending migrations; returns the names applied."""
    pending = [m.name for m in migrations.pending(db)]
    migrations.apply(db)
    return pending


def pending_migrations(db):
    return [m.name for m in migrations.pending(db)]


db_cli = AppGroup("db", help="Database commands.")


@db_cli.command("migrate")
def migrate_command():
    """Apply pending schema migrations (never drops data).

    Example: flask --app wsgi db migrate
    """
    db = connect(current_app.config["DATABASE"])
    try:
        applied = migrate(db)
    finally:
        db.close()
    click.echo(f"Applied {len(applied)} migration(s): {', '.join(applied) or 'none pending'}")


@db_cli.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False, writable=True))
def backup_command(destination):
    """Copy the live database to DESTINATION with SQLite's online backup.

    Example: flask --app wsgi db backup /var/backups/disaster_support-2026-11-23.sqlite3
    """
    if Path(destination).exists():
        raise click.ClickException(f"{destination} exists; choose a new file name (nothing is overwritten).")
    source = sqlite3.connect(current_app.config["DATABASE"])
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    click.echo(f"Backed up to {destination}")


def init_app(app):
    app.teardown_appcontext(close_db)
    app.cli.add_command(db_cli)
