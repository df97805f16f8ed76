"""The audit log's details in the reader's language (services.audit_words): field names in words,
codes through their labels, dates dd.MM.yyyy, yes / no, typed text as typed; in kk and ru."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import desktop_app
from desktop_app.i18n import Translator
from desktop_app.services import audit, auth
from desktop_app.services.audit import AuditRow
from desktop_app.services.audit_words import FIELD_LABELS, PAIR_LABELS, details_words, field_label
from desktop_app.store import households, offices

DECISION = AuditRow(1, "2026-11-09T10:00:00", "district", "application.decision", "applications",
                    "e61f0ffb-b0f6-4846-acab-524916252459", {"status": "forwarded"},
                    {"amount": None, "refusal_codes": ["income_above_food_basket"],
                     "status": "refused"})
HANDOVER = AuditRow(2, "2026-11-10T10:00:00", "aigul", "application.handover", "applications",
                    None, {"status": "assigned"},
                    {"application": "e61f0ffb-b0f6-4846-acab-524916252459",
                     "handed_on": "2026-11-09", "signature_taken": True,
                     "to_whom": "өтініш берушінің өзі"})
USER = AuditRow(3, "2026-11-10T10:00:00", "admin", "user.create", "users", None, None,
                {"login": "akim", "roles": "akim,admin", "locked_until": "2026-11-18T10:45:00"})
OFFICE = AuditRow(4, "2026-11-10T10:00:00", "admin", "office.update", "offices", None,
                  {"name_kk": "Көксу", "region": "karaganda"}, {"name_kk": "Көксу ауылы"})

EXPECTED = {
    "kk": [
        "Мәртебесі: Бөлімге жіберілді → Бас тарту себептері: Отбасының жан басына шаққандағы "
        "табысы азық-түлік себетінің құнынан асып түседі; Мәртебесі: Бас тартылды",
        "Мәртебесі: Тағайындалды → Өтініш: e61f0ffb; Табыс етілген күні: 09.11.2026; Қолы "
        "алынды: Иә; Кімге табыс етілді: өтініш берушінің өзі",
        "Логин: akim; Рөлдері: Әкім, Әкімші; Бұғатталған мерзімі: 18.11.2026 10:45",
        "Аппарат атауы (қазақша): Көксу; Өңір: Қарағанды облысы → Аппарат атауы (қазақша): "
        "Көксу ауылы",
    ],
    "ru": [
        "Статус: Передано в Отдел → Причины отказа: Среднедушевой доход семьи превышает "
        "стоимость продовольственной корзины; Статус: Отказано",
        "Статус: Назначено → Заявление: e61f0ffb; Дата вручения: 09.11.2026; Подпись "
        "получена: Да; Кому вручено: өтініш берушінің өзі",
        "Логин: akim; Роли: Аким, Администратор; Заблокирован до: 18.11.2026 10:45",
        "Наименование аппарата (на казахском): Көксу; Регион: Карагандинская область → "
        "Наименование аппарата (на казахском): Көксу ауылы",
    ],
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_details_are_in_the_readers_language(ctx, lang):
    auth.act_as(ctx, "admin")
    t = Translator(lang)
    got = [audit.details_text(ctx, row, t) for row in (DECISION, HANDOVER, USER, OFFICE)]
    assert got == EXPECTED[lang]


def test_the_stored_form_stays_for_the_tooltip(ctx):
    assert audit.details_stored(ctx, HANDOVER) == (
        "status: assigned → application: e61f0ffb; handed_on: 2026-11-09; signature_taken: "
        "True; to_whom: өтініш берушінің өзі")


def test_unknown_fields_and_codes_are_shown_as_stored(ctx):
    t = Translator("ru")
    assert details_words(ctx, {"zzz": "abc", "status": "nonsense", "urgent": False,
                               "gap": [], "note": None, "rows": 3}, t) == (
        "zzz: abc; Статус: nonsense; Срочный: Нет; Строк: 3")


def _written_keys() -> set[str]:
    """Every key of a dict literal the program passes as an audit row's before / after."""
    keys: set[str] = set()
    for path in Path(desktop_app.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg in ("before", "after"):
                        keys |= {k.value for d in ast.walk(kw.value) if isinstance(d, ast.Dict)
                                 for k in d.keys if isinstance(k, ast.Constant)}
    return keys


def test_every_field_the_program_logs_has_words(ctx):
    from desktop_app.domain.household import Person
    from desktop_app.services.office_setup import _office_facts
    from desktop_app.sync.district import decision_fields
    import datetime as dt

    keys = _written_keys()
    assert {"status", "handed_on", "refusal_codes", "rows_gone"} <= keys  # the scan works
    keys |= set(households.person_to_row(Person(surname="А", given_name="Б")))
    keys |= set(_office_facts(ctx.office))
    keys |= set(decision_fields(None, assigned=True, decided_on=dt.date(2026, 1, 1),
                                amount="1000", period_from=dt.date(2026, 1, 1),
                                period_to=dt.date(2026, 3, 31), refusal_codes=()))
    keys |= {"uuid", "application_uuid", "kind", "issued_on", "place", "note", "valid_until",
             "issued_by", "updated_at", "position_kk", "position_ru"}   # a referral, a user
    assert offices and PAIR_LABELS
    for lang in ("kk", "ru"):
        t = Translator(lang)
        missing = sorted(k for k in keys if field_label(k, t) == k)
        assert not missing, (lang, missing)
        untranslated = sorted(k for k in keys if k in FIELD_LABELS
                              and field_label(k, t) == FIELD_LABELS[k])
        assert not untranslated, (lang, untranslated)
