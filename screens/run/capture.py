"""Provides CaptureController: the draft note, filing, ratings and actions, edits, undo, autosave.

Everything typed lives in the Session (the draft note too) and reaches the vault within a
second through its AutoSaver. Every filing, edit and deletion is remembered as one step, so
ctrl+z takes back the last ones in turn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from textual.widgets import Input

from facilitator.edits import Edit, diff, edit_action, edit_note, edit_rating, undo
from facilitator.identifiers.hint import needs_typing_hint
from facilitator.session import Action, Note, Rating, Session, TooManyRatings, new_id
from facilitator.vocabulary import NoteKind, RoleGroup
from screens.autosave import AutoSaver
from screens.run.actions import ActionsForm
from screens.run.edit_modal import EditModal
from screens.run.entry import EntryRefused, parse_ratings, ratings_text
from screens.run.messages import Problem
from screens.run.notes import NoteEditor, NotesPane, ParkingLot
from screens.run.ratings import RatingsForm
from screens.run.state import RunState

if TYPE_CHECKING:
    from screens.run.screen import RunScreen

UNDO_STEPS = 100
GROUP_CYCLE: tuple[RoleGroup | None, ...] = (None, *RoleGroup)


class CaptureController:
    """The run screen's typing, filing, editing and undo; nothing typed here is lost."""

    def __init__(
        self,
        screen: RunScreen,
        state: RunState,
        *,
        with_clock: Callable[[Session], Session],
        on_step: Callable[[], None],
    ) -> None:
        """`with_clock` folds the round's clock into what is saved; `on_step` hears of each step."""
        self.screen = screen
        self.state = state
        self._with_clock = with_clock
        self._on_step = on_step
        draft = state.session.draft
        self.draft_id = new_id() if draft is None else draft.id
        self.draft_text = "" if draft is None else draft.text
        self.draft_kind = NoteKind.OBSERVATION if draft is None else draft.kind
        self.draft_group: RoleGroup | None = None if draft is None else draft.role_group
        self.history: list[Edit] = []  # undo steps, newest last
        self.identifier_hint_given = False  # the note on identifiers is shown once per screen
        self.saver = AutoSaver(self.current, self._save)

    # What is saved.

    def _save(self, session: Session) -> None:
        vault = self.screen.services.vault
        assert vault is not None, "the run screen is shown only with the vault unlocked"
        vault.save_session(session)

    def current(self) -> Session:
        """The session with filed notes, the draft and the clock state folded in; what is saved."""
        self.file_notes()
        now = self.screen.services.clock.now()
        draft = self._note(self.state.session, self.draft_id, self.draft_text, now)
        session = self.state.session.with_draft(draft if self.draft_text else None)
        self.state.session = replace(self._with_clock(session), updated=now)
        return self.state.session

    def changed(self) -> None:
        """Something was captured: save it soon."""
        self.saver.mark_dirty()

    def remember(self, before: Session) -> None:
        """Keep what changed since `before` as one step ctrl+z can take back."""
        step = diff(before, self.state.session)
        if step is not None:
            self.history = [*self.history[-(UNDO_STEPS - 1) :], step]
        self._on_step()  # a round move offered for undo is no longer the last thing done

    # The draft note.

    def _note(self, session: Session, note_id: str, text: str, now: datetime) -> Note:
        """The note `note_id` holding `text`, with the draft's kind and group."""
        drafted = [session.draft] if session.draft is not None else []
        existing = next((n for n in (*session.notes, *drafted) if n.id == note_id), None)
        return Note(
            id=note_id,
            round_id=self.state.round.id,
            text=text,
            kind=self.draft_kind,
            role_group=self.draft_group,
            created=existing.created if existing else now,
            edited=now,
        )

    def restore_draft(self) -> None:
        """Put a draft saved before (a crash, a lock, leaving) back into the editor, unfiled."""
        if self.draft_text:
            editor = self.screen.query_one(NotesPane).editor
            editor.load_text(self.draft_text)
            editor.move_cursor(editor.document.end)

    def draft_changed(self) -> None:
        """The editor's text is the draft now."""
        self.draft_text = self.screen.query_one(NotesPane).editor.text
        self.changed()

    def take_typed(self, character: str) -> None:
        """Add a typed character to the end of the note draft."""
        editor = self.screen.query_one(NotesPane).editor
        editor.insert(character, editor.document.end)
        editor.move_cursor(editor.document.end)

    def cycle_kind(self) -> None:
        """Change the draft note's kind: observation, insight, question, parking lot."""
        kinds = list(NoteKind)
        self.draft_kind = kinds[(kinds.index(self.draft_kind) + 1) % len(kinds)]
        self.show_meta()
        self.changed()

    def cycle_group(self) -> None:
        """Change which role group the draft note comes from."""
        index = GROUP_CYCLE.index(self.draft_group)
        self.draft_group = GROUP_CYCLE[(index + 1) % len(GROUP_CYCLE)]
        self.show_meta()
        self.changed()

    def file_notes(self) -> None:
        """File the notes the editor took on Enter, in order; the editor's text is the new draft.

        Reads the editor, not `draft_text`: DraftChanged may still be on its way when Enter
        is handled, so this copy can be behind what was typed.
        """
        screen = self.screen
        editor = next(iter(screen.query(NoteEditor)), None)  # none once the screen is closing
        if editor is None or not (filed := editor.take_filed()):
            return
        now = screen.services.clock.now()
        for text in filed:
            before = self.state.session.with_draft(None)
            note = self._note(self.state.session, self.draft_id, text, now)
            self.state.session = before.with_note(note)
            self.remember(before)
            self.draft_id = new_id()
            self.draft_kind = NoteKind.OBSERVATION
        self.draft_text = editor.text
        self.show_captured()
        self.changed()
        if not self.identifier_hint_given and any(map(needs_typing_hint, filed)):
            self.identifier_hint_given = True
            screen.notify(screen.t("identifiers.typing_hint"), timeout=10)

    # Filing from the other tabs.

    def park(self, text: str) -> None:
        """File a note typed into the parking lot's own field as parked."""
        before = self.state.session
        note = Note(
            new_id(),
            self.state.round.id,
            text,
            NoteKind.PARKING_LOT,
            created=self.screen.services.clock.now(),
        )
        self.state.session = before.with_note(note)
        self._after_edit(before, "")

    def enter_ratings(self, group: RoleGroup, values: tuple[tuple[int, int], ...]) -> None:
        """Replace the round's ratings from `group` with `values`; refused beyond head-count."""
        screen, round_template = self.screen, self.state.round
        round_id, dimension = round_template.id, round_template.dimension or round_template.id
        session = before = self.state.session
        mine = [r for r in session.ratings if (r.round_id, r.role_group) == (round_id, group)]
        if tuple(sorted((r.value, r.count) for r in mine)) == values:
            return  # the field was left as it was
        for old in session.ratings:
            if old.round_id == round_id and old.role_group == group:
                session = session.without(old.id)
        try:
            for value, count in values:
                rating_id = f"{round_id}.{group.value}.{value}"
                session = session.with_rating(
                    Rating(rating_id, round_id, dimension, group, value, count)
                )
        except TooManyRatings as refused:  # more ratings than people: keep what was recorded
            screen.query_one(f"#rating-{group.value}").add_class("-invalid")
            screen.post_message(Problem(refused.render(screen.services.settings.language)))
            return
        self._filed(before, session)

    def add_action(
        self, text: str, owner_role: RoleGroup | None, due: date | None, dimension: str | None
    ) -> None:
        """File a new action in the current round."""
        action = Action(
            id=new_id(),
            text=text,
            owner_role=owner_role,
            due=due,
            dimension=dimension,
            round_id=self.state.round.id,
        )
        before = self.state.session
        self._filed(before, before.with_action(action))

    def _filed(self, before: Session, session: Session) -> None:
        self.state.session = session
        self.remember(before)
        self.screen.set_status("")
        self.show_captured()
        self.changed()

    # Editing, deleting and undoing what the lists show.

    def undo(self) -> None:
        """Undo draft typing, else the last filing, edit or deletion."""
        screen = self.screen
        editor = screen.query_one(NotesPane).editor
        if screen.focused is editor and editor.text and editor.history.undo_stack:
            editor.action_undo()
            return
        if not self.history:
            screen.set_status(screen.t("capture.nothing_to_undo"))
            return
        step = self.history.pop()
        try:
            self.state.session = undo(self.state.session, step)
        except TooManyRatings as refused:
            screen.set_status("⚠ " + refused.render(screen.services.settings.language))
            return
        screen.set_status(screen.t(f"capture.undone.{step.kind}"))
        self._show_changed()

    def _after_edit(self, before: Session, status_key: str) -> None:
        self.remember(before)
        self.screen.set_status(self.screen.t(status_key) if status_key else "")
        self._show_changed()

    def _show_changed(self) -> None:
        """Redraw after an edit, undo or deletion, the focused rating field included; save soon."""
        self.show_captured()
        round_id, session = self.state.round.id, self.state.session
        for group in RoleGroup:
            field = self.screen.query_one(f"#rating-{group.value}", Input)
            mine = [r for r in session.ratings if (r.round_id, r.role_group) == (round_id, group)]
            field.value = ratings_text(tuple((r.value, r.count) for r in mine))
            field.remove_class("-invalid")
        self.changed()

    def delete(self, item_id: str) -> None:
        """Delete the filed note, rating or action `item_id`."""
        before = self.state.session
        self.state.session = before.without(item_id)
        self._after_edit(before, "capture.deleted")

    def edit(self, item_id: str) -> None:
        """Open the filed note, rating or action `item_id` in the edit modal."""
        screen, session = self.screen, self.state.session
        note = next((n for n in session.notes if n.id == item_id), None)
        action = next((a for a in session.actions if a.id == item_id), None)
        rating = next((r for r in session.ratings if r.id == item_id), None)
        if note is not None:
            title, text = screen.t("capture.edit_note"), note.text
        elif action is not None:
            title, text = screen.t("capture.edit_action"), action.text
        elif rating is not None:
            group = screen.t(f"run.group.{rating.role_group.value}")
            title = screen.t("capture.edit_rating", group=group)
            text = ratings_text(((rating.value, rating.count),))
        else:
            return

        def apply(edited: str | None) -> None:
            if edited is not None and edited != text:
                self.apply_edit(item_id, edited)

        screen.app.push_screen(EditModal(title, text), apply)

    def apply_edit(self, item_id: str, text: str) -> None:
        """Give the item `item_id` its new text (empty deletes it); say why when refused."""
        screen = self.screen
        before, now = self.state.session, screen.services.clock.now()
        try:
            if any(r.id == item_id for r in before.ratings):
                self.state.session = self._edited_rating(before, item_id, text)
            elif any(a.id == item_id for a in before.actions):
                self.state.session = edit_action(before, item_id, text)
            else:
                self.state.session = edit_note(before, item_id, text, now)
        except EntryRefused as refused:
            screen.set_status("⚠ " + screen.t(refused.key, **refused.params))
            return
        except TooManyRatings as refused:
            screen.set_status("⚠ " + refused.render(screen.services.settings.language))
            return
        self._after_edit(before, "capture.edited")

    def _edited_rating(self, session: Session, rating_id: str, text: str) -> Session:
        scale = self.state.round.scale
        if scale is None:
            return session
        values = parse_ratings(text, scale)
        if not values:
            return session.without(rating_id)
        if len(values) > 1:
            raise EntryRefused("capture.one_rating")
        ((value, count),) = values
        return edit_rating(session, rating_id, value, count)

    # Drawing what was captured.

    def show_captured(self) -> None:
        """Refresh the note lists, ratings and actions."""
        screen, session, round_id = self.screen, self.state.session, self.state.round.id
        filed = [n for n in session.notes_in(round_id) if n.id != self.draft_id]
        screen.query_one(NotesPane).show_notes(filed)
        self.show_meta()
        parked = [n for n in session.notes if n.kind == NoteKind.PARKING_LOT]
        screen.query_one(ParkingLot).show_notes([n for n in parked if n.id != self.draft_id])
        ratings = tuple(r for r in session.ratings if r.round_id == round_id)
        screen.query_one(RatingsForm).show(self.state.round.scale, ratings, session.participants)
        screen.query_one(ActionsForm).show(session.actions)

    def show_meta(self) -> None:
        """Show the draft's kind and role group (every choice, the current one marked, in plain)."""
        pane = self.screen.query_one(NotesPane)
        pane.show_meta(self.draft_kind, self.draft_group, plain=self.screen.plain)
