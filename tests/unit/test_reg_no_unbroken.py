"""Registration numbers in the narrow field columns of a two-language notice are set smaller
rather than split mid-string (ReportLab splits a word wider than its cell)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from desktop_app.documents.styles import fitted_para, style
from desktop_app.services import office_papers


def test_a_too_wide_word_is_set_smaller_on_one_line():
    reg_no = "KRG-ABAY-KOKSU-2026-000007"
    p = fitted_para(f"23.10.2026 № {reg_no}", "field", 110)
    p.wrap(110, 500)
    lines = [" ".join(w.text if hasattr(w, "text") else str(w) for w in line.words)
             for line in p.blPara.lines]
    assert any(reg_no in line for line in lines)
    assert "size=" not in fitted_para("short words only", "field", 110).text
    assert style("field").fontSize > 6


def test_bilingual_notice_keeps_the_number_whole(demo_ctx):
    app_id, reg_no = demo_ctx.db.execute(
        "SELECT id, reg_no FROM applications WHERE decision = 'assigned' ORDER BY id LIMIT 1"
    ).fetchone()
    pdf, _ = office_papers.notice_pdf(demo_ctx, app_id, languages=("kk", "ru"))
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert text.count(reg_no) >= 3  # the heading line and the field in each language
