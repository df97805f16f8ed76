"""Printed papers: receipts and the akim's certificates render to PDFs that carry the data,
embed Liberation Serif, draw something, stay out of the margins and flow tables over pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.documents.certificates import (
    render_family_composition,
    render_refusal,
    render_residence_certificate,
    render_tsa_certificate,
)
from desktop_app.documents.receipt import render_receipt
from desktop_app.domain.application import Application, ChecklistItem, Presented, Status
from desktop_app.domain.catalogue import (
    AkimRole,
    DocumentForm,
    DocumentSpec,
    ReceiptKind,
    ServiceSpec,
    Waiting,
)
from desktop_app.domain.household import Household, Member, Person, Relation, Sex
from desktop_app.domain.office import Office
from desktop_app.i18n import Translator

ALL_CONTENT = (
    "office",
    "registration_number",
    "service",
    "applicant",
    "documents",
    "accepted_at",
    "receiver",
    "decision_due",
    "inspection",
    "deciding_body",
    "forward_by",
    "precheck",
)


DUE, FORWARD_BY, INSPECTION = dt.date(2025, 5, 7), dt.date(2025, 4, 10), dt.date(2025, 4, 15)


def make_office() -> Office:
    return Office(
        code="KRG-ABY-01",
        name={
            "kk": "Құндызды ауылдық округі әкімінің аппараты",
            "ru": "Аппарат акима Кундыздинского сельского округа",
        },
        region="karaganda",
        district={
            "kk": "Қарағанды облысы, Абай ауданы",
            "ru": "Карагандинская область, Абайский район",
        },
        address={"kk": "Құндызды ауылы, Бірлік көшесі, 5", "ru": "село Кундызды, улица Бирлик, 5"},
        phone="8 (72131) 2-11-22",
        akim_name="Ғ. Ә. Сейітқұлов",
        akim_position={
            "kk": "Құндызды ауылдық округінің әкімі",
            "ru": "Аким Кундыздинского сельского округа",
        },
    )


def make_applicant() -> Person:
    return Person(
        "Өтегенова",
        "Әйгерім",
        "Қуанышқызы",
        iin="850315400123",
        birth_date=dt.date(1985, 3, 15),
        sex=Sex.FEMALE,
        address="Құндызды ауылы, Абай көшесі, 12",
    )


def make_household(applicant: Person, extra: int = 3) -> Household:
    members = [Member(applicant, Relation.APPLICANT)]
    members.append(
        Member(
            Person(
                "Өтегенов", "Ұлан", "Һадиұлы", iin="830101300456", birth_date=dt.date(1983, 1, 1)
            ),
            Relation.SPOUSE,
        )
    )
    for i in range(extra - 1):
        members.append(
            Member(
                Person(
                    "Өтегенова",
                    f"Іңкәр-{i + 1}",
                    "Ұланқызы",
                    iin=f"1{i:02d}20160{i:04d}"[:12],
                    birth_date=dt.date(2010 + i % 10, 1 + i % 12, 1 + i % 28),
                ),
                Relation.CHILD,
            )
        )
    return Household(
        address="Құндызды ауылы, Абай көшесі, 12", members=members, book_ref="№ 3, бет 47"
    )


DOCS = (
    DocumentSpec(
        "identity",
        {"kk": "Жеке басын куәландыратын құжат", "ru": "Документ, удостоверяющий личность"},
        DocumentForm.ORIGINAL,
    ),
    DocumentSpec(
        "income", {"kk": "Табыс туралы мәліметтер", "ru": "Сведения о доходах"}, DocumentForm.COPY
    ),
    DocumentSpec(
        "residence",
        {"kk": "Тұрғылықты жері туралы анықтама", "ru": "Справка о месте жительства"},
        DocumentForm.ORIGINAL_AND_COPY,
    ),
)


def make_service(
    kind: ReceiptKind, role: AkimRole = AkimRole.ACCEPTS, inspection: bool = True
) -> ServiceSpec:
    return ServiceSpec(
        id="tsa",
        version="2025.1",
        valid_from=dt.date(2025, 1, 1),
        valid_to=None,
        name={
            "kk": "Мемлекеттік атаулы әлеуметтік көмек тағайындау",
            "ru": "Назначение государственной адресной социальной помощи",
        },
        short_name={"kk": "АӘК", "ru": "АСП"},
        act="003",
        standard="12",
        legal_basis={"kk": "", "ru": ""},
        provider={
            "kk": "Абай ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі",
            "ru": "Отдел занятости и социальных программ Абайского района",
        },
        akim_role=role,
        applicants=("citizen",),
        needs_household=True,
        precheck="tsa",
        receipt_kind=kind,
        receipt_content=ALL_CONTENT,
        inspection=inspection,
        result_kinds=("assigned", "refused"),
        refusal_codes=(),
        documents=DOCS,
        deadlines=(),
        waiting=Waiting(30, 30),
        blank_forms=(),
        result_validity={},
    )


def make_application(status: Status = Status.REGISTERED) -> tuple[Application, list]:
    items = [
        ChecklistItem("identity", Presented.ORIGINAL_SEEN, pages=1),
        ChecklistItem("income", Presented.COPY_KEPT, pages=3),
        ChecklistItem(
            "residence",
            Presented.MISSING if status == Status.INCOMPLETE else Presented.BOTH,
            pages=1,
        ),
    ]
    app = Application(
        service_id="tsa",
        service_version="2025.1",
        applicant_id=1,
        accepted_at=dt.datetime(2025, 4, 7, 10, 35),
        status=status,
        checklist=items,
        reg_no="KRG-ABY-01/2025-0042",
        decision_due=DUE,
        forward_by=FORWARD_BY,
        inspection_date=INSPECTION,
        incomplete_reason="Анықтама ертең әкелінеді",
        receiver_name="Сәрсенбаева Гүлназ",
        receiver_position="Бас маман",
    )
    return app, list(zip(DOCS, items, strict=True))


# ---------------------------------------------------------------------------------------------
# checks


def pdf_text(pdf: bytes, tmp_path: Path, name: str) -> tuple[Path, str, PdfReader]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return path, " ".join(text.split()), reader


def font_names(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})  # type: ignore[union-attr]
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:  # magic, width, height, maxval; comments start with '#'
        while data[pos : pos + 1].isspace():
            pos += 1
        if data[pos : pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P5" and fields[3] == b"255"
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[pos + 1 : pos + 1 + width * height]


needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler not installed")


def check_page_image(pdf_path: Path, page: int = 1) -> None:
    dpi = 50
    out = pdf_path.with_name(f"{pdf_path.stem}-p{page}")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-gray",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf_path),
            str(out),
        ],
        check=True,
    )
    width, height, px = read_pgm(out.with_suffix(".pgm"))
    dark = sum(1 for b in px if b < 128)
    assert dark > 500, "page looks blank"

    def mm_px(v: float) -> int:
        return int(v / 25.4 * dpi)

    def column_white(x0: int, x1: int) -> bool:
        return all(px[y * width + x] > 240 for y in range(height) for x in range(x0, x1))

    def row_white(y0: int, y1: int) -> bool:
        return all(b > 240 for b in px[y0 * width : y1 * width])

    assert column_white(0, mm_px(25)), "something is drawn in the left 25 mm margin"
    assert column_white(width - mm_px(8), width), "something is drawn in the right margin"
    assert row_white(0, mm_px(8)), "something is drawn in the top margin"
    assert row_white(height - mm_px(7), height), "something is drawn in the bottom margin"


def check_paper(
    pdf: bytes, tmp_path: Path, name: str, *expected: str | None
) -> tuple[str, PdfReader]:
    assert pdf.startswith(b"%PDF")
    path, text, reader = pdf_text(pdf, tmp_path, name)
    for value in expected:
        assert value, f"empty expectation for {name}"
        # Babel puts no-break spaces in dates and money; text extraction turns them into spaces.
        assert " ".join(value.split()) in text, f"{value!r} missing from {name}"
    names = font_names(reader)
    assert names and all("LiberationSerif" in n or "DejaVuSerif" in n for n in names), names
    assert any("LiberationSerif" in n for n in names)
    if shutil.which("pdftoppm"):
        check_page_image(path)
    return text, reader


# ---------------------------------------------------------------------------------------------
# receipts


@pytest.mark.parametrize(
    "kind",
    [
        ReceiptKind.TALON,
        ReceiptKind.CONFIRMATION_LETTER,
        ReceiptKind.NOTICE,
        ReceiptKind.CONFIRMATION,
    ],
)
@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_receipt_carries_the_application(kind: ReceiptKind, locale: str, tmp_path: Path) -> None:
    t = Translator(locale)
    office, applicant = make_office(), make_applicant()
    app, documents = make_application()
    pdf = render_receipt(
        office,
        app,
        applicant,
        make_service(kind),
        t,
        documents=documents,
        precheck_lines=["Жан басына шаққандағы табыс: 25 000,00 ₸"],
    )
    text, _ = check_paper(
        pdf,
        tmp_path,
        f"receipt-{kind}-{locale}",
        applicant.full_name,
        app.reg_no,
        office.name[locale],
        office.name["kk"],
        office.name["ru"],
        app.receiver_name,
        t.long_date(DUE),
        t.long_date(INSPECTION),
        t.datetime(app.accepted_at),
        DOCS[1].name[locale],
        "25 000,00 ₸",
    )


def test_forwarding_receipt_names_the_deciding_body_and_date(tmp_path: Path) -> None:
    t = Translator("ru")
    app, documents = make_application()
    service = make_service(ReceiptKind.CONFIRMATION, role=AkimRole.FORWARDS, inspection=False)
    pdf = render_receipt(make_office(), app, make_applicant(), service, t, documents=documents)
    text, _ = check_paper(
        pdf, tmp_path, "forwards", service.provider["ru"], t.long_date(FORWARD_BY)
    )
    assert t.long_date(INSPECTION) not in text


def test_incomplete_receipt_lists_missing_documents_and_reason(tmp_path: Path) -> None:
    t = Translator("kk")
    app, documents = make_application(Status.INCOMPLETE)
    pdf = render_receipt(
        make_office(),
        app,
        make_applicant(),
        make_service(ReceiptKind.CONFIRMATION_LETTER),
        t,
        documents=documents,
    )
    check_paper(pdf, tmp_path, "incomplete", app.incomplete_reason, DOCS[2].name["kk"])


def test_receipt_content_is_driven_by_the_catalogue(tmp_path: Path) -> None:
    t = Translator("ru")
    app, documents = make_application()
    service = dataclasses.replace(
        make_service(ReceiptKind.TALON), receipt_content=("registration_number", "accepted_at")
    )
    pdf = render_receipt(
        make_office(),
        app,
        make_applicant(),
        service,
        t,
        documents=documents,
        precheck_lines=["SECRET-PRECHECK"],
    )
    text, _ = check_paper(pdf, tmp_path, "talon-minimal", app.reg_no)
    assert "SECRET-PRECHECK" not in text
    assert DOCS[0].name["ru"] not in text


def test_service_without_receipt_is_refused() -> None:
    app, documents = make_application()
    with pytest.raises(ValueError):
        render_receipt(
            make_office(),
            app,
            make_applicant(),
            make_service(ReceiptKind.NONE),
            Translator("kk"),
            documents=documents,
        )


# ---------------------------------------------------------------------------------------------
# certificates


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_residence_certificate(locale: str, tmp_path: Path) -> None:
    t = Translator(locale)
    office, person = make_office(), make_applicant()
    household = make_household(person)
    pdf = render_residence_certificate(
        office, person, household, "KRG-ABY-01/2025-0101", dt.date(2025, 4, 7), t
    )
    check_paper(
        pdf,
        tmp_path,
        f"residence-{locale}",
        person.full_name,
        person.iin,
        "KRG-ABY-01/2025-0101",
        office.name[locale],
        office.akim_name,
        office.akim_position[locale],
        household.address,
        t.long_date(dt.date(2025, 4, 7)),
    )


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_family_composition(locale: str, tmp_path: Path) -> None:
    t = Translator(locale)
    office, person = make_office(), make_applicant()
    household = make_household(person)
    pdf = render_family_composition(
        office, person, household, "KRG-ABY-01/2025-0102", dt.date(2025, 4, 7), t
    )
    names = [m.person.full_name for m in household.members]
    check_paper(
        pdf,
        tmp_path,
        f"family-{locale}",
        "KRG-ABY-01/2025-0102",
        office.akim_name,
        *names,
        household.members[1].person.iin,
    )


def test_long_family_table_flows_onto_page_two_with_repeated_header(tmp_path: Path) -> None:
    t = Translator("ru")
    person = make_applicant()
    household = make_household(person, extra=39)
    assert len(household.members) == 40
    pdf = render_family_composition(
        make_office(), person, household, "KRG-ABY-01/2025-0103", dt.date(2025, 4, 7), t
    )
    path, _, reader = pdf_text(pdf, tmp_path, "family-40")
    assert len(reader.pages) >= 2
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    header = t.gettext("Relation to the applicant")
    assert header in pages[0] and header in pages[1], "table header not repeated on page 2"
    assert household.members[-1].person.full_name in " ".join(pages[1:])
    all_text = " ".join(pages)
    for m in household.members:
        assert m.person.full_name in all_text
    assert "1" in pages[0] and "2" in pages[1]
    if shutil.which("pdftoppm"):
        check_page_image(path, page=2)


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_tsa_certificate(locale: str, tmp_path: Path) -> None:
    t = Translator(locale)
    office, person = make_office(), make_applicant()
    pdf = render_tsa_certificate(
        office,
        person,
        make_household(person),
        (2025, 2),
        "KRG-ABY-01/2025-0104",
        dt.date(2025, 4, 7),
        t,
    )
    check_paper(
        pdf,
        tmp_path,
        f"tsa-{locale}",
        person.full_name,
        "KRG-ABY-01/2025-0104",
        "2025",
        "II",
        office.akim_name,
    )


def test_tsa_certificate_rejects_a_bad_quarter() -> None:
    person = make_applicant()
    with pytest.raises(ValueError):
        render_tsa_certificate(
            make_office(), person, None, (2025, 5), "x", dt.date(2025, 4, 7), Translator("kk")
        )


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_refusal(locale: str, tmp_path: Path) -> None:
    t = Translator(locale)
    office, person = make_office(), make_applicant()
    reason = "2025 жылдың II тоқсанында атаулы әлеуметтік көмек алу туралы жазба жоқ"
    pdf = render_refusal(
        office,
        person,
        reason,
        "KRG-ABY-01/2025-0105",
        dt.date(2025, 4, 7),
        t,
        subject="АӘК алатыны туралы анықтама",
    )
    check_paper(
        pdf,
        tmp_path,
        f"refusal-{locale}",
        person.full_name,
        reason,
        "KRG-ABY-01/2025-0105",
        office.akim_name,
    )


def test_papers_are_reproducible() -> None:
    person = make_applicant()
    args = (
        make_office(),
        person,
        make_household(person),
        "R-1",
        dt.date(2025, 4, 7),
        Translator("kk"),
    )
    assert render_residence_certificate(*args) == render_residence_certificate(*args)
