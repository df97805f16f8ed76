"""Conditions of conditional documents (a checkbox in the reception form, or derived from the data).

Imports only domain (catalogue, household). Question texts are legal-form data, kept here as kk/ru
mappings rather than gettext ("{age}" is filled in from the condition's dated age parameter).
Re-exported by `catalogue_loader`. A document's condition "!id" holds
when the condition `id` does not (one question, two documents: "under 16" / "16 or over");
"a|b" holds when any of its parts holds (003 std 4 item 12: one paper for two categories).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from desktop_app.domain.catalogue import DocumentSpec, ServiceSpec, Text
from desktop_app.domain.errors import MissingParameter
from desktop_app.domain.household import Household, Person, Relation
from desktop_app.domain.parameters import Parameters

Derive = Callable[[Person | None, Household | None, dt.date], bool | None]

# Person.citizenship values the conditions know; anything else is "unknown, ask".
_CITIZENSHIPS = frozenset({"citizen", "oralman", "refugee", "foreigner_permit", "stateless_permit"})


@dataclass(frozen=True)
class Condition:
    """A yes/no fact a conditional document depends on.

    `derive` returns True/False when the data decides it, None when the specialist has to ask.
    """

    id: str
    question: Text
    derive: Derive | None = None
    younger_than: str | None = None  # a dated age parameter: holds when the person is younger

    def age(self, parameters: Parameters | None, on: dt.date, region: str | None = None
            ) -> Decimal | None:
        """The age limit in force on `on`; None without parameters or a value for the day."""
        if self.younger_than is None or parameters is None:
            return None
        try:
            return parameters.value(self.younger_than, on, region).value
        except (MissingParameter, KeyError):
            return None

    def decide(self, applicant: Person | None, household: Household | None, on: dt.date,
               parameters: Parameters | None = None, region: str | None = None) -> bool | None:
        if self.younger_than is not None:
            limit = self.age(parameters, on, region)
            age = applicant.age_on(on) if applicant is not None else None
            return None if limit is None or age is None else age < limit
        return None if self.derive is None else self.derive(applicant, household, on)

    def wording(self, parameters: Parameters | None, on: dt.date, region: str | None = None
                ) -> Text:
        """The question with its age limit written in ("…" when no value is in force)."""
        if self.younger_than is None:
            return dict(self.question)
        limit = self.age(parameters, on, region)
        shown = "…" if limit is None else f"{limit.normalize():f}"
        return {k: v.replace("{age}", shown) for k, v in self.question.items()}


def _citizenship_in(*kinds: str) -> Derive:
    def derive(applicant: Person | None, household: Household | None, on: dt.date) -> bool | None:
        if applicant is None or applicant.citizenship not in _CITIZENSHIPS:
            return None
        return applicant.citizenship in kinds
    return derive


def _has_ward(applicant: Person | None, household: Household | None, on: dt.date) -> bool | None:
    # A ward in the household settles it; adoption does not show in the relations, so otherwise ask.
    if household is not None and any(m.relation == Relation.WARD for m in household.members):
        return True
    return None


def _has_farm(applicant: Person | None, household: Household | None, on: dt.date) -> bool | None:
    # The household book records the personal subsidiary farm (жеке қосалқы шаруашылық).
    return None if household is None else household.has_farm


CONDITIONS: dict[str, Condition] = {c.id: c for c in (
    Condition("by_proxy", {
        "kk": "Өтініш өкіл арқылы (сенімхат бойынша) беріле ме?",
        "ru": "Заявление подаётся через представителя (по доверенности)?"}),
    Condition("adopter_or_guardian", {
        "kk": "Өтініш беруші баланың асырап алушысы, қорғаншысы немесе қамқоршысы ма?",
        "ru": "Заявитель — усыновитель, опекун или попечитель ребёнка?"}, _has_ward),
    Condition("kz_citizen", {
        "kk": "Өтініш беруші Қазақстан Республикасының азаматы ма?",
        "ru": "Заявитель — гражданин Республики Казахстан?"}, _citizenship_in("citizen")),
    Condition("foreigner", {
        "kk": "Өтініш беруші шетелдік немесе азаматтығы жоқ адам ба (ықтиярхатпен)?",
        "ru": "Заявитель — иностранец или лицо без гражданства (с видом на жительство)?"},
        _citizenship_in("foreigner_permit", "stateless_permit")),
    Condition("oralman", {
        "kk": "Өтініш беруші оралман ба?",
        "ru": "Заявитель — оралман?"}, _citizenship_in("oralman")),
    Condition("refugee", {
        "kk": "Өтініш берушінің босқын мәртебесі бар ма?",
        "ru": "Заявитель имеет статус беженца?"}, _citizenship_in("refugee")),
    # the id keeps the acts' wording; the age itself is the dated parameter
    Condition("under_16", {
        "kk": "Өтініш беруші {age} жасқа толмаған ба?",
        "ru": "Заявителю не исполнилось {age} лет?"}, younger_than="birth_certificate_under_age"),
    Condition("first_job_seeker", {
        "kk": "Өтініш беруші алғаш рет жұмыс іздеп отыр ма және мамандығы (кәсібі) жоқ па?",
        "ru": "Заявитель впервые ищет работу и не имеет профессии (специальности)?"}),
    Condition("kandas", {
        "kk": "Өтініш беруші қандас (оралман) ма?",
        "ru": "Заявитель — кандас (оралман)?"}, _citizenship_in("oralman")),
    Condition("gpw_participant", {
        "kk": "Өтініш беруші Ұлы Отан соғысының қатысушысы ма?",
        "ru": "Заявитель — участник Великой Отечественной войны?"}),
    Condition("gpw_disabled", {
        "kk": "Өтініш беруші Ұлы Отан соғысының мүгедегі ме?",
        "ru": "Заявитель — инвалид Великой Отечественной войны?"}),
    Condition("equated_to_gpw_disabled", {
        "kk": "Өтініш беруші жеңілдіктер мен кепілдіктер бойынша Ұлы Отан соғысының мүгедектеріне "
              "теңестірілген адам ба?",
        "ru": "Заявитель приравнен по льготам и гарантиям к инвалидам Великой Отечественной "
              "войны?"}),
    Condition("disabled_group", {
        "kk": "Өтініш беруші I, II немесе III топтағы мүгедек пе (жалпы ауру бойынша)?",
        "ru": "Заявитель — инвалид I, II или III группы (по общему заболеванию)?"}),
    Condition("disabled_child", {
        "kk": "Өтініш мүгедек бала үшін беріле ме?",
        "ru": "Заявление подаётся на ребёнка-инвалида?"}),
    Condition("work_injury", {
        "kk": "Мүгедектік еңбек жарақатынан немесе кәсіптік аурудан болды ма, ал жұмыс беруші "
              "(заңды тұлға) таратылды немесе жеке кәсіпкер қызметін тоқтатты ма?",
        "ru": "Инвалидность наступила вследствие трудового увечья или профессионального "
              "заболевания, а работодатель (юридическое лицо) ликвидирован или индивидуальный "
              "предприниматель прекратил деятельность?"}),
    Condition("disabled_person", {
        "kk": "Өтініш беруші (немесе қызмет көрсетілетін адам) мүгедек пе?",
        "ru": "Заявитель (или обслуживаемое лицо) — инвалид?"}),
    Condition("pension_age", {
        "kk": "Өтініш беруші зейнеткерлік жаста ма?",
        "ru": "Заявитель пенсионного возраста?"}),
    Condition("legal_representative", {
        "kk": "Өтінішті заңды өкіл бере ме?",
        "ru": "Заявление подаёт законный представитель?"}),
    Condition("has_qualification", {
        "kk": "Өтініш берушінің кәсіптік біліктілігін куәландыратын құжаты бар ма?",
        "ru": "У заявителя есть документ о профессиональной квалификации?"}),
    Condition("has_farm", {
        "kk": "Отбасының жеке қосалқы шаруашылығы бар ма?",
        "ru": "У семьи есть личное подсобное хозяйство?"}, _has_farm),
)}


def condition_parts(condition_id: str) -> list[str]:
    """The condition ids an expression names ("!a|b" -> ["a", "b"])."""
    return [p.strip().removeprefix("!") for p in condition_id.split("|")]


def condition_holds(condition_id: str, answers: Mapping[str, bool], applicant: Person | None,
                    household: Household | None, on: dt.date,
                    parameters: Parameters | None = None, region: str | None = None) -> bool:
    """The derived value wins; else the specialist's answer; else False. "!id" is the opposite
    (so an unanswered "!id" holds: the fact counts as absent until the specialist says yes);
    "a|b" holds when any part holds. Age conditions need `parameters` to be derived."""
    if "|" in condition_id:
        return any(condition_holds(p.strip(), answers, applicant, household, on, parameters,
                                   region) for p in condition_id.split("|"))
    base = condition_id.removeprefix("!")
    derived = CONDITIONS[base].decide(applicant, household, on, parameters, region)
    value = bool(answers.get(base, False)) if derived is None else derived
    return value != condition_id.startswith("!")


def applicable_documents(spec: ServiceSpec, answers: Mapping[str, bool], applicant: Person | None,
                         household: Household | None, on: dt.date,
                         parameters: Parameters | None = None, region: str | None = None
                         ) -> list[DocumentSpec]:
    """The documents this applicant brings: unconditional ones, and conditional ones that hold."""
    return [d for d in spec.documents if d.condition is None
            or condition_holds(d.condition, answers, applicant, household, on, parameters,
                               region)]


def questions_for(spec: ServiceSpec, applicant: Person | None, household: Household | None,
                  on: dt.date, parameters: Parameters | None = None,
                  region: str | None = None) -> list[Condition]:
    """The spec's conditions the data cannot decide, in document order: checkboxes for the form."""
    out: list[Condition] = []
    for doc in spec.documents:
        if doc.condition is None:
            continue
        for part in condition_parts(doc.condition):
            cond = CONDITIONS[part]
            if all(c.id != cond.id for c in out) and cond.decide(
                    applicant, household, on, parameters, region) is None:
                out.append(cond)
    return out
