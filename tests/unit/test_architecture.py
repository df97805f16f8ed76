"""The layers point one way: domain has no Qt and no SQLite, documents never read the database,
only ui/ imports Qt (STYLE: the house)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "desktop_app"

FORBIDDEN = {
    "domain": ("PySide6", "sqlite3", "sqlite_utils", "reportlab", "desktop_app.store",
               "desktop_app.services", "desktop_app.documents", "desktop_app.ui"),
    "store": ("PySide6", "reportlab", "desktop_app.services", "desktop_app.documents",
              "desktop_app.ui"),
    "documents": ("PySide6", "sqlite3", "sqlite_utils", "desktop_app.store",
                  "desktop_app.services", "desktop_app.ui"),
    "services": ("PySide6", "desktop_app.ui"),
    "reports": ("PySide6", "reportlab", "desktop_app.services", "desktop_app.documents",
                "desktop_app.sync", "desktop_app.ui"),
    "i18n": ("PySide6", "desktop_app.domain", "desktop_app.store", "desktop_app.services"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer):
    bad = []
    for path in (PKG / layer).rglob("*.py"):
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer]):
                bad.append(f"{path.relative_to(PKG)} imports {name}")
    assert not bad, bad


def test_only_ui_imports_qt():
    bad = [str(p.relative_to(PKG)) for p in PKG.rglob("*.py")
           if p.parts[len(PKG.parts)] not in ("ui", "__main__.py")
           and any(n.startswith("PySide6") for n in _imports(p))]
    assert not bad, bad


def test_every_module_says_what_it_is_for():
    missing = [str(p.relative_to(PKG)) for p in PKG.rglob("*.py")
               if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert not missing, missing


def test_ui_runs_no_sql():
    """Pages call services; the database connection is not theirs to query (STYLE 1)."""
    import re

    bad = [str(p.relative_to(PKG)) for p in (PKG / "ui").rglob("*.py")
           if re.search(r"ctx\.db\b(?!_path)|\.execute\(", p.read_text(encoding="utf-8"))]
    assert not bad, bad
