"""The service catalogue's shape: one `ServiceSpec` per data/services/*.toml file.

Pure dataclasses; loading and validation live in `catalogue_loader`. Text is {"kk": ..., "ru": ...}.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

Text = dict[str, str]  # {"kk": "...", "ru": "..."}


class AkimRole(StrEnum):
    ACCEPTS = "accepts"        # the legal clock starts at the akim's office
    ISSUES = "issues"          # the office produces the paper at once, signed by the akim
    FORWARDS = "forwards"      # the Department is the intake point; the office forwards
    HANDS_OVER = "hands_over"  # a district result is handed to the citizen at the office


class ReceiptKind(StrEnum):
    TALON = "talon"                                # талон
    CONFIRMATION_LETTER = "confirmation_letter"    # растау хат
    NOTICE = "notice"                              # құлақтандыру
    CONFIRMATION = "confirmation"                  # растау
    NONE = "none"                                  # issues: the paper itself is the result


class RefusalKind(StrEnum):
    REFUSAL = "refusal"          # not assigned / not provided (бас тарту)
    TERMINATION = "termination"  # an assigned right or payment stops (тоқтату)
    DEPRIVATION = "deprivation"  # the right is lost for a set period (құқығынан айыру)


class DocumentForm(StrEnum):
    ORIGINAL = "original"                    # shown, checked and returned
    COPY = "copy"                            # copy kept
    ORIGINAL_AND_COPY = "original_and_copy"  # original shown for comparison, copy kept
    NOTARISED = "notarised"                  # notarised copy kept
    FILLED_FORM = "filled_form"              # a form filled in at the office (application, income)


class DeadlineUnit(StrEnum):
    CALENDAR = "calendar"
    WORKING = "working"
    MINUTES = "minutes"
    UNSPECIFIED = "unspecified"  # computed as calendar days and flagged "unit not stated in the
                                 # act"


class DeadlineKind(StrEnum):
    DECISION = "decision"  # the result is due (decision due)
    FORWARD = "forward"    # the office hands the documents to the Department by (forward by)
    RESULT = "result"      # an issued paper: minutes from acceptance to hand-over


@dataclass(frozen=True)
class DocumentSpec:
    id: str
    name: Text
    form: DocumentForm
    required: bool = True
    condition: str | None = None  # a condition id (catalogue_loader.CONDITIONS), "!id" for "not";
                                  # None: always
    per_person: bool = False      # one per household member (e.g. birth certificate per child)
    source: str = ""


@dataclass(frozen=True)
class DeadlineSpec:
    kind: DeadlineKind
    amount: int
    unit: DeadlineUnit
    starts: str          # what starts the clock, e.g. "submission"
    route: str = "akim"  # "akim" or "department": which intake route this limit is for
    stated: bool = True  # False: not in the act; an office rule, shown as such
    source: str = ""
    note: Text = field(default_factory=dict)


@dataclass(frozen=True)
class RefusalCode:
    code: str
    text: Text
    source: str = ""
    kind: RefusalKind = RefusalKind.REFUSAL


@dataclass(frozen=True)
class Appeal:
    """How a negative decision is appealed, as the act words it (items 21-23 of the standards)."""

    text: Text
    source: str
    stated: bool = True  # False: the act gives no route; an office rule, reported as such


@dataclass(frozen=True)
class Waiting:
    submit_minutes: int | None
    receive_minutes: int | None


@dataclass(frozen=True)
class Indicators:
    """The standard's quality and availability indicators (Сапа және қол жетімділік
    көрсеткіштері): the normative value of each row the office's data can measure, in per cent,
    and the annex they come from. 4.1 is a ceiling (at most); the others are floors (at least)."""

    source: str                   # e.g. "003 std 5 annex 3"
    served_on_time: float         # 1.1 cases served within the set term
    waited_within_limit: float    # 1.2 consumers who waited no longer than `wait_minutes`
    wait_minutes: int             # the wait row 1.2 measures against, as the annex words it
    drawn_up_correctly: float     # 2.2 documents drawn up correctly by the official
    complete_first_time: float    # 3.2 documents complete at the first attempt
    justified_complaints: float   # 4.1 justified complaints per consumers served (at most)
    complaints_on_time: float     # 4.2 justified complaints reviewed and satisfied on time


@dataclass(frozen=True)
class ServiceSpec:
    id: str                       # stable id used in the database, the CLI and batches
    version: str                  # catalogue version; an application keeps the one it was taken
                                  # under
    valid_from: dt.date
    valid_to: dt.date | None
    name: Text
    short_name: Text
    act: str                      # seed act id, e.g. "003"
    standard: str                 # e.g. "12"
    legal_basis: Text
    provider: Text                # the deciding body
    akim_role: AkimRole
    applicants: tuple[str, ...]   # citizen, oralman, refugee, foreigner_permit, stateless_permit
    needs_household: bool         # members and incomes are taken with the application
    precheck: str | None          # pre-check rule id (see domain.precheck), None when the act has
                                  # none
    receipt_kind: ReceiptKind
    receipt_content: tuple[str, ...]
    inspection: bool              # the receipt states whether and when a home inspection happens
    result_kinds: tuple[str, ...]
    refusal_codes: tuple[RefusalCode, ...]
    documents: tuple[DocumentSpec, ...]
    deadlines: tuple[DeadlineSpec, ...]
    waiting: Waiting
    blank_forms: tuple[str, ...]  # application, family_composition, income_information
    result_validity: Text         # how long the result is valid, as the act words it ("" if silent)
    file: str = ""                # the file it was loaded from (for messages)
    order: int = 0                # position in lists (then id); from the file's `order`
    appeal: Appeal | None = None  # the appeal route printed on a negative decision
    receipt_stated: bool = True   # False: the act names no receipt; the kind is an office rule
    indicators: Indicators | None = None  # the standard's annex; None: the act has none
    receipt_note: Text = field(default_factory=dict)  # why, when receipt_stated is False

    def deadline(self, kind: DeadlineKind, route: str = "akim") -> DeadlineSpec | None:
        for d in self.deadlines:
            if d.kind == kind and d.route == route:
                return d
        return None

    def refusal(self, code: str) -> RefusalCode | None:
        return next((r for r in self.refusal_codes if r.code == code), None)

    def refusal_kind(self, codes: tuple[str, ...] | list[str]) -> RefusalKind:
        """What a negative decision on `codes` does: a right taken away (deprivation) outranks a
        payment stopped (termination), which outranks a plain refusal; unknown codes refuse."""
        kinds = {r.kind for c in codes if (r := self.refusal(c)) is not None}
        for kind in (RefusalKind.DEPRIVATION, RefusalKind.TERMINATION):
            if kind in kinds:
                return kind
        return RefusalKind.REFUSAL

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)
