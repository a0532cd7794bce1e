"""Provides RunScreen: runs the session round by round while the facilitator captures the room.

It lays out the widgets and hands each key and message to the part that owns it: the round
controller (clock, moves, undo offer, finish, rebalance) or the capture controller (draft,
filing, edits, undo, autosave). The key map is screens.run.keys.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TabbedContent, TabPane

from facilitator.errors import FacilitatorError, render
from facilitator.esther import load_card
from facilitator.round_clock import RoundClock
from facilitator.session import Session
from facilitator.templates.model import RoundTemplate
from screens.announcements import Announcements
from screens.autosave import AutoSaver
from screens.base import AppScreen
from screens.keep_typing import stray_character
from screens.run.actions import ActionsForm
from screens.run.capture import CaptureController
from screens.run.flow import begin
from screens.run.footer import RunFooter
from screens.run.keys import RUN_KEYS
from screens.run.messages import (
    ActionEntered,
    DeleteRequested,
    DraftChanged,
    EditRequested,
    EstherLoaded,
    NoteCommitted,
    NoteParked,
    Problem,
    RatingsEntered,
)
from screens.run.notes import NotesPane, ParkingLot
from screens.run.prompt import PromptPanel
from screens.run.ratings import RatingsForm
from screens.run.room import RoomPanel, stop_room
from screens.run.rounds import RoundController
from screens.run.state import RunState
from screens.run.text import focus_text
from screens.run.timer import TimerPanel
from screens.run.undo_offer import UndoOffer

TABS = ("notes", "ratings", "actions", "parking")


class RunScreen(AppScreen[None]):
    """The heart of the app: prompt, countdown, notes, ratings, actions and the parking lot."""

    CSS_PATH = "run.tcss"
    BINDINGS: ClassVar[list[BindingType]] = RUN_KEYS

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.state = RunState(session)
        self.rounds = RoundController(self, self.state)
        self.capture = CaptureController(
            self, self.state, with_clock=self.rounds.with_clock, on_step=self.rounds.withdraw_undo
        )
        self.status = ""  # the line under the tabs

    # What the presenter view and the room panel read.

    @property
    def session(self) -> Session:
        """The session as it stands."""
        return self.state.session

    @session.setter
    def session(self, session: Session) -> None:
        self.state.session = session

    @property
    def round(self) -> RoundTemplate:
        """The template of the current round."""
        return self.state.round

    @property
    def clock(self) -> RoundClock:
        """The current round's clock."""
        return self.rounds.clock

    @property
    def prompt_index(self) -> int:
        """The prompt of the round on show."""
        return self.rounds.prompt_index

    @property
    def saver(self) -> AutoSaver:
        """What writes the session to the vault within a second of a change."""
        return self.capture.saver

    @property
    def plain(self) -> bool:
        """Whether accessible mode is on: state and focus in words, never colour alone."""
        return self.services.settings.plain

    def current(self) -> Session:
        """The session with filed notes, the draft and the clock folded in; what is saved."""
        return self.capture.current()

    def changed(self) -> None:
        """Something changed: save it soon."""
        self.capture.changed()

    def remember(self, before: Session) -> None:
        """Keep what changed since `before` as one step ctrl+z can take back."""
        self.capture.remember(before)

    def tick(self) -> None:
        """Redraw the timer and act on milestones; driven by an interval, callable from tests."""
        self.rounds.tick()

    def show_captured(self) -> None:
        """Refresh the note lists, ratings and actions."""
        self.capture.show_captured()

    def set_status(self, text: str) -> None:
        """Show one line under the tabs (problems, save state, the overrun offer)."""
        self.status = text
        status = self.query_one("#run-status", Static)
        status.update(text)
        status.set_class(not text, "-empty")

    def announce(self, text: str) -> None:
        """Say a milestone as text (the app's accessible announcer)."""
        self.facilitator.announce(text)

    def take_typed(self, character: str, *, focus: bool) -> None:
        """Add a typed character to the end of the note draft; `focus` returns focus to it."""
        if focus:
            self.action_tab("notes")
        self.capture.take_typed(character)

    def in_order(self, callback: Callable[..., object], *args: object) -> None:
        """Run `callback` once the focused widget has handled the keys sent to it before.

        The round keys are priority bindings, so they arrive ahead of an Enter the editor
        has not handled yet; queued behind it, that note is filed in its own round.
        """
        focused = self.focused
        if focused is None:
            callback(*args)
        else:
            focused.call_later(callback, *args)

    # The layout.

    def compose(self) -> ComposeResult:
        template = self.session.template
        dims = {r.dimension: r.title for r in template.rounds if r.dimension}
        with Horizontal(id="run-top"):
            yield PromptPanel(id="prompt")
            yield TimerPanel(id="timer")
        with TabbedContent(id="capture", initial="notes"):
            with TabPane(self.t("run.tab.notes"), id="notes"):
                yield NotesPane(id="notes-pane")
            with TabPane(self.t("run.tab.ratings"), id="ratings"):
                yield RatingsForm(template, id="ratings-form")
            with TabPane(self.t("run.tab.actions"), id="actions"):
                yield ActionsForm(dims, id="actions-form")
            with TabPane(self.t("run.tab.parking"), id="parking"):
                yield ParkingLot(id="parking-lot")
        focus_line = Static("", id="run-focus")
        focus_line.display = self.plain
        yield focus_line
        yield RoomPanel(id="run-room")
        yield Static("", id="run-status", classes="-empty")
        offer = UndoOffer(id="undo-offer")
        offer.display = False
        yield offer
        log = Announcements()  # milestones as text lines, in plain mode only
        log.can_focus = False  # Tab stays among the capture fields
        yield log
        yield RunFooter(id="run-footer")
        yield self.saver

    def on_mount(self) -> None:
        now = self.services.clock.now()
        self.session = begin(self.session, now)
        self.query_one(ActionsForm).today = now.date()
        self.rounds.clock = self.rounds.clock_for(self.session)
        self.rounds.show()
        self.query_one(NotesPane).editor.focus()
        self.capture.restore_draft()
        self.set_interval(0.25, self.tick)
        self.saver.mark_dirty()
        self.set_class(self.plain, "-plain")
        self.show_tabs("notes")
        if self.session.project.strip() and self.services.vault is not None:
            self._load_esther()

    @work(thread=True, exclusive=True, exit_on_error=False, group="run-esther")
    def _load_esther(self) -> None:
        vault = self.services.vault
        if vault is None:
            return
        try:
            card = load_card(vault, self.session.project)
        except FacilitatorError:
            return  # the card is an aid: a damaged one never stops a session
        if card is not None:
            self.post_message(EstherLoaded(card))

    def on_esther_loaded(self, message: EstherLoaded) -> None:
        """Show the improvement work's Esther in the opening round."""
        self.state.esther = message.card
        self.rounds.show()

    def on_unmount(self) -> None:
        self.saver.save_blocking()
        stop_room(self.services)  # the session ended, was left or the app quits

    # Accessible mode: where the focus is and which tab is open, in words.

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.show_focus(event.widget)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.show_tabs(event.pane.id or "")

    def show_focus(self, widget: Widget) -> None:
        """In plain mode, name the focused field on its own line (focus is not colour alone)."""
        if self.plain:
            self.query_one("#run-focus", Static).update(focus_text(self.t, widget))

    def show_tabs(self, active: str) -> None:
        """In plain mode, mark the open tab with ▶ in its label."""
        if not self.plain:
            return
        tabs = self.query_one(TabbedContent)
        for tab in TABS:
            marker = "▶ " if tab == active else ""
            tabs.get_tab(tab).label = marker + self.t(f"run.tab.{tab}")

    # Keys: each action goes to the part that owns it.

    def on_key(self, event: events.Key) -> None:
        character = stray_character(self, event)
        if character is None:
            return
        event.stop()
        self.take_typed(character, focus=True)

    def action_toggle_clock(self) -> None:
        """Start, pause or resume the round's timer."""
        self.rounds.toggle_clock()

    def action_extend(self, minutes: int) -> None:
        """Give the round more minutes."""
        self.rounds.extend(minutes)

    def action_next_round(self) -> None:
        """Record the time used and go on, offering undo; the last round asks before finishing."""
        self.in_order(self.rounds.next_round, False)

    def action_skip_round(self) -> None:
        """End the round now: recorded as ended early when it ran, as skipped when it never did."""
        self.in_order(self.rounds.next_round, True)

    def action_previous_round(self) -> None:
        """Go back to the round before, which resumes with the time it already used."""
        self.in_order(self.rounds.previous_round)

    def action_rebalance(self) -> None:
        """Offer new lengths for the remaining rounds so the session still ends on time."""
        self.in_order(self.rounds.rebalance)

    def action_prompt(self, step: int) -> None:
        """Step to the next or previous prompt of the round."""
        self.rounds.prompt(step)

    def action_undo_capture(self) -> None:
        """Undo an offered round move, else draft typing, else the last filing, edit or deletion.

        An undone move puts the round back as it was; time run since stays counted.
        """
        if self.rounds.undo_offered:
            self.in_order(self.rounds.undo_move)
        else:
            self.capture.undo()

    def action_cycle_kind(self) -> None:
        """Change the draft note's kind: observation, insight, question, parking lot."""
        self.capture.cycle_kind()

    def action_cycle_group(self) -> None:
        """Change which role group the draft note comes from."""
        self.capture.cycle_group()

    def action_tab(self, tab: str) -> None:
        """Show one capture tab and focus its first field.

        Focus is set now, not after the queued keys (as `Widget.focus` does), so the keys
        typed right after the tab key go into the field it opened.
        """
        self.query_one(TabbedContent).active = tab
        self.set_focus(self._first_field(tab))

    def _first_field(self, tab: str) -> Widget:
        if tab == "notes":
            return self.query_one(NotesPane).editor
        if tab == "ratings":
            form = self.query_one(RatingsForm)
            fields = [f for f in form.query(Input) if not f.disabled]
            return fields[0] if fields else form  # a round without a rating: the form
        if tab == "actions":
            return self.query_one("#action-what", Input)
        return self.query_one(ParkingLot).field

    def action_room(self) -> None:
        """Room mode: open the room, then open or close voting on the current round."""
        self.in_order(self.query_one(RoomPanel).step)

    def action_presenter(self) -> None:
        """Show the projector view: dimension, prompt and timer only."""
        from screens.presenter import PresenterScreen

        self.in_order(self.app.push_screen, PresenterScreen(self))

    def action_leave(self) -> None:
        """Back to the session list; the timer pauses and everything is saved on the way."""
        self.rounds.pause()
        self.notify(self.t("run.leave.paused", title=self.session.title))
        self.dismiss()

    # Messages from the widgets.

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "undo-move":
            event.stop()
            self.rounds.undo_move()

    def on_draft_changed(self, event: DraftChanged) -> None:
        self.capture.draft_changed()

    def on_note_committed(self, event: NoteCommitted) -> None:
        self.capture.file_notes()

    def on_note_parked(self, event: NoteParked) -> None:
        self.capture.park(event.text)

    def on_ratings_entered(self, event: RatingsEntered) -> None:
        self.capture.enter_ratings(event.group, event.values)

    def on_action_entered(self, event: ActionEntered) -> None:
        self.capture.add_action(event.text, event.owner_role, event.due, event.dimension)

    def on_edit_requested(self, event: EditRequested) -> None:
        event.stop()
        self.capture.edit(event.item_id)

    def on_delete_requested(self, event: DeleteRequested) -> None:
        event.stop()
        self.capture.delete(event.item_id)

    def on_problem(self, event: Problem) -> None:
        self.set_status("⚠ " + event.text)
        self.notify(event.text, severity="warning")

    def on_auto_saver_save_failed(self, event: AutoSaver.SaveFailed) -> None:
        error = render(event.error, self.services.settings.language)
        self.set_status(self.t("run.save_failed", error=error))

    def on_auto_saver_saved(self, event: AutoSaver.Saved) -> None:
        if self.status.startswith(self.t("run.save_failed", error="")[:8]):
            self.set_status(self.t("run.saved_again"))
