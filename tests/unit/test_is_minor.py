"""A new member under the adult age (the dated parameter) is taken for a child by default."""

from __future__ import annotations

import datetime as dt

from desktop_app.services.intake import is_minor


def test_under_the_adult_age_is_a_minor(ctx):
    today = ctx.now().date()
    adult = int(ctx.parameters.value("adult_age", today, ctx.office.region or None).value)
    birthday = today.replace(year=today.year - adult)
    assert not is_minor(ctx, birthday)                        # the adult age reached today
    assert is_minor(ctx, birthday + dt.timedelta(days=1))     # one day short of it
    assert not is_minor(ctx, None)
