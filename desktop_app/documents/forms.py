"""Blank forms the office hands out free (003 std 12 item 13): the application, family
composition, income information and farm information, each with the office header, for the
services whose catalogue lists them in `blank_forms`.

Imports documents (layout, certificates), domain and i18n only. No number, no seal: a blank.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from desktop_app.documents.certificates import NO_EXTRAS, Extras, issue
from desktop_app.documents.layout import Part, grid_table, para
from desktop_app.domain.catalogue import ServiceSpec
from desktop_app.domain.office import Office
from desktop_app.i18n import N_, Translator

FORM_TITLES: dict[str, str] = {
    "application": N_("Application"),
    "family_composition": N_("Information on the family composition"),
    "income_information": N_("Information on the incomes of the family members"),
    "farm_information": N_("Information on the personal subsidiary farm"),
}
BLANK_ROWS = 8
LINE = "_" * 58


def _applicant_lines(t: Translator) -> list[Flowable]:
    return [
        para(t.gettext(N_("Full name: {line}")).format(line=LINE[:26]), "left"),
        para(t.gettext(N_("IIN: {line}")).format(line=LINE[:33]), "left"),
        para(t.gettext(N_("Address: {line}")).format(line=LINE[:29]), "left"),
        para(t.gettext(N_("Phone: {line}")).format(line=LINE[:30]), "left"),
        Spacer(1, 6),
    ]


def _signed(t: Translator) -> list[Flowable]:
    return [Spacer(1, 14), para("«___» ____________ 20__", "left"),
            para(t.gettext(N_("Signature: ____________")), "left")]


def _blank_rows(columns: int, n: int = BLANK_ROWS) -> list[list[str]]:
    return [[str(i)] + [""] * (columns - 1) for i in range(1, n + 1)]


def _application(service: ServiceSpec, t: Translator) -> list[Flowable]:
    body = _applicant_lines(t)
    body.append(para(t.gettext(N_("I ask you to consider my application: {service}.")).format(
        service=t.text(service.name)), "indent"))
    body.append(para(t.gettext(N_("I attach the following documents:")), "left"))
    rows = [[str(n), t.text(d.name), ""] for n, d in enumerate(service.documents, 1)]
    body.append(grid_table([t.gettext(N_("No.")), t.gettext(N_("Document")),
                            t.gettext(N_("Pages"))], rows, [0.08, 0.77, 0.15]))
    body.append(Spacer(1, 6))
    body.append(para(t.gettext(N_("I confirm that the information given is true and agree to "
                                  "the use of my personal data for the service.")), "indent"))
    return body + _signed(t)


def _family(t: Translator) -> list[Flowable]:
    header = [t.gettext(N_("No.")), t.gettext(N_("Full name")),
              t.gettext(N_("Relation to the applicant")), t.gettext(N_("Date of birth")),
              t.gettext(N_("IIN")), t.gettext(N_("Occupation"))]
    return _applicant_lines(t) + [
        grid_table(header, _blank_rows(6), [0.06, 0.3, 0.16, 0.14, 0.18, 0.16]),
        *_signed(t)]


def _income(t: Translator) -> list[Flowable]:
    header = [t.gettext(N_("No.")), t.gettext(N_("Family member")),
              t.gettext(N_("Kind of income")), t.gettext(N_("Month 1")),
              t.gettext(N_("Month 2")), t.gettext(N_("Month 3")), t.gettext(N_("Total"))]
    return _applicant_lines(t) + [
        para(t.gettext(N_("Incomes for the quarter before the quarter of the application, in "
                          "tenge:")), "left"),
        grid_table(header, _blank_rows(7), [0.06, 0.26, 0.2, 0.12, 0.12, 0.12, 0.12]),
        *_signed(t)]


def _farm(t: Translator) -> list[Flowable]:
    kinds = [N_("Land plot (hectares)"), N_("Cattle"), N_("Horses"), N_("Sheep and goats"),
             N_("Camels"), N_("Pigs"), N_("Poultry"), N_("Other")]
    rows = [[str(n), t.gettext(k), "", ""] for n, k in enumerate(kinds, 1)]
    header = [t.gettext(N_("No.")), t.gettext(N_("What the farm has")),
              t.gettext(N_("Quantity")), t.gettext(N_("Note"))]
    return _applicant_lines(t) + [grid_table(header, rows, [0.08, 0.42, 0.2, 0.3]),
                                  *_signed(t)]


def render_blank_form(office: Office, form: str, service: ServiceSpec, translator: Translator,
                      extras: Extras = NO_EXTRAS) -> bytes:
    """One blank `form` (a code from the service's `blank_forms`) with the office header."""
    if form not in FORM_TITLES:
        raise ValueError(f"no blank form {form!r}")

    def part(t: Translator) -> Part:
        if form == "application":
            body = _application(service, t)
        elif form == "family_composition":
            body = _family(t)
        elif form == "income_information":
            body = _income(t)
        else:
            body = _farm(t)
        return Part(t.gettext(FORM_TITLES[form]), body, subtitle=t.text(service.name))

    return issue(office, translator, part, "", None, extras)
