"""A realistic demo village: Kazakh and Russian families with valid IINs, children, pensioners and
incomes, plus a few applications in every state, taken through the same code paths as Reception.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import tomllib
from collections.abc import Callable
from decimal import Decimal

from desktop_app.context import AppContext
from desktop_app.domain.application import ChecklistItem, Presented
from desktop_app.domain.household import (
    Household, Income, IncomeKind, Member, MemberStatus, Person, Relation, Sex, quarter_months,
    previous_quarter,
)
from desktop_app.domain.iin import make_iin
from desktop_app.paths import data_root
from desktop_app.services import Changes
from desktop_app.services.intake import ApplicationDraft, documents_for, take_application
from desktop_app.store import settings
from desktop_app.store.db import transaction


def _names() -> dict:
    with (data_root() / "demo" / "names.toml").open("rb") as fh:
        return tomllib.load(fh)


def _feminine(surname: str, russian: bool) -> str:
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return surname + "а"
    return surname if not russian else surname


class _Village:
    def __init__(self, ctx: AppContext, seed: int) -> None:
        self.ctx = ctx
        self.rng = random.Random(seed)
        self.names = _names()
        with (data_root() / "demo" / "office.toml").open("rb") as fh:
            self.village = tomllib.load(fh)["village"]
        self.serial = self.rng.randint(100, 900)
        self.today = ctx.now().date()
        self.taken: set[str] = set()

    def iin(self, birth: dt.date, sex: Sex) -> str:
        self.serial += self.rng.randint(1, 37)
        return make_iin(birth, sex, self.serial % 10_000)

    def birth(self, age: int) -> dt.date:
        # 45 days back: applications are dated up to 40 days ago, and nobody is born after them
        return self.today - dt.timedelta(days=age * 365 + 45 + self.rng.randint(0, 320))

    def person(self, stock: dict, russian: bool, sex: Sex, age: int, surname: str,
               father: str, address: str) -> Person:
        names = stock["given_m" if sex == Sex.MALE else "given_f"]
        # siblings do not share a given name (the household's names so far are in self.taken)
        given = self.rng.choice([n for n in names if n not in self.taken] or names)
        self.taken.add(given)
        if russian:
            patronymic = father + ("ович" if sex == Sex.MALE else "овна")
        else:
            patronymic = father + ("ұлы" if sex == Sex.MALE else "қызы")
        sur = surname if sex == Sex.MALE else _feminine(surname, russian)
        birth = self.birth(age)
        return Person(surname=sur, given_name=given, patronymic=patronymic, birth_date=birth,
                      sex=sex, iin=self.iin(birth, sex), address=address,
                      phone=f"8 (705) {self.rng.randint(100, 999)} {self.rng.randint(1000, 9999)}")

    def incomes(self, kind: IncomeKind, base: int, source: str) -> list[Income]:
        out = []
        for back in range(3):  # the last three quarters, so any application has its quarter
            y, q = previous_quarter(self.today - dt.timedelta(days=92 * back))
            for month in quarter_months(y, q):
                amount = Decimal(base + self.rng.randint(-base // 20, base // 20)).quantize(
                    Decimal("1"))
                out.append(Income(kind=kind, month=month, amount=amount, source=source))
        return out

    def household(self, n: int) -> Household:
        self.taken = set()
        russian = self.rng.random() < 0.25
        stock = self.names["russian" if russian else "kazakh"]
        street = self.rng.choice(self.village["streets"])
        settlement = self.village["settlement"]["kk"]
        address = f"{settlement}, {street} көшесі, {self.rng.randint(1, 120)}"
        surname = self.rng.choice(stock["surnames_m"])
        grandfather = self.rng.choice(self.names["kazakh" if not russian else "russian"]["given_m"])
        grandfather = grandfather.rstrip("йь") if russian else grandfather
        employers = self.names["employers"]["names"]
        members: list[Member] = []
        shape = self.rng.random()
        if shape < 0.15:  # a pensioner living alone or as a couple
            head = self.person(stock, russian, Sex.FEMALE if self.rng.random() < .6 else Sex.MALE,
                               self.rng.randint(64, 84), surname, grandfather, address)
            members.append(Member(head, Relation.APPLICANT, frozenset({MemberStatus.PENSIONER}),
                                  incomes=self.incomes(IncomeKind.PENSION, 95_000, "МЗЖҚ")))
            return Household(address=address, members=members, book_ref=f"№{n:03d}",
                             has_farm=self.rng.random() < .5)
        father_given = None
        head = self.person(stock, russian, Sex.MALE, self.rng.randint(27, 52), surname,
                           grandfather, address)
        father_given = head.given_name
        working = self.rng.random() < 0.7
        statuses = {MemberStatus.WORKING} if working else {
            self.rng.choice([MemberStatus.UNEMPLOYED, MemberStatus.REGISTERED_UNEMPLOYED,
                             MemberStatus.SELF_EMPLOYED])}
        members.append(Member(head, Relation.APPLICANT, frozenset(statuses), incomes=(
            self.incomes(IncomeKind.WAGE,
                         self.rng.choice([45_000, 60_000, 90_000, 120_000, 160_000, 210_000]),
                         self.rng.choice(employers)) if working else [])))
        wife_father = self.rng.choice(stock["given_m"])
        wife = self.person(stock, russian, Sex.FEMALE, self.rng.randint(24, 48), surname,
                           wife_father.rstrip("йь") if russian else wife_father, address)
        wife_statuses = self.rng.choice([{MemberStatus.WORKING}, {MemberStatus.PARENTAL_LEAVE},
                                         {MemberStatus.CARER}, {MemberStatus.UNEMPLOYED}])
        members.append(Member(wife, Relation.SPOUSE, frozenset(wife_statuses), incomes=(
            self.incomes(IncomeKind.WAGE, 85_000, self.rng.choice(employers))
            if MemberStatus.WORKING in wife_statuses else
            self.incomes(IncomeKind.BENEFIT, 45_000, "МӘСҚ")
            if MemberStatus.PARENTAL_LEAVE in wife_statuses else [])))
        for _ in range(self.rng.choice([0, 1, 2, 2, 3, 3, 4, 5])):
            sex = self.rng.choice([Sex.MALE, Sex.FEMALE])
            age = self.rng.randint(0, 17)
            child = self.person(stock, russian, sex, age, surname,
                                father_given.rstrip("йь") if russian else father_given, address)
            members.append(Member(child, Relation.CHILD, frozenset({MemberStatus.CHILD})))
        if self.rng.random() < 0.25:
            sex = self.rng.choice([Sex.MALE, Sex.FEMALE])
            grand = self.person(stock, russian, sex, self.rng.randint(66, 88), surname,
                                self.rng.choice(stock["given_m"]).rstrip("йь"), address)
            disabled = self.rng.random() < .3
            members.append(Member(
                grand, Relation.PARENT,
                frozenset({MemberStatus.PENSIONER}
                          | ({MemberStatus.DISABLED} if disabled else set())),
                disability_group=2 if disabled else None,
                incomes=self.incomes(IncomeKind.PENSION, 105_000, "МЗЖҚ")))
        return Household(address=address, members=members, book_ref=f"№{n:03d}",
                         has_farm=self.rng.random() < .6)


def load_demo_village(ctx: AppContext, households: int = 40, seed: int = 2026) -> Changes:
    """Fill an empty office with a village; each household and application is its own action."""
    from desktop_app.services import households as hh_service

    village = _Village(ctx, seed)
    touched: set[int] = set()
    apps: set[int] = set()
    intake: list[tuple[dt.datetime, int, Household, str]] = []
    for n in range(1, households + 1):
        hh = village.household(n)
        children = [m for m in hh.members if m.relation == Relation.CHILD]
        service = "child_benefit" if children and village.rng.random() < .5 else "tsa"
        days_ago = village.rng.randint(0, 40)
        when = dt.datetime.combine(
            village.today - dt.timedelta(days=days_ago),
            dt.time(9 + village.rng.randint(0, 7), village.rng.randint(0, 59)))
        if n % 3 == 0 or service == "tsa" and days_ago < 25 or n % 4 == 0:
            intake.append((when, n, hh, service))
        else:  # a household registered without an application yet
            touched |= hh_service.save_household(ctx, hh).households
    # applications are taken in the order they came in, so registration numbers follow the dates
    for when, _n, hh, service in sorted(intake, key=lambda item: (item[0], item[1])):
        past = dataclasses.replace(ctx, clock=_fixed_clock(when))
        draft = ApplicationDraft(service_id=service, applicant=hh.members[0].person, household=hh)
        docs = documents_for(past, draft)
        incomplete = village.rng.random() < .12
        draft.checklist = [ChecklistItem(d.id,
                                         Presented.MISSING if incomplete and i == len(docs) - 1
                                         else Presented.BOTH, required=d.required)
                           for i, d in enumerate(docs)]
        if incomplete:
            draft.incomplete_reason = "Табыс туралы анықтама кейін әкелінеді"
        app, changes = take_application(past, draft)
        apps |= changes.applications
        touched |= changes.households
        _life_after_intake(ctx, village, app.saved_id, service, when, incomplete)
    with transaction(ctx.db):
        settings.put(ctx.db, "office.demo_loaded", True)
    return Changes(households=frozenset(touched), applications=frozenset(apps))


def _life_after_intake(ctx: AppContext, village: _Village, app_id: int, service: str,
                       accepted: dt.datetime, incomplete: bool) -> None:
    """Older applications have been carried to the Department, decided, and handed over, as in a
    real office: each step through the same use case a specialist would call."""
    from desktop_app.services import applications, handover

    age = (village.today - accepted.date()).days
    cal = ctx.calendar
    if incomplete or age < 4:
        return
    delivered = cal.add_working_days(accepted.date(), 2)
    at = lambda day: dataclasses.replace(  # noqa: E731 - the clock of the day the step happened
        ctx, clock=lambda: dt.datetime.combine(day, dt.time(11, 0)))
    handover.record_delivery(at(delivered), [app_id], delivered, "Абай ауданының ЖҚӘББ маманы")
    if age < 24:
        return
    decided = accepted.date() + dt.timedelta(days=20)
    assigned = village.rng.random() < 0.75
    start = accepted.date().replace(day=1)
    end = (start + dt.timedelta(days=190)).replace(day=1) - dt.timedelta(days=1)
    applications.record_decision(
        at(decided), app_id, assigned=assigned, decided_on=decided,
        amount=str(village.rng.choice([18500, 24300, 38500])) if assigned else None,
        period_from=start if assigned else None, period_to=end if assigned else None,
        refusal_codes=() if assigned else (
            "income_above_poverty_line" if service == "tsa" else "income_above_food_basket",))
    if age >= 32:
        handed = cal.next_working_day(decided + dt.timedelta(days=7))
        handover.record_handover(at(handed), app_id, handed, "өтініш берушінің өзі",
                                 signature_taken=True)


def _fixed_clock(when: dt.datetime) -> Callable[[], dt.datetime]:
    """A clock that always says `when` (the demo takes each application at its own moment)."""
    return lambda: when
