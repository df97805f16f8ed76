"""A five-person TSA receipt fits one A4 page; when the content needs two, the signature and the
QR seal never stand alone on the second page; the QR note says who can check the paper."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from desktop_app.domain.application import ChecklistItem, Presented
from desktop_app.domain.household import Income, IncomeKind
from desktop_app.documents.receipt import render_receipt
from desktop_app.i18n import Translator
from desktop_app.services import papers
from desktop_app.services.intake import ApplicationDraft, documents_for, take_application
from desktop_app.store import applications as app_store
from desktop_app.store import households as hh_store
from tests.unit.test_services import five_person_household


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def tsa_with_incomes(ctx) -> ApplicationDraft:
    """The five-person household, both parents with three months of income, every document of
    the catalogue's checklist presented with its page count."""
    head, hh = five_person_household()
    months = [dt.date(2026, m, 1) for m in (7, 8, 9)]
    spouse = hh.members[1]
    hh.members[1] = dataclasses.replace(spouse, incomes=[
        Income(IncomeKind.BENEFIT, m, Decimal("21500"), "ЕНПФ") for m in months])
    draft = ApplicationDraft(service_id="tsa", applicant=head, household=hh)
    draft.checklist = [ChecklistItem(d.id, Presented.BOTH, required=d.required, pages=2)
                       for d in documents_for(ctx, draft)]
    return draft


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_five_person_tsa_receipt_fits_one_page(ctx, language):
    app, _ = take_application(ctx, tsa_with_incomes(ctx))
    assert len(app.checklist) >= 6 and all(c.presented == Presented.BOTH for c in app.checklist)
    pdf, _ = papers.receipt_pdf(ctx, app.reg_no, language=language)
    pages = pages_text(pdf)
    assert len(pages) == 1, f"{len(pages)} pages"
    text = flat(pages[0])
    assert app.reg_no in text and "Құдайбергенов" in text
    assert "Akimat Desk" in text  # the QR note, on the same page as the content
    spec = ctx.catalogue.get("tsa")
    last = spec.documents[-1].name[language].split()[0]
    assert last in text


def test_signature_and_seal_never_alone_on_the_next_page(ctx):
    """The real application's receipt with its document list made artificially long, one row
    at a time: whenever it needs a second page, that page also carries document rows."""
    app = app_store.by_reg_no(ctx.db, take_application(ctx, tsa_with_incomes(ctx))[0].reg_no)
    spec = ctx.catalogue.get(app.service_id)
    applicant = hh_store.get_person(ctx.db, app.applicant_id)
    docs = {d.id: d for d in spec.documents}
    rows = [(docs[c.document_id], dataclasses.replace(c, note=f"ZZ{k:02d}-{n}"))
            for k in range(4) for n, c in enumerate(app.checklist)]
    two_pages = 0
    for count in range(len(app.checklist), len(rows) + 1):
        pdf = render_receipt(ctx.office, app, applicant, spec, Translator("kk"),
                             documents=rows[:count], seal="AKD1:test-seal",
                             seal_fingerprint="ABCD-EF01")
        pages = pages_text(pdf)
        if len(pages) < 2:
            continue
        two_pages += 1
        last = flat(pages[-1])
        # the last page carries document rows, not only the signature and the QR note
        assert rows[count - 1][1].note in last, f"{count} rows: the last page has no rows"
        assert rows[count - 2][1].note in last, f"{count} rows: one row alone"
        assert "Akimat Desk" in last and "Серікбаева" in last
    assert two_pages, "no length needed two pages: the test would test nothing"


@pytest.mark.parametrize(("language", "words"), [
    ("kk", ("әкім аппараты", "аудандық бөлім", "Akimat Desk", "«Құжатты тексеру»")),
    ("ru", ("аппарат акима", "районный отдел", "Akimat Desk", "«Проверка документа»")),
])
def test_qr_note_says_who_can_check_the_paper(ctx, language, words):
    app, _ = take_application(ctx, tsa_with_incomes(ctx))
    pdf, _ = papers.receipt_pdf(ctx, app.reg_no, language=language)
    text = flat(pages_text(pdf)[-1])
    for word in words:
        assert word in text, word
    assert "akimat-desk verify" not in text  # a command name tells a citizen nothing
