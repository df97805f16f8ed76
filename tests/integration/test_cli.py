"""The CLI as a person runs it: real processes, a real data folder, real PDFs; exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "desktop_app", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    if ok:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_iin_valid_and_invalid():
    out = json.loads(run("iin", "880402300116", "--json").stdout)
    assert out["birth_date"] == "1988-04-02" and out["sex"] == "M"
    bad = run("iin", "880402300117", ok=False)
    assert bad.returncode == 1
    assert len(bad.stderr.strip().splitlines()) == 1


def test_deadline_and_catalogue():
    out = json.loads(run("deadline", "tsa", "--accepted", "2026-11-18T10:30", "--json").stdout)
    assert out["decision_due"] == "2026-12-18" and out["forward_by"] == "2026-11-23"
    listed = json.loads(run("catalog", "list", "--json").stdout)["services"]
    assert {"tsa", "child_benefit", "fuel_assistance", "tsa_certificate",
            "residence_certificate", "family_composition_certificate"} <= {s["id"] for s in listed}
    assert run("catalog", "check").returncode == 0
    assert run("deadline", "tsa", "--accepted", "yesterday", ok=False).returncode == 1
    assert run("deadline", "no_such_service", "--accepted", "2026-11-18T10:00",
               ok=False).returncode == 1


@pytest.fixture(scope="module")
def village(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli-office")
    out = json.loads(run("demo", "--households", "6", "--data-dir", str(folder), "--json").stdout)
    assert out["households"] == 6
    return folder


def test_print_receipt_and_certificates(village, tmp_path):
    import sqlite3

    db = sqlite3.connect(village / "akimat.sqlite3")
    reg_no, iin, surname = db.execute(
        "SELECT a.reg_no, p.iin, p.surname FROM applications a JOIN persons p"
        " ON p.id = a.applicant_id LIMIT 1").fetchone()
    db.close()
    receipt = tmp_path / "receipt.pdf"
    run("print", "receipt", reg_no, "--out", str(receipt), "--data-dir", str(village))
    text = "".join(p.extract_text() for p in PdfReader(receipt).pages)
    assert reg_no in text and surname in text
    for kind in ("residence", "family_composition"):
        out = tmp_path / f"{kind}.pdf"
        res = json.loads(run("print", "certificate", kind, "--iin", iin, "--out", str(out),
                             "--data-dir", str(village), "--json", "--lang", "ru").stdout)
        assert res["reg_no"] in "".join(p.extract_text() for p in PdfReader(out).pages)
    missing = run("print", "receipt", "NO-SUCH-1", "--out", str(tmp_path / "x.pdf"),
                  "--data-dir", str(village), ok=False)
    assert missing.returncode == 1 and not (tmp_path / "x.pdf").exists()


def test_catalog_check_names_file_and_field(tmp_path, monkeypatch):
    from desktop_app.domain.catalogue_loader import check_catalogue

    (tmp_path / "tsa.toml").write_text((ROOT / "data/services/tsa.toml").read_text().replace(
        'akim_role = "accepts"', 'akim_role = "maybe"'))
    problems = check_catalogue(tmp_path)
    assert problems and problems[0].file == "tsa.toml" and "akim_role" in problems[0].field


def test_self_test():
    assert "self-test ok" in run("--self-test").stdout


def test_bad_data_file_gets_one_line_and_stays_untouched(tmp_path):
    folder = tmp_path / "office"
    folder.mkdir()
    bogus = folder / "akimat.sqlite3"
    bogus.write_bytes(b"PK\x03\x04 this is a zip someone copied over the data file")
    proc = run("print", "receipt", "X", "--out", str(tmp_path / "r.pdf"), "--data-dir",
               str(folder), ok=False)
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1
    assert bogus.read_bytes().startswith(b"PK\x03\x04")
