"""What the specialist confirms before a number is taken: a short summary of the application
(service, applicant, members, missing documents, the pre-check, the deadlines; for the akim's
papers whether a certificate or a reasoned refusal will be issued) and any open application of
the same person for the same service. Reads only; nothing is numbered here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.context import AppContext
from desktop_app.domain.application import Presented
from desktop_app.domain.catalogue import AkimRole
from desktop_app.domain.deadlines import compute_deadlines
from desktop_app.i18n import Translator
from desktop_app.services import papers
from desktop_app.services.intake import ApplicationDraft, precheck
from desktop_app.services.lifecycle import open_duplicates


@dataclass(frozen=True)
class Summary:
    service: str
    applicant: str
    members: int                      # 0 when the service takes no household
    missing: tuple[str, ...]          # names of required documents not presented
    precheck: tuple[str, ...]         # worded pre-check lines ("" when the service has none)
    decision_due: dt.date | None
    forward_by: dt.date | None
    result_by: dt.datetime | None
    issues_paper: bool                # the akim's own paper, issued at once
    refusal: str = ""                 # the reasoned refusal the paper will be, worded
    open_elsewhere: tuple[str, ...] = ()  # the person's open applications for the service


def summarise(ctx: AppContext, draft: ApplicationDraft, t: Translator) -> Summary:
    spec = ctx.catalogue.get(draft.service_id)
    names = {d.id: t.text(d.name) for d in spec.documents}
    missing = tuple(names.get(c.document_id, c.document_id) for c in draft.checklist
                    if c.required and c.presented == Presented.MISSING)
    deadlines = compute_deadlines(spec, ctx.now(), ctx.calendar, route=draft.route)
    result = precheck(ctx, draft)
    refusal = ""
    issues = spec.akim_role == AkimRole.ISSUES
    if issues and draft.applicant.id is not None:
        code = papers.refusal_of(ctx, spec.id, draft.applicant.id)
        if code:
            found = spec.refusal(code)
            refusal = t.text(found.text) if found else code
    return Summary(
        service=t.text(spec.name), applicant=draft.applicant.full_name,
        members=len(draft.household.members) if draft.household else 0, missing=missing,
        precheck=tuple(papers.precheck_lines(result.to_dict() if result else None, t)),
        decision_due=deadlines.decision_due, forward_by=deadlines.forward_by,
        result_by=deadlines.result_by, issues_paper=issues, refusal=refusal,
        open_elsewhere=tuple(open_duplicates(ctx, draft.applicant.id, spec.id)))
