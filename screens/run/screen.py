"""Provides RunScreen: runs the session round by round while the facilitator captures the room.

Everything typed lives in the Session (the draft note too) and reaches the vault within a
second through AutoSaver; the round's clock state is saved with it and resumes paused.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, Static, TabbedContent, TabPane

from facilitator.round_clock import RoundClock
from facilitator.session import Action, Note, Rating, Session, new_id
from facilitator.templates.model import RoundTemplate
from facilitator.vocabulary import NoteKind, RoleGroup, SessionStatus
from screens.autosave import AutoSaver
from screens.run.actions import ActionsForm
from screens.run.flow import begin, finish_round, propose_rebalance
from screens.run.messages import ActionEntered, DraftChanged, NoteCommitted, Problem, RatingsEntered
from screens.run.notes import NoteEditor, NotesPane, ParkingLot
from screens.run.prompt import PromptPanel
from screens.run.ratings import RatingsForm
from screens.run.rebalance import RebalanceModal
from screens.run.text import tr
from screens.run.timer import TimerPanel

CLOCK_SAVE_SECONDS = 5.0
MILESTONES = (("five", 300.0), ("one", 60.0))
GROUP_CYCLE: tuple[RoleGroup | None, ...] = (None, *RoleGroup)


class RunScreen(Screen[None]):
    """The heart of the app: prompt, countdown, notes, ratings, actions and the parking lot."""

    CSS_PATH = "run.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "presenter", "Presenter"),
        Binding("f5", "toggle_clock", "Start/pause"),
        Binding("f6", "extend(1)", "+1 min", priority=True),
        Binding("f7", "extend(5)", "+5 min", priority=True),
        Binding("f9", "next_round", "Next round"),
        Binding("f8", "skip_round", "Skip"),
        Binding("ctrl+b", "rebalance", "Rebalance"),
        Binding("f3", "prompt(-1)", "Prev prompt", show=False),
        Binding("f4", "prompt(1)", "Next prompt"),
        Binding("ctrl+t", "cycle_kind", "Note kind"),
        Binding("ctrl+g", "cycle_group", "Role group"),
        Binding("ctrl+n", "tab('notes')", "Notes", show=False),
        Binding("ctrl+r", "tab('ratings')", "Ratings", show=False),
        Binding("ctrl+o", "tab('actions')", "Actions", show=False),
        Binding("ctrl+l", "tab('parking')", "Parking lot", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.prompt_index = 0
        self.clock = RoundClock(0, lambda: 0.0)
        self.draft_id = new_id()
        self.draft_text = ""
        self.draft_kind = NoteKind.OBSERVATION
        self.draft_group: RoleGroup | None = None
        self._fired: set[str] = set()
        self._clock_saved_at = 0.0
        self._status = ""
        self.saver = AutoSaver(self.current, self._save)

    @property
    def services(self) -> Any:
        """The app's Services (vault, clock, settings)."""
        return self.app.services  # type: ignore[attr-defined]

    @property
    def round(self) -> RoundTemplate:
        """The template of the current round."""
        return self.session.template.round(self.session.rounds[self.session.current_round].round_id)

    def compose(self) -> ComposeResult:
        dims = {r.dimension: r.title for r in self.session.template.rounds if r.dimension}
        with Horizontal(id="run-top"):
            yield PromptPanel(id="prompt")
            yield TimerPanel(id="timer")
        with TabbedContent(id="capture", initial="notes"):
            with TabPane(tr(self, "run.tab.notes"), id="notes"):
                yield NotesPane(id="notes-pane")
            with TabPane(tr(self, "run.tab.ratings"), id="ratings"):
                yield RatingsForm(id="ratings-form")
            with TabPane(tr(self, "run.tab.actions"), id="actions"):
                yield ActionsForm(dims, id="actions-form")
            with TabPane(tr(self, "run.tab.parking"), id="parking"):
                yield ParkingLot(id="parking-lot")
        yield Static("", id="run-status")
        yield Footer()
        yield self.saver

    def on_mount(self) -> None:
        now = self.services.clock.now()
        self.session = begin(self.session, now)
        self.query_one(ActionsForm).today = now.date()
        self.clock = self._clock_for(self.session)
        self.show_round()
        self.query_one(NotesPane).editor.focus()
        self.set_interval(0.25, self.tick)
        self.saver.mark_dirty()

    def on_unmount(self) -> None:
        self.saver.save_blocking()

    def _save(self, session: Session) -> None:
        self.services.vault.save_session(session)

    def _clock_for(self, session: Session) -> RoundClock:
        monotonic = self.services.clock.monotonic
        state = session.clock
        if state is not None and state.round_index == session.current_round:
            return RoundClock.restore(state, monotonic)
        minutes = session.rounds[session.current_round].planned_minutes
        return RoundClock(minutes * 60, monotonic, round_index=session.current_round)

    def current(self) -> Session:
        """The session with filed notes, the draft and the clock state folded in; what is saved."""
        self.file_notes()
        now = self.services.clock.now()
        session = self._with_note(self.session, self.draft_id, self.draft_text, now)
        if session.status == SessionStatus.IN_PROGRESS:
            session = replace(session, clock=self.clock.state())
        self.session = replace(session, updated=now)
        return self.session

    def _with_note(self, session: Session, note_id: str, text: str, now: datetime) -> Session:
        """`session` with the note `note_id` holding `text` (kind and group of the draft)."""
        if not text:
            return session.without(note_id)
        existing = next((n for n in session.notes if n.id == note_id), None)
        note = Note(
            id=note_id,
            round_id=self.round.id,
            text=text,
            kind=self.draft_kind,
            role_group=self.draft_group,
            created=existing.created if existing else now,
            edited=now,
        )
        return session.with_note(note)

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
            self.session = self._with_note(self.session, self.draft_id, text, now)
            self.draft_id = new_id()
            self.draft_kind = NoteKind.OBSERVATION
        self.draft_text = editor.text
        self.show_captured()
        self.changed()

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
        )
        self.query_one(TimerPanel).show(self.clock)
        self.show_captured()
        self.query_one(ActionsForm).preselect(round_template.dimension)

    def show_captured(self) -> None:
        """Refresh the note lists, ratings and actions."""
        session, round_id = self.session, self.round.id
        filed = [n for n in session.notes_in(round_id) if n.id != self.draft_id]
        self.query_one(NotesPane).show_notes(filed)
        self.query_one(NotesPane).show_meta(self.draft_kind, self.draft_group)
        parked = [n for n in session.notes if n.kind == NoteKind.PARKING_LOT]
        self.query_one(ParkingLot).show_notes([n for n in parked if n.id != self.draft_id])
        ratings = tuple(r for r in session.ratings if r.round_id == round_id)
        self.query_one(RatingsForm).show(self.round.scale, ratings)
        self.query_one(ActionsForm).show(session.actions)

    def set_status(self, text: str) -> None:
        """Show one line under the tabs (problems, save state, the overrun offer)."""
        self._status = text
        self.query_one("#run-status", Static).update(text)

    def announce(self, text: str) -> None:
        """Say a milestone as text when the app has an accessible announcer."""
        announce = getattr(self.app, "announce", None)
        if callable(announce):
            announce(text)

    def tick(self) -> None:
        """Redraw the timer and act on milestones; driven by an interval, callable from tests."""
        clock = self.clock
        self.query_one(TimerPanel).show(clock)
        self._milestones()
        now = self.services.clock.monotonic()
        if clock.running and now - self._clock_saved_at >= CLOCK_SAVE_SECONDS:
            self._clock_saved_at = now
            self.changed()

    def _milestones(self) -> None:
        clock, left = self.clock, self.clock.time_left
        for name, threshold in MILESTONES:
            if left > threshold:
                self._fired.discard(name)
            elif clock.planned > threshold and clock.running and name not in self._fired:
                self._fired.add(name)
                self.announce(tr(self, f"run.milestone.{name}"))
        if not clock.is_up:
            self._fired.discard("up")
            return
        if "up" in self._fired or not clock.running:
            return
        self._fired.add("up")
        if self.services.settings.bell:
            self.app.bell()
        self.announce(tr(self, "run.milestone.up"))
        if self.services.settings.auto_advance:
            self.action_next_round()
            return
        last = self.session.current_round + 1 >= len(self.session.rounds)
        offer = tr(self, "run.timeup_last" if last else "run.overrun_offer")
        self.set_status(offer)
        self.notify(offer, title=tr(self, "run.timer.up_title"))

    # Messages from the capture widgets.

    def on_draft_changed(self, event: DraftChanged) -> None:
        self.draft_text = self.query_one(NotesPane).editor.text
        self.changed()

    def on_note_committed(self, event: NoteCommitted) -> None:
        self.file_notes()

    def on_ratings_entered(self, event: RatingsEntered) -> None:
        round_id, dimension = self.round.id, self.round.dimension or self.round.id
        session = self.session
        for old in session.ratings:
            if old.round_id == round_id and old.role_group == event.group:
                session = session.without(old.id)
        for value, count in event.values:
            rating_id = f"{round_id}.{event.group.value}.{value}"
            session = session.with_rating(
                Rating(rating_id, round_id, dimension, event.group, value, count)
            )
        self.session = session
        self.set_status("")
        self.show_captured()
        self.changed()

    def on_action_entered(self, event: ActionEntered) -> None:
        action = Action(
            id=new_id(),
            text=event.text,
            owner_role=event.owner_role,
            due=event.due,
            dimension=event.dimension,
            round_id=self.round.id,
        )
        self.session = self.session.with_action(action)
        self.set_status("")
        self.show_captured()
        self.changed()

    def on_problem(self, event: Problem) -> None:
        self.set_status("⚠ " + event.text)
        self.notify(event.text, severity="warning")

    def on_auto_saver_save_failed(self, event: AutoSaver.SaveFailed) -> None:
        self.set_status(tr(self, "run.save_failed", error=event.text))

    def on_auto_saver_saved(self, event: AutoSaver.Saved) -> None:
        if self._status.startswith(tr(self, "run.save_failed", error="")[:8]):
            self.set_status(tr(self, "run.saved_again"))

    # Actions bound to keys (also reachable from the command palette).

    def action_toggle_clock(self) -> None:
        """Start, pause or resume the round's timer."""
        self.clock.toggle()
        self.tick()
        self.changed()

    def action_extend(self, minutes: int) -> None:
        """Give the round more minutes."""
        self.clock.extend(minutes * 60)
        self.tick()
        if not self.clock.is_up and self._status:
            self.set_status("")
        self.changed()

    def action_prompt(self, step: int) -> None:
        """Step to the next or previous prompt of the round."""
        count = len(self.round.prompts)
        if count:
            self.prompt_index = max(0, min(count - 1, self.prompt_index + step))
            self.show_round()

    def action_cycle_kind(self) -> None:
        """Change the draft note's kind: observation, insight, question, parking lot."""
        kinds = list(NoteKind)
        self.draft_kind = kinds[(kinds.index(self.draft_kind) + 1) % len(kinds)]
        self.query_one(NotesPane).show_meta(self.draft_kind, self.draft_group)
        self.changed()

    def action_cycle_group(self) -> None:
        """Change which role group the draft note comes from."""
        index = GROUP_CYCLE.index(self.draft_group)
        self.draft_group = GROUP_CYCLE[(index + 1) % len(GROUP_CYCLE)]
        self.query_one(NotesPane).show_meta(self.draft_kind, self.draft_group)
        self.changed()

    def action_tab(self, tab: str) -> None:
        """Show one capture tab and focus its first field."""
        self.query_one(TabbedContent).active = tab
        if tab == "notes":
            self.query_one(NotesPane).editor.focus()
        elif tab == "ratings":
            self.query_one(RatingsForm).query(Input).first().focus()
        elif tab == "actions":
            self.query_one("#action-what", Input).focus()

    def action_skip_round(self) -> None:
        """End the round now, marked as skipped."""
        self.action_next_round(skipped=True)

    def action_next_round(self, skipped: bool = False) -> None:
        """Record the time used and go on; after the last round, show the summary."""
        was_running = self.clock.running
        self.clock.pause()
        self.query_one(NotesPane).editor.file_draft()
        session = self.current()
        index = session.current_round
        now = self.services.clock.now()
        self.session = finish_round(session, index, self.clock.elapsed, skipped=skipped, now=now)
        if self.session.status == SessionStatus.FINISHED:
            self.saver.save_blocking()
            from screens.summary.screen import SummaryScreen

            while self.app.screen is not self and len(self.app.screen_stack) > 1:
                self.app.pop_screen()  # the presenter view, when auto-advance ends the session

            self.app.switch_screen(SummaryScreen(self.session))
            return
        self.clock = self._clock_for(self.session)
        if was_running:
            self.clock.start()
        self.prompt_index, self._fired = 0, set()
        self.set_status("")
        self.show_round()
        self.changed()

    def action_rebalance(self) -> None:
        """Offer new lengths for the remaining rounds so the session still ends on time."""
        index = self.session.current_round
        if index + 1 >= len(self.session.rounds):
            self.notify(tr(self, "run.rebalance.nothing"))
            return
        proposal = propose_rebalance(self.current(), index, self.clock.elapsed)

        def apply(accepted: bool | None) -> None:
            if accepted:
                self.session = replace(self.session, rounds=proposal.rounds)
                self.set_status(tr(self, "run.rebalance.done"))
                self.changed()

        self.app.push_screen(RebalanceModal(self.session, proposal), apply)

    def action_presenter(self) -> None:
        """Show the projector view: dimension, prompt and timer only."""
        from screens.presenter import PresenterScreen

        self.app.push_screen(PresenterScreen(self))
