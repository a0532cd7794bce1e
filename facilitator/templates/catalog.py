"""Provides the template catalog: shipped templates plus the user's, listed without ever failing.

A broken user template is listed with its first problem instead of stopping the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from facilitator.templates.builtin import builtin_sources
from facilitator.templates.files import read_template_file
from facilitator.templates.model import Template
from facilitator.templates.problems import TemplateProblem
from facilitator.templates.source import TemplateNotFound, TemplateSource

BUILTIN_SOURCE = "built-in"
MAX_USER_TEMPLATES = 500


@dataclass(frozen=True)
class TemplateEntry:
    """One listed template: what `facilitator templates` shows, usable or broken."""

    id: str
    source: str
    names: dict[str, str] = field(default_factory=dict, hash=False)
    languages: tuple[str, ...] = ()
    rounds: int = 0
    minutes: int = 0
    problem: TemplateProblem | None = None
    template: TemplateSource | None = field(default=None, repr=False, compare=False)

    @property
    def broken(self) -> str | None:
        """The first problem as an English line, or None when the template is usable."""
        return None if self.problem is None else str(self.problem)

    def name(self, language: str) -> str:
        """The name in `language`, else in the template's first language, else its id."""
        return self.names.get(language) or next(iter(self.names.values()), self.id)

    def as_dict(self, language: str = "en") -> dict[str, object]:
        """The entry as `facilitator templates --json` prints it."""
        return {
            "id": self.id,
            "name": self.name(language),
            "names": dict(self.names),
            "languages": list(self.languages),
            "rounds": self.rounds,
            "minutes": self.minutes,
            "source": self.source,
            "broken": None if self.problem is None else self.problem.format(language),
        }


def _entry(template: TemplateSource, source: str) -> TemplateEntry:
    first = template.templates[0]
    return TemplateEntry(
        id=template.id,
        source=source,
        names=template.names,
        languages=template.languages,
        rounds=len(first.rounds),
        minutes=first.total_minutes,
        template=template,
    )


def _file_entry(path: Path) -> TemplateEntry:
    template, problems = read_template_file(path)
    if template is None or problems:
        first = problems[0] if problems else None
        return TemplateEntry(id=path.stem, source=str(path), problem=first)
    return _entry(template, str(path))


def user_template_files(user_dir: Path | None) -> list[Path]:
    """The `*.toml` files in the user's template folder, sorted; none when it is absent."""
    if user_dir is None:
        return []
    try:
        files = sorted(p for p in user_dir.glob("*.toml") if p.is_file())
    except OSError:
        return []
    return files[:MAX_USER_TEMPLATES]


def discover_templates(
    user_dir: Path | None, extra_files: Sequence[Path] = ()
) -> list[TemplateEntry]:
    """Shipped templates, then the user folder's, then `--template` files; never raises."""
    entries = [_entry(t, BUILTIN_SOURCE) for t in builtin_sources()]
    seen = {e.id: e.source for e in entries}
    for path in [*user_template_files(user_dir), *extra_files]:
        entry = _file_entry(path)
        if entry.problem is None and entry.id in seen:
            problem = TemplateProblem(
                entry.source,
                "id",
                "duplicate_template",
                (("id", entry.id), ("other", seen[entry.id])),
            )
            entry = TemplateEntry(
                id=entry.id, source=entry.source, names=entry.names, problem=problem
            )
        seen.setdefault(entry.id, entry.source)
        entries.append(entry)
    return entries


def list_templates(
    user_dir: Path | None, extra_files: Sequence[Path] = (), language: str = "en"
) -> list[dict[str, object]]:
    """Every template as plain data for `facilitator templates --json`."""
    return [e.as_dict(language) for e in discover_templates(user_dir, extra_files)]


def usable_templates(
    language: str, user_dir: Path | None, extra_files: Sequence[Path] = ()
) -> list[Template]:
    """Every template that is not broken, resolved into `language`, shipped ones first."""
    entries = discover_templates(user_dir, extra_files)
    return [e.template.resolve(language) for e in entries if e.template and not e.problem]


def find_template(
    template_id: str,
    language: str = "en",
    variant: str | None = None,
    user_dir: Path | None = None,
    extra_files: Sequence[Path] = (),
) -> Template:
    """The usable template `template_id` in one language and variant; TemplateNotFound if none."""
    for entry in discover_templates(user_dir, extra_files):
        if entry.id == template_id and entry.template is not None and entry.problem is None:
            return entry.template.resolve(language, variant)
    raise TemplateNotFound("errors.template.not_found", id=template_id)
