"""The `lp` job for a paper: 100 % on A4, pages and copies as chosen, landscape asked for only
when every chosen page is landscape; a queue that refuses is a clear error; no `lp` on Windows."""

from __future__ import annotations

import subprocess

import pytest

from desktop_app.domain.errors import AppError
from desktop_app.services import printing


def _job(**kw):
    base = dict(printer="Office", title="Receipt", landscape=(False, False, True, True))
    return printing.PrintJob(**{**base, **kw})


def test_lp_command_prints_at_100_percent_on_a4():
    cmd = printing.lp_command("/tmp/x.pdf", _job(copies=2))
    assert cmd[:3] == ["lp", "-d", "Office"]
    assert "media=A4" in cmd and "print-scaling=none" in cmd
    assert cmd[cmd.index("-n") + 1] == "2"
    assert "orientation-requested=4" not in cmd    # mixed: CUPS turns each page itself
    assert cmd[-2:] == ["--", "/tmp/x.pdf"]
    assert not any("fit" in c for c in cmd)


def test_landscape_only_pages_ask_for_landscape():
    cmd = printing.lp_command("/tmp/x.pdf", _job(pages=(3, 4)))
    assert cmd[cmd.index("-P") + 1] == "3-4"
    assert "orientation-requested=4" in cmd
    assert printing.chosen_pages(_job(pages=(3, 9))) == [2, 3]


def test_refusal_is_a_clear_error():
    def run(cmd, **kw):
        return subprocess.CompletedProcess(cmd, 1, "", "lp: The printer or class does not exist.")

    with pytest.raises(AppError) as err:
        printing.send_pdf(b"%PDF-1.4", _job(), run=run)
    assert err.value.code == "print_failed"
    assert "does not exist" in err.value.message() and "Office" in err.value.message()


def test_request_id_is_returned_and_the_file_was_there():
    seen = {}

    def run(cmd, **kw):
        with open(cmd[-1], "rb") as fh:
            seen["data"] = fh.read()
        return subprocess.CompletedProcess(cmd, 0, "request id is Office-7 (1 file(s))\n", "")

    assert printing.send_pdf(b"%PDF-1.4 x", _job(), run=run) == "Office-7"
    assert seen["data"] == b"%PDF-1.4 x"


def test_windows_draws_instead():
    assert not printing.cups_available(windows=True)
