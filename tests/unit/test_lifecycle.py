"""The life of an application after intake on a real SQLite file: documents arriving later,
corrections, withdrawal, voiding; each audited, logged for the next batch, refused cleanly."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from desktop_app.domain.application import Presented, Status
from desktop_app.domain.errors import PermissionDenied, ValidationError
from desktop_app.domain.roles import Role
from desktop_app.services import applications, lifecycle
from desktop_app.services.intake import take_application
from desktop_app.store import audit
from tests.unit.test_services import count, tsa_draft

LATER = dt.datetime(2026, 11, 23, 11, 0)  # the Monday after the fixed clock's Wednesday


def incomplete_tsa(ctx, missing: int = 2):
    draft = tsa_draft(ctx, incomplete_reason="Анықтамаларды кейін әкеледі")
    wanted = [c for c in draft.checklist if c.required][:missing]
    for item in wanted:
        item.presented = Presented.MISSING
    app, _ = take_application(ctx, draft)
    return app, [c.document_id for c in wanted]


def changes_logged(ctx, uuid: str) -> int:
    return ctx.db.execute("SELECT count(*) FROM change_log WHERE kind = 'application'"
                          " AND uuid = ?", [uuid]).fetchone()[0]


def as_role(ctx, *roles: Role, login: str = "other"):
    ctx.user = dataclasses.replace(ctx.user, login=login, roles=frozenset(roles))
    return ctx


def test_partial_arrival_is_kept_and_the_last_paper_registers_with_new_deadlines(ctx):
    app, missing = incomplete_tsa(ctx)
    first_due = app.decision_due
    logged = changes_logged(ctx, app.uuid)
    ctx.clock = lambda: LATER
    done = lifecycle.complete_documents(ctx, app.id, missing[:1])
    assert not done.complete and done.still_missing == (missing[1],)
    assert done.application.status == Status.INCOMPLETE
    item = next(c for c in done.application.checklist if c.document_id == missing[0])
    assert item.presented != Presented.MISSING and item.presented_on == LATER.date()
    assert changes_logged(ctx, app.uuid) > logged

    done = lifecycle.complete_documents(ctx, app.id, missing[1:])
    assert done.complete and done.application.status == Status.REGISTERED
    assert done.application.complete_at == LATER
    assert done.application.decision_due > first_due  # counted from the complete set
    assert done.application.incomplete_reason == ""
    kinds = [e["kind"] for e in applications.events(ctx, app.id)]
    assert kinds == ["status", "documents", "documents"]
    assert audit.verify(ctx.db).ok


def test_arrival_on_an_earlier_day_counts_from_that_day(ctx):
    app, missing = incomplete_tsa(ctx, missing=1)
    ctx.clock = lambda: LATER
    done = lifecycle.complete_documents(ctx, app.id, missing, on=dt.date(2026, 11, 19))
    assert done.application.complete_at.date() == dt.date(2026, 11, 19)
    from desktop_app.domain.deadlines import compute_deadlines
    expected = compute_deadlines(ctx.catalogue.get("tsa"), done.application.complete_at,
                                 ctx.calendar)
    assert done.application.decision_due == expected.decision_due
    assert done.application.decision_due < compute_deadlines(ctx.catalogue.get("tsa"), LATER,
                                                             ctx.calendar).decision_due
    with pytest.raises(ValidationError) as err:
        lifecycle.complete_documents(ctx, app.id, missing)
    assert err.value.code == "not_incomplete"


@pytest.mark.parametrize("bad, code", [
    (["no_such_doc"], "unknown_document"), ([], "no_documents")])
def test_bad_arrivals_are_refused_and_nothing_changes(ctx, bad, code):
    app, _missing = incomplete_tsa(ctx)
    before = count(ctx, "application_events"), count(ctx, "audit_log")
    with pytest.raises(ValidationError) as err:
        lifecycle.complete_documents(ctx, app.id, bad)
    assert err.value.code == code
    assert (count(ctx, "application_events"), count(ctx, "audit_log")) == before


def test_future_or_pre_intake_arrival_date_is_refused(ctx):
    app, missing = incomplete_tsa(ctx)
    for day, code in ((dt.date(2026, 12, 1), "future"), (dt.date(2026, 11, 1), "before_intake")):
        with pytest.raises(ValidationError) as err:
            lifecycle.complete_documents(ctx, app.id, missing, on=day)
        assert err.value.code == code


def test_correction_keeps_before_and_after_and_the_reason(ctx):
    app, _ = take_application(ctx, tsa_draft(ctx))
    change = lifecycle.Correction(reason="Тегі қате жазылған",
                                  person={"surname": "Кудайбергенов", "phone": "+7 701 000 0000"})
    lifecycle.correct_application(ctx, app.id, change)
    event = applications.events(ctx, app.id)[-1]
    assert event["kind"] == "correction" and event["note"] == "Тегі қате жазылған"
    assert event["details"]["person"]["surname"] == ["Құдайбергенов", "Кудайбергенов"]
    assert event["details"]["after_export"] is False
    surname = ctx.db.execute("SELECT surname FROM persons WHERE id = ?",
                             [app.applicant_id]).fetchone()[0]
    assert surname == "Кудайбергенов"
    with pytest.raises(ValidationError) as err:
        lifecycle.correct_application(ctx, app.id, change)
    assert err.value.code == "no_change"


def test_correction_needs_a_reason_and_a_valid_iin(ctx):
    app, _ = take_application(ctx, tsa_draft(ctx))
    with pytest.raises(ValidationError) as err:
        lifecycle.correct_application(ctx, app.id, lifecycle.Correction(
            reason="  ", person={"surname": "X"}))
    assert err.value.field == "reason"
    before = count(ctx, "audit_log")
    with pytest.raises(ValidationError) as err:
        lifecycle.correct_application(ctx, app.id, lifecycle.Correction(
            reason="ЖСН қате", person={"iin": "123456789012"}))
    assert err.value.field == "iin"
    assert count(ctx, "audit_log") == before


def test_checklist_correction_can_complete_an_application_taken_by_mistake_as_incomplete(ctx):
    app, missing = incomplete_tsa(ctx, missing=1)
    lifecycle.correct_application(ctx, app.id, lifecycle.Correction(
        reason="Құжат қабылданған, белгі қате қойылған",
        documents={missing[0]: Presented.COPY_KEPT}))
    fixed = applications.get(ctx, app.id)
    assert fixed.status == Status.REGISTERED and fixed.decision_due == app.decision_due


def test_withdraw_leaves_the_work_list_and_cannot_be_repeated(ctx):
    app, _ = take_application(ctx, tsa_draft(ctx))
    lifecycle.withdraw(ctx, app.id, reason="Өтініш берушінің жазбаша өтініші",
                       requested_on=dt.date(2026, 11, 18))
    done = applications.get(ctx, app.id)
    assert done.status == Status.WITHDRAWN and done.closed_on == dt.date(2026, 11, 18)
    from desktop_app.domain.application import OPEN_STATUSES
    assert not applications.work_list(ctx, statuses=set(OPEN_STATUSES))
    with pytest.raises(ValidationError) as err:
        lifecycle.withdraw(ctx, app.id, reason="again", requested_on=dt.date(2026, 11, 18))
    assert err.value.code == "closed"


def test_withdraw_refuses_a_future_request_date(ctx):
    app, _ = take_application(ctx, tsa_draft(ctx))
    with pytest.raises(ValidationError) as err:
        lifecycle.withdraw(ctx, app.id, reason="x", requested_on=dt.date(2026, 12, 18))
    assert err.value.field == "requested_on"
    assert applications.get(ctx, app.id).status == Status.REGISTERED


def test_void_by_the_author_on_the_same_day_keeps_the_number(ctx):
    app, _ = take_application(ctx, tsa_draft(ctx))
    lifecycle.void(ctx, app.id, reason="Басқа адамға қате тіркелді")
    done = applications.get(ctx, app.id)
    assert done.status == Status.VOIDED and done.reg_no == app.reg_no
    from desktop_app.services import households
    hh = households.household(ctx, app.household_id)
    nxt, _ = take_application(ctx, tsa_draft(ctx, applicant=hh.head.person, household=hh))
    assert nxt.reg_no.endswith("000002")  # the voided number is never reused


def test_void_is_for_the_akim_or_the_author_on_the_day(ctx):
    as_role(ctx, Role.SPECIALIST, login=ctx.user.login)
    app, _ = take_application(ctx, tsa_draft(ctx))
    ctx.clock = lambda: LATER
    with pytest.raises(PermissionDenied):
        lifecycle.void(ctx, app.id, reason="қате")  # the author, but not the same day
    as_role(ctx, Role.SPECIALIST, login="someone-else")
    with pytest.raises(PermissionDenied):
        lifecycle.void(ctx, app.id, reason="қате")
    assert applications.get(ctx, app.id).status == Status.REGISTERED
    as_role(ctx, Role.AKIM, login="akim")
    lifecycle.void(ctx, app.id, reason="қате тіркелді")
    assert applications.get(ctx, app.id).status == Status.VOIDED


def test_not_signed_in_changes_nothing(ctx):
    app, missing = incomplete_tsa(ctx)
    ctx.user = dataclasses.replace(ctx.user, login="", roles=frozenset())
    for call in (lambda: lifecycle.complete_documents(ctx, app.id, missing),
                 lambda: lifecycle.withdraw(ctx, app.id, reason="x",
                                            requested_on=dt.date(2026, 11, 18)),
                 lambda: lifecycle.void(ctx, app.id, reason="x")):
        with pytest.raises(PermissionDenied):
            call()
    assert applications.get(ctx, app.id).status == Status.INCOMPLETE


def test_open_duplicates_names_the_open_application(ctx):
    app, _ = take_application(ctx, tsa_draft(ctx))
    assert lifecycle.open_duplicates(ctx, app.applicant_id, "tsa") == [app.reg_no]
    assert lifecycle.open_duplicates(ctx, app.applicant_id, "child_benefit") == []
    lifecycle.withdraw(ctx, app.id, reason="x", requested_on=dt.date(2026, 11, 18))
    assert lifecycle.open_duplicates(ctx, app.applicant_id, "tsa") == []


def test_action_blockers_say_why_before_any_dialog(ctx):
    app, _missing = incomplete_tsa(ctx)
    assert lifecycle.action_blockers(ctx, applications.get(ctx, app.id)) == {
        "complete": None, "correct": None, "withdraw": None, "void": None}
    as_role(ctx, Role.SPECIALIST, login="someone-else")
    blocked = lifecycle.action_blockers(ctx, applications.get(ctx, app.id))
    assert blocked["void"] and blocked["complete"] is None
    as_role(ctx, Role.AKIM, login="akim")
    blocked = lifecycle.action_blockers(ctx, applications.get(ctx, app.id))
    assert blocked["complete"] and blocked["void"] is None
    lifecycle.void(ctx, app.id, reason="қате")
    blocked = lifecycle.action_blockers(ctx, applications.get(ctx, app.id))
    assert all(blocked.values())


def test_summary_before_the_number_names_missing_papers_deadlines_and_open_duplicates(ctx):
    from desktop_app.i18n import Translator
    from desktop_app.services import confirm, households

    draft = tsa_draft(ctx, incomplete_reason="кейін")
    draft.checklist[0].presented = Presented.MISSING
    summary = confirm.summarise(ctx, draft, Translator("kk"))
    assert summary.members == 5 and len(summary.missing) == 1 and summary.decision_due
    assert summary.open_elsewhere == () and not summary.issues_paper
    app, _ = take_application(ctx, draft)
    hh = households.household(ctx, app.household_id)
    again = confirm.summarise(ctx, tsa_draft(ctx, applicant=hh.head.person, household=hh),
                              Translator("ru"))
    assert again.open_elsewhere == (app.reg_no,)


def test_summary_of_a_tsa_certificate_says_it_will_be_a_refusal(ctx):
    from desktop_app.i18n import Translator
    from desktop_app.services import confirm, papers

    app, _ = take_application(ctx, tsa_draft(ctx))
    summary = confirm.summarise(ctx, papers.certificate_draft(ctx, "tsa_recipient",
                                                              app.applicant_id),
                                Translator("kk"))
    assert summary.issues_paper and summary.refusal
    residence = confirm.summarise(ctx, papers.certificate_draft(ctx, "residence",
                                                                app.applicant_id),
                                  Translator("kk"))
    assert residence.issues_paper and residence.refusal == ""


def test_withdrawal_confirmation_lists_the_documents_handed_back(ctx, tmp_path):
    import io
    import shutil
    import subprocess

    from pypdf import PdfReader

    from desktop_app.domain.errors import AppError
    from desktop_app.services import office_papers

    app, missing = incomplete_tsa(ctx, missing=1)
    with pytest.raises(AppError) as err:
        office_papers.withdrawal_pdf(ctx, app.id)
    assert err.value.code == "not_withdrawn"
    lifecycle.withdraw(ctx, app.id, reason="Азаматтың жазбаша өтініші",
                       requested_on=dt.date(2026, 11, 18))
    pdf, reg_no = office_papers.withdrawal_pdf(ctx, app.id, languages=("kk", "ru"))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace(
        "\n", "").replace(" ", "")
    assert reg_no == app.reg_no and app.reg_no in text
    assert "Азаматтыңжазбашаөтініші" in text
    spec = ctx.catalogue.get("tsa")
    handed = [d for d in spec.documents if d.id in {c.document_id for c in app.checklist}
              and d.id not in missing]
    assert handed and handed[0].name["ru"].split()[0] in text
    again, _ = office_papers.withdrawal_pdf(ctx, app.id)
    assert again != pdf                                          # a reprint is marked
    if shutil.which("pdftoppm"):
        (tmp_path / "w.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "40", str(tmp_path / "w.pdf"),
                        str(tmp_path / "w")], check=True)
        assert list(tmp_path.glob("w*.png"))


def test_a_receipt_printed_after_a_correction_is_the_corrected_one_not_a_duplicate(ctx):
    import io

    from pypdf import PdfReader

    from desktop_app.i18n import Translator
    from desktop_app.services import papers

    def text(pdf: bytes) -> str:
        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)

    app, _ = take_application(ctx, tsa_draft(ctx))
    papers.receipt_pdf(ctx, app.reg_no)
    duplicate = Translator("kk").gettext("Corrected on")
    again = text(papers.receipt_pdf(ctx, app.reg_no)[0])
    assert duplicate not in again
    ctx.clock = lambda: LATER
    lifecycle.correct_application(ctx, app.id, lifecycle.Correction(
        reason="Тегі қате", person={"surname": "Кудайбергенов"}))
    corrected = text(papers.receipt_pdf(ctx, app.reg_no)[0])
    assert duplicate in corrected and "Кудайбергенов" in corrected
    assert duplicate not in text(papers.receipt_pdf(ctx, app.reg_no)[0])  # then a duplicate again
