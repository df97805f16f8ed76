"""The office sets itself up: chosen from the lists or typed in, checked field by field, saved in
one transaction with its first administrator; the demo flag goes and papers carry the new header."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader

from desktop_app.domain.errors import AppError, PermissionDenied, SignInError, ValidationError
from desktop_app.services import auth, office_setup, papers
from desktop_app.services.intake import take_application
from desktop_app.services.office_setup import OfficeDraft, StaffDraft
from desktop_app.services.setup import needs_setup, open_context, open_new_office
from desktop_app.store import settings
from desktop_app.store import users as user_store
from tests.conftest import fixed_clock
from tests.unit.test_services import count, tsa_draft

PASSWORD = "Steppe-Wind-2026"


def admin(login: str = "boss") -> StaffDraft:
    return StaffDraft(login=login, full_name="Әбенов Марат Қайратұлы",
                      position={"kk": "жетекші маман", "ru": "ведущий специалист"},
                      roles=frozenset({"admin"}), password=PASSWORD)


def koksu_draft(**changes) -> OfficeDraft:
    lists = office_setup.office_lists()
    draft = office_setup.draft_from_list(lists, "krg-akim-abay-koksu")
    draft.akim_name = "Нұрланов Асхат Серікұлы"
    draft.akim_position = {"kk": "Көксу селолық округінің әкімі",
                           "ru": "Аким Коксуского сельского округа"}
    draft.admin = admin()
    return dataclasses.replace(draft, **changes)


def typed_draft(**changes) -> OfficeDraft:
    draft = OfficeDraft(
        code="KRG-ABAY-ZHANA", name={"kk": "«Жаңа ауыл әкімінің аппараты» ММ",
                                     "ru": "ГУ «Аппарат акима села Жана»"},
        region="karaganda", district={"kk": "Қарағанды облысы, Абай ауданы",
                                      "ru": "Карагандинская область, Абайский район"},
        address={"kk": "Жаңа ауылы, Бірлік көшесі, 1", "ru": "село Жана, ул. Бирлик, 1"},
        phone="8 (71253) 11111", akim_name="Ахметов Берік",
        akim_position={"kk": "Жаңа ауылының әкімі", "ru": "Аким села Жана"},
        department={"kk": "«Абай ауданының жұмыспен қамту бөлімі» ММ",
                    "ru": "ГУ «Отдел занятости Абайского района»"},
        admin=admin())
    return dataclasses.replace(draft, **changes)


def test_lists_give_the_office_and_its_department():
    lists = office_setup.office_lists()
    assert "karaganda" in lists.regions()
    found = office_setup.search_akims(lists, "karaganda", "krg-abay", "көксу")
    assert [a.id for a in found] == ["krg-akim-abay-koksu"]
    draft = office_setup.draft_from_list(lists, "krg-akim-abay-koksu")
    assert draft.code == "KRG-ABAY-KOKSU" and draft.region == "karaganda"
    assert "Абай" in draft.department["kk"] and "Абайского" in draft.department["ru"]
    assert draft.akim_name == ""   # the lists do not know the akim


def test_new_folder_set_up_from_the_lists(tmp_path):
    folder = tmp_path / "office"
    assert needs_setup(folder) and not folder.exists()
    ctx = open_new_office(folder, koksu_draft(staff=[StaffDraft(
        "gulnar", "Серікбаева Гүлнар", {"kk": "бас маман", "ru": "главный специалист"},
        frozenset({"specialist"}), "Kokteu-Baqsha-77")]), clock=fixed_clock)
    try:
        assert not needs_setup(folder)
        assert ctx.office.id and ctx.office.akim_name == "Нұрланов Асхат Серікұлы"
        assert "Абай" in ctx.office.department["kk"]
        assert not ctx.is_demo and not settings.get(ctx.db, "office.is_demo")
        assert ctx.user.login == "boss" and "admin" in ctx.user.roles
        assert count(ctx, "households") == 0          # no demo village
        assert {u.login for u in user_store.all_users(ctx.db)} == {"boss", "gulnar"}
        actions = [r[0] for r in ctx.db.execute("SELECT action FROM audit_log ORDER BY id")]
        assert actions[:1] == ["office.set_up"] and actions.count("user.create") == 2
        with pytest.raises(SignInError):                # passwords are asked from now on
            auth.act_as(ctx, "gulnar")
        assert auth.sign_in(ctx, "gulnar", "Kokteu-Baqsha-77").login == "gulnar"
    finally:
        ctx.close()
    again = open_context(folder, clock=fixed_clock)
    try:
        assert again.office.code == "KRG-ABAY-KOKSU" and not again.is_demo
        assert again.user.login == "" and count(again, "households") == 0
    finally:
        again.close()


def test_typed_office_and_the_papers_carry_its_header(ctx):
    # the demo office's administrator sets up a real office over it
    changes = office_setup.set_up_office(ctx, typed_draft(staff=[StaffDraft(
        "ahmetov", "Ахметов Берік", {"kk": "әкім", "ru": "аким"}, frozenset({"akim"}),
        "Zhana-Auyl-2026"), StaffDraft("specialist", "Жаңа Маман", {"kk": "маман", "ru": "спец"},
                                       frozenset({"specialist"}), "Zhana-Maman-2026")]))
    assert changes.office and not ctx.is_demo and ctx.office.code == "KRG-ABAY-ZHANA"
    active = {u.login: u.active for u in user_store.all_users(ctx.db)}
    assert active == {"akim": False, "admin": False, "boss": True, "ahmetov": True,
                      "specialist": True}     # demo accounts off; "specialist" taken over
    with pytest.raises(SignInError):
        auth.sign_in(ctx, "specialist", "demo-specialist")
    auth.sign_in(ctx, "specialist", "Zhana-Maman-2026")
    app, _ = take_application(ctx, tsa_draft(ctx))
    assert app.reg_no.startswith("KRG-ABAY-ZHANA-")
    auth.sign_in(ctx, "ahmetov", "Zhana-Auyl-2026")
    pdf, _reg, _c = papers.issue_certificate(ctx, "residence", app.applicant_id, language="ru")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert "Аппарат акима села Жана" in flat and "Коксу" not in flat


@pytest.mark.parametrize("changes, field", [
    ({"code": "ab"}, "code"),
    ({"code": "KRG ABAY"}, "code"),
    ({"name": {"kk": "«Жаңа» ММ", "ru": " "}}, "name.ru"),
    ({"region": ""}, "region"),
    ({"address": {"kk": "", "ru": "село"}}, "address.kk"),
    ({"phone": "call me"}, "phone"),
    ({"akim_name": ""}, "akim_name"),
    ({"akim_position": {"kk": "әкім", "ru": ""}}, "akim_position.ru"),
    ({"department": {"kk": "", "ru": ""}}, "department.kk"),
    ({"admin": None}, "admin.login"),
    ({"admin": dataclasses.replace(admin(), login="Бас")}, "admin.login"),
    ({"admin": dataclasses.replace(admin(), password="12345678")}, "admin.password"),
    ({"staff": [dataclasses.replace(admin(), roles=frozenset())]}, "staff.0.login"),
])
def test_validation_names_the_field_and_writes_nothing(tmp_path, changes, field):
    errors = office_setup.check(None, typed_draft(**changes))
    assert field in [e.field for e in errors]
    with pytest.raises(ValidationError) as err:
        open_new_office(tmp_path / "office", typed_draft(**changes), clock=fixed_clock)
    assert err.value.field == field
    assert not (tmp_path / "office").exists()


def test_code_is_unique_and_fixed_once_used(demo_ctx):
    ctx = demo_ctx
    office_setup.set_up_office(ctx, typed_draft())
    ctx.db["offices"].insert({"uuid": "x", "code": "KRG-OTHER", "name_kk": "a", "name_ru": "b",
                              "region": "karaganda"})
    draft = office_setup.draft_from_office(ctx.office)
    errors = office_setup.check_identity(ctx, dataclasses.replace(draft, code="KRG-OTHER"))
    assert [e.code for e in errors] == ["duplicate_code"]
    with pytest.raises(ValidationError) as err:   # the demo village's applications carry it
        office_setup.update_office(ctx, dataclasses.replace(draft, code="KRG-NEW"))
    assert err.value.code == "code_in_use"


def test_update_office_is_admin_only_and_audited(ctx):
    office_setup.set_up_office(ctx, typed_draft())
    draft = office_setup.draft_from_office(ctx.office)
    draft.phone = "8 (71253) 22222"
    draft.akim_name = "Серіков Бауыржан"
    changes = office_setup.update_office(ctx, draft)
    assert changes.office and ctx.office.phone == "8 (71253) 22222"
    row = ctx.db.execute("SELECT before, after FROM audit_log WHERE action = 'office.update'"
                         ).fetchone()
    assert "22222" in row[1] and "11111" in row[0]
    assert office_setup.update_office(ctx, office_setup.draft_from_office(ctx.office)) \
        .office is False                                 # nothing changed, nothing written
    auth.create_user(ctx, "clerk", "Clerk", "specialist", "Tulpar-Kok-7731")
    auth.sign_in(ctx, "clerk", "Tulpar-Kok-7731")
    before = count(ctx, "audit_log")
    with pytest.raises(PermissionDenied):
        office_setup.update_office(ctx, dataclasses.replace(draft, phone="1"))
    with pytest.raises(PermissionDenied):
        office_setup.set_up_office(ctx, typed_draft())
    assert count(ctx, "audit_log") == before


def test_a_real_office_is_not_set_up_twice(ctx):
    office_setup.set_up_office(ctx, typed_draft())
    with pytest.raises(AppError) as err:
        office_setup.set_up_office(ctx, typed_draft(admin=admin("boss2")))
    assert err.value.code == "already_set_up"
    with pytest.raises(AppError):
        open_new_office(ctx.data_dir, typed_draft(), clock=fixed_clock, single_instance=False)
