"""Provides the small values the vault hands out: session summaries and check problems.

The index stores one summary per session so a list never has to decrypt the sessions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from facilitator.errors import FacilitatorError, Text
from facilitator.vocabulary import SessionStatus

if TYPE_CHECKING:
    from facilitator.session import Session


@dataclass(frozen=True)
class SessionSummary:
    """What the index holds about a session: enough to list it without decrypting it."""

    id: str
    title: str
    project: str
    status: SessionStatus
    created: datetime | None
    updated: datetime | None
    template_name: str
    language: str

    @classmethod
    def of(cls, session: Session) -> SessionSummary:
        """The summary of a full session."""
        return cls(
            id=session.id,
            title=session.title,
            project=session.project,
            status=session.status,
            created=session.created,
            updated=session.updated,
            template_name=session.template.name,
            language=session.language,
        )

    def same_listing(self, other: SessionSummary) -> bool:
        """True when only `updated` differs, so the index need not be rewritten at once."""
        return self == other or (
            self.id,
            self.title,
            self.project,
            self.status,
            self.created,
            self.template_name,
            self.language,
        ) == (
            other.id,
            other.title,
            other.project,
            other.status,
            other.created,
            other.template_name,
            other.language,
        )

    def to_dict(self, file_id: str) -> dict[str, Any]:
        """The index document for this summary and the session's file."""
        return {
            "id": self.id,
            "file": file_id,
            "title": self.title,
            "project": self.project,
            "status": self.status.value,
            "created": None if self.created is None else self.created.isoformat(),
            "updated": None if self.updated is None else self.updated.isoformat(),
            "template_name": self.template_name,
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> tuple[SessionSummary, str]:
        """A summary and its file id from an index document; KeyError, TypeError or ValueError."""
        id_, title, project = data["id"], data["title"], data["project"]
        template_name, language, file_id = data["template_name"], data["language"], data["file"]
        if not (
            type(id_) is str
            and type(title) is str
            and type(project) is str
            and type(template_name) is str
            and type(language) is str
            and type(file_id) is str
        ):
            raise TypeError("index field")
        summary = object.__new__(cls)  # the frozen __init__ costs a setattr per field
        summary.__dict__.update(
            id=id_,
            title=title,
            project=project,
            status=_STATUSES[data["status"]],
            created=_moment(data.get("created")),
            updated=_moment(data.get("updated")),
            template_name=template_name,
            language=language,
        )
        return summary, file_id


_STATUSES = {status.value: status for status in SessionStatus}


def _moment(value: object) -> datetime | None:
    """An ISO date-time from the index; TypeError or ValueError when it is not one."""
    if value is None:
        return None
    if type(value) is not str:
        raise TypeError("moment")
    return datetime.fromisoformat(value)


@dataclass(frozen=True)
class Recovery:
    """A file served from an older save than expected: which, why, and from when."""

    path: str
    reason: Text
    since: datetime | None
    rolled_back: bool = False  # an older valid save than the index records, not a fallback


@dataclass(frozen=True)
class VaultProblem:
    """One thing `Vault.check` found: the file (relative to the vault) and a one-line message.

    `message` is English; `text` renders it in any language (`text.render("sv")`).
    """

    path: str
    message: str
    text: Text | None = field(default=None, compare=False)
    note: bool = field(default=False, compare=False)  # self-healing or informative, not damage

    @classmethod
    def of(cls, path: str, key: str, /, **params: object) -> VaultProblem:
        """A problem described by the catalog message `key` (errors.vault.*)."""
        text = Text.of(key, **params)
        return cls(path, str(text), text)

    @classmethod
    def note_of(cls, path: str, key: str, /, **params: object) -> VaultProblem:
        """A finding that is not damage (a state that heals itself, evidence kept aside)."""
        text = Text.of(key, **params)
        return cls(path, str(text), text, note=True)

    @classmethod
    def from_error(cls, path: str, error: FacilitatorError) -> VaultProblem:
        """A problem described by an error the vault raised."""
        return cls(path, str(error), error.text)

    def render(self, language: str) -> str:
        """The message in `language`."""
        return self.message if self.text is None else self.text.render(language)
