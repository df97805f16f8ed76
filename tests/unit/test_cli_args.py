"""The common options (--data-dir, --json, --lang, --user) count before or after the command."""

from __future__ import annotations

import pytest

from desktop_app.cli import parse


@pytest.mark.parametrize("argv", [
    ["--data-dir", "/office", "--json", "--lang", "ru", "iin", "880402300116"],
    ["iin", "880402300116", "--data-dir", "/office", "--json", "--lang", "ru"],
    ["--data-dir", "/office", "iin", "880402300116", "--json", "--lang", "ru"],
])
def test_common_options_anywhere(argv):
    args = parse(argv)
    assert (args.data_dir, args.json, args.lang) == ("/office", True, "ru")


def test_defaults_when_not_given():
    args = parse(["iin", "880402300116"])
    assert (args.data_dir, args.json, args.lang, args.user) == (None, False, None, None)


def test_the_console_program_without_arguments_prints_help_on_windows_and_linux(
        monkeypatch, capsys):
    """Windows: akimat-desk-cli.exe of its own; Linux: akimat-desk-cli, a link to akimat-desk
    (sys.executable is the link's target, argv[0] the name typed)."""
    import sys

    import pytest

    from desktop_app import __main__ as entry

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    for executable, argv0 in (("C:/Program/akimat-desk-cli.exe", "akimat-desk-cli"),
                              ("/opt/akimat-desk/akimat-desk", "/opt/akimat-desk/akimat-desk-cli")):
        monkeypatch.setattr(sys, "executable", executable)
        monkeypatch.setattr(sys, "argv", [argv0])
        with pytest.raises(SystemExit) as done:
            entry.main()
        assert done.value.code == 0
        assert "usage: akimat-desk" in capsys.readouterr().out
