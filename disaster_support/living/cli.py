"""`flask living check`: missing, outdated and mis-structured translations of the chapters."""
import click
from flask.cli import AppGroup

from ..i18n import LANGUAGES
from .content import CHAPTERS, structure_problems, translation_state

living_cli = AppGroup("living", help="Living-information content.")


@living_cli.command("check")
@click.option("--strict", is_flag=True, help="Also fail on outdated translations.")
def check(strict):
    """List chapters that are missing, outdated (Japanese source changed) or structured differently from
    the Japanese source; exits 1 on missing or mis-structured chapters (and outdated ones with --strict).

    Example: flask --app wsgi living check
    """
    failing, outdated = [], []
    for language in LANGUAGES:
        for chapter_id in CHAPTERS:
            state = translation_state(chapter_id, language.code)
            if state == "missing":
                failing.append(f"missing: {chapter_id} [{language.code}]")
            elif state == "outdated":
                outdated.append(f"outdated: {chapter_id} [{language.code}]")
    failing.extend(structure_problems())
    for line in failing + outdated:
        click.echo(line)
    if failing or (strict and outdated):
        raise SystemExit(1)
    click.echo(f"All {len(CHAPTERS)} chapters present in {len(LANGUAGES)} languages"
               + (f"; {len(outdated)} outdated." if outdated else "; none outdated."))


@living_cli.command("index")
def index_command():
    """Build the search index file of all chapters (done by `flask db migrate` too; needed after editing
    chapters only when workers keep running).

    Example: flask --app wsgi living index
    """
    from flask import current_app

    from .search_index import build_index

    click.echo(f"Search index: {build_index(current_app.instance_path)}")
