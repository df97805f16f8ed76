"""Public works (act 000): the resolution's data file, the pay rule, quotas, and the use cases on a
real SQLite file (writes audited, role refused with nothing written), and the printed timesheet."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.context import User
from desktop_app.domain import public_works as pw
from desktop_app.domain.calendar import WorkCalendar, load_calendar
from desktop_app.domain.errors import (DuplicateError, MissingParameter, ParameterError,
                                       PermissionDenied, ValidationError)
from desktop_app.domain.household import Sex
from desktop_app.domain.iin import make_iin
from desktop_app.domain.parameters import ParamValue, load_parameters
from desktop_app.domain.public_works_loader import load_public_works
from desktop_app.i18n import Translator
from desktop_app.paths import data_root
from desktop_app.services import public_works as svc

D = dt.date
DATA = data_root() / "public_works"
WAGE = ParamValue("minimum_wage", Decimal("70000"), "kz-2023", D(2023, 1, 1), D(2023, 12, 31),
                  None, "test")
FACTOR = Decimal("1.5")


@pytest.fixture(scope="module")
def works() -> pw.PublicWorks:
    return load_public_works(DATA)


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return load_calendar(data_root() / "calendar")


# the data file -----------------------------------------------------------------------------------
# the annex's supply column (persons), rows 1-27 (act 000)
ACT_HEADCOUNTS = [2, 4, 4, 5, 2, 5, 4, 25, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 15, 10, 10,
                  2, 3, 3, 2, 2]


def test_the_resolution_has_the_acts_27_rows_and_headcounts(works):
    res = works.get("balkhash-194-2014")
    assert len(res.organisations) == 27
    assert [o.row for o in res.organisations] == list(range(1, 28))
    assert [o.headcount for o in res.organisations] == ACT_HEADCOUNTS
    assert sum(o.headcount for o in res.organisations) == 208
    assert res.organisation(23).demand is None and res.organisation(23).demand_text == "+-"
    assert (res.valid_from, res.adopted, res.number) == (D(2015, 1, 14), D(2014, 12, 12), "194")
    assert res.valid_to is not None and res.valid_to.year == 2024
    assert res.pay.factor == FACTOR and res.pay.base == "minimum_wage"
    assert "1,5" in res.pay.text["kk"] and res.pay.financing["kk"] == "Жергілікті бюджет"


def test_rows_8_to_22_are_the_akim_offices_with_their_volumes(works):
    res = works.latest()
    employers = res.employers()
    assert [o.row for o in employers] == list(range(8, 23))
    assert all("әкімінің аппараты" in o.name["kk"] and o.name.get("ru") for o in employers)
    bakanas = res.organisation(8)
    assert "Бақанас" in bakanas.name["kk"]
    assert bakanas.work("landscaping").volume == 1500
    assert res.organisation(9).work("landscaping") == pw.Work("landscaping", 1000, "square_metres")
    assert all(o.work("household_books").volume == 150 for o in employers)
    assert res.organisation(20).headcount == 15


def test_a_broken_file_is_refused_naming_the_file(tmp_path):
    text = (DATA / "balkhash-2015.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.toml").write_text(text.replace("supply = 25", "supply = -1"), encoding="utf-8")
    with pytest.raises(ParameterError) as err:
        load_public_works(bad)
    assert "x.toml" in err.value.file and "supply" in err.value.reason
    (bad / "x.toml").write_text(text.replace('type = "courier"', 'type = "juggling"', 1),
                                encoding="utf-8")
    with pytest.raises(ParameterError, match="unknown type"):
        load_public_works(bad)
    (bad / "x.toml").write_text("id = [", encoding="utf-8")
    with pytest.raises(ParameterError, match="cannot be read"):
        load_public_works(bad)


def test_two_resolutions_in_force_at_once_are_refused(tmp_path):
    shutil.copy(DATA / "balkhash-2015.toml", tmp_path / "a.toml")
    text = (DATA / "balkhash-2015.toml").read_text(encoding="utf-8")
    (tmp_path / "b.toml").write_text(text.replace('id = "balkhash-194-2014"', 'id = "other"', 1),
                                     encoding="utf-8")
    with pytest.raises(ParameterError, match="overlaps"):
        load_public_works(tmp_path)


# the pay rule ------------------------------------------------------------------------------------
def test_a_full_month_is_one_and_a_half_minimum_wages(calendar):
    pay = pw.pay_for(D(2023, 3, 1), 19, factor=FACTOR, factor_version="r", wage=WAGE,
                     calendar=calendar)
    assert pay.working_days == 19        # March 2023: 8 March and Nauryz 21-23 are holidays
    assert pay.amount == Decimal("105000.00")
    assert (pay.wage_version, pay.factor_version) == ("kz-2023", "r")


def test_holidays_shrink_the_month_not_the_pay():
    # May 2023 with only two injected holidays: 23 weekdays - 2 = 21 working days
    holidays = {D(2023, 5, 1): "a", D(2023, 5, 9): "b"}
    cal = WorkCalendar(public_holidays=holidays)
    assert pw.working_days_in_month(cal, D(2023, 5, 1)) == 21
    full = pw.pay_for(D(2023, 5, 1), 21, factor=FACTOR, factor_version="r", wage=WAGE,
                      calendar=cal)
    assert full.amount == Decimal("105000.00")
    part = pw.pay_for(D(2023, 5, 1), 10, factor=FACTOR, factor_version="r", wage=WAGE,
                      calendar=cal)
    # 105000 * 10 / 21 = 50000.0000476...: rounded half up to tiyn, once
    assert part.amount == Decimal("50000.00")


def test_rounding_is_half_up_to_tiyn(calendar):
    pay = pw.pay_for(D(2023, 3, 1), 7, factor=FACTOR, factor_version="r", wage=WAGE,
                     calendar=calendar)
    assert pay.amount == (Decimal(105000) * 7 / 19).quantize(Decimal("0.01"))
    assert pay.amount == Decimal("38684.21")


def test_zero_days_pay_nothing_and_too_many_are_refused(calendar):
    assert pw.pay_for(D(2023, 3, 1), 0, factor=FACTOR, factor_version="r", wage=WAGE,
                      calendar=calendar).amount == Decimal("0.00")
    with pytest.raises(ValidationError) as err:
        pw.pay_for(D(2023, 3, 1), 20, factor=FACTOR, factor_version="r", wage=WAGE,
                   calendar=calendar)
    assert err.value.code == "too_many_days"
    with pytest.raises(ValidationError):
        pw.pay_for(D(2023, 3, 1), -1, factor=FACTOR, factor_version="r", wage=WAGE,
                   calendar=calendar)


def _participant(start, end=None, row=9, pid=1):
    return pw.Participant(person_id=pid, full_name="X", iin=None,
                          referral=pw.Referral("R1", start), contract=pw.Contract("C", start,
                                                                                  start, end),
                          resolution_id="balkhash-194-2014", org_row=row,
                          work_type="landscaping", volume=1000, unit="square_metres", id=pid)


def test_a_partial_month_is_limited_to_the_contracts_working_days(calendar):
    p = _participant(D(2023, 3, 20))       # 20, 24, 27-31 March (21-23: Nauryz) -> 7 days
    assert pw.contract_working_days(calendar, p.contract, D(2023, 3, 1)) == 7
    pw.check_days(calendar, p, D(2023, 3, 1), 7)
    with pytest.raises(ValidationError) as err:
        pw.check_days(calendar, p, D(2023, 3, 1), 8)
    assert err.value.code == "beyond_contract"
    ended = _participant(D(2023, 1, 2), D(2023, 3, 3))
    assert pw.contract_working_days(calendar, ended.contract, D(2023, 3, 1)) == 3


def test_pay_uses_the_rule_and_wage_in_force(works, calendar):
    params = load_parameters(data_root() / "parameters")
    pay = pw.compute_pay(works, params, calendar, D(2015, 6, 10), 0)
    assert pay.wage == Decimal("21364") and pay.wage_version == "kz-2015"
    with pytest.raises(MissingParameter):
        pw.compute_pay(works, params, calendar, D(2026, 11, 1), 5)   # the act was repealed


def test_quota_warns_when_a_row_has_more_than_its_headcount(works):
    res = works.latest()
    march = (D(2023, 3, 1), D(2023, 3, 31))
    ten = [_participant(D(2023, 2, 1), pid=i) for i in range(10)]
    assert pw.quota_warnings(res, ten, *march) == []
    ended = _participant(D(2023, 1, 1), D(2023, 2, 28), pid=99)
    assert pw.quota_warnings(res, [*ten, ended], *march) == []
    warnings = pw.quota_warnings(res, [*ten, _participant(D(2023, 3, 31), pid=11)], *march)
    assert [(w.row, w.active, w.headcount) for w in warnings] == [(9, 11, 10)]


# the use cases -----------------------------------------------------------------------------------
def count(ctx, table):
    return ctx.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def draft(**changes) -> svc.ParticipantDraft:
    base = svc.ParticipantDraft(
        iin=make_iin(D(1990, 5, 17), Sex.MALE, 41), surname="Сейітов", given_name="Нұрлан",
        referral_no="ЖҚ-17", referral_date=D(2023, 2, 24), referred_by="Балқаш ауданының ЖҚӘББ",
        contract_no="ҚЖ-3", contract_date=D(2023, 2, 27), start=D(2023, 3, 1),
        end=D(2023, 5, 31), resolution_id="balkhash-194-2014", org_row=9,
        work_type="landscaping", volume=1000)
    return dataclasses.replace(base, **changes)


def test_record_participant_creates_the_person_and_audits(ctx):
    audits = count(ctx, "audit_log")
    p, changes, notices = svc.record_participant(ctx, draft())
    assert p.id and p.person_id and notices == []
    assert changes.public_works == {p.id} and changes.persons == {p.person_id}
    assert count(ctx, "persons") == 1 and count(ctx, "public_works_participants") == 1
    actions = [r[0] for r in ctx.db.execute("SELECT action FROM audit_log WHERE id > ?",
                                            [audits])]
    assert actions == ["person.create", "public_works.participant"]
    (stored,) = svc.participants(ctx)
    assert stored.full_name == "Сейітов Нұрлан" and stored.referral.number == "ЖҚ-17"
    assert stored.contract == pw.Contract("ҚЖ-3", D(2023, 2, 27), D(2023, 3, 1), D(2023, 5, 31))
    # the same person again (found by IIN, no name needed) under another contract
    svc.record_participant(ctx, draft(surname="", given_name="", contract_no="ҚЖ-4"))
    assert count(ctx, "persons") == 1
    with pytest.raises(DuplicateError):
        svc.record_participant(ctx, draft(contract_no="ҚЖ-4"))


def test_bad_drafts_are_refused_whole(ctx):
    for bad, field in ((draft(iin="123"), "iin"), (draft(volume=1001), "volume"),
                       (draft(work_type="courier"), "work_type"),
                       (draft(end=D(2023, 2, 1)), "end"), (draft(referral_no=" "), "referral_no"),
                       (draft(surname=""), "surname")):
        with pytest.raises(ValidationError) as err:
            svc.record_participant(ctx, bad)
        assert err.value.field == field
    assert count(ctx, "persons") == 0 and count(ctx, "public_works_participants") == 0


def test_the_wrong_role_is_refused_and_nothing_is_written(ctx):
    before = (count(ctx, "persons"), count(ctx, "audit_log"))
    ctx.user = User(login="akim", full_name="Әкім", roles=frozenset({"akim"}))
    with pytest.raises(PermissionDenied):
        svc.record_participant(ctx, draft())
    with pytest.raises(PermissionDenied):
        svc.record_timesheet(ctx, D(2023, 3, 1), {1: 5})
    assert (count(ctx, "persons"), count(ctx, "audit_log")) == before
    assert count(ctx, "public_works_participants") == 0


def test_timesheet_stores_pay_with_versions_and_audits(ctx):
    p, _, _ = svc.record_participant(ctx, draft())
    lines, changes = svc.record_timesheet(ctx, D(2023, 3, 15), {p.id: 19})
    assert changes.public_works == {p.id}
    (line,) = lines
    assert line.days_worked == 19 and line.pay.amount == Decimal("105000.00") and line.saved
    row = ctx.db.execute("SELECT month, pay, pay_factor, factor_version, wage_version FROM "
                         "public_works_timesheet").fetchone()
    assert row == ("2023-03-01", "105000.00", "1.5", "balkhash-194-2014", "kz-2023")
    svc.record_timesheet(ctx, D(2023, 3, 1), {p.id: 10})    # corrected: replaced, audited
    assert count(ctx, "public_works_timesheet") == 1
    last = ctx.db.execute("SELECT action, before, after FROM audit_log ORDER BY id DESC"
                          " LIMIT 1").fetchone()
    assert last[0] == "public_works.timesheet" and '"days_worked":19' in last[1].replace(" ", "")
    with pytest.raises(ValidationError):
        svc.record_timesheet(ctx, D(2023, 3, 1), {p.id: 20})
    with pytest.raises(ValidationError):
        svc.record_timesheet(ctx, D(2023, 7, 1), {p.id: 1})    # contract ended in May
    assert svc.month_lines(ctx, D(2023, 3, 1))[0].days_worked == 10


def test_month_notices_warn_of_quota_and_of_no_rule(ctx):
    t = Translator("kk")
    for i in range(11):
        svc.record_participant(ctx, draft(iin=make_iin(D(1991, 1, 1 + i), Sex.FEMALE, 50 + i),
                                          contract_no=f"Q-{i}"))
    texts = [n.text(t) for n in svc.month_notices(ctx, D(2023, 4, 1))]
    assert any("11" in x and "10" in x for x in texts), texts
    *_, notices = svc.record_participant(ctx, draft(iin=make_iin(D(1992, 1, 1), Sex.MALE, 70),
                                                    contract_no="Q-x"))
    assert notices, "the twelfth participant is warned about, never refused"
    assert count(ctx, "public_works_participants") == 12
    none = svc.month_notices(ctx, D(2026, 11, 1))
    assert any("194" in n.text(t) and "2024" in n.text(t) for n in none)


def test_timesheet_pdf_names_participant_and_pay(ctx):
    p, _, _ = svc.record_participant(ctx, draft())
    svc.record_timesheet(ctx, D(2023, 3, 1), {p.id: 19})
    pdf = svc.timesheet_pdf(ctx, D(2023, 3, 1), Translator("kk"))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Сейітов Нұрлан" in text
    assert "105" in text and "000,00" in text.replace("\xa0", " ").replace(" ", "")
    Path("/tmp/v005").mkdir(exist_ok=True)
    Path("/tmp/v005/timesheet.pdf").write_bytes(pdf)
    assert ctx.db.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1"
                          ).fetchone()[0] == "public_works.timesheet_print"
