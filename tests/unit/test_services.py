"""The intake use cases on a real SQLite file: take, refuse bad drafts, issue certificates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from desktop_app.domain.application import ChecklistItem, Presented, Status
from desktop_app.domain.errors import DuplicateError, ValidationError
from desktop_app.domain.household import (
    Household, Income, IncomeKind, Member, MemberStatus, Person, Relation, Sex,
)
from desktop_app.domain.iin import make_iin
from desktop_app.services import applications, papers
from desktop_app.services.intake import ApplicationDraft, documents_for, take_application


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def person(surname, given, born, sex, serial, patronymic=""):
    return Person(surname=surname, given_name=given, patronymic=patronymic, birth_date=born,
                  sex=sex, iin=make_iin(born, sex, serial))


def five_person_household(wage=Decimal("60000")) -> tuple[Person, Household]:
    head = person("Құдайбергенов", "Ерлан", dt.date(1988, 4, 2), Sex.MALE, 11, "Мұратұлы")
    months = [dt.date(2026, m, 1) for m in (7, 8, 9)]
    members = [
        Member(head, Relation.APPLICANT, frozenset({MemberStatus.WORKING}),
               incomes=[Income(IncomeKind.WAGE, m, wage, "Көксу мектебі") for m in months]),
        Member(person("Құдайбергенова", "Әйгерім", dt.date(1990, 6, 9), Sex.FEMALE, 12),
               Relation.SPOUSE, frozenset({MemberStatus.CARER})),
        Member(person("Құдайбергенов", "Нұрсұлтан", dt.date(2015, 1, 20), Sex.MALE, 13),
               Relation.CHILD, frozenset({MemberStatus.CHILD})),
        Member(person("Құдайбергенова", "Іңкәр", dt.date(2019, 3, 3), Sex.FEMALE, 14),
               Relation.CHILD, frozenset({MemberStatus.CHILD})),
        Member(person("Құдайбергенов", "Ұлан", dt.date(2023, 8, 30), Sex.MALE, 15),
               Relation.CHILD, frozenset({MemberStatus.CHILD})),
    ]
    return head, Household(address="Көксу селосы, Абай көшесі, 7", members=members,
                           book_ref="№ 118")


def tsa_draft(ctx, **changes) -> ApplicationDraft:
    head, hh = five_person_household()
    draft = ApplicationDraft(service_id="tsa", applicant=head, household=hh)
    draft.checklist = [ChecklistItem(d.id, Presented.BOTH, required=d.required)
                       for d in documents_for(ctx, draft)]
    return dataclasses.replace(draft, **changes)


def count(ctx, table):
    return ctx.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_take_tsa_application_for_five_person_household(ctx):
    draft = tsa_draft(ctx)
    app, changes = take_application(ctx, draft)
    assert app.reg_no == f"{ctx.office.code}-2026-000001"
    assert app.status == Status.REGISTERED
    # accepted Wednesday 2026-11-18: 30 calendar days → Friday 2026-12-18
    assert app.decision_due == dt.date(2026, 12, 18)
    assert app.forward_by == dt.date(2026, 11, 23)  # 3 working days: Thu, Fri, Mon
    assert count(ctx, "persons") == 5 and count(ctx, "households") == 1
    assert count(ctx, "application_documents") == len(app.checklist)
    assert count(ctx, "application_events") == 1
    actions = [r[0] for r in ctx.db.execute("SELECT action FROM audit_log")]
    assert "household.create" in actions and "application.take" in actions
    assert app.precheck["rule"] == "tsa"
    assert app.precheck["parameters"], "the pre-check names the parameter version it used"
    assert changes.applications == {app.id}
    second, _ = take_application(ctx, draft)  # the same family again: found, not duplicated
    assert second.reg_no.endswith("-000002")
    assert count(ctx, "persons") == 5


def test_receipt_pdf_names_applicant_and_number(ctx):
    app, _ = take_application(ctx, tsa_draft(ctx))
    pdf, reg_no = papers.receipt_pdf(ctx, app.reg_no, language="kk")
    text = pdf_text(pdf)
    assert reg_no in text and "Құдайбергенов" in text and "Ерлан" in text
    assert count(ctx, "papers") == 1


def test_invalid_iin_is_refused_and_nothing_written(ctx):
    draft = tsa_draft(ctx)
    draft.applicant.iin = draft.applicant.iin[:-1] + str((int(draft.applicant.iin[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as err:
        take_application(ctx, draft)
    assert err.value.field == "iin"
    assert count(ctx, "persons") == 0 and count(ctx, "applications") == 0


def test_future_birth_date_and_negative_income_are_refused(ctx):
    draft = tsa_draft(ctx)
    draft.household.members[2].person.iin = None
    draft.household.members[2].person.citizenship = "foreigner_permit"
    draft.household.members[2].person.birth_date = dt.date(2027, 1, 1)
    draft.household.members[1].incomes = [Income(IncomeKind.WAGE, dt.date(2026, 7, 1),
                                                 Decimal("-5"))]
    from desktop_app.services.intake import validate_draft

    fields = {e.field for e in validate_draft(ctx, draft)}
    assert {"members[2].birth_date", "members[1].incomes"} <= fields
    with pytest.raises(ValidationError):
        take_application(ctx, draft)
    assert count(ctx, "applications") == 0


def test_missing_documents_need_a_reason_and_save_as_incomplete(ctx):
    draft = tsa_draft(ctx)
    draft.checklist[-1].presented = Presented.MISSING
    with pytest.raises(ValidationError) as err:
        take_application(ctx, draft)
    assert err.value.field == "checklist"
    draft.incomplete_reason = "Жұмыс орнынан анықтаманы ертең әкеледі"
    app, _ = take_application(ctx, draft)
    assert app.status == Status.INCOMPLETE
    row = ctx.db.execute("SELECT incomplete_reason, status FROM applications").fetchone()
    assert row == (draft.incomplete_reason, "incomplete")


def test_duplicate_iin_of_a_new_person_is_refused_whole(ctx):
    take_application(ctx, tsa_draft(ctx))
    before = (count(ctx, "persons"), count(ctx, "applications"), count(ctx, "audit_log"))
    stranger = Person(surname="Басқа", given_name="Адам",
                      iin=make_iin(dt.date(1988, 4, 2), Sex.MALE, 11))
    draft = ApplicationDraft(service_id="residence_certificate", applicant=stranger)
    with pytest.raises(DuplicateError):
        take_application(ctx, draft)
    assert (count(ctx, "persons"), count(ctx, "applications"), count(ctx, "audit_log")) == before


def test_certificates_residence_and_family(ctx):
    app, _ = take_application(ctx, tsa_draft(ctx))
    pdf, reg_no, changes = papers.issue_certificate(ctx, "family_composition", app.applicant_id,
                                                    language="ru")
    text = pdf_text(pdf)
    assert reg_no in text and "Іңкәр" in text and "Ұлан" in text
    issued = applications.by_reg_no(ctx, reg_no)
    assert issued.status == Status.ISSUED
    pdf, reg_no, _ = papers.issue_certificate(ctx, "residence", app.applicant_id, language="kk")
    assert "Абай көшесі" in pdf_text(pdf)


def test_tsa_certificate_refused_without_record_then_issued(ctx):
    app, _ = take_application(ctx, tsa_draft(ctx))
    pdf, reg_no, _ = papers.issue_certificate(ctx, "tsa_recipient", app.applicant_id)
    assert applications.by_reg_no(ctx, reg_no).status == Status.REFUSED
    applications.record_decision(ctx, app.id, assigned=True, decided_on=dt.date(2026, 11, 18),
                                 amount="41000", period_from=dt.date(2026, 10, 1),
                                 period_to=dt.date(2027, 3, 31))
    pdf, reg_no, _ = papers.issue_certificate(ctx, "tsa_recipient", app.applicant_id)
    assert applications.by_reg_no(ctx, reg_no).status == Status.ISSUED
    text = pdf_text(pdf)
    assert "Құдайбергенов" in text
    # 001 para 1.3 / issue 10 #9: the basis is the district's assignment decision, not the book
    assert app.reg_no in text and "18.11.2026" in text and "31.03.2027" in text


def test_work_list_marks_overdue_and_due_soon(demo_ctx):
    rows = applications.work_list(demo_ctx)
    assert rows, "the demo village has applications"
    states = {r.due_state for r in rows}
    assert states & {"overdue", "due_soon", "ok"}
    for r in rows:
        if r.due_state == "overdue":
            assert r.due < demo_ctx.now().date()
