"""Issue 5: every paper the office prints, in kk, ru and both side by side, with a QR seal that
verifies offline (genuine / altered / unknown office), duplicates marked, long lists flowing."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from nacl.signing import SigningKey
from pypdf import PdfReader

from desktop_app.documents import fonts, seal
from desktop_app.documents import registers as reg_docs
from desktop_app.documents.certificates import Extras, render_farm_information
from desktop_app.documents.forms import FORM_TITLES, render_blank_form
from desktop_app.documents.receipt import render_receipt
from desktop_app.domain.catalogue import AkimRole, ReceiptKind
from desktop_app.i18n import Translator
from desktop_app.services import complaints, issued, office_papers, papers
from desktop_app.store import sync_log
from tests.unit.test_documents import (
    check_page_image,
    check_paper,
    make_applicant,
    make_application,
    make_household,
    make_office,
    make_service,
    pdf_text,
)

LANGS = [("kk",), ("ru",), ("kk", "ru")]
KAZAKH = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


def ids(langs: tuple[str, ...]) -> str:
    return "+".join(langs)


def _app_with(ctx, decision: str) -> int:
    return ctx.db.execute("SELECT id FROM applications WHERE decision = ? ORDER BY id LIMIT 1",
                          [decision]).fetchone()[0]


# --- rendering, fonts, margins -------------------------------------------------------------------

def test_every_kazakh_letter_is_in_the_embedded_font(tmp_path: Path) -> None:
    assert fonts.covers(fonts.font_path(fonts.FAMILY), KAZAKH + KAZAKH.upper() + "№«»—") == set()
    assert fonts.covers(fonts.font_path("Serif-Bold"), KAZAKH) == set()
    person = make_applicant()
    household = make_household(person)
    household.has_farm, household.farm_notes = True, KAZAKH
    pdf = render_farm_information(make_office(), person, household, "R-1", dt.date(2025, 4, 7),
                                  Translator("kk"), Extras(languages=("kk", "ru")))
    check_paper(pdf, tmp_path, "farm-letters", KAZAKH, person.full_name)


@pytest.mark.parametrize("langs", LANGS, ids=ids)
def test_receipt_kinds_in_each_language_mode(langs, tmp_path: Path) -> None:
    t = Translator(langs[0])
    key = SigningKey.generate()
    payload = seal.sign({"office": "X", "no": "R"}, key)
    for kind in (ReceiptKind.TALON, ReceiptKind.CONFIRMATION_LETTER, ReceiptKind.NOTICE,
                 ReceiptKind.CONFIRMATION):
        app, docs = make_application()
        pdf = render_receipt(make_office(), app, make_applicant(), make_service(kind), t,
                             documents=docs, languages=langs, seal=payload)
        expected = [app.reg_no, app.receiver_name] + [Translator(x).long_date(app.inspection_date)
                                                       for x in langs]
        check_paper(pdf, tmp_path, f"receipt-{kind}-{ids(langs)}", *expected)


def test_accepts_service_listing_forward_by_prints_the_hand_over_date(tmp_path: Path) -> None:
    t = Translator("ru")
    app, docs = make_application()
    service = make_service(ReceiptKind.CONFIRMATION, role=AkimRole.ACCEPTS, inspection=False)
    pdf = render_receipt(make_office(), app, make_applicant(), service, t, documents=docs)
    check_paper(pdf, tmp_path, "accepts-forward", t.long_date(app.forward_by),
                service.provider["ru"])


@pytest.mark.parametrize("langs", LANGS, ids=ids)
def test_blank_forms_carry_the_office_header(langs, tmp_path: Path) -> None:
    office = make_office()
    for form in FORM_TITLES:
        pdf = render_blank_form(office, form, make_service(ReceiptKind.CONFIRMATION),
                                Translator(langs[0]), Extras(languages=langs))
        check_paper(pdf, tmp_path, f"form-{form}-{ids(langs)}", office.name["kk"],
                    office.name["ru"])


def test_journal_of_500_rows_flows_with_repeated_headers(tmp_path: Path) -> None:
    t = Translator("ru")
    rows = [reg_docs.JournalRow(f"KRG-ABAY-KOKSU-2026-{i:06d}",
                                dt.datetime(2026, 1, 1, 9) + dt.timedelta(minutes=30 * i),
                                f"Өтегенова Әйгерім {i}", {"kk": "АӘК", "ru": "АСП"},
                                {"kk": "тіркелді", "ru": "зарегистрировано"}, None, {}, "Сәрсен Г.")
            for i in range(1, 501)]
    pdf = reg_docs.render_journal(make_office(), rows, dt.date(2026, 1, 1), dt.date(2026, 12, 31),
                                  t, "J-1", dt.date(2026, 12, 31))
    path, text, reader = pdf_text(pdf, tmp_path, "journal-500")
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert len(pages) > 10
    header = t.gettext("Accepted by")
    assert all(header in p for p in pages[:-1]), "the table header is not repeated on every page"
    for i in (1, 250, 500):
        assert f"KRG-ABAY-KOKSU-2026-{i:06d}" in text
    assert f"{len(pages)}" in pages[-1]
    if shutil.which("pdftoppm"):
        check_page_image(path, page=2)
        check_page_image(path, page=len(pages))


# --- services: notices, referrals, registers, complaints, seal -----------------------------------

@pytest.mark.parametrize("langs", LANGS, ids=ids)
def test_assignment_notice_states_amount_in_words_and_period(demo_ctx, langs, tmp_path) -> None:
    app_id = _app_with(demo_ctx, "assigned")
    row = demo_ctx.db.execute("SELECT decision_amount, period_from FROM applications WHERE id = ?",
                              [app_id]).fetchone()
    pdf, reg_no = office_papers.notice_pdf(demo_ctx, app_id, languages=langs,
                                           head_name="Ахметов А.")
    from decimal import Decimal

    from desktop_app.documents.words import tenge_words
    expected = [reg_no, "Ахметов А.", demo_ctx.office.department["kk"] if "kk" in langs
                else demo_ctx.office.department["ru"]]
    for lang in langs:
        tr = Translator(lang)
        expected += [tenge_words(Decimal(row[0]), lang), tr.money(Decimal(row[0])),
                     tr.date(dt.date.fromisoformat(row[1]))]
    check_paper(pdf, tmp_path, f"assign-{ids(langs)}", *expected)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_refusal_notice_gives_reasons_and_the_appeal_route(demo_ctx, lang, tmp_path) -> None:
    app_id = _app_with(demo_ctx, "refused")
    data = office_papers.handover.notice_data(demo_ctx, app_id)
    pdf, _ = office_papers.notice_pdf(demo_ctx, app_id, languages=(lang,))
    text, _ = check_paper(pdf, tmp_path, f"refuse-{lang}", *[r[lang] for r in data.refusal_texts])
    spec = demo_ctx.catalogue.get(data.application.service_id)
    appeal = " ".join(spec.appeal.text[lang].split())  # the service's own route, from the data
    assert appeal[:40] in text


def test_referral_to_training(demo_ctx, tmp_path) -> None:
    app_id = _app_with(demo_ctx, "assigned")
    uuid = demo_ctx.db.execute("SELECT uuid FROM applications WHERE id = ?", [app_id]).fetchone()[0]
    demo_ctx.db["referrals"].insert({
        "uuid": "ref-1", "application_uuid": uuid, "office_code": demo_ctx.office.code,
        "kind": "training", "issued_on": "2026-11-10", "place": "Абай колледжі",
        "note": "Дәнекерлеуші", "valid_until": "2026-12-10", "issued_by": "d",
        "updated_at": "2026-11-10T10:00:00"})
    pdf, reg_no = office_papers.referral_pdf(demo_ctx, app_id, languages=("kk", "ru"))
    check_paper(pdf, tmp_path, "referral", "Абай колледжі", "Дәнекерлеуші", reg_no,
                Translator("ru").long_date(dt.date(2026, 12, 10)))


def test_journal_and_handover_register_from_the_demo(demo_ctx, tmp_path) -> None:
    pdf, number = office_papers.journal_pdf(demo_ctx, dt.date(2026, 1, 1), dt.date(2026, 12, 31),
                                            languages=("kk", "ru"))
    first = demo_ctx.db.execute("SELECT reg_no FROM applications ORDER BY id").fetchone()[0]
    check_paper(pdf, tmp_path, "journal-demo", number, first)
    day = demo_ctx.db.execute("SELECT handed_on, to_whom FROM handovers WHERE kind = 'documents'"
                              " LIMIT 1").fetchone()
    pdf, number = office_papers.handover_register_pdf(demo_ctx, dt.date.fromisoformat(day[0]))
    check_paper(pdf, tmp_path, "handover-demo", number, day[1], "KRG-ABAY-KOKSU")
    assert number != office_papers.journal_pdf(demo_ctx, dt.date(2026, 1, 1),
                                               dt.date(2026, 1, 2))[1]


def test_complaint_is_recorded_with_a_talon_and_the_journal(demo_ctx, tmp_path) -> None:
    number, _ = complaints.record_complaint(demo_ctx, complainant="Әлиев Бақыт",
                                            subject="Кезекте ұзақ күттім", phone="8 701 111 22 33")
    talon = complaints.talon_pdf(demo_ctx, number, languages=("kk", "ru"))
    name = complaints.initials(demo_ctx.user.full_name)
    check_paper(talon, tmp_path, "complaint-talon", number, name, demo_ctx.office.name["kk"],
                demo_ctx.office.phone, Translator("kk").datetime(demo_ctx.now()))
    journal, _ = complaints.journal_pdf(demo_ctx, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    check_paper(journal, tmp_path, "complaints-journal", number, "Әлиев Бақыт",
                "Кезекте ұзақ күттім")
    assert demo_ctx.db.execute("SELECT count(*) FROM audit_log WHERE action = 'complaint.record'"
                               ).fetchone()[0] == 1


def test_farm_information_is_issued_from_the_household_book(demo_ctx, tmp_path) -> None:
    person_id = demo_ctx.db.execute("SELECT id FROM persons WHERE household_id IS NOT NULL"
                                    " LIMIT 1").fetchone()[0]
    pdf, reg_no, changes = papers.issue_certificate(demo_ctx, "farm_information", person_id,
                                                    languages=("kk", "ru"))
    assert changes.applications
    check_paper(pdf, tmp_path, "farm-demo", reg_no)


def test_tsa_certificate_for_a_given_quarter_or_its_refusal(demo_ctx, tmp_path) -> None:
    row = demo_ctx.db.execute("SELECT applicant_id, period_from FROM applications WHERE service_id"
                              " = 'tsa' AND decision = 'assigned' LIMIT 1").fetchone()
    start = dt.date.fromisoformat(row[1])
    quarter = (start.year, (start.month - 1) // 3 + 1)
    pdf, reg_no, _ = papers.issue_certificate(demo_ctx, "tsa_recipient", row[0], quarter=quarter)
    status = demo_ctx.db.execute("SELECT status FROM applications WHERE reg_no = ?",
                                 [reg_no]).fetchone()[0]
    assert status == "issued"
    pdf, reg_no, _ = papers.issue_certificate(demo_ctx, "tsa_recipient", row[0],
                                              quarter=(2001, 1), languages=("ru",))
    tsa = demo_ctx.catalogue.get("tsa_certificate")
    check_paper(pdf, tmp_path, "tsa-refused", tsa.refusal("no_tsa_in_quarter").text["ru"])


def _qr_payload(pdf: bytes) -> str:
    found = [line for line in seal_texts(pdf)]
    assert found, "no QR payload on the paper"
    return found[0]


def seal_texts(pdf: bytes) -> list[str]:
    """The payloads signed into a PDF, read back by decoding its rendered pages."""
    import tempfile

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(Path(tmp) / "pg")],
                       check=True)
        for png in sorted(Path(tmp).glob("pg*.png")):
            try:
                out.append(issued.decode_image(png))
            except Exception:  # noqa: BLE001 - a page without the code
                continue
    return out


needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="no poppler")


@needs_poppler
def test_verify_genuine_altered_and_unknown_office(demo_ctx) -> None:
    pdf, reg_no = papers.receipt_pdf(demo_ctx, demo_ctx.db.execute(
        "SELECT reg_no FROM applications WHERE service_id = 'tsa' LIMIT 1").fetchone()[0])
    payload = _qr_payload(pdf)
    check = issued.verify_text(demo_ctx, payload)
    assert check.verdict == seal.Verdict.GENUINE
    assert check.facts["no"] == reg_no and check.office_code == demo_ctx.office.code
    # one byte changed in the facts
    i = payload.index(reg_no) + len(reg_no) - 1
    altered = payload[:i] + ("7" if payload[i] != "7" else "8") + payload[i + 1:]
    assert issued.verify_text(demo_ctx, altered).verdict == seal.Verdict.ALTERED
    assert issued.verify_text(demo_ctx, "hello").verdict == seal.Verdict.NOT_A_PAPER
    # the same office code signed with another key (a forged paper): altered
    forged = seal.sign(check.facts, SigningKey.generate())
    assert issued.verify_text(demo_ctx, forged).verdict == seal.Verdict.ALTERED
    stranger = seal.sign({"office": "ALM-OTHER", "no": "1"}, SigningKey.generate())
    assert issued.verify_text(demo_ctx, stranger).verdict == seal.Verdict.UNKNOWN_OFFICE


def test_a_trusted_peer_key_verifies_that_offices_papers(demo_ctx) -> None:
    from desktop_app.sync import keys

    other = SigningKey.generate()
    payload = seal.sign({"office": "KRG-ABAY-OTHER", "no": "1", "name": "Әлиев"}, other)
    assert issued.verify_text(demo_ctx, payload).verdict == seal.Verdict.UNKNOWN_OFFICE
    sync_log.trust(demo_ctx.db, code="KRG-ABAY-OTHER", uuid="u", mode="village",
                   name={"kk": "Басқа", "ru": "Другой"}, public_key=keys.public_b64(other),
                   fingerprint=keys.fingerprint(other.verify_key.encode()), now="2026-11-18",
                   user="admin")
    check = issued.verify_text(demo_ctx, payload)
    assert check.verdict == seal.Verdict.GENUINE and check.office_name["ru"] == "Другой"


@needs_poppler
def test_reprint_is_marked_duplicate_with_the_original_date(demo_ctx, tmp_path) -> None:
    reg_no = demo_ctx.db.execute("SELECT reg_no FROM applications WHERE service_id = 'tsa'"
                                 " LIMIT 1").fetchone()[0]
    first, _ = papers.receipt_pdf(demo_ctx, reg_no)
    second, _ = papers.receipt_pdf(demo_ctx, reg_no, languages=("kk", "ru"))
    _, text1, _ = pdf_text(first, tmp_path, "first")
    assert "ДУБЛИКАТ" not in text1
    check_paper(second, tmp_path, "dup", "ДУБЛИКАТ / ДУБЛИКАТ",
                Translator("ru").long_date(demo_ctx.now().date()))
    facts = issued.verify_text(demo_ctx, _qr_payload(second)).facts
    assert facts["duplicate_of"] == demo_ctx.now().date().isoformat()


def test_cli_print_and_verify(demo_ctx, tmp_path, capsys) -> None:
    from desktop_app import cli

    folder = str(demo_ctx.data_dir)
    reg_no = demo_ctx.db.execute("SELECT reg_no FROM applications WHERE decision = 'assigned'"
                                 " LIMIT 1").fetchone()[0]
    demo_ctx.close()
    out = tmp_path / "n.pdf"
    assert cli.main(["print", "notice", reg_no, "--languages", "kk,ru", "--out", str(out),
                     "--data-dir", folder]) == 0
    assert PdfReader(out).pages
    for kind, extra in (("journal", ["--from", "2026-01-01", "--to", "2026-12-31"]),
                        ("form", ["tsa", "--form", "income_information"])):
        assert cli.main(["print", kind, *extra, "--out", str(tmp_path / f"{kind}.pdf"),
                         "--data-dir", folder]) == 0
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(out),
                        str(tmp_path / "scan")], check=True)
        image = next(tmp_path.glob("scan*.png"))
        capsys.readouterr()
        assert cli.main(["verify", "--image", str(image), "--data-dir", folder]) in (0, 3)
    assert cli.main(["verify", "AKD1|{\"office\":\"NOPE\"}|AAAA", "--data-dir", folder]) == 3
