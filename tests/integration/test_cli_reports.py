"""`akimat-desk report summary` as a person runs it, on a copy of the demo village: the three file
kinds, --json, and a clear one-line refusal of a wrong file name or date."""

from __future__ import annotations

import json
import shutil

from openpyxl import load_workbook

from tests.integration.test_cli import run


def test_report_summary(_template_dirs, tmp_path):
    village = tmp_path / "village"
    shutil.copytree(_template_dirs["demo"], village)
    out = json.loads(run("report", "summary", "--from", "2026-01-01", "--to", "2026-12-31",
                         "--out", str(tmp_path / "year.xlsx"), "--data-dir", str(village),
                         "--json", "--lang", "ru").stdout)
    assert out["ok"] and out["mode"] == "village" and out["by"] == "service"
    total = out["rows"][-1]
    assert total["service"] == "" and total["received"] == sum(
        r["received"] for r in out["rows"][:-1]) > 0
    ws = load_workbook(tmp_path / "year.xlsx")["Сводка"]
    assert ws.cell(4 + len(out["rows"]), 1).value == "Все услуги"
    assert ws.cell(4 + len(out["rows"]), 2).value == total["received"]
    for kind in ("csv", "pdf"):
        plain = run("report", "summary", "--from", "2026-01-01", "--to", "2026-12-31",
                    "--service", "tsa", "--out", str(tmp_path / f"tsa.{kind}"),
                    "--data-dir", str(village)).stdout
        assert "received:" in plain and (tmp_path / f"tsa.{kind}").stat().st_size > 0
    bad = run("report", "summary", "--from", "2026-01-01", "--to", "2026-12-31", "--out",
              str(tmp_path / "year.docx"), "--data-dir", str(village), ok=False)
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1
    bad = run("report", "summary", "--from", "2026-13-01", "--to", "2026-12-31", "--out",
              str(tmp_path / "x.csv"), "--data-dir", str(village), ok=False)
    assert bad.returncode == 1 and "2026-13-01" in bad.stderr
