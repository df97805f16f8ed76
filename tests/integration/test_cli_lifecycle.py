"""`application ...`, `household show` and `today` as a person runs them: real processes on a
real demo office; each action changes the file, each refusal is one line and changes nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.integration.test_cli import run


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli-lifecycle")
    run("demo", "--households", "40", "--data-dir", str(folder), "--json")
    return folder


def _j(*args: str) -> dict:
    return json.loads(run(*args, "--json").stdout)


def _status(folder: Path, reg_no: str) -> str:
    with sqlite3.connect(folder / "akimat.sqlite3") as db:
        return db.execute("SELECT status FROM applications WHERE reg_no = ?",
                          [reg_no]).fetchone()[0]


def test_today_lists_and_application_show(office):
    day = _j("today", "--data-dir", str(office))
    assert {"overdue", "due_soon", "incomplete", "to_hand_over", "inspections", "next_trip",
            "before_trip", "unacknowledged_batches", "parameters", "backup_age_days"} <= set(day)
    reg = day["incomplete"][0]["reg_no"]
    shown = _j("application", "show", reg, "--data-dir", str(office))
    assert shown["status_code"] == "incomplete" and shown["history"][0]["to"] == "incomplete"
    assert any(c["presented"] == "missing" for c in shown["checklist"])


def test_complete_withdraw_void_from_the_command_line(office, tmp_path):
    day = _j("today", "--data-dir", str(office))
    reg = day["incomplete"][0]["reg_no"]
    shown = _j("application", "show", reg, "--data-dir", str(office))
    missing = [c["document"] for c in shown["checklist"]
               if c["presented"] == "missing" and c["required"]]
    args = [a for d in missing for a in ("--document", d)]
    done = _j("application", "complete", reg, *args, "--data-dir", str(office))
    assert done["status"] == "registered" and done["still_missing"] == []
    again = run("application", "complete", reg, *args, "--data-dir", str(office), ok=False)
    assert again.returncode == 1 and len(again.stderr.strip().splitlines()) == 1
    receipt = tmp_path / "r.pdf"
    run("print", "receipt", reg, "--out", str(receipt), "--data-dir", str(office))
    assert receipt.read_bytes().startswith(b"%PDF")

    run("application", "withdraw", reg, "--reason", "Азаматтың өтініші", "--requested-on",
        "2020-01-01", "--data-dir", str(office), ok=False)
    assert _status(office, reg) == "registered"
    today = _j("today", "--data-dir", str(office))["day"]
    run("application", "withdraw", reg, "--reason", "Азаматтың өтініші", "--requested-on",
        today, "--data-dir", str(office))
    assert _status(office, reg) == "withdrawn"
    refused = run("--lang", "ru", "application", "void", reg, "--reason", "ошибка",
                  "--data-dir", str(office), ok=False)
    assert "отозвано" in refused.stderr


def test_household_show_lists_members_and_history(office):
    day = _j("today", "--data-dir", str(office))
    with sqlite3.connect(office / "akimat.sqlite3") as db:
        iin = db.execute("SELECT iin FROM persons WHERE household_id IS NOT NULL AND iin IS NOT"
                         " NULL LIMIT 1").fetchone()[0]
    out = _j("household", "show", iin, "--data-dir", str(office))
    assert out["members"] and any(m["iin"] == iin for m in out["members"])
    assert isinstance(out["history"], list) and day["day"]
    bad = run("household", "show", "000000000000", "--data-dir", str(office), ok=False)
    assert bad.returncode == 1


def test_correct_from_the_command_line_needs_a_reason(office):
    day = _j("today", "--data-dir", str(office))
    with sqlite3.connect(office / "akimat.sqlite3") as db:
        reg = db.execute("SELECT reg_no FROM applications WHERE status = 'registered'"
                         " ORDER BY id LIMIT 1").fetchone()[0]
    refused = run("application", "correct", reg, "--phone", "+7 701 111 2233",
                  "--data-dir", str(office), ok=False)
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    run("application", "correct", reg, "--phone", "+7 701 111 2233", "--reason",
        "Телефон қате жазылған", "--data-dir", str(office))
    shown = _j("application", "show", reg, "--data-dir", str(office))
    last = shown["history"][-1]
    assert last["details"]["person"]["phone"][1] == "+7 701 111 2233" and day["day"]
