"""Typed errors for people: each carries a code, a msgid marked for translation and named params.

Imports only i18n. Render with `err.message(translator)`; `str(err)` is the untranslated form for logs.
"""

from __future__ import annotations

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
        return self._render(t.gettext(self.msgid))


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


class NotFound(AppError):
    code = "not_found"
    msgid = N_("{what} not found: {key}")


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
