"""Pure-Python rules of the office: IIN, calendar, catalogue, households, pre-checks. No Qt, no
SQLite."""
