"""Provides TemplateSource: a checked template file in all its languages, and its errors.

A session snapshots one `resolve(language, variant)` of it, so later edits never reach it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.errors import FacilitatorError, InvalidInput, Text
from facilitator.templates.model import Template

if TYPE_CHECKING:
    from facilitator.templates.problems import TemplateProblem


class TemplateNotFound(FacilitatorError):
    """No shipped or user template has the requested id."""


class TemplateInvalid(InvalidInput):
    """A template file has problems; the message is the first, `problems` holds all."""

    def __init__(self, problems: list[TemplateProblem]) -> None:
        self.problems = problems
        super().__init__("errors.template.invalid")

    def render(self, language: str) -> str:
        """The first problem in `language`, and how many more there are."""
        if not self.problems:
            return super().render(language)
        first = self.problems[0].format(language)
        if len(self.problems) == 1:
            return first
        more = Text.of("errors.template.more", count=len(self.problems) - 1)
        return f"{first} {more.render(language)}"


class UnknownVariant(InvalidInput):
    """A template has no timing variant with the requested id."""


@dataclass(frozen=True)
class TemplateSource:
    """One template file, resolved into each of its languages (same rounds and timings)."""

    id: str
    languages: tuple[str, ...]
    templates: tuple[Template, ...]
    path: Path | None = None

    @property
    def names(self) -> dict[str, str]:
        """The template's name per language."""
        return {t.language: t.name for t in self.templates}

    def in_language(self, language: str) -> Template:
        """The template in `language`, or in its first language when it lacks that one."""
        for template in self.templates:
            if template.language == language:
                return template
        return self.templates[0]

    def resolve(self, language: str = "en", variant: str | None = None) -> Template:
        """The template as a session runs it: one language, one variant's timings."""
        template = self.in_language(language)
        if variant is None:
            return template
        for v in template.variants:
            if v.id == variant:
                rounds = tuple(
                    replace(r, minutes=v.minutes_for(r.id, r.minutes)) for r in template.rounds
                )
                return replace(template, rounds=rounds, variant=v.id)
        known = ", ".join(v.id for v in template.variants) or "none"
        raise UnknownVariant(
            "errors.template.unknown_variant", id=self.id, variant=variant, known=known
        )
