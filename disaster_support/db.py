"""One sqlite-utils connection per request, in WAL mode, closed at teardown; `flask db` commands.

Writing has one rule: every write runs inside `write(db)`, an immediate transaction. A connection refuses
INSERT, UPDATE and DELETE outside it, so a write path that bypasses the rule fails in the tests at once.
"""
import contextlib
import datetime
import os
import sqlite3
from pathlib import Path

import click
from flask import current_app, g, has_request_context
from flask.cli import AppGroup
from sqlite_utils import Database

from .migrations import migrations


WRITE_ACTIONS = {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE}


# SQLite's answers that mean "the storage cannot take this write now", not "the program is wrong".
STORAGE_FAILURES = {"SQLITE_FULL": "disk full", "SQLITE_READONLY": "read-only", "SQLITE_IOERR": "I/O error",
                    "SQLITE_CANTOPEN": "cannot open", "SQLITE_BUSY": "busy", "SQLITE_LOCKED": "busy"}


class NotSaved(Exception):
    """A write failed for a reason outside the program (disk full, read-only, I/O error, busy): nothing was saved."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


# The last write of this process that the storage refused; /healthz reports it until a write succeeds again.
last_write_failure = {}


def _raise_if_storage_failure(error):
    """NotSaved (remembered for /healthz) when `error` is the storage refusing to work, not a program error."""
    name = getattr(error, "sqlite_errorname", "") or ""
    for prefix, reason in STORAGE_FAILURES.items():
        if name.startswith(prefix):
            last_write_failure.update(at=datetime.datetime.now(datetime.timezone.utc), reason=reason)
            raise NotSaved(reason) from error


def connect(path):
    """Open the database file with the settings every connection needs; it refuses writes outside `write(db)`."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    _create_private(path)
    conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    db = Database(conn)
    db.write_depth = 0
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 10000")
        if db.journal_mode != "wal":
            db.enable_wal()
    except sqlite3.Error as error:
        conn.close()
        _raise_if_storage_failure(error)
        raise
    conn.set_authorizer(_write_guard(db))
    return db


def _create_private(path):
    """Create the database file readable by its owner only (0600); SQLite gives its -wal and -shm files the
    same mode. The file holds password hashes and personal data."""
    if str(path) == ":memory:" or Path(path).exists():
        return
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass


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
        _keep_wal_open(current_app)
    return g.db


def _keep_wal_open(app):
    """One idle connection per process keeps the -wal and -shm files in place (SQLite deletes them when the
    last connection closes), so that on a full disk new requests can still open the database and read."""
    if app.extensions.get("db_keeper") is None and Path(app.config["DATABASE"]).exists():
        try:
            keeper = sqlite3.connect(app.config["DATABASE"], check_same_thread=False)
            keeper.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            return  # tried again on the next request
        app.extensions["db_keeper"] = keeper


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
    if has_request_context() and g.get("showing_form_again"):  # see errors.handlers.not_saved
        raise NotSaved(g.showing_form_again)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.write_depth = 1
        yield db
        db.write_depth = 0
        db.execute("COMMIT")
    except BaseException as error:
        db.write_depth = 0
        if db.conn.in_transaction:
            db.conn.rollback()
        _raise_if_storage_failure(error)
        raise
    last_write_failure.clear()


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


def require_schema():
    """For commands that need the tables: a clear error, not a traceback, on a database never migrated."""
    pending = pending_migrations(get_db())
    if pending:
        raise click.ClickException(f"The database is not set up yet ({len(pending)} migration(s) pending). "
                                   "Run `flask --app wsgi db migrate` first.")


db_cli = AppGroup("db", help="Database commands.")


@db_cli.command("migrate")
def migrate_command():
    """Apply pending schema migrations (never drops data).

    Example: flask --app wsgi db migrate
    """
    path = current_app.config["DATABASE"]
    db = connect(path)
    try:
        applied = migrate(db)
    finally:
        db.close()
    for name in (path, f"{path}-wal", f"{path}-shm"):  # installations made before files were created 0600
        if Path(name).exists():
            os.chmod(name, 0o600)
    click.echo(f"Applied {len(applied)} migration(s): {', '.join(applied) or 'none pending'}")
    from .living.search_index import ensure_index  # the first search of a fresh worker must not build it

    click.echo(f"Search index: {ensure_index(current_app.instance_path)}")


@db_cli.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False, writable=True))
def backup_command(destination):
    """Copy the live database to DESTINATION with SQLite's online backup.

    Example: flask --app wsgi db backup /var/backups/disaster_support-2026-11-23.sqlite3
    """
    if Path(destination).exists():
        raise click.ClickException(f"{destination} exists; choose a new file name (nothing is overwritten).")
    _create_private(destination)  # the copy holds password hashes too: readable by its owner only
    source = sqlite3.connect(current_app.config["DATABASE"])
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    click.echo(f"Backed up to {destination}")


def init_app(app):
    _keep_wal_open(app)
    app.teardown_appcontext(close_db)
    app.cli.add_command(db_cli)
