"""Every service of the catalogue can be taken at the office and completes with the paper its act
names: the receipt of its kind (with the deciding body and the hand-over date for a forwarded
one), or, for the office's own papers, the paper itself."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from desktop_app.domain.application import ChecklistItem, Presented, Status
from desktop_app.domain.catalogue import AkimRole, ReceiptKind
from desktop_app.documents.receipt import OFFICE_RECEIPT_TITLE, RECEIPT_TITLES
from desktop_app.i18n import Translator
from desktop_app.services import papers
from desktop_app.services.intake import ApplicationDraft, documents_for, take_application
from desktop_app.services.setup import open_context

from tests.conftest import fixed_clock


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    ctx = open_context(tmp_path_factory.mktemp("every-service"), clock=fixed_clock, demo=True)
    yield ctx
    ctx.close()


def _service_ids():
    from desktop_app.domain.catalogue_loader import load_catalogue
    from desktop_app.paths import data_root

    return [s.id for s in load_catalogue(data_root() / "services").all()]


@pytest.mark.parametrize("service_id", _service_ids())
def test_service_completes_with_its_paper(village, service_id):
    from desktop_app.services import households

    ctx = village
    spec = ctx.catalogue.get(service_id)
    hid = ctx.db.execute("SELECT id FROM households ORDER BY id LIMIT 1 OFFSET 3").fetchone()[0]
    hh = households.household(ctx, hid)
    applicant = hh.members[0].person
    draft = ApplicationDraft(service_id=service_id, applicant=applicant,
                             household=hh if spec.needs_household else None)
    draft.checklist = [ChecklistItem(d.id, Presented.BOTH, required=d.required)
                       for d in documents_for(ctx, draft)]
    app, _ = take_application(ctx, draft)
    t = Translator("kk")
    if spec.akim_role == AkimRole.ISSUES:
        pdf, _ = papers.issue_for_application(ctx, app.id, language="kk")
        status = ctx.db.execute("SELECT status FROM applications WHERE id = ?",
                                [app.id]).fetchone()[0]
        assert status in (Status.ISSUED, Status.REFUSED)
    else:
        assert spec.receipt_kind != ReceiptKind.NONE
        pdf, _ = papers.receipt_pdf(ctx, app.reg_no, language="kk")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert app.reg_no in text and applicant.surname in text
    if spec.akim_role != AkimRole.ISSUES:
        # the act's name for the receipt, or the office's own slip where the act names none
        title = RECEIPT_TITLES[spec.receipt_kind] if spec.receipt_stated else OFFICE_RECEIPT_TITLE
        assert t.gettext(title).split()[0] in text
    if spec.akim_role == AkimRole.FORWARDS:
        assert app.forward_by is not None
        assert " ".join(t.long_date(app.forward_by).split()) in " ".join(text.split())
