"""Provides PresenterScreen: the projector view with the dimension, the prompt and the timer.

It never shows notes or ratings, and keeps auto-lock off while its timer runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Static

from screens.announcements import Announcements
from screens.base import AppScreen
from screens.big_clock import BigClock
from screens.keep_typing import KeepsTyping
from screens.room_presenter import PresenterRoom
from screens.run.keys import round_key
from screens.run.text import clock_text, timer_texts

if TYPE_CHECKING:
    from screens.run.screen import RunScreen


class PresenterScreen(KeepsTyping, AppScreen[None]):
    """Large, calm, content-free: what the room may see on the shared screen."""

    CSS_PATH = "presenter.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        round_key("presenter", also="p,escape", run_as="close", description="key.back"),
        round_key("toggle_clock", also="space"),
        round_key("prompt(1)", also="right"),
        round_key("prompt(-1)", also="left"),
        round_key("extend(1)"),
        round_key("extend(5)"),
        round_key("previous_round", show=False),  # in help: the footer is full at 100 columns
        Binding("ctrl+v", "room", "room_mode.key", show=False),  # not advertised to the room
    ]

    def __init__(self, run: RunScreen) -> None:
        super().__init__()
        self.run = run

    def compose(self) -> ComposeResult:
        with Vertical(id="presenter"):
            yield Static("", id="presenter-dimension")
            yield PresenterRoom(id="presenter-room")  # the join QR code, then the reveal
            yield Static("", id="presenter-cue")
            yield Static("", id="presenter-prompt")
            yield Static("", id="presenter-esther", markup=False)
            yield BigClock(id="presenter-digits")
            yield Static("", id="presenter-state")
        log = Announcements()  # milestones as text lines, in plain mode only
        log.can_focus = False  # the arrow keys step through prompts here
        yield log
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.set_interval(0.25, self.tick)

    def on_unmount(self) -> None:
        self._suspend_autolock(False)

    def _suspend_autolock(self, value: bool) -> None:
        self.facilitator.autolock_suspended = value

    def tick(self) -> None:
        """Let the run screen act on milestones, then redraw the timer."""
        self.run.tick()
        self.show_room()
        self.show_timer()

    def _composed(self) -> bool:
        """Whether the view's widgets exist: keys can reach it before compose or after close."""
        return bool(self.query("#presenter-dimension"))

    def show(self) -> None:
        """Render the round, its current prompt and the timer."""
        if not self._composed():
            return
        round_template = self.run.round
        self.query_one("#presenter-dimension", Static).update(
            Text(round_template.title, style="bold")
        )
        cue = self.query_one("#presenter-cue", Static)
        cue.update(self.t("run.users_first") if self.run.session.users_speak_first else "")
        cue.display = self.run.session.users_speak_first
        prompts = round_template.prompts
        prompt = prompts[min(self.run.prompt_index, len(prompts) - 1)] if prompts else ""
        self.query_one("#presenter-prompt", Static).update(prompt)
        esther = self.run.state.esther_line(presenter=True)
        card = self.query_one("#presenter-esther", Static)
        card.update(esther or "")
        card.display = bool(esther)
        self.show_room()
        self.show_timer()

    def show_room(self) -> None:
        """While a room is open, its QR code and code, or the reveal, in place of the digits."""
        from screens.run.room import room_panel_of

        if self._composed():
            room = self.query_one(PresenterRoom).show(room_panel_of(self.run))
            self.set_class(room, "-room")

    def action_room(self) -> None:
        """Room mode, from the projector view: open the room, open or close voting."""
        self.run.action_room()
        self.call_after_refresh(self.show)

    def show_timer(self) -> None:
        """Redraw the countdown and its state in words with the exact time left (not colour)."""
        if not self._composed():
            return
        clock = self.run.clock
        digits, state = timer_texts(self.t, clock, plain=self.run.plain)
        if not clock.is_up:
            key = "presenter.running_left" if clock.running else "presenter.paused_left"
            words = self.t(key, left=clock_text(clock.time_left))
            state = "\n".join([words, *state.split("\n")[1:]])  # keep plain mode's band line
        self.query_one(BigClock).update(digits)
        self.query_one("#presenter-state", Static).update(state)
        self.set_class(clock.is_up, "-up")
        self._suspend_autolock(clock.running)

    def action_close(self) -> None:
        """Back to the facilitator's run screen."""
        self.dismiss()

    def action_toggle_clock(self) -> None:
        """Start, pause or resume the timer."""
        self.run.rounds.toggle_clock()
        self.show_timer()

    def action_extend(self, minutes: int) -> None:
        """Give the round more minutes."""
        self.run.rounds.extend(minutes)
        self.show_timer()

    def action_previous_round(self) -> None:
        """Back to the round before, as on the run screen; the view shows it at once."""
        self.run.rounds.previous_round()
        self.show()

    def action_prompt(self, step: int) -> None:
        """Step through the round's prompts."""
        self.run.rounds.prompt(step)
        self.show()
