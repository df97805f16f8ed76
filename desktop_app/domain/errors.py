"""Typed errors for people: each carries a code, a msgid marked for translation and named params.

Imports only i18n. Render with `err.message(translator)`; `str(err)` is the untranslated form for
logs.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from desktop_app.i18n import N_, Translator


class AppError(Exception):
    """Base of every error a person may see."""

    code: str = "error"
    msgid: str = N_("Something went wrong.")

    def __init__(self, msgid: str | None = None, *, code: str | None = None, **params: Any) -> None:
        if msgid is not None:
            self.msgid = msgid
        if code is not None:
            self.code = code
        self.params = params
        super().__init__(self._render(self.msgid))

    def _render(self, template: str) -> str:
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return template

    def message(self, translator: Translator | None = None) -> str:
        from desktop_app import i18n

        t = translator or i18n.active()
        try:
            worded = {k: _worded(v, t) for k, v in self.params.items()}
            return t.gettext(self.msgid).format(**worded)
        except (KeyError, IndexError, ValueError):
            return t.gettext(self.msgid)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _worded(value: Any, t: Translator) -> Any:
    """A date inside a message is written as people write it (31.12.2026), not ISO."""
    if isinstance(value, dt.datetime):
        return t.datetime(value, "dd.MM.yyyy HH:mm")
    if isinstance(value, dt.date):
        return t.date(value)
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return t.date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return value


class ValidationError(AppError):
    """A value a person typed is wrong; `field` names the form field it belongs to."""

    code = "invalid"

    def __init__(self, field: str, msgid: str, *, code: str = "invalid", **params: Any) -> None:
        self.field = field
        super().__init__(msgid, code=code, **params)


class CatalogueError(AppError):
    """A service file in data/services/ is broken: names the file, the field and the reason."""

    code = "catalogue"
    msgid = N_("Service catalogue file {file}: field {field}: {reason}")

    def __init__(self, file: str, field: str, reason: str) -> None:
        self.file, self.field, self.reason = file, field, reason
        super().__init__(file=file, field=field, reason=reason)


class ParameterError(AppError):
    """A parameter file in data/parameters/ is broken or has no value for the date asked."""

    code = "parameters"
    msgid = N_("Parameter file {file}: {reason}")

    def __init__(self, file: str, reason: str) -> None:
        self.file, self.reason = file, reason
        super().__init__(file=file, reason=reason)


class MissingParameter(AppError):
    code = "parameter_missing"
    msgid = N_("No value of {name} is in force on {date} for {region}.")


class ParametersEnding(AppError):
    """A start-up warning from 1 December: values that end on 31 December with nothing after
    them (the next year's figures come with the next budget law and are never guessed)."""

    code = "parameters_year_end"
    msgid = N_("These values end on {date} and no value follows them: {titles}. Enter the new "
               "values with their source on the Parameters page, or import the district's "
               "return batch that brings them.")

    def __init__(self, end: Any, titles: list[dict[str, str]]) -> None:
        self.end, self.titles = end, titles
        super().__init__(date=end.isoformat(), titles="; ".join(
            t.get("kk", "") for t in titles))

    def message(self, translator: Translator | None = None) -> str:
        from desktop_app import i18n

        t = translator or i18n.active()
        return t.gettext(self.msgid).format(date=t.date(self.end),
                                            titles="; ".join(t.text(x) for x in self.titles))


# What NotFound names, translated when the message is shown (the code passes the English key).
NOT_FOUND_WHAT = {
    "application": N_("Application"), "person": N_("Person"), "household": N_("Household"),
    "office": N_("Office record"), "service": N_("Service"), "user": N_("User"),
    "calendar_day": N_("Calendar entry"),
}


class NotFound(AppError):
    code = "not_found"
    msgid = N_("{what} not found: {key}")

    def message(self, translator: Translator | None = None) -> str:
        from desktop_app import i18n

        t = translator or i18n.active()
        what = self.params.get("what", "")
        label = t.gettext(NOT_FOUND_WHAT[what]) if what in NOT_FOUND_WHAT else what
        return t.gettext(self.msgid).format(**{**self.params, "what": label})


class DuplicateError(AppError):
    code = "duplicate"


class StorageError(AppError):
    """The data file cannot be opened or written (not a database, read-only, disk full, locked)."""

    code = "storage"


class SchemaTooNew(StorageError):
    code = "schema_too_new"
    msgid = N_("The data file was written by a newer version of Akimat Desk (schema {found}, this "
               "version knows {known}). Update the application; the file was not changed.")


class CertificateRefused(AppError):
    """A certificate cannot be issued (e.g. no TSA record for the quarter); the reason is shown."""

    code = "certificate_refused"


class PermissionDenied(AppError):
    """The signed-in user's roles do not allow the action (checked in services, not only in the UI).

    `label` is the action's msgid (domain.roles.ACTION_LABELS); it is translated with the message.
    """

    code = "forbidden"
    msgid = N_("Your role does not allow this: {action}.")

    def __init__(self, action: str, label: str | None = None, *, msgid: str | None = None,
                 code: str | None = None) -> None:
        self.action, self.label = action, label or action
        super().__init__(msgid, code=code, action=self.label)

    def message(self, translator: Translator | None = None) -> str:
        from desktop_app import i18n

        t = translator or i18n.active()
        return t.gettext(self.msgid).format(action=t.gettext(self.label))


class SignInError(AppError):
    """Sign-in refused: wrong login or password (code "wrong_password"), "locked" or "inactive"."""

    code = "sign_in"


class ClockError(AppError):
    """The computer's clock is years wrong: writing would date records wrongly, so writes wait."""

    code = "clock"


BATCH_REASONS: dict[str, str] = {
    "not_a_batch": N_("{file} is not an Akimat Desk batch file; nothing was changed."),
    "unreadable": N_("The batch {file} cannot be read ({detail}); nothing was changed."),
    "truncated": N_("The batch {file} is cut short (perhaps the stick was pulled out while "
                    "copying). Copy it again from the sending office; nothing was changed."),
    "tampered": N_("The batch {file} is damaged or was altered after it was written; nothing was "
                   "changed. Ask the sending office for a new export."),
    "format_too_new": N_("The batch {file} was written by a newer version of Akimat Desk (format "
                         "{found}; this version reads {known}). Update the application; nothing "
                         "was changed."),
    "unknown_office": N_("The batch {file} comes from office {office}, whose key is not trusted "
                         "here. Trust its key file and confirm the fingerprint by phone first; "
                         "nothing was changed."),
    "bad_signature": N_("The batch {file} says it comes from {office} but is not signed with that "
                        "office's trusted key; nothing was changed."),
    "wrong_recipient": N_("The batch {file} is addressed to {to}, not to this office ({me}); "
                          "nothing was changed."),
    "own_batch": N_("The batch {file} was written by this office itself: import it at the "
                    "office it is addressed to ({to}). Nothing was changed."),
    "replayed": N_("The batch {file} (number {seq} from {office}) is older than batch {last} "
                   "already imported; it was not applied again and nothing was changed."),
    "gap": N_("The batch {file} (number {seq} from {office}) builds on batch {base}, which was "
              "never imported here. Import the earlier batches first; nothing was changed."),
    "not_a_file": N_("{file} is not a regular file (a device, a folder or a pipe); it was not "
                     "read and nothing was changed."),
    "too_large": N_("The batch {file} is larger than {limit} MB, the most a batch can be; it was "
                    "not read and nothing was changed."),
    "invalid_content": N_("The batch {file} holds a record that cannot be applied ({detail}); "
                          "nothing was changed."),
}


class BatchRejected(AppError):
    """A batch file was refused before anything was applied; `reason_code` is a BATCH_REASONS
    key."""

    code = "batch_rejected"

    def __init__(self, reason_code: str, **params: Any) -> None:
        self.reason_code = reason_code if reason_code in BATCH_REASONS else "tampered"
        params.setdefault("file", "")
        super().__init__(BATCH_REASONS[self.reason_code], code=self.reason_code, **params)
