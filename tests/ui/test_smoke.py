"""The smoke run that CI runs inside the bundle, run here from source: every demo account signs
in through the dialog, every page it sees opens in the real main window, one paper renders."""

from __future__ import annotations

from desktop_app import cli
from desktop_app.ui.smoke import run_smoke


def test_smoke_run_from_source(qapp, capsys):
    lines: list[str] = []
    assert run_smoke(lines.append) == 0, capsys.readouterr().err
    assert lines[-1] == "smoke test ok"
    signed = [line for line in lines if line.startswith("signed in as ")]
    assert {line.split(":")[0].rsplit(" ", 1)[1] for line in signed} == {
        "akim", "specialist", "admin"}
    assert any("today" in line and "settings" in line for line in signed)
    assert any(line.startswith("paper rendered: ") for line in lines)


def test_smoke_flag_is_hidden_but_parsed():
    assert cli.parse(["--smoke-test"]).smoke_test
    assert "--smoke-test" not in cli.build_parser().format_help()


def test_the_application_has_its_icon(qapp):
    from desktop_app.paths import app_icon
    from desktop_app.ui.app import _application

    assert all(app_icon(size).is_file() for size in (16, 32, 48, 64, 128, 256))
    assert not _application().windowIcon().isNull()
