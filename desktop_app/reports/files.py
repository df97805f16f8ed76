"""Report files: a spreadsheet (XLSX, one sheet per table) and CSV (UTF-8 with a BOM, so Excel reads
Cyrillic right), written whole to a temporary file and then moved into place.

Imports openpyxl and the standard library only; tables arrive translated, as plain cells.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

Cell = str | int | float | None


@dataclass(frozen=True)
class Sheet:
    name: str                              # at most 31 characters (Excel's limit)
    title: str                             # the first line above the table
    subtitle: str                          # e.g. the period
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    total_last: bool = False               # the last row is a total: bold


HEADER_ROW = 4                             # titles above, then the header, then the rows


def _replace(path: Path, data: bytes) -> None:
    """Write `data` to `path` completely or not at all."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".report-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sheet_name(name: str, taken: set[str]) -> str:
    clean = "".join("_" if c in "[]:*?/\\" else c for c in name)[:31] or "Sheet"
    candidate, n = clean, 2
    while candidate in taken:
        candidate = f"{clean[:28]} {n}"
        n += 1
    taken.add(candidate)
    return candidate


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    for sheet in sheets:
        ws = wb.create_sheet(_sheet_name(sheet.name, taken))
        ws.cell(1, 1, sheet.title).font = Font(bold=True, size=13)
        ws.cell(2, 1, sheet.subtitle)
        for col, label in enumerate(sheet.header, 1):
            cell = ws.cell(HEADER_ROW, col, label)
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for r, row in enumerate(sheet.rows, HEADER_ROW + 1):
            last = sheet.total_last and r == HEADER_ROW + len(sheet.rows)
            for col, value in enumerate(row, 1):
                cell = ws.cell(r, col, value)
                if isinstance(value, float):
                    cell.number_format = "0.0"
                if last:
                    cell.font = bold
        for col, label in enumerate(sheet.header, 1):
            longest = max([len(str(row[col - 1] or "")) for row in sheet.rows] + [8])
            wide = min(max(longest, min(len(label), 18)) + 2, 48)
            ws.column_dimensions[get_column_letter(col)].width = wide
        ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_bytes(sheet: Sheet) -> bytes:
    """One table, comma-separated: the header line, then the rows; UTF-8 with a BOM."""
    text = io.StringIO()
    w = csv.writer(text, lineterminator="\r\n")
    w.writerow(sheet.header)
    for row in sheet.rows:
        w.writerow(["" if v is None else v for v in row])
    return text.getvalue().encode("utf-8-sig")


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> None:
    _replace(path, xlsx_bytes(sheets))


def write_csv(path: Path, sheet: Sheet) -> None:
    _replace(path, csv_bytes(sheet))
