"""Forms built from the catalogue: the document checklist, condition questions, household editor."""
