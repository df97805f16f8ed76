"""The Department head, executor and phone kept as office settings and printed on notices."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.domain.errors import PermissionDenied
from desktop_app.services import notice_signers, office_papers
from desktop_app.services.notice_signers import Signers
from tests.unit.test_documents import pdf_text


def _assigned(ctx) -> int:
    return ctx.db.execute("SELECT id FROM applications WHERE decision = 'assigned' ORDER BY id "
                          "LIMIT 1").fetchone()[0]


def test_stored_signers_print_on_the_notice_unless_given(demo_ctx, tmp_path) -> None:
    assert notice_signers.get_signers(demo_ctx) == Signers()
    changes = notice_signers.set_signers(demo_ctx, Signers(" Ахметов Арман ", "Сейітова Ә.",
                                                           "8 701 111 22 33"))
    assert changes.settings
    assert notice_signers.get_signers(demo_ctx).head == "Ахметов Арман"
    row = demo_ctx.db.execute(
        "SELECT action, after FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert row[0] == "settings.signers" and "Ахметов Арман" in row[1]
    assert not notice_signers.set_signers(demo_ctx, notice_signers.get_signers(demo_ctx))
    pdf, _ = office_papers.notice_pdf(demo_ctx, _assigned(demo_ctx), languages=("kk",))
    text = pdf_text(pdf, tmp_path, "a")[1]
    for part in ("Ахметов Арман", "Сейітова Ә.", "8 701 111 22 33"):
        assert part in text
    pdf, _ = office_papers.notice_pdf(demo_ctx, _assigned(demo_ctx), languages=("kk",),
                                      head_name="Басқа Б.")
    text = pdf_text(pdf, tmp_path, "b")[1]
    assert "Басқа Б." in text and "Ахметов Арман" not in text


def test_only_an_administrator_changes_the_signers(demo_ctx) -> None:
    demo_ctx.user = dataclasses.replace(demo_ctx.user, roles=frozenset({"specialist"}))
    with pytest.raises(PermissionDenied):
        notice_signers.set_signers(demo_ctx, Signers(head="X"))
