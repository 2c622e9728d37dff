"""Operations: flask doctor, /healthz, error pages, CLI help."""
import click
import pytest

from disaster_support.i18n import CODES


def test_doctor_passes_on_a_set_up_machine(runner):
    result = runner.invoke(args=["doctor"])
    assert result.exit_code == 0, result.output
    for family in ("Noto Sans CJK KR", "Noto Sans Myanmar", "Noto Sans Thai", "Noto Sans Devanagari"):
        assert f"[ok  ] font: {family}" in result.output
    assert "[ok  ] harfbuzz-subset" in result.output


def test_doctor_fails_loudly_on_an_unmigrated_database(runner, app, tmp_path):
    app.config["DATABASE"] = str(tmp_path / "empty.sqlite3")
    result = runner.invoke(args=["doctor"])
    assert result.exit_code == 1
    assert "[FAIL] database" in result.output
    assert "fix: flask --app wsgi db migrate" in result.output


def test_healthz_reports_database_and_pdf(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["database"]["ok"] is True
    assert response.json["pdf"]["checks"]["harfbuzz-subset"]["ok"] is True


def test_healthz_degraded_when_database_is_behind(client, app, tmp_path):
    app.config["DATABASE"] = str(tmp_path / "behind.sqlite3")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "degraded"


@pytest.mark.parametrize("code", CODES)
def test_server_error_page_is_localized(app, code):
    @app.route("/<lang:lang>/boom")
    def boom(lang):
        raise RuntimeError("boom")

    response = app.test_client().get(f"/{code}/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "RuntimeError" not in page
    if code != "en":
        assert "The server had a problem" not in page
    else:
        assert "The server had a problem" in page


def test_every_cli_command_has_help_with_an_example(app):
    def walk(group, prefix):
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                yield from walk(command, f"{prefix}{name} ")
            else:
                yield f"{prefix}{name}", command

    ours = [(name, cmd) for name, cmd in walk(app.cli, "") if cmd.callback.__module__.startswith("disaster_support")]
    assert ours
    for name, command in ours:
        assert command.help and "Example:" in command.help, name


def test_demo_loads_printed_sheets_once(runner, client):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    scan = next(line.split()[-1] for line in first.output.splitlines() if "QR page" in line)
    assert client.get(scan.removeprefix("http://127.0.0.1:5000")).status_code == 302
    assert "already present" in runner.invoke(args=["demo"]).output
