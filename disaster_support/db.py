"""One sqlite-utils connection per request, in WAL mode, closed at teardown; `flask db` commands.

Writing has one rule: every write runs inside `write(db)`, an immediate transaction. A connection refuses
INSERT, UPDATE and DELETE outside it, so a write path that bypasses the rule fails in the tests at once.
"""
import contextlib
import sqlite3
from pathlib import Path

import click
from flask import current_app, g
from flask.cli import AppGroup
from sqlite_utils import Database

from .migrations import migrations


WRITE_ACTIONS = {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE}


class WriteOutsideTransaction(sqlite3.DatabaseError):
    """A write was attempted outside `write(db)`: a programming error, never a user's."""


def connect(path, guarded=True):
    """Open the database file with the settings every connection needs.

    A guarded connection (the default) refuses writes outside `write(db)`; only migrations open unguarded ones.
    """
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    db = Database(conn)
    db.write_depth = 0
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 10000")
    if db.journal_mode != "wal":
        db.enable_wal()
    if guarded:
        conn.set_authorizer(_write_guard(db))
    return db


def _write_guard(db):
    def authorize(action, table, _column, _database, trigger):
        if action in WRITE_ACTIONS and db.write_depth == 0 and not (table or "").startswith("sqlite_"):
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK
    return authorize


def get_db():
    """The request's database connection, opened on first use."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


@contextlib.contextmanager
def write(db=None):
    """The one way to write: an immediate transaction, which takes the write lock at BEGIN.

    What it reads stays true until COMMIT, so two people acting at once queue here (up to the busy timeout)
    instead of one of them failing with "database is locked" or both counting the same free place.
    Nested calls join the outer transaction. Yields the connection.
    """
    db = get_db() if db is None else db
    if db.write_depth:  # nested: a savepoint inside the outer transaction
        db.write_depth += 1
        try:
            with db.atomic():
                yield db
        finally:
            db.write_depth -= 1
        return
    db.execute("BEGIN IMMEDIATE")
    db.write_depth = 1
    try:
        yield db
    except BaseException:
        db.write_depth = 0
        if db.conn.in_transaction:
            db.conn.rollback()
        raise
    db.write_depth = 0
    try:
        db.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise


def close_db(_error=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def migrate(db):
    """Apply pending migrations; returns the names applied."""
    with write(db):  # all pending migrations, or none
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
