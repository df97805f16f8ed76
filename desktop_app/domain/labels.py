"""English msgids for the codes the domain stores (relations, member statuses, income kinds, sex).

Pure data; the screens (ui/labels.py) and the papers (documents/) translate them when shown.
"""

from __future__ import annotations

from desktop_app.domain.household import IncomeKind, MemberStatus, Relation, Sex
from desktop_app.i18n import N_

RELATION_LABELS: dict[Relation, str] = {
    Relation.APPLICANT: N_("Applicant"),
    Relation.SPOUSE: N_("Spouse"),
    Relation.CHILD: N_("Child"),
    Relation.PARENT: N_("Parent"),
    Relation.GRANDCHILD: N_("Grandchild"),
    Relation.GRANDPARENT: N_("Grandparent"),
    Relation.SIBLING: N_("Brother or sister"),
    Relation.WARD: N_("Ward (under guardianship)"),
    Relation.OTHER: N_("Other relative"),
}

MEMBER_STATUS_LABELS: dict[MemberStatus, str] = {
    MemberStatus.WORKING: N_("Working"),
    MemberStatus.STUDENT: N_("Full-time student"),
    MemberStatus.SERVING: N_("Military service"),
    MemberStatus.REGISTERED_UNEMPLOYED: N_("Registered unemployed"),
    MemberStatus.UNEMPLOYED: N_("Unemployed, not registered"),
    MemberStatus.PENSIONER: N_("Pensioner"),
    MemberStatus.DISABLED: N_("Disabled"),
    MemberStatus.CARER: N_("Carer"),
    MemberStatus.INPATIENT: N_("In-patient over a month"),
    MemberStatus.CHILD: N_("Child (pre-school or school)"),
    MemberStatus.PARENTAL_LEAVE: N_("Parental leave"),
    MemberStatus.SELF_EMPLOYED: N_("Self-employed"),
}

INCOME_KIND_LABELS: dict[IncomeKind, str] = {
    IncomeKind.WAGE: N_("Wages"),
    IncomeKind.PENSION: N_("Pension"),
    IncomeKind.BENEFIT: N_("Benefit"),
    IncomeKind.SCHOLARSHIP: N_("Scholarship"),
    IncomeKind.ALIMONY: N_("Alimony"),
    IncomeKind.FARM: N_("Personal subsidiary farm"),
    IncomeKind.BUSINESS: N_("Business income"),
    IncomeKind.OTHER: N_("Other income"),
}

SEX_LABELS: dict[Sex, str] = {
    Sex.MALE: N_("Male"),
    Sex.FEMALE: N_("Female"),
}
