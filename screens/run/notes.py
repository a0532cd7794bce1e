"""Provides the notes editor (type as people speak, Enter files the note) and note lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, ClassVar, Self

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static, TextArea

from facilitator.session import Note
from facilitator.vocabulary import NoteKind, RoleGroup
from screens.base import AppPart
from screens.run.filed_list import FiledList
from screens.run.messages import DraftChanged, NoteCommitted, NoteParked

PREVIEW_CHARS = 240
EDIT_KEYS = {  # TextArea actions listed in help, by catalog key
    "undo": "run.key.undo",
    "redo": "run.key.redo",
    "cut": "run.key.cut",
    "paste": "run.key.paste",
    "delete_line": "run.key.delete_line",
}


class NoteEditor(AppPart, TextArea):
    """A TextArea where Enter files the note; pasted text (newlines included) is kept whole.

    Enter takes the text and empties the editor while handling that very key, so the note
    holds every key typed before it and none typed after, however fast the keys arrive.
    Ctrl+X opens the presenter view on the run screen, so Shift+Delete cuts here (as in
    most editors); help lists both.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+delete", "cut", "run.key.cut", show=False),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._filed: list[str] = []
        self._describe_keys()

    def _describe_keys(self) -> None:
        """Keep help and the palette to the editing keys worth listing, in the user's language.

        Cursor keys need no listing; F6/F7 belong to the timer; Ctrl+C is the screen's copy;
        Ctrl+X is the presenter view's twin, so Shift+Delete is the cut key.
        """
        table = self._bindings.key_to_bindings
        for key in ("ctrl+x", "super+x"):  # the presenter view's key; no terminal sends super
            table.pop(key, None)
        for key, bindings in table.items():
            table[key] = [
                replace(b, description=self.t(EDIT_KEYS[b.action]), tooltip="")
                if b.action in EDIT_KEYS
                else replace(b, description="", tooltip="")
                for b in bindings
            ]

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
            self.history.clear()  # text undo must not bring a filed note back as a draft
        self.post_message(NoteCommitted())

    def take_filed(self) -> list[str]:
        """The notes filed since the last call, oldest first."""
        filed, self._filed = self._filed, []
        return filed


def choices(part: AppPart, options: Sequence[tuple[object, str]], current: object) -> str:
    """Options as 'Observation · [x] Insight · Question': the current one marked in text."""
    return " · ".join(("[x] " if value == current else "") + part.t(key) for value, key in options)


def note_line(part: AppPart, note: Note) -> Text:
    """One note as a list line: kind, role group, and the text (long notes shortened).

    A note from the room is labelled anonymous and its text left out, since this screen may
    be on the projector: Enter opens it for the facilitator to read.
    """
    if note.anonymous:
        label = part.t("room_mode.note_anonymous")
        hidden = part.t("room_mode.note_hidden")
        return Text.assemble(("• ", "bold"), (f"[{label}] ", "italic"), (hidden, "italic"))
    label = part.t(f"run.kind.{note.kind.value}")
    if note.role_group is not None:
        label += " · " + part.t(f"run.group.{note.role_group.value}")
    body = " ".join(note.text.split())
    if len(body) > PREVIEW_CHARS:
        body = body[:PREVIEW_CHARS] + "… " + part.t("run.chars", count=f"{len(note.text):,}")
    return Text.assemble(("• ", "bold"), (f"[{label}] ", "italic"), body)


def note_rows(part: AppPart, notes: Sequence[Note]) -> list[tuple[str, Text]]:
    """Notes as (id, line) rows for a FiledList, newest last."""
    return [(n.id, note_line(part, n)) for n in notes if n.text.strip()]


class NotesPane(AppPart, Vertical):
    """The draft editor, the draft's kind and role group, and the round's filed notes."""

    def compose(self) -> ComposeResult:
        yield NoteEditor(id="note-editor", soft_wrap=True, show_line_numbers=False)
        yield Static("", id="note-meta")
        yield FiledList("run.no_notes", id="note-list")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(DraftChanged())

    @property
    def editor(self) -> NoteEditor:
        """The draft editor."""
        return self.query_one(NoteEditor)

    def show_meta(self, kind: NoteKind, group: RoleGroup | None, *, plain: bool = False) -> None:
        """Show the draft's kind and group and the keys that change them.

        In plain mode every choice is listed with the current one marked [x], not by colour.
        """
        meta = self.query_one("#note-meta", Static)
        if plain:
            kinds = choices(self, [(k, f"run.kind.{k.value}") for k in NoteKind], kind)
            groups = [(None, "run.group.none")] + [(g, f"run.group.{g.value}") for g in RoleGroup]
            lines = (
                self.t("run.note_meta_kind", choices=kinds),
                self.t("run.note_meta_group", choices=choices(self, groups, group)),
            )
            meta.update(Text("\n".join(lines)))  # Text: [x] is not markup
            return
        group_label = self.t(f"run.group.{group.value}") if group else self.t("run.group.none")
        text = self.t("run.note_meta", kind=self.t(f"run.kind.{kind.value}"), group=group_label)
        meta.update(text)

    def show_notes(self, notes: Sequence[Note]) -> None:
        """Show the round's filed notes."""
        self.query_one(FiledList).show(note_rows(self, notes))


class ParkingLot(AppPart, Vertical):
    """Everything parked for elsewhere, across the whole session, and a field to park more."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.t("capture.parking_placeholder"), id="parking-input")
        yield FiledList("capture.no_parked", id="parking-list")

    @property
    def field(self) -> Input:
        """The field that parks a note."""
        return self.query_one("#parking-input", Input)

    def focus(self, scroll_visible: bool = True) -> Self:
        """Focus the field, so typing on the parking-lot tab parks it."""
        self.field.focus(scroll_visible)
        return self

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(NoteParked(event.value))
        event.input.value = ""

    def show_notes(self, notes: Sequence[Note]) -> None:
        """Show the parked notes."""
        self.query_one(FiledList).show(note_rows(self, notes))
