"""Provides report headings and labels in the session's language, from the `report.` catalog keys.

Dates and decimal numbers follow the language's conventions through facilitator.i18n
("26 nov. 2026", "3,5" in Swedish); only the machine-readable CSV and JSON keep ISO.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from facilitator.i18n import DEFAULT_LANGUAGE, format_date, format_number, translator
from facilitator.i18n.languages import is_registered
from facilitator.templates.model import Template
from facilitator.vocabulary import ActionStatus, NoteKind, Phase, RoleGroup, SessionStatus


@dataclass(frozen=True)
class Labels:
    """Report labels for one language; unknown languages fall back to English."""

    language: str
    role_names: tuple[tuple[str, str], ...] = ()  # the template's own role-group labels

    @classmethod
    def for_language(cls, language: str) -> Labels:
        """Labels for `language` ("sv-SE" counts as "sv"), the default when not registered."""
        base = language.split("-")[0].lower()
        return cls(base if is_registered(base) else DEFAULT_LANGUAGE)

    @classmethod
    def for_template(cls, language: str, template: Template) -> Labels:
        """Labels for `language` that name role groups as `template` does, where it does."""
        labels = cls.for_language(language)
        if template.language.split("-")[0].lower() != labels.language:
            return labels
        return cls(labels.language, template.role_labels)

    def __getitem__(self, key: str) -> str:
        """The report label `key` (`date` is the catalog key `report.date`)."""
        return self._text(f"report.{key}")

    def _text(self, key: str) -> str:
        text = translator(self.language).t(key)
        return key.rpartition(".")[2] if text == key else text

    def planned_minutes(self, minutes: int, first_planned: int | None) -> str:
        """'8 min', or '8 min (first planned 12)' for a rebalanced round."""
        if first_planned is None:
            return f"{minutes} {self['minutes_unit']}"
        text = self["rebalance.planned"]
        return text.format(minutes=minutes, original=first_planned)

    def time_used(self, used: str, *, skipped: bool, ended_early: bool) -> str:
        """The used column: 'skipped' (never ran) or '32 min, ended early' (cut short, ran)."""
        if skipped:
            return self["skipped"]
        return self["ended_early"].format(used=used) if ended_early else used

    def role(self, group: RoleGroup) -> str:
        """The role group's name: the template's label, else the catalog's."""
        own = dict(self.role_names).get(group.value)
        return own if own else self._text(f"vocab.role_group.{group.value}")

    def note_kind(self, kind: NoteKind) -> str:
        """The plural heading for a kind of note."""
        return self._text(f"vocab.note_kind.plural.{kind.value}")

    def action_status(self, status: ActionStatus) -> str:
        """The follow-up status's name."""
        return self._text(f"vocab.action_status.{status.value}")

    def phase(self, phase: Phase) -> str:
        """The phase's name."""
        return self._text(f"vocab.phase.{phase.value}")

    def session_status(self, status: SessionStatus) -> str:
        """The session status's name, in lower case: it stands inside a line."""
        return self._text(f"vocab.session_status.{status.value}").lower()

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
