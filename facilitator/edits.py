"""Provides undoable capture edits: what filing, editing or deleting changed, and taking it back.

An Edit records each changed note, rating or action before and after, so undo restores
exactly that change (at its old place in the list) and leaves everything else alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from facilitator.session import Action, Note, Rating, Session

Item = Note | Rating | Action
_Item = TypeVar("_Item", Note, Rating, Action)


@dataclass(frozen=True)
class Change:
    """One item as it was (None: it was added) and as it became (None: it was deleted)."""

    before: Item | None
    after: Item | None
    index: int = -1  # where `before` stood in its list, so undo puts it back there


@dataclass(frozen=True)
class Edit:
    """One step the facilitator can undo: every item a single filing, edit or deletion changed."""

    changes: tuple[Change, ...]

    @property
    def kind(self) -> str:
        """'filed', 'edited' or 'deleted': what the step did, for the message after undo."""
        if all(c.before is None for c in self.changes):
            return "filed"
        if all(c.after is None for c in self.changes):
            return "deleted"
        return "edited"


def _changes(before: tuple[_Item, ...], after: tuple[_Item, ...]) -> list[Change]:
    old = {item.id: (index, item) for index, item in enumerate(before)}
    new = {item.id: item for item in after}
    changes = [
        Change(item, new.get(item.id), index)
        for item_id, (index, item) in old.items()
        if new.get(item_id) != item
    ]
    changes += [Change(None, item) for item in after if item.id not in old]
    return changes


def diff(before: Session, after: Session) -> Edit | None:
    """The notes, ratings and actions `after` changed from `before`; None when nothing did."""
    changes = [
        *_changes(before.notes, after.notes),
        *_changes(before.ratings, after.ratings),
        *_changes(before.actions, after.actions),
    ]
    return Edit(tuple(changes)) if changes else None


def _put_back(items: tuple[_Item, ...], item: _Item, index: int) -> tuple[_Item, ...]:
    rest = [i for i in items if i.id != item.id]
    rest.insert(index if 0 <= index <= len(rest) else len(rest), item)
    return tuple(rest)


def undo(session: Session, edit: Edit) -> Session:
    """`session` with `edit` taken back; TooManyRatings when a restored rating no longer fits.

    Restored ratings are checked like new ones, so undo never leaves more ratings than people.
    """
    result = session
    for change in reversed(edit.changes):
        if change.after is not None:
            result = result.without(change.after.id)
        if change.before is None:
            continue
        item = change.before
        if isinstance(item, Note):
            result = replace(result, notes=_put_back(result.notes, item, change.index))
        elif isinstance(item, Action):
            result = replace(result, actions=_put_back(result.actions, item, change.index))
        else:
            result = result.with_rating(item)  # refuses a rating that outnumbers the people
            result = replace(result, ratings=_put_back(result.ratings, item, change.index))
    return result


def edit_note(session: Session, note_id: str, text: str, now: datetime) -> Session:
    """The note `note_id` with new text (marked edited now); empty text deletes the note."""
    note = next((n for n in session.notes if n.id == note_id), None)
    if note is None:
        return session
    if not text.strip():
        return session.without(note_id)
    return session.with_note(replace(note, text=text, edited=now))


def edit_action(session: Session, action_id: str, text: str) -> Session:
    """The action `action_id` with new text; empty text deletes the action."""
    action = next((a for a in session.actions if a.id == action_id), None)
    if action is None:
        return session
    if not text.strip():
        return session.without(action_id)
    return session.with_action(replace(action, text=text.strip()))


def edit_rating(session: Session, rating_id: str, value: int, count: int) -> Session:
    """The rating `rating_id` with a new value and count; TooManyRatings past the head-count."""
    rating = next((r for r in session.ratings if r.id == rating_id), None)
    if rating is None:
        return session
    if count < 1:
        return session.without(rating_id)
    return session.with_rating(replace(rating, value=value, count=count))
