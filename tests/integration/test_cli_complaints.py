"""`akimat-desk complaint add` and `complaint review` as a person runs them, on a copy of the demo
village: the review stored for indicators 4.1 and 4.2, and one-line refusals."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3

from tests.integration.test_cli import run


def test_complaint_add_then_review(_template_dirs, tmp_path):
    village = tmp_path / "village"
    shutil.copytree(_template_dirs["demo"], village)
    common = ("--data-dir", str(village))
    added = json.loads(run("complaint", "add", "--name", "Сәрсенова Айгүл", "--subject",
                           "Жауап кешікті", *common, "--json").stdout)
    number = added["reg_no"]

    def stored():
        with sqlite3.connect(village / "akimat.sqlite3") as db:
            return db.execute("SELECT justified, reviewed_on, outcome FROM complaints"
                              " WHERE reg_no = ?", [number]).fetchone()

    assert stored() == (None, None, "")
    # refused, each in one line, nothing stored: no verdict, a day to come, a role that may not
    for args in (("--outcome", "x"),
                 ("--justified", "yes", "--on", "01.01.2099"),
                 ("--justified", "yes", "--on", "31.02.2026"),
                 ("--justified", "no", "--user", "admin")):
        bad = run("complaint", "review", number, *args, *common, "--lang", "ru", ok=False)
        assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1, bad.stderr
    assert "роль" in bad.stderr and stored() == (None, None, "")      # the role is named
    unknown = run("complaint", "review", "NO-SUCH-C1", "--justified", "no", *common, ok=False)
    assert unknown.returncode == 1 and "NO-SUCH-C1" in unknown.stderr

    today = dt.date.today()      # the CLI runs on the computer's clock
    out = json.loads(run("complaint", "review", number, "--justified", "yes", "--on",
                         today.strftime("%d.%m.%Y"), "--outcome", "Анықтама қайта берілді",
                         *common, "--json").stdout)
    assert out["ok"] and out["justified"] is True and out["reviewed_on"] == today.isoformat()
    assert stored() == (1, today.isoformat(), "Анықтама қайта берілді")
    # corrected: not justified after all, reviewed today by default
    run("complaint", "review", number, "--justified", "no", *common)
    assert stored() == (0, today.isoformat(), "")
