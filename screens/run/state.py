"""Provides RunState: the session being run, its draft note and clock, and drawing them.

The base of the run screen; the round flow, the keys and the layout are layered on top.
Everything typed lives in the Session (the draft note too) and reaches the vault within a
second through AutoSaver; the round's clock state is saved with it and resumes paused.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from textual.widgets import Static

from facilitator.edits import Edit, diff
from facilitator.esther import EstherCard, card_summary
from facilitator.identifiers.hint import needs_typing_hint
from facilitator.round_clock import RoundClock
from facilitator.session import Note, Session, new_id
from facilitator.templates.model import RoundTemplate
from facilitator.vocabulary import NoteKind, RoleGroup, RoundKind, SessionStatus
from screens.autosave import AutoSaver
from screens.base import AppScreen
from screens.run.actions import ActionsForm
from screens.run.notes import NoteEditor, NotesPane, ParkingLot
from screens.run.prompt import PromptPanel
from screens.run.ratings import RatingsForm
from screens.run.timer import TimerPanel

UNDO_STEPS = 100


class RunState(AppScreen[None]):
    """The session, the draft note and the round's clock, folded together for saving."""

    identifier_hint_given = False  # the note on identifiers is shown once per screen

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.prompt_index = 0
        self.clock = RoundClock(0, lambda: 0.0)
        draft = session.draft
        self.draft_id = new_id() if draft is None else draft.id
        self.draft_text = "" if draft is None else draft.text
        self.draft_kind = NoteKind.OBSERVATION if draft is None else draft.kind
        self.draft_group: RoleGroup | None = None if draft is None else draft.role_group
        self.history: list[Edit] = []  # undo steps, newest last
        self._status = ""
        self.saver = AutoSaver(self.current, self._save)
        self.esther: EstherCard | None = None  # the improvement work's card, read on mount

    @property
    def plain(self) -> bool:
        """Whether accessible mode is on: state and focus in words, never colour alone."""
        return self.services.settings.plain

    @property
    def round(self) -> RoundTemplate:
        """The template of the current round."""
        return self.session.template.round(self.session.rounds[self.session.current_round].round_id)

    def _save(self, session: Session) -> None:
        vault = self.services.vault
        assert vault is not None, "the run screen is shown only with the vault unlocked"
        vault.save_session(session)

    def _clock_for(self, session: Session) -> RoundClock:
        monotonic = self.services.clock.monotonic
        state = session.clock
        if state is not None and state.round_index == session.current_round:
            return RoundClock.restore(state, monotonic)
        record = session.rounds[session.current_round]  # a round returned to keeps its time
        return RoundClock(
            record.planned_minutes * 60,
            monotonic,
            round_index=session.current_round,
            elapsed_seconds=record.actual_seconds or 0,
        )

    def current(self) -> Session:
        """The session with filed notes, the draft and the clock state folded in; what is saved."""
        self.file_notes()
        now = self.services.clock.now()
        draft = self._note(self.session, self.draft_id, self.draft_text, now)
        session = self.session.with_draft(draft if self.draft_text else None)
        if session.status == SessionStatus.IN_PROGRESS:
            session = replace(session, clock=self.clock.state())
        self.session = replace(session, updated=now)
        return self.session

    def _note(self, session: Session, note_id: str, text: str, now: datetime) -> Note:
        """The note `note_id` holding `text`, with the draft's kind and group."""
        drafted = [session.draft] if session.draft is not None else []
        existing = next((n for n in (*session.notes, *drafted) if n.id == note_id), None)
        return Note(
            id=note_id,
            round_id=self.round.id,
            text=text,
            kind=self.draft_kind,
            role_group=self.draft_group,
            created=existing.created if existing else now,
            edited=now,
        )

    def restore_draft(self) -> None:
        """Put a draft saved before (a crash, a lock, leaving) back into the editor, unfiled."""
        if self.draft_text:
            editor = self.query_one(NotesPane).editor
            editor.load_text(self.draft_text)
            editor.move_cursor(editor.document.end)

    def remember(self, before: Session) -> None:
        """Keep what changed since `before` as one step ctrl+z can take back."""
        step = diff(before, self.session)
        if step is not None:
            self.history = [*self.history[-(UNDO_STEPS - 1) :], step]

    def file_notes(self) -> None:
        """File the notes the editor took on Enter, in order; the editor's text is the new draft.

        Reads the editor, not `draft_text`: DraftChanged may still be on its way when Enter
        is handled, so the screen's copy can be behind what was typed.
        """
        editor = next(iter(self.query(NoteEditor)), None)  # none once the screen is closing
        if editor is None or not (filed := editor.take_filed()):
            return
        now = self.services.clock.now()
        for text in filed:
            before = self.session.with_draft(None)
            note = self._note(self.session, self.draft_id, text, now)
            self.session = before.with_note(note)
            self.remember(before)
            self.draft_id = new_id()
            self.draft_kind = NoteKind.OBSERVATION
        self.draft_text = editor.text
        self.show_captured()
        self.changed()
        if not self.identifier_hint_given and any(map(needs_typing_hint, filed)):
            self.identifier_hint_given = True
            self.notify(self.t("identifiers.typing_hint"), timeout=10)

    def changed(self) -> None:
        """Something was captured: save it soon."""
        self.saver.mark_dirty()

    def show_round(self) -> None:
        """Refresh every panel from the session and clock."""
        session = self.session
        round_template = self.round
        self.query_one(PromptPanel).show(
            round_template,
            number=session.current_round + 1,
            total=len(session.rounds),
            prompt_index=self.prompt_index,
            users_first=session.users_speak_first,
            esther=self.esther_line(),
        )
        self.query_one(TimerPanel).show(self.clock, plain=self.plain)
        self.show_captured()
        self.query_one(ActionsForm).preselect(round_template.dimension)

    def esther_line(self, *, presenter: bool = False) -> str | None:
        """The Esther card on one line, in the opening round only (on the projector if asked)."""
        card = self.esther
        if card is None or card.empty or self.round.kind != RoundKind.OPENING:
            return None
        if presenter and not card.on_presenter:
            return None
        return card_summary(card, self.session.language)

    def show_captured(self) -> None:
        """Refresh the note lists, ratings and actions."""
        session, round_id = self.session, self.round.id
        filed = [n for n in session.notes_in(round_id) if n.id != self.draft_id]
        self.query_one(NotesPane).show_notes(filed)
        self.show_meta()
        parked = [n for n in session.notes if n.kind == NoteKind.PARKING_LOT]
        self.query_one(ParkingLot).show_notes([n for n in parked if n.id != self.draft_id])
        ratings = tuple(r for r in session.ratings if r.round_id == round_id)
        self.query_one(RatingsForm).show(self.round.scale, ratings)
        self.query_one(ActionsForm).show(session.actions)

    def show_meta(self) -> None:
        """Show the draft's kind and role group (every choice, the current one marked, in plain)."""
        self.query_one(NotesPane).show_meta(self.draft_kind, self.draft_group, plain=self.plain)

    def set_status(self, text: str) -> None:
        """Show one line under the tabs (problems, save state, the overrun offer)."""
        self._status = text
        status = self.query_one("#run-status", Static)
        status.update(text)
        status.set_class(not text, "-empty")

    def announce(self, text: str) -> None:
        """Say a milestone as text (the app's accessible announcer)."""
        self.facilitator.announce(text)
