"""The USB round trip through the GUI, on two real data folders: keys trusted through the
fingerprint dialog, the office exports on its USB page, the district imports, decides in the
decision dialog and writes the return batch, the office imports it and records the hand-over."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop_app.domain.application import Status
from desktop_app.i18n import _
from desktop_app.services import district, handover, sync
from desktop_app.store import settings
from desktop_app.store.db import transaction
from desktop_app.sync import export as exporter
from desktop_app.sync import keys
from desktop_app.ui.dialogs.trust_key import TrustKeyDialog
from desktop_app.ui.pages.district_batches import DistrictImportPage, DistrictReturnsPage
from desktop_app.ui.pages.district_decisions import DistrictDecisionsPage, DistrictDuplicatesPage
from desktop_app.ui.pages.district_offices import DistrictOfficesPage
from desktop_app.ui.pages.handover import HandoverPage
from desktop_app.ui.pages.sync_office import SyncOfficePage
from tests.conftest import FIXED_NOW
from tests.integration.test_round_trip import (DISTRICT, DISTRICT_NAME, as_district_operator,
                                               open_folder, take)


class Files:
    """What the patched file dialogs answer next."""

    def __init__(self, monkeypatch) -> None:
        self.folder: Path | None = None
        self.files: list[Path] = []
        monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                            lambda *a, **k: str(self.folder) if self.folder else "")
        monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                            lambda *a, **k: ([str(f) for f in self.files], ""))
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            lambda *a, **k: (str(self.files[0]) if self.files else "", ""))


@pytest.fixture
def pair(_template_dirs, tmp_path, monkeypatch):
    office = open_folder(_template_dirs["empty"], tmp_path / "office")
    dist = open_folder(_template_dirs["empty"], tmp_path / "district")
    district.make_district(dist, DISTRICT, DISTRICT_NAME)
    as_district_operator(dist)
    stick = tmp_path / "stick"
    stick.mkdir()
    yield office, dist, stick, Files(monkeypatch)
    office.close()
    dist.close()


def _page(qtbot, cls, ctx):
    page = cls(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    return page


def _trust_through(qtbot, page, files: Files, key_file: Path, read_out: str) -> TrustKeyDialog:
    files.files = [key_file]
    page.trust_button.click()
    dialog = page.trust_dialog
    assert isinstance(dialog, TrustKeyDialog)
    dialog.read_back.setText(read_out)
    return dialog


def _exchange_keys(qtbot, office, dist, stick, files) -> tuple[SyncOfficePage, DistrictOfficesPage]:
    office_page = _page(qtbot, SyncOfficePage, office)
    dist_page = _page(qtbot, DistrictOfficesPage, dist)
    assert office_page.key_status.text() == _(
        "No district key is trusted yet. Ask the district for its key file, then confirm its "
        "fingerprint by phone.")
    assert not office_page.export_button.isEnabled()
    files.folder = stick
    office_page.export_key_button.click()
    dist_page.export_key_button.click()
    office_key = stick / keys.key_file_name(office.office.code)
    district_key = stick / keys.key_file_name(DISTRICT)
    assert office_key.exists() and district_key.exists()

    # each side types what the other reads out on the phone
    dialog = _trust_through(qtbot, dist_page, files, office_key, sync.key_info(office).fingerprint)
    assert dialog.trust_button.isEnabled()
    dialog.trust_button.click()
    dialog = _trust_through(qtbot, office_page, files, district_key,
                            sync.key_info(dist).fingerprint.replace("-", " ").lower())
    dialog.trust_button.click()
    assert settings.get(office.db, "sync.district_code") == DISTRICT
    assert DISTRICT in office_page.key_status.text()
    assert office_page.district_fp.text().split() == sync.key_info(dist).fingerprint.split("-")
    assert office_page.export_button.isEnabled()
    assert dist_page.model.rowCount() == 1
    return office_page, dist_page


def test_round_trip_through_the_gui(qtbot, pair):
    office, dist, stick, files = pair
    office_page, _dist_page = _exchange_keys(qtbot, office, dist, stick, files)
    ids = take(office, 2)
    office_page.refresh()

    office_page.export_button.click()
    [sent] = stick.glob("*.akb")
    text = office_page.result.text()
    assert sent.name in text and "2" in text and office_page.result.isVisible()
    assert office_page.log_model.rowCount() == 1

    import_page = _page(qtbot, DistrictImportPage, dist)
    files.files = [sent]
    import_page.importer.button.click()
    [report] = import_page.importer.model.rows()
    assert report.status == "applied"
    assert import_page.importer.model.index(0, 1).data() == _("Applied")

    decisions = _page(qtbot, DistrictDecisionsPage, dist)
    decisions.on_changed(report.changes)
    assert decisions.model.rowCount() == 2
    decisions.table.selectRow(0)
    dialog = decisions.decide()
    assert dialog.codes, "the service's refusal codes are offered"
    dialog.refused.click()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()   # no reason ticked
    assert dialog.isVisible() and dialog.errors.widget("refusal_codes").toolTip()
    dialog.codes["income_above_poverty_line"].setChecked(True)
    dialog.confirm()
    assert not dialog.isVisible()
    decisions.table.selectRow(1)
    dialog = decisions.decide()
    dialog.amount.setText("12 500")
    dialog.confirm()
    assert not dialog.isVisible()
    assert sorted(a.decision for a in district.applications(dist)) == ["assigned", "refused"]

    returns = _page(qtbot, DistrictReturnsPage, dist)
    returns.table.selectRow(0)
    back_dir = stick / "back"
    back_dir.mkdir()
    files.folder = back_dir
    returns.one_button.click()
    [back] = back_dir.glob("*.akb")
    assert back.name in returns.result.text()

    files.files = [back]
    office_page.importer.button.click()
    [report] = office_page.importer.model.rows()
    assert report.status == "applied", report.message()

    page = _page(qtbot, HandoverPage, office)
    assert page.ready_model.rowCount() == 2
    page.ready_table.selectRow(0)
    dialog = page.hand_over()
    assert dialog.to_whom.text()          # the applicant, by default
    dialog.signature.setChecked(True)
    dialog.confirm()
    assert page.ready_model.rowCount() == 1
    statuses = {office.db.execute("SELECT status FROM applications WHERE id = ?",
                                  [i]).fetchone()[0] for i in ids}
    assert Status.HANDED_OVER in statuses
    [done] = [h for i in ids for h in handover.notice_data(office, i).handovers]
    assert done.signature_taken


def test_a_mismatched_fingerprint_is_refused(qtbot, pair):
    office, dist, stick, files = pair
    page = _page(qtbot, SyncOfficePage, office)
    path, fingerprint = sync.export_key(dist, stick)
    dialog = _trust_through(qtbot, page, files, path, "0000-1111-2222-3333")
    assert dialog.fingerprint.text().split() == fingerprint.split("-")   # shown, grouped
    assert not dialog.trust_button.isEnabled()
    assert dialog.verdict.text() == _("The fingerprints do not match: do not trust this file. "
                                      "Ask the office for its key file again.")
    dialog.confirm()                     # even forced, the service refuses it
    assert dialog.isVisible()
    assert "0000-1111-2222-3333" in dialog.verdict.text()
    assert sync.key_info(office).peers == ()
    assert settings.get(office.db, "sync.district_code") == ""


def test_a_bad_file_is_refused_with_its_reason(qtbot, pair):
    office, dist, stick, files = pair
    _exchange_keys(qtbot, office, dist, stick, files)
    page = _page(qtbot, DistrictImportPage, dist)
    bad = stick / "KOKSU_to_OZSP_2026-11-18_0001.akb"
    bad.write_bytes(b"%PDF-1.4 not a batch")
    files.files = [bad]
    page.importer.button.click()
    [report] = page.importer.model.rows()
    assert report.status == "refused"
    assert page.importer.model.index(0, 1).data() == _("Refused")
    assert page.importer.model.index(0, 2).data() == _(
        "{file} is not an Akimat Desk batch file; nothing was changed.").format(file=bad.name)
    assert page.importer.summary.isVisible()


def test_stick_pulled_out_says_the_files_are_intact(qtbot, pair, monkeypatch):
    office, dist, stick, files = pair
    page, _d = _exchange_keys(qtbot, office, dist, stick, files)
    take(office, 1)
    files.folder = stick

    def pulled(src, dst):
        raise OSError(errno.EIO, "Input/output error")
    monkeypatch.setattr(exporter.os, "replace", pulled)
    page.export_button.click()
    assert "intact" in page.result.text() or page.result.text() == _(
        "The batch could not be written to {folder} ({detail}). Perhaps the stick was pulled "
        "out: the files already on it are intact, and this batch is not counted as sent. Insert "
        "the stick and export again.").format(folder=str(stick), detail="Input/output error")
    assert list(stick.glob("*.akb")) == [] and page.log_model.rowCount() == 0


def test_urgent_export_and_delivery_by_hand(qtbot, pair):
    office, dist, stick, files = pair
    page, _d = _exchange_keys(qtbot, office, dist, stick, files)
    ids = take(office, 2)
    with transaction(office.db):
        settings.put(office.db, "sync.trip_weekday", 1)         # Tuesday 24 Nov, after forward-by
    page.refresh()
    assert page.due_model.rowCount() == 2 and page.urgent_button.isEnabled()
    files.folder = stick
    page.urgent_button.click()
    [urgent] = stick.glob("*_urgent.akb")
    assert urgent.name in page.result.text()

    hand = _page(qtbot, HandoverPage, office)
    assert hand.forward_model.before_trip == set(ids)
    assert "⚑" in hand.forward_model.index(0, 5).data()
    hand.forward_table.selectAll()
    dialog = hand.deliver()
    dialog.confirm()                               # nobody named: refused on the field
    assert dialog.isVisible() and dialog.errors.widget("to_whom").toolTip()
    dialog.to_whom.setText("Абай ауданы ЖҚӘБ, Ахметова")
    dialog.confirm()
    assert not dialog.isVisible()
    assert sync.due_before_trip(office) == []
    assert len(handover.register(office, FIXED_NOW.date())) == 2


def test_duplicates_page_flags_one_iin_in_two_villages(qtbot, pair, _template_dirs, tmp_path):
    office, dist, stick, files = pair
    _exchange_keys(qtbot, office, dist, stick, files)
    take(office, 1)
    first = sync.export_batch(office, stick)
    other = open_folder(_template_dirs["empty"], tmp_path / "other")
    from desktop_app.store import offices

    other.office.code = "KRG-ABAY-ZHANA"
    with transaction(other.db):
        offices.save(other.db, other.office)
    sync.trust_key(other, stick / keys.key_file_name(DISTRICT))
    path, _fp = sync.export_key(other, tmp_path / "other")
    sync.trust_key(dist, path)
    take(other, 1)                                   # the same person, the same service
    second = sync.export_batch(other, tmp_path / "other")
    other.close()
    assert [r.status for r in sync.import_batches(dist, [first.path, second.path])] == [
        "applied", "applied"]
    page = _page(qtbot, DistrictDuplicatesPage, dist)
    assert page.model.rowCount() == 2
    assert {page.model.index(r, 2).data() for r in range(2)} == {office.office.code,
                                                                 "KRG-ABAY-ZHANA"}
    decisions = _page(qtbot, DistrictDecisionsPage, dist)
    assert all("⚠" in decisions.model.index(r, 3).data() for r in range(2))


def test_set_up_as_a_district_office_from_settings(qtbot, ctx):
    from desktop_app.ui import main_window as mw

    window = mw.create_main_window(ctx)   # replaced and deleted below: not given to qtbot
    assert "sync" in window.pages and "district_decisions" not in window.pages
    page = window.pages["settings"]
    page.district_button.click()
    dialog = page.district_dialog
    dialog.confirm()                                  # no code: refused, nothing changed
    assert dialog.isVisible() and sync.mode(ctx) == "village"
    dialog.code.setText(DISTRICT)
    dialog.name_kk.setText(DISTRICT_NAME["kk"])
    dialog.name_ru.setText(DISTRICT_NAME["ru"])
    dialog.confirm()
    assert sync.mode(ctx) == "district" and ctx.office.code == DISTRICT
    assert "district" in ctx.user.roles               # may record decisions now
    new = mw.current_window()
    qtbot.addWidget(new)
    assert new is not window
    assert {"district_offices", "district_import", "district_decisions", "district_duplicates",
            "district_returns", "settings"} <= set(new.pages)
    assert not {"reception", "households", "applications", "handover", "sync"} & set(new.pages)
    assert not hasattr(new.pages["settings"], "district_button")
