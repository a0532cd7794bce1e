"""Provides the Plan form's pure parts: reading whole numbers and validating what was typed.

Kept apart from the screen so every rule is tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from facilitator.vocabulary import RoleGroup


def whole_number(text: str) -> int | None:
    """The integer typed, or None when it is not a whole number."""
    try:
        return int(text.strip())
    except ValueError:
        return None


def validate(title: str, minutes: Sequence[str], counts: Mapping[RoleGroup, str]) -> dict[str, str]:
    """Field id -> error key for everything that keeps the plan from being saved."""
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "plan.error.title"
    for index, text in enumerate(minutes):
        value = whole_number(text)
        if value is None or value <= 0:
            errors[f"minutes-{index}"] = "plan.error.minutes"
    numbers = [whole_number(text or "0") for text in counts.values()]
    if any(n is None or n < 0 for n in numbers):
        errors["participants"] = "plan.error.count"
    elif sum(n or 0 for n in numbers) == 0:
        errors["participants"] = "plan.error.participants"
    if not minutes:
        errors["template"] = "plan.error.template"
    return errors


def total_minutes(minutes: Sequence[str]) -> int:
    """Sum of the round minutes that are valid so far."""
    return sum(max(whole_number(text) or 0, 0) for text in minutes)


def planned_end(start: datetime, minutes: int) -> str:
    """The planned end as local HH:MM."""
    return (start + timedelta(minutes=minutes)).astimezone().strftime("%H:%M")
