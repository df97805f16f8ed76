"""Where the GUI prints and checks papers: the details dialog's notice/referral/reprint buttons,
the registers dialog (journal with progress), the farm information button, the verify page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from desktop_app.documents.seal import Verdict
from desktop_app.services import papers
from desktop_app.ui.dialogs.application_details import ApplicationDetailsDialog
from desktop_app.ui.dialogs.registers_dialog import RegistersDialog
from desktop_app.ui.pages.verify import VerifyPage


def _decided(ctx) -> int:
    return ctx.db.execute("SELECT id FROM applications WHERE decision = 'assigned' LIMIT 1"
                          ).fetchone()[0]


def test_details_dialog_prints_notice_and_duplicate(qtbot, demo_ctx, tmp_path):
    dialog = ApplicationDetailsDialog(demo_ctx, _decided(demo_ctx))
    qtbot.addWidget(dialog)
    buttons = dialog.paper_buttons
    assert buttons["notice"].isEnabled() and not buttons["referral"].isEnabled()
    dialog.paper_languages.setCurrentIndex(2)  # both languages
    with qtbot.waitSignal(dialog.show_pdf, timeout=10_000) as blocker:
        buttons["notice"].click()
    assert blocker.args[0].startswith(b"%PDF") and dialog.app.reg_no in blocker.args[1]
    with qtbot.waitSignal(dialog.show_pdf, timeout=10_000) as blocker:
        buttons["reprint"].click()
    assert blocker.args[0].startswith(b"%PDF")
    dialog.show()
    dialog.grab().save(str(tmp_path / "details.png"))


def test_registers_dialog_prints_the_journal_with_progress(qtbot, demo_ctx, tmp_path):
    dialog = RegistersDialog(demo_ctx)
    qtbot.addWidget(dialog)
    dialog.start.setDate(dialog.start.date().addYears(-1))
    with qtbot.waitSignal(dialog.show_pdf, timeout=20_000) as blocker:
        dialog.print_button.click()
    assert blocker.args[0].startswith(b"%PDF")
    dialog.show()
    dialog.grab().save(str(tmp_path / "registers.png"))


def test_households_card_offers_farm_information(qtbot, demo_ctx):
    from desktop_app.ui.pages.households import HouseholdsPage

    page = HouseholdsPage(demo_ctx)
    qtbot.addWidget(page)
    assert "farm_information" in page.card.buttons


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="no poppler")
def test_verify_page_checks_text_and_image(qtbot, demo_ctx, tmp_path):
    reg_no = demo_ctx.db.execute("SELECT reg_no FROM applications LIMIT 1").fetchone()[0]
    pdf, _ = papers.receipt_pdf(demo_ctx, reg_no)
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(tmp_path / "scan")],
                   check=True)
    page = VerifyPage(demo_ctx)
    qtbot.addWidget(page)
    checks = []
    original = page.show_check
    page.show_check = lambda c: (checks.append(c), original(c))  # type: ignore[method-assign]
    for png in sorted(Path(tmp_path).glob("scan*.png")):
        try:
            page.open_image(str(png))
        except Exception:  # noqa: BLE001
            continue
        if checks:
            break
    assert checks and checks[-1].verdict == Verdict.GENUINE
    assert reg_no in page.payload.toPlainText()
    page.payload.setPlainText(page.payload.toPlainText().replace(reg_no, reg_no[:-1] + "9"))
    page.check_text()
    assert checks[-1].verdict == Verdict.ALTERED
    page.show()
    page.grab().save(str(tmp_path / "verify.png"))
