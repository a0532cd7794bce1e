"""Provides report headings and labels in the session's language, read from locale/*.toml.

Dates and decimal numbers follow the language's conventions through facilitator.i18n
("26 nov. 2026", "3,5" in Swedish); only the machine-readable CSV and JSON keep ISO.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from facilitator.i18n import format_date, format_number
from facilitator.templates.model import Template
from facilitator.vocabulary import ActionStatus, NoteKind, Phase, RoleGroup, SessionStatus

LANGUAGES = ("en", "sv")


@cache
def _catalog(language: str) -> dict[str, Any]:
    text = (
        resources.files("facilitator.reports.locale")
        .joinpath(f"{language}.toml")
        .read_text(encoding="utf-8")
    )
    return tomllib.loads(text)


@dataclass(frozen=True)
class Labels:
    """Report labels for one language; unknown languages fall back to English."""

    language: str
    role_names: tuple[tuple[str, str], ...] = ()  # the template's own role-group labels

    @classmethod
    def for_language(cls, language: str) -> Labels:
        """Labels for `language` ("sv-SE" counts as "sv"), English when not shipped."""
        base = language.split("-")[0].lower()
        return cls(base if base in LANGUAGES else "en")

    @classmethod
    def for_template(cls, language: str, template: Template) -> Labels:
        """Labels for `language` that name role groups as `template` does, where it does."""
        labels = cls.for_language(language)
        if template.language.split("-")[0].lower() != labels.language:
            return labels
        return cls(labels.language, template.role_labels)

    def __getitem__(self, key: str) -> str:
        value = _catalog(self.language).get(key, _catalog("en").get(key, key))
        return str(value)

    def _section(self, section: str, key: str) -> str:
        table = _catalog(self.language).get(section, {})
        return str(table.get(key, _catalog("en")[section].get(key, key)))

    def planned_minutes(self, minutes: int, first_planned: int | None) -> str:
        """'8 min', or '8 min (first planned 12)' for a rebalanced round."""
        if first_planned is None:
            return f"{minutes} {self['minutes_unit']}"
        text = self._section("rebalance", "planned")
        return text.format(minutes=minutes, original=first_planned)

    def time_used(self, used: str, *, skipped: bool, ended_early: bool) -> str:
        """The used column: 'skipped' (never ran) or '32 min, ended early' (cut short, ran)."""
        if skipped:
            return self["skipped"]
        return self["ended_early"].format(used=used) if ended_early else used

    def role(self, group: RoleGroup) -> str:
        """The role group's name: the template's label, else the catalog's."""
        own = dict(self.role_names).get(group.value)
        return own if own else self._section("role_group", group.value)

    def note_kind(self, kind: NoteKind) -> str:
        """The plural heading for a kind of note."""
        return self._section("note_kind", kind.value)

    def action_status(self, status: ActionStatus) -> str:
        """The follow-up status's name."""
        return self._section("action_status", status.value)

    def phase(self, phase: Phase) -> str:
        """The phase's name."""
        return self._section("phase_name", phase.value)

    def session_status(self, status: SessionStatus) -> str:
        """The session status's name."""
        return self._section("session_status", status.value)

    def number(self, value: float | None, *, signed: bool = False) -> str:
        """A one-decimal number with the language's decimal mark; an en dash when missing."""
        if value is None:
            return "–"
        text = format_number(abs(value) if signed else value, self.language, 1)
        if not signed:
            return text
        return ("-" if round(value, 1) < 0 else "+") + text

    def day(self, day: date | None) -> str:
        """A day as the language writes it ("26 Nov 2026", "26 nov. 2026"); an en dash if none."""
        return "–" if day is None else format_date(day, self.language)

    def minutes(self, seconds: float | None) -> str:
        """Seconds as whole minutes with the unit, e.g. "12 min"."""
        if seconds is None:
            return "–"
        return f"{round(seconds / 60)} {self['minutes_unit']}"
