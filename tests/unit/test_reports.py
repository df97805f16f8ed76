"""The summary report on a hand-built office (real SQLite) with known answers, and its files: the
XLSX opened again and read back, the CSV's BOM and Cyrillic, the PDF's text and a render."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import shutil
import subprocess

import pytest

from desktop_app.domain.application import ChecklistItem, Presented
from desktop_app.domain.catalogue import RefusalKind
from desktop_app.domain.errors import AppError, PermissionDenied, ValidationError
from desktop_app.domain.household import Household, Member, MemberStatus, Person, Relation, Sex
from desktop_app.domain.iin import make_iin
from desktop_app.i18n import Translator
from desktop_app.reports import facts as report_facts
from desktop_app.reports import period as periods
from desktop_app.reports.summary import columns, summarise
from desktop_app.services import applications, complaints, handover, lifecycle, reports
from desktop_app.services.intake import ApplicationDraft, documents_for, take_application
from tests.conftest import FIXED_NOW

TODAY = dt.datetime(2026, 11, 30, 12, 0)
NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def _take(ctx, n: int, *, arrived: dt.datetime | None = None, missing: bool = False) -> int:
    born = dt.date(1970 + n, 1 + n, 1 + n)
    person = Person(surname=f"Оспанова{n}", given_name="Айгүл", birth_date=born, sex=Sex.FEMALE,
                    iin=make_iin(born, Sex.FEMALE, 200 + n))
    hh = Household(address=f"Көксу, Бейбітшілік көшесі, {n}",
                   members=[Member(person, Relation.APPLICANT, frozenset({MemberStatus.WORKING}))])
    draft = ApplicationDraft(service_id="tsa", applicant=person, household=hh, arrived_at=arrived)
    draft.checklist = [ChecklistItem(d.id, Presented.BOTH, required=d.required)
                       for d in documents_for(ctx, draft)]
    if missing:
        next(c for c in draft.checklist if c.required).presented = Presented.MISSING
        draft.incomplete_reason = "Анықтаманы кейін әкеледі"
    app, _ = take_application(ctx, draft)
    return app.id


@pytest.fixture
def office(ctx):
    """Four TSA applications on Wednesday 18 November 2026, 10:30:
    1 arrived 10:00, forwarded by hand that day, assigned, handed over;
    2 arrived 09:30 (an hour's wait), refused, a justified complaint reviewed the same day;
    3 accepted with a document missing; 4 withdrawn. Reported on 30 November."""
    a1 = _take(ctx, 1, arrived=FIXED_NOW.replace(hour=10, minute=0))
    a2 = _take(ctx, 2, arrived=FIXED_NOW.replace(hour=9, minute=30))
    _take(ctx, 3, missing=True)
    a4 = _take(ctx, 4)
    day = FIXED_NOW.date()
    handover.record_delivery(ctx, [a1], day, "ЖҚӘБ, Ахметова")
    applications.record_decision(ctx, a1, assigned=True, decided_on=day, amount="12500",
                                 period_from=dt.date(2026, 10, 1), period_to=dt.date(2026, 12, 31))
    applications.record_decision(ctx, a2, assigned=False, decided_on=day,
                                 refusal_codes=("income_above_poverty_line",))
    handover.record_handover(ctx, a1, day, "өзіне", True)
    lifecycle.withdraw(ctx, a4, reason="Өз өтініші бойынша", requested_on=day)
    number, _ = complaints.record_complaint(ctx, complainant="Оспанова Айгүл",
                                            subject="Бас тартуға келіспеймін", application_id=a2)
    complaints.review_complaint(ctx, number, justified=True, reviewed_on=day,
                                outcome="Қайта қаралды")
    complaints.record_complaint(ctx, complainant="Сейітов Асан", subject="Кезек ұзын")
    ctx.clock = lambda: TODAY
    return ctx


def test_known_answers(office):
    report = reports.summary_report(office, *NOV)
    tsa, total = report.summary.rows
    assert tsa.service_id == "tsa" and total.is_total
    assert (tsa.received, tsa.incomplete, tsa.on_time, tsa.late, tsa.pending) == (4, 1, 1, 2, 0)
    assert (tsa.assigned, tsa.refused, tsa.handed_over, tsa.handover_days) == (
        1, {"refusal": 1}, 1, 0.0)
    assert (tsa.withdrawn, tsa.voided) == (1, 0)
    got = {code: (i.value, i.measured, i.target, i.met) for code, i in tsa.indicators.items()}
    assert got == {
        "1.1": (100.0, 2, 95, True),     # both decisions within the 30 days; 3 still pending
        "1.2": (50.0, 2, 100, False),    # 30 minutes is within 40, an hour is not
        "2.2": (100.0, 4, 100, True),    # no correction
        "3.2": (75.0, 4, 90, False),     # one of four came with a document missing
        "4.1": (25.0, 4, 0.1, False),    # one justified complaint, four people served
        "4.2": (100.0, 1, 100, True),    # reviewed the same day
    }
    # the total holds one service only, so that standard's target stands beside it
    assert total.received == 4 and total.indicators["1.1"].target == 95
    assert [(m.month, m.received, m.on_time, m.late) for m in report.summary.months] == [
        ("2026-11", 4, 1, 2)]


def test_a_service_filter_and_an_empty_period(office):
    empty = reports.summary_report(office, dt.date(2026, 10, 1), dt.date(2026, 10, 31),
                                   service_id="child_benefit")
    assert [r.received for r in empty.summary.rows] == [0]
    assert empty.summary.rows[0].indicators["1.1"].value is None
    assert empty.summary.rows[0].indicators["1.1"].target == 95     # std 5 annex 3
    with pytest.raises(ValidationError):
        reports.summary_report(office, dt.date(2026, 11, 30), dt.date(2026, 11, 1))
    with pytest.raises(ValidationError):
        reports.summary_report(office, *NOV, service_id="no_such_service")


def test_refusal_kinds_come_from_the_catalogue(office):
    facts = report_facts.office_facts(office.db, office.catalogue, *NOV, office.office.code)
    changed = [dataclasses.replace(f, service_id="home_schooled_disabled_children",
                                   decision="refused", refusal_kind=kind)
               for f, kind in zip(facts, ("termination", "deprivation", "refusal", "refusal"),
                                  strict=True)]
    s = summarise(changed, None, catalogue=office.catalogue, period=periods.Period(*NOV),
                  today=TODAY.date())
    assert s.rows[-1].refused == {"termination": 1, "deprivation": 1, "refusal": 2}
    assert {k.value for k in RefusalKind} <= {c.partition(":")[2] for c, _ in
                                              columns(s) if c.startswith("refused:")}
    assert s.rows[-1].indicators["4.1"].value is None     # complaints not known here


def test_only_people_with_a_role_see_reports(office):
    office.user = dataclasses.replace(office.user, roles=frozenset())
    with pytest.raises(PermissionDenied):
        reports.summary_report(office, *NOV)


def test_periods():
    assert periods.quarter(2026, 4) == periods.Period(dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert periods.month(2024, 2).end == dt.date(2024, 2, 29)
    assert periods.quarter_of(dt.date(2026, 5, 9)).start == dt.date(2026, 4, 1)
    assert periods.Period(dt.date(2026, 11, 20), dt.date(2027, 1, 3)).months() == [
        "2026-11", "2026-12", "2027-01"]


def test_arrival_after_acceptance_is_not_kept(ctx):
    app_id = _take(ctx, 7, arrived=FIXED_NOW + dt.timedelta(minutes=5))
    assert applications.get(ctx, app_id).arrived_at is None
    app_id = _take(ctx, 8, arrived=FIXED_NOW - dt.timedelta(minutes=25))
    assert applications.get(ctx, app_id).arrived_at == FIXED_NOW - dt.timedelta(minutes=25)


def test_complaint_review_is_checked(office):
    number, _ = complaints.record_complaint(office, complainant="А", subject="Б")
    with pytest.raises(ValidationError):
        complaints.review_complaint(office, number, justified=True,
                                    reviewed_on=TODAY.date() + dt.timedelta(days=1))
    with pytest.raises(AppError):
        complaints.review_complaint(office, "C-0", justified=False, reviewed_on=TODAY.date())


# files ------------------------------------------------------------------------------------------

def test_xlsx_read_back(office, tmp_path):
    from openpyxl import load_workbook

    report = reports.summary_report(office, *NOV)
    path = reports.export(office, report, tmp_path / "nov.xlsx", language="ru")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Сводка", "По месяцам"]
    ws = wb["Сводка"]
    assert ws["A1"].value == "Сводный отчёт"
    assert "01.11.2026" in ws["A2"].value
    header = [c.value for c in ws[4]]
    tsa = dict(zip(header, [c.value for c in ws[5]], strict=True))
    assert tsa["Государственная услуга"].startswith("Адресная социальная помощь")
    assert (tsa["Получено"], tsa["Передано в срок"], tsa["Передано с опозданием"]) == (4, 1, 2)
    assert tsa["3.2 Документы полные с первого раза, %"] == 75.0
    assert [c.value for c in ws[6]][0] == "Все услуги"
    months = wb["По месяцам"]
    assert [c.value for c in months[5]] == ["нояб. 2026", 4, 1, 2]


def test_csv_has_bom_and_cyrillic(office, tmp_path):
    report = reports.summary_report(office, *NOV)
    data = reports.export(office, report, tmp_path / "nov.csv", language="kk").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Мемлекеттік қызмет", "Алынды"]
    assert rows[1][1] == "4" and rows[2][0] == "Барлық қызметтер"
    assert len({len(r) for r in rows}) == 1


def test_pdf_text_and_render(office, tmp_path):
    from pypdf import PdfReader

    report = reports.summary_report(office, *NOV)
    path = reports.export(office, report, tmp_path / "nov.pdf", language="ru")
    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    for words in ("Сводный отчёт", "Получено, передано в срок и с опозданием по месяцам",
                  "Адресная", "1.1", "≥ 95", "75"):
        assert words in text, words
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(path),
                    str(tmp_path / "page")], check=True)
    from PIL import Image

    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    colours = {c for _, c in image.getcolors(1 << 20)}
    # the chart's three series are drawn: blue, green and red bars
    assert any(b > 150 and r < 100 for r, g, b in colours)
    assert any(g > 130 and r < 100 and b < 110 for r, g, b in colours)
    assert any(r > 190 and g < 100 and b < 90 for r, g, b in colours)


def test_a_wrong_suffix_is_refused(office, tmp_path):
    report = reports.summary_report(office, *NOV)
    with pytest.raises(AppError) as err:
        reports.export(office, report, tmp_path / "nov.docx")
    assert err.value.code == "format"
    assert not (tmp_path / "nov.docx").exists()


def test_translator_cells(office):
    report = reports.summary_report(office, *NOV)
    _, header, rows = reports.summary_table(office, report, Translator("kk"))
    assert len(header) == len(rows[0]) and rows[-1][0] == "Барлық қызметтер"
