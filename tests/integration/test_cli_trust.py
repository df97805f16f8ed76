"""The trust commands as a person runs them: users, backup to a folder, restore, audit verify that
names the first broken link after a hand edit, and passwords asked in a real office."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
                          env={**os.environ, **(env or {})})


def test_demo_office_users_backup_restore_and_audit(tmp_path):
    office = str(tmp_path / "office")
    users = json.loads(run("users", "list", "--data-dir", office, "--json").stdout)["users"]
    assert {u["login"]: u["roles"] for u in users} == {
        "akim": "akim", "specialist": "specialist", "admin": "admin"}
    refused = run("backup", "--data-dir", office, "--user", "akim", "--to", str(tmp_path / "usb"))
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    made = run("backup", "--data-dir", office, "--user", "admin", "--to", str(tmp_path / "usb"),
               "--json")
    assert made.returncode == 0, made.stderr
    copy = json.loads(made.stdout)["file"]
    verified = run("audit", "verify", "--data-dir", office, "--json")
    assert json.loads(verified.stdout)["chain"] == "ok"

    restored = run("restore", copy, "--data-dir", office, "--user", "admin", "--json")
    assert restored.returncode == 0, restored.stderr
    assert Path(json.loads(restored.stdout)["kept_aside"]).exists()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x01" * 5000)
    assert run("restore", str(bad), "--data-dir", office, "--user", "admin").returncode == 1

    db = sqlite3.connect(Path(office) / "akimat.sqlite3")
    db.execute("DROP TRIGGER audit_log_no_update")  # what a hand edit has to do first
    victim = db.execute("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 5").fetchone()[0]
    db.execute("UPDATE audit_log SET user = 'nobody' WHERE id = ?", [victim])
    db.commit()
    db.close()
    broken = run("audit", "verify", "--data-dir", office, "--json")
    assert broken.returncode == 1
    out = json.loads(broken.stdout)
    assert out["error"] == "audit_broken" and out["first_broken_id"] == victim


def test_a_real_office_asks_for_the_password(tmp_path):
    office = tmp_path / "office"
    assert run("users", "list", "--data-dir", str(office)).returncode == 0
    db = sqlite3.connect(office / "akimat.sqlite3")
    db.execute("UPDATE settings SET value = 'false' WHERE key = 'office.is_demo'")
    db.commit()
    db.close()
    nobody = run("backup", "--data-dir", str(office))
    assert nobody.returncode == 1
    no_password = run("backup", "--data-dir", str(office), "--user", "admin")
    assert no_password.returncode == 1 and "AKIMAT_DESK_PASSWORD" in no_password.stderr
    wrong = run("backup", "--data-dir", str(office), "--user", "admin",
                env={"AKIMAT_DESK_PASSWORD": "nope"})
    assert wrong.returncode == 1
    ok = run("backup", "--data-dir", str(office), "--user", "admin", "--json",
             env={"AKIMAT_DESK_PASSWORD": "demo-admin"})
    assert ok.returncode == 0, ok.stderr
    added = run("users", "add", "aigerim", "--name", "Нұрланова Айгерім", "--roles", "specialist",
                "--data-dir", str(office), "--user", "admin",
                env={"AKIMAT_DESK_PASSWORD": "demo-admin",
                     "AKIMAT_DESK_NEW_PASSWORD": "Көксу-2026-көктем"})
    assert added.returncode == 0, added.stderr
    changed = run("users", "passwd", "aigerim", "--data-dir", str(office), "--user", "aigerim",
                  env={"AKIMAT_DESK_PASSWORD": "Көксу-2026-көктем",
                       "AKIMAT_DESK_NEW_PASSWORD": "жаңа құпия сөз 2"})
    assert changed.returncode == 0, changed.stderr
    listed = run("users", "list", "--data-dir", str(office), "--user", "aigerim",
                 env={"AKIMAT_DESK_PASSWORD": "жаңа құпия сөз 2"})
    assert listed.returncode == 1  # a specialist may not manage users
