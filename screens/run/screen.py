"""Provides RunScreen: runs the session round by round while the facilitator captures the room.

The layout and the capture widgets' messages live here; the session state (RunState), the
round flow (RoundFlow) and the keys (RunKeys) are the layers below.
"""

from __future__ import annotations

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static, TabbedContent, TabPane

from facilitator.errors import FacilitatorError, render
from facilitator.esther import load_card
from facilitator.session import Action, Rating, TooManyRatings, new_id
from screens.announcements import Announcements
from screens.autosave import AutoSaver
from screens.run.actions import ActionsForm
from screens.run.capture import CaptureEdits
from screens.run.flow import begin
from screens.run.footer import RunFooter
from screens.run.messages import (
    ActionEntered,
    DraftChanged,
    EstherLoaded,
    NoteCommitted,
    Problem,
    RatingsEntered,
)
from screens.run.notes import NotesPane, ParkingLot
from screens.run.prompt import PromptPanel
from screens.run.ratings import RatingsForm
from screens.run.room import RoomPanel, stop_room
from screens.run.text import focus_text
from screens.run.timer import TimerPanel
from screens.run.undo_offer import UndoOffer

TABS = ("notes", "ratings", "actions", "parking")


class RunScreen(CaptureEdits):
    """The heart of the app: prompt, countdown, notes, ratings, actions and the parking lot."""

    CSS_PATH = "run.tcss"

    def compose(self) -> ComposeResult:
        dims = {r.dimension: r.title for r in self.session.template.rounds if r.dimension}
        with Horizontal(id="run-top"):
            yield PromptPanel(id="prompt")
            yield TimerPanel(id="timer")
        with TabbedContent(id="capture", initial="notes"):
            with TabPane(self.t("run.tab.notes"), id="notes"):
                yield NotesPane(id="notes-pane")
            with TabPane(self.t("run.tab.ratings"), id="ratings"):
                yield RatingsForm(self.session.template, id="ratings-form")
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
        self.clock = self._clock_for(self.session)
        self.show_round()
        self.query_one(NotesPane).editor.focus()
        self.restore_draft()
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
        self.esther = message.card
        self.show_round()

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
            self.query_one("#run-focus", Static).update(focus_text(self, widget))

    def show_tabs(self, active: str) -> None:
        """In plain mode, mark the open tab with ▶ in its label."""
        if not self.plain:
            return
        tabs = self.query_one(TabbedContent)
        for tab in TABS:
            marker = "▶ " if tab == active else ""
            tabs.get_tab(tab).label = marker + self.t(f"run.tab.{tab}")

    # Messages from the capture widgets.

    def on_draft_changed(self, event: DraftChanged) -> None:
        self.draft_text = self.query_one(NotesPane).editor.text
        self.changed()

    def on_note_committed(self, event: NoteCommitted) -> None:
        self.file_notes()

    def on_ratings_entered(self, event: RatingsEntered) -> None:
        round_id, dimension = self.round.id, self.round.dimension or self.round.id
        session = before = self.session
        mine = [r for r in session.ratings if (r.round_id, r.role_group) == (round_id, event.group)]
        if tuple(sorted((r.value, r.count) for r in mine)) == event.values:
            return  # the field was left as it was
        for old in session.ratings:
            if old.round_id == round_id and old.role_group == event.group:
                session = session.without(old.id)
        try:
            for value, count in event.values:
                rating_id = f"{round_id}.{event.group.value}.{value}"
                session = session.with_rating(
                    Rating(rating_id, round_id, dimension, event.group, value, count)
                )
        except TooManyRatings as refused:  # more ratings than people: keep what was recorded
            self.query_one(f"#rating-{event.group.value}").add_class("-invalid")
            self.post_message(Problem(refused.render(self.services.settings.language)))
            return
        self.session = session
        self.remember(before)
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
        before = self.session
        self.session = before.with_action(action)
        self.remember(before)
        self.set_status("")
        self.show_captured()
        self.changed()

    def on_problem(self, event: Problem) -> None:
        self.set_status("⚠ " + event.text)
        self.notify(event.text, severity="warning")

    def on_auto_saver_save_failed(self, event: AutoSaver.SaveFailed) -> None:
        error = render(event.error, self.services.settings.language)
        self.set_status(self.t("run.save_failed", error=error))

    def on_auto_saver_saved(self, event: AutoSaver.Saved) -> None:
        if self._status.startswith(self.t("run.save_failed", error="")[:8]):
            self.set_status(self.t("run.saved_again"))
