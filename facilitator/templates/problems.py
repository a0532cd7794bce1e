"""Provides TemplateProblem: one located thing wrong with a template file.

A problem carries a catalog key and parameters, so `templates check` speaks the
interface language; `str(problem)` is the English `file:line:col: field: message` line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from facilitator.i18n.format import format_number
from facilitator.i18n.translator import translator
from facilitator.templates.locate import KeyPositions


@dataclass(frozen=True)
class TemplateProblem:
    """What is wrong (`key` with `params`), in which field, and where in which file."""

    source: str
    field: str
    key: str
    params: tuple[tuple[str, str | int], ...] = ()
    line: int | None = None
    column: int | None = None

    def message(self, language: str = "en") -> str:
        """The problem in words, in `language`."""
        params = {
            name: format_number(value, language) if isinstance(value, int) else value
            for name, value in self.params
        }
        return translator(language).t(f"template_check.{self.key}", **params)

    def format(self, language: str = "en") -> str:
        """One line such as `mine.toml:12:1: rounds[2].minutes: must be 0 or more`."""
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message(language)}"

    def __str__(self) -> str:
        return self.format()


@dataclass(frozen=True)
class Finding:
    """A problem found in parsed data, not yet tied to a file and line."""

    field: str
    key: str
    params: tuple[tuple[str, str | int], ...] = ()


def locate(findings: Iterable[Finding], source: str, text: str) -> list[TemplateProblem]:
    """Problems for `findings`, each at its field's value (an unknown field: at its key)."""
    findings = list(findings)
    if not findings:
        return []
    positions = KeyPositions(text)
    problems = []
    for f in findings:
        line, column = positions.find(f.field, key=f.key == "unknown_field")
        problems.append(TemplateProblem(source, f.field, f.key, f.params, line, column))
    return problems


def format_problems(problems: Iterable[TemplateProblem], language: str = "en") -> list[str]:
    """The lines `facilitator templates check FILE` prints, in `language`."""
    return [p.format(language) for p in problems]
