"""Provides CaptureEdits: stray typing into the draft, editing and deleting filed items, undo.

Layered on RunKeys (on RoundFlow, on RunState). Every filing, edit and deletion is remembered
as one step, so ctrl+z takes back the last ones in turn; edits are saved like typing is.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Input

from facilitator.edits import edit_action, edit_note, edit_rating, undo
from facilitator.session import Note, Session, TooManyRatings, new_id
from facilitator.vocabulary import NoteKind, RoleGroup
from screens.keep_typing import stray_character
from screens.run.edit_modal import EditModal
from screens.run.entry import EntryRefused, parse_ratings, ratings_text
from screens.run.keys import RunKeys
from screens.run.messages import DeleteRequested, EditRequested, NoteParked
from screens.run.notes import NoteEditor, NotesPane


class CaptureEdits(RunKeys):
    """The run screen's own typing, editing and undo; nothing typed here is lost."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo_capture", "capture.key.undo", show=False, priority=True),
        # Focus moves as Tab arrives, before the keys typed after it are handed to a field.
        Binding("tab", "app.focus_next", "key.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "key.focus_previous", show=False, priority=True),
    ]

    def on_key(self, event: events.Key) -> None:
        character = stray_character(self, event)
        if character is None:
            return
        event.stop()
        self.take_typed(character, focus=True)

    def take_typed(self, character: str, *, focus: bool) -> None:
        """Add a typed character to the end of the note draft; `focus` returns focus to it."""
        editor = self.query_one(NotesPane).editor
        if focus:
            self.action_tab("notes")
        editor.insert(character, editor.document.end)
        editor.move_cursor(editor.document.end)

    def on_note_parked(self, event: NoteParked) -> None:
        before = self.session
        note = Note(
            new_id(),
            self.round.id,
            event.text,
            NoteKind.PARKING_LOT,
            created=self.services.clock.now(),
        )
        self.session = before.with_note(note)
        self._after_edit(before, "")

    def remember(self, before: Session) -> None:
        """Keep the step; a round move offered for undo is then no longer the last thing done."""
        super().remember(before)
        if self.check_action("undo_move", ()):
            self._withdraw_undo()

    def action_undo_capture(self) -> None:
        """Undo an offered round move, else draft typing, else the last filing, edit or deletion."""
        if self.check_action("undo_move", ()):  # the undo offer of next or skip is showing
            self.action_undo_move()
            return
        editor = self.query_one(NotesPane).editor
        if self.focused is editor and editor.text and editor.history.undo_stack:
            editor.action_undo()
            return
        if not self.history:
            self.set_status(self.t("capture.nothing_to_undo"))
            return
        step = self.history.pop()
        try:
            self.session = undo(self.session, step)
        except TooManyRatings as refused:
            self.set_status("⚠ " + refused.render(self.services.settings.language))
            return
        self.set_status(self.t(f"capture.undone.{step.kind}"))
        self._show_changed()

    def _after_edit(self, before: Session, status_key: str) -> None:
        self.remember(before)
        self.set_status(self.t(status_key) if status_key else "")
        self._show_changed()

    def _show_changed(self) -> None:
        """Redraw after an edit, undo or deletion, the focused rating field included; save soon."""
        self.show_captured()
        round_id = self.round.id
        for group in RoleGroup:
            field = self.query_one(f"#rating-{group.value}", Input)
            mine = [
                r for r in self.session.ratings if (r.round_id, r.role_group) == (round_id, group)
            ]
            field.value = ratings_text(tuple((r.value, r.count) for r in mine))
            field.remove_class("-invalid")
        self.changed()

    # Editing and deleting what the lists show.

    def on_delete_requested(self, event: DeleteRequested) -> None:
        event.stop()
        before = self.session
        self.session = before.without(event.item_id)
        self._after_edit(before, "capture.deleted")

    def on_edit_requested(self, event: EditRequested) -> None:
        event.stop()
        item_id, session = event.item_id, self.session
        note = next((n for n in session.notes if n.id == item_id), None)
        action = next((a for a in session.actions if a.id == item_id), None)
        rating = next((r for r in session.ratings if r.id == item_id), None)
        if note is not None:
            title, text = self.t("capture.edit_note"), note.text
        elif action is not None:
            title, text = self.t("capture.edit_action"), action.text
        elif rating is not None:
            group = self.t(f"run.group.{rating.role_group.value}")
            title = self.t("capture.edit_rating", group=group)
            text = ratings_text(((rating.value, rating.count),))
        else:
            return

        def apply(edited: str | None) -> None:
            if edited is not None and edited != text:
                self.apply_edit(item_id, edited)

        self.app.push_screen(EditModal(title, text), apply)

    def apply_edit(self, item_id: str, text: str) -> None:
        """Give the item `item_id` its new text (empty deletes it); say why when refused."""
        before, now = self.session, self.services.clock.now()
        try:
            if any(r.id == item_id for r in before.ratings):
                self.session = self._edited_rating(before, item_id, text)
            elif any(a.id == item_id for a in before.actions):
                self.session = edit_action(before, item_id, text)
            else:
                self.session = edit_note(before, item_id, text, now)
        except EntryRefused as refused:
            self.set_status("⚠ " + self.t(refused.key, **refused.params))
            return
        except TooManyRatings as refused:
            self.set_status("⚠ " + refused.render(self.services.settings.language))
            return
        self._after_edit(before, "capture.edited")

    def _edited_rating(self, session: Session, rating_id: str, text: str) -> Session:
        if self.round.scale is None:
            return session
        values = parse_ratings(text, self.round.scale)
        if not values:
            return session.without(rating_id)
        if len(values) > 1:
            raise EntryRefused("capture.one_rating")
        ((value, count),) = values
        return edit_rating(session, rating_id, value, count)


__all__ = ["CaptureEdits", "NoteEditor"]
