"""Reception: validate a drafted application, pre-check it and take it in one transaction.

Uses domain rules (IIN, deadlines, pre-checks, catalogue) and store modules; returns what changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop_app.context import AppContext
from desktop_app.domain import money
from desktop_app.domain.application import Application, ChecklistItem, Presented, Status
from desktop_app.domain.catalogue import AkimRole, DocumentSpec, ServiceSpec
from desktop_app.domain.catalogue_loader import applicable_documents, questions_for
from desktop_app.domain.deadlines import compute_deadlines
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.household import Household, Member, Person, Relation
from desktop_app.domain.iin import normalise_iin, parse_iin
from desktop_app.domain.precheck import RULE_QUESTIONS, PreCheckResult, run_precheck
from desktop_app.i18n import N_, Translator
from desktop_app.services import Changes
from desktop_app.services.guard import require
from desktop_app.services.households import (
    household_errors, person_text_errors, write_household,
)
from desktop_app.store import applications as app_store
from desktop_app.store import audit
from desktop_app.store import households as hh_store
from desktop_app.store.db import dumps, transaction


@dataclass
class ApplicationDraft:
    """What the reception form collects; the household includes the applicant as a member."""

    service_id: str
    applicant: Person
    household: Household | None = None
    checklist: list[ChecklistItem] = field(default_factory=list)
    answers: dict[str, bool] = field(default_factory=dict)
    incomplete_reason: str = ""
    inspection_date: dt.date | None = None
    route: str = "akim"
    arrived_at: dt.datetime | None = None  # when the visitor came in, if reception noted it


def documents_for(ctx: AppContext, draft: ApplicationDraft) -> list[DocumentSpec]:
    spec = ctx.catalogue.get(draft.service_id)
    return applicable_documents(spec, draft.answers, draft.applicant, draft.household,
                                ctx.now().date(), ctx.parameters, ctx.office.region or None)


@dataclass(frozen=True)
class Question:
    """A yes/no question the reception form asks: a catalogue condition or a pre-check question."""

    id: str
    text: str  # in the language of the translator it was made with


def questions(ctx: AppContext, draft: ApplicationDraft, t: Translator) -> list[Question]:
    """What the data cannot decide: conditions of conditional documents, then pre-check
    questions."""
    spec = ctx.catalogue.get(draft.service_id)
    day, region = ctx.now().date(), ctx.office.region or None
    asked = [Question(c.id, t.text(c.wording(ctx.parameters, day, region)))
             for c in questions_for(spec, draft.applicant, draft.household, day,
                                    ctx.parameters, region)]
    seen = {q.id for q in asked}
    for key, msgid in RULE_QUESTIONS.get(spec.precheck or "", ()):
        if key not in seen:
            asked.append(Question(key, t.gettext(msgid)))
            seen.add(key)
    return asked


def deciding_body(ctx: AppContext, spec: ServiceSpec, t: Translator) -> str:
    """Who decides: the office's own Department when it is set up, else the act's provider."""
    from desktop_app.documents.receipt import deciding_body as paper_deciding_body

    return paper_deciding_body(ctx.office, spec, t)


def validate_person(person: Person, today: dt.date,
                    field_prefix: str = "") -> list[ValidationError]:
    errors: list[ValidationError] = []
    if not person.surname.strip():
        errors.append(ValidationError(field_prefix + "surname", N_("Enter the surname.")))
    if not person.given_name.strip():
        errors.append(ValidationError(field_prefix + "given_name", N_("Enter the given name.")))
    if person.iin:
        try:
            info = parse_iin(person.iin, today)
        except ValidationError as exc:
            exc.field = field_prefix + "iin"
            errors.append(exc)
        else:
            if person.birth_date and person.birth_date != info.birth_date:
                errors.append(ValidationError(
                    field_prefix + "birth_date",
                    N_("The birth date does not match the IIN ({date})."),
                    code="birth_date_mismatch", date=info.birth_date.isoformat()))
    elif person.citizenship == "citizen":
        errors.append(ValidationError(field_prefix + "iin", N_("Enter the IIN: a citizen of "
                                                               "Kazakhstan always has one."),
                                      code="iin_empty"))
    if person.birth_date and person.birth_date > today:
        errors.append(ValidationError(field_prefix + "birth_date",
                                      N_("The birth date is in the future."), code="future"))
    return errors + person_text_errors(person, field_prefix)


def validate_draft(ctx: AppContext, draft: ApplicationDraft) -> list[ValidationError]:
    """Every problem of the draft, each naming its form field; empty means it can be saved."""
    today = ctx.now().date()
    spec = ctx.catalogue.get(draft.service_id)
    errors = validate_person(draft.applicant, today)
    if draft.household is not None:
        seen: dict[str, int] = {}
        for i, m in enumerate(draft.household.members):
            if m.person is not draft.applicant:
                errors += validate_person(m.person, today, field_prefix=f"members[{i}].")
            for inc in m.incomes:   # the applicant's own incomes too
                try:
                    money.parse(inc.amount, f"members[{i}].incomes")
                except ValidationError as exc:
                    if exc.code == "negative_amount":
                        exc = ValidationError(f"members[{i}].incomes",
                                              N_("An income cannot be negative."),
                                              code="negative_income")
                    errors.append(exc)
        for i, m in enumerate(draft.household.members):
            iin = normalise_iin(m.person.iin or "")
            if iin:
                if iin in seen:
                    errors.append(ValidationError(f"members[{i}].iin",
                                                  N_("The same IIN is entered twice in the "
                                                     "household."), code="duplicate_iin"))
                seen[iin] = i
        errors += [e for e in household_errors(draft.household)
                   if not e.field.startswith("members[")]   # the members' are checked above
        if spec.needs_household and not draft.household.address.strip():
            errors.append(ValidationError("household.address", N_("Enter the household's "
                                                                  "address.")))
    elif spec.needs_household:
        errors.append(ValidationError("household", N_("This service needs the household's "
                                                      "members and incomes.")))
    missing = [c for c in draft.checklist if c.required and c.presented == Presented.MISSING]
    if missing and not draft.incomplete_reason.strip():
        errors.append(ValidationError("checklist", N_("Required documents are missing. Record "
                                                      "the reason to save the application as "
                                                      "incomplete."), code="missing_documents"))
    return errors


def precheck(ctx: AppContext, draft: ApplicationDraft) -> PreCheckResult | None:
    spec = ctx.catalogue.get(draft.service_id)
    if not spec.precheck or not _incomes_ok(draft):
        return None          # an income that is not an amount: the form shows that error first
    return run_precheck(spec.precheck, household=_household_for_rules(ctx, draft),
                        applicant=draft.applicant, applied_on=ctx.now().date(),
                        region=ctx.office.region, parameters=ctx.parameters,
                        answers=draft.answers)


def _incomes_ok(draft: ApplicationDraft) -> bool:
    members = draft.household.members if draft.household is not None else []
    return all(money.is_amount(inc.amount) for m in members for inc in m.incomes)


def _household_for_rules(ctx: AppContext, draft: ApplicationDraft) -> Household:
    """The household a rule reads: the one on the form, else the applicant's recorded one, else
    the applicant alone (services that take no household still have rules about the person)."""
    if draft.household is not None:
        return draft.household
    if draft.applicant.id is not None:
        hid = hh_store.household_id_of(ctx.db, draft.applicant.id)
        if hid:
            return hh_store.get_household(ctx.db, hid)
    return Household(address=draft.applicant.address,
                     members=[Member(draft.applicant, Relation.APPLICANT)])


def take_application(ctx: AppContext, draft: ApplicationDraft) -> tuple[Application, Changes]:
    """Save the applicant, household and application in one transaction; raise on a bad draft."""
    require(ctx, "take_application")
    return take_unchecked(ctx, draft)


def take_unchecked(ctx: AppContext, draft: ApplicationDraft) -> tuple[Application, Changes]:
    """`take_application` for a caller that checked the role itself (the akim's own papers)."""
    errors = validate_draft(ctx, draft)
    if errors:
        raise errors[0]
    spec = ctx.catalogue.get(draft.service_id)
    accepted_at = ctx.now()
    now = accepted_at.isoformat(timespec="seconds")
    deadlines = compute_deadlines(spec, accepted_at, ctx.calendar, route=draft.route)
    check = precheck(ctx, draft)
    missing = [c for c in draft.checklist if c.required and c.presented == Presented.MISSING]
    with transaction(ctx.db):
        household_id = _save_people(ctx, draft, now)
        app = Application(
            service_id=spec.id, service_version=spec.version, applicant_id=draft.applicant.saved_id,
            accepted_at=accepted_at, status=Status.INCOMPLETE if missing else Status.REGISTERED,
            checklist=list(draft.checklist), household_id=household_id,
            decision_due=deadlines.decision_due, forward_by=deadlines.forward_by,
            inspection_date=draft.inspection_date,
            incomplete_reason=draft.incomplete_reason.strip() if missing else "",
            receiver_name=ctx.user.full_name,
            receiver_position=dumps(ctx.user.position),
            precheck=check.to_dict() if check else None, deadline_flags=deadlines.flags,
            arrived_at=_arrival(draft.arrived_at, accepted_at))
        app_store.insert(ctx.db, app, office_id=ctx.office.saved_id, office_code=ctx.office.code,
                         route=draft.route, answers=draft.answers, now=now, user=ctx.user.login)
        audit.record(ctx.db, at=now, user=ctx.user.login, action="application.take",
                     table="applications", uuid=app.uuid,
                     after={"reg_no": app.reg_no, "service": spec.id, "status": app.status,
                            "applicant": draft.applicant.uuid,
                            "missing": [c.document_id for c in missing]})
    persons = {draft.applicant.saved_id}
    if draft.household:
        persons |= {m.person.saved_id for m in draft.household.members}
    return app, Changes(applications=frozenset({app.saved_id}), persons=frozenset(persons),
                        households=frozenset({household_id} if household_id else ()))


def _save_people(ctx: AppContext, draft: ApplicationDraft, now: str) -> int | None:
    if draft.household is None:
        before = draft.applicant.id
        hh_store.update_person_details(ctx.db, draft.applicant, now=now)
        audit.record(ctx.db, at=now, user=ctx.user.login,
                     action="person.create" if before is None else "person.update",
                     table="persons", uuid=draft.applicant.uuid,
                     after=hh_store.person_to_row(draft.applicant))
        return hh_store.household_id_of(ctx.db, draft.applicant.saved_id)
    write_household(ctx, draft.household, now)
    return draft.household.id


def _arrival(arrived_at: dt.datetime | None, accepted_at: dt.datetime) -> dt.datetime | None:
    """An arrival noted at reception; one later than the acceptance or from another day (the
    form left open overnight) measures nothing and is not kept."""
    if arrived_at is None or arrived_at > accepted_at or arrived_at.date() != accepted_at.date():
        return None
    return arrived_at.replace(microsecond=0)


def is_issued_on_the_spot(spec: ServiceSpec) -> bool:
    return spec.akim_role == AkimRole.ISSUES


def is_minor(ctx: AppContext, birth_date: dt.date | None) -> bool:
    """True when a person born on `birth_date` is under the adult age in force today (the dated
    parameter `adult_age`); False when the date or the parameter is unknown."""
    from desktop_app.domain.errors import MissingParameter

    if birth_date is None:
        return False
    today = ctx.now().date()
    try:
        adult = ctx.parameters.value("adult_age", today, ctx.office.region or None).value
    except MissingParameter:
        return False
    age = Person("", "", birth_date=birth_date).age_on(today)
    return age is not None and age < adult
