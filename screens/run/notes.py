"""Provides the notes editor (type as people speak, Enter files the note) and note lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Static, TextArea

from facilitator.session import Note
from facilitator.vocabulary import NoteKind, RoleGroup
from screens.run.messages import DraftChanged, NoteCommitted
from screens.run.text import tr

PREVIEW_CHARS = 240


class NoteEditor(TextArea):
    """A TextArea where Enter files the note; pasted text (newlines included) is kept whole.

    Enter takes the text and empties the editor while handling that very key, so the note
    holds every key typed before it and none typed after, however fast the keys arrive.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._filed: list[str] = []

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.file_draft()
            return
        await super()._on_key(event)

    def file_draft(self) -> None:
        """Queue the typed text as a finished note, start an empty draft, tell the screen."""
        if self.text.strip():
            self._filed.append(self.text)
            self.clear()
        self.post_message(NoteCommitted())

    def take_filed(self) -> list[str]:
        """The notes filed since the last call, oldest first."""
        filed, self._filed = self._filed, []
        return filed


def note_line(node: DOMNode, note: Note) -> Text:
    """One note as a list line: kind, role group, and the text (long notes shortened)."""
    label = tr(node, f"run.kind.{note.kind.value}")
    if note.role_group is not None:
        label += " · " + tr(node, f"run.group.{note.role_group.value}")
    body = " ".join(note.text.split())
    if len(body) > PREVIEW_CHARS:
        body = body[:PREVIEW_CHARS] + "… " + tr(node, "run.chars", count=f"{len(note.text):,}")
    return Text.assemble(("• ", "bold"), (f"[{label}] ", "italic"), body)


def note_list(node: DOMNode, notes: Sequence[Note], empty_key: str) -> Text:
    """Notes as lines, newest last, or a hint when there are none."""
    shown = [n for n in notes if n.text.strip()]
    if not shown:
        return Text(tr(node, empty_key), style="italic")
    return Text("\n").join(note_line(node, n) for n in shown)


class NotesPane(Vertical):
    """The draft editor, the draft's kind and role group, and the round's filed notes."""

    def compose(self) -> ComposeResult:
        yield NoteEditor(id="note-editor", soft_wrap=True, show_line_numbers=False)
        yield Static("", id="note-meta")
        with VerticalScroll(id="note-scroll"):
            yield Static("", id="note-list")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(DraftChanged())

    @property
    def editor(self) -> NoteEditor:
        """The draft editor."""
        return self.query_one(NoteEditor)

    def show_meta(self, kind: NoteKind, group: RoleGroup | None) -> None:
        """Show the draft's kind and group and the keys that change them."""
        group_label = tr(self, f"run.group.{group.value}") if group else tr(self, "run.group.none")
        text = tr(self, "run.note_meta", kind=tr(self, f"run.kind.{kind.value}"), group=group_label)
        self.query_one("#note-meta", Static).update(text)

    def show_notes(self, notes: Sequence[Note]) -> None:
        """Show the round's filed notes."""
        self.query_one("#note-list", Static).update(note_list(self, notes, "run.no_notes"))
        self.query_one("#note-scroll", VerticalScroll).scroll_end(animate=False)


class ParkingLot(VerticalScroll):
    """Everything parked for elsewhere, across the whole session."""

    def compose(self) -> ComposeResult:
        yield Static("", id="parking-list")

    def show_notes(self, notes: Sequence[Note]) -> None:
        """Show the parked notes."""
        self.query_one("#parking-list", Static).update(note_list(self, notes, "run.no_parked"))
