"""Dates, numbers and durations in English and Swedish conventions."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from facilitator.i18n import format_date, format_datetime, format_minutes, format_number


def test_dates() -> None:
    day = date(2026, 11, 26)
    assert format_date(day, "en") == "26 Nov 2026"
    assert format_date(day, "sv") == "26 nov. 2026"
    assert format_date(date(2026, 3, 1), "sv") == "1 mars 2026"
    assert format_date(date(2026, 5, 9), "sv") == "9 maj 2026"


def test_datetimes() -> None:
    moment = datetime(2026, 11, 26, 9, 5)
    assert format_datetime(moment, "en") == "26 Nov 2026, 09:05"
    assert format_datetime(moment, "sv") == "26 nov. 2026 09:05"


@pytest.mark.parametrize(
    ("value", "decimals", "en", "sv"),
    [
        (1234567, 0, "1,234,567", "1\u00a0234\u00a0567"),
        (3.26, 1, "3.3", "3,3"),
        (1234.5, 2, "1,234.50", "1\u00a0234,50"),
        (-0.5, 1, "-0.5", "-0,5"),
        (42, 0, "42", "42"),
    ],
)
def test_numbers(value: float, decimals: int, en: str, sv: str) -> None:
    assert format_number(value, "en", decimals) == en
    assert format_number(value, "sv", decimals) == sv


def test_minutes() -> None:
    assert format_minutes(50, "en") == "50 min"
    assert format_minutes(75, "en") == "1 h 15 min"
    assert format_minutes(75, "sv") == "1 tim 15 min"
    assert format_minutes(120, "sv") == "2 tim"
    assert format_minutes(0, "sv") == "0 min"


def test_unknown_language_uses_english_conventions() -> None:
    assert format_date(date(2026, 11, 26), "de") == "26 Nov 2026"
