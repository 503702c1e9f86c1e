"""Turning a record's date into its period (month, quarter or year) for trends.

Dates come as ISO text (``2024-03-15``, with or without a time), UK day-first text
(``15/03/2024``), a ``--date-format`` of the user's, or a date or timestamp value from
Parquet or the database. Anything else is one unreadable date, named, never guessed at.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal

Period = Literal["month", "quarter", "year"]
PERIODS: tuple[Period, ...] = ("month", "quarter", "year")
NO_DATE = "(no date)"
_ISO = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?=$|[T ]|\b)")
_UK = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?=$|\s)")
_LABEL = {
    "month": re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"),
    "quarter": re.compile(r"^\d{4}-Q[1-4]$"),
    "year": re.compile(r"^\d{4}$"),
}


class DateError(ValueError):
    """A date value that is not a date vblint can read."""


def to_date(value: object, fmt: str | None = None) -> date | None:
    """The calendar date of ``value``; None when there is none; :class:`DateError` if bad."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    text = str(value).strip()
    if not text:
        return None
    try:
        if fmt:
            return datetime.strptime(text, fmt).date()
        if match := _ISO.match(text):
            year, month, day = match.groups()
            return date(int(year), int(month), int(day or 1))
        if match := _UK.match(text):
            day, month, year = match.groups()
            return date(int(year), int(month), int(day))
    except ValueError:
        raise DateError("unreadable date") from None
    raise DateError("unreadable date")


def period_of(day: date | None, period: Period) -> str:
    """The label of the period holding ``day``: ``2024-03``, ``2024-Q1`` or ``2024``."""
    if day is None:
        return NO_DATE
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    if period == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def valid_label(label: str, period: Period) -> bool:
    """Whether ``label`` is written as a ``period`` label (for ``--compare-periods``)."""
    return bool(_LABEL[period].match(label))
