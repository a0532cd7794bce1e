"""Provides dates, times, numbers and durations written in each language's conventions."""

from __future__ import annotations

from datetime import date, datetime

_NBSP = "\u00a0"
_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "sv": (
        "jan.", "feb.", "mars", "apr.", "maj", "juni",
        "juli", "aug.", "sep.", "okt.", "nov.", "dec.",
    ),
}  # fmt: skip
_HOURS = {"en": "h", "sv": "tim"}


def _lang(language: str) -> str:
    return language if language in _MONTHS else "en"


def format_date(day: date, language: str) -> str:
    """A day as people write it: `26 Nov 2026`, `26 nov. 2026`."""
    return f"{day.day} {_MONTHS[_lang(language)][day.month - 1]} {day.year}"


def format_datetime(moment: datetime, language: str) -> str:
    """A day and 24-hour time: `26 Nov 2026, 14:05`, `26 nov. 2026 14:05`."""
    separator = ", " if _lang(language) == "en" else " "
    return f"{format_date(moment, language)}{separator}{moment:%H:%M}"


def format_number(value: float, language: str, decimals: int = 0) -> str:
    """A number with grouped thousands: `1,234.5` in English, `1 234,5` in Swedish."""
    text = f"{value:,.{decimals}f}"
    if _lang(language) == "sv":
        return text.replace(",", _NBSP).replace(".", ",")
    return text


def format_minutes(minutes: int, language: str) -> str:
    """A planned duration: `50 min`, or `1 h 15 min` / `1 tim 15 min` from an hour up."""
    hours, rest = divmod(int(minutes), 60)
    if hours == 0:
        return f"{rest} min"
    unit = _HOURS[_lang(language)]
    text = f"{hours} {unit}"
    return f"{text} {rest} min" if rest else text
