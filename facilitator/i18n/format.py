"""Provides dates, times, numbers and durations written in each language's conventions.

The conventions come from the language registry (`language.toml` of each language).
"""

from __future__ import annotations

from datetime import date, datetime

from facilitator.i18n.languages import entry


def format_date(day: date, language: str) -> str:
    """A day as people write it: `26 Nov 2026`, `26 nov. 2026`."""
    return f"{day.day} {entry(language).formats.months[day.month - 1]} {day.year}"


def format_datetime(moment: datetime, language: str) -> str:
    """A day and 24-hour time: `26 Nov 2026, 14:05`, `26 nov. 2026 14:05`."""
    separator = entry(language).formats.datetime_separator
    return f"{format_date(moment, language)}{separator}{moment:%H:%M}"


def format_number(value: float, language: str, decimals: int = 0) -> str:
    """A number with grouped thousands: `1,234.5` in English, `1 234,5` in Swedish."""
    formats = entry(language).formats
    text = f"{value:,.{decimals}f}"
    marks = {",": formats.group_separator, ".": formats.decimal_mark}
    return "".join(marks.get(char, char) for char in text)


def format_minutes(minutes: int, language: str) -> str:
    """A planned duration: `50 min`, or `1 h 15 min` / `1 tim 15 min` from an hour up."""
    hours, rest = divmod(int(minutes), 60)
    if hours == 0:
        return f"{rest} min"
    text = f"{hours} {entry(language).formats.hour_unit}"
    return f"{text} {rest} min" if rest else text
