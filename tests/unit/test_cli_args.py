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
