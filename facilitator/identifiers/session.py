"""Provides redaction of a whole session: what exports, reports and handouts hand out.

The free text of a session is its title, project, notes and actions; everything else is
ids, numbers and vocabulary. `review` lists each finding with where it is, for the export
dialog; `redact_session` replaces every finding the facilitator did not choose to keep, and
withholds the room's anonymous notes whole (they are for the facilitator's eyes only).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace

from facilitator.i18n import translator
from facilitator.identifiers.detector import detect
from facilitator.identifiers.kinds import Finding
from facilitator.identifiers.redact import redact
from facilitator.session import Note, Session


@dataclass(frozen=True)
class Located:
    """One finding in one field of a session: "note", "action", "title" or "project"."""

    field: str
    item_id: str
    text: str
    finding: Finding

    @property
    def excerpt(self) -> str:
        """The flagged text itself."""
        return self.finding.excerpt(self.text)


def free_texts(session: Session) -> Iterator[tuple[str, str, str]]:
    """(field, item id, text) for every piece of free text in the session."""
    yield "title", session.id, session.title
    if session.project:
        yield "project", session.id, session.project
    for note in session.notes:
        if not note.anonymous:  # withheld whole by redaction, so nothing in it to review
            yield "note", note.id, note.text
    for action in session.actions:
        yield "action", action.id, action.text


def review(session: Session) -> tuple[Located, ...]:
    """Every possible identifier in the session's free text, in reading order."""
    return tuple(
        Located(field, item_id, text, finding)
        for field, item_id, text in free_texts(session)
        for finding in detect(text)
    )


def redact_session(session: Session, keep: Collection[str] = ()) -> Session:
    """The session with its free text redacted in its own language, except the kept texts."""
    language = session.language

    withheld = f"[{translator(language).t('room_mode.note_withheld')}]"

    def clean(text: str) -> str:
        return redact(text, language, keep)

    def note_out(note: Note) -> Note:
        return replace(note, text=withheld if note.anonymous else clean(note.text))

    return replace(
        session,
        title=clean(session.title),
        project=clean(session.project),
        notes=tuple(note_out(note) for note in session.notes),
        actions=tuple(replace(action, text=clean(action.text)) for action in session.actions),
        draft=None
        if session.draft is None
        else replace(session.draft, text=clean(session.draft.text)),
    )
