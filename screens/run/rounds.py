"""Provides RoundFlow: the round's clock, its milestones, and moving between rounds.

Layered on RunState; the pure rules (finishing a round, a rebalance) live in screens.run.flow.
"""

from __future__ import annotations

from dataclasses import replace

from facilitator.rebalance import propose_rebalance
from facilitator.session import Session
from facilitator.vocabulary import SessionStatus
from screens.run.flow import finish_round
from screens.run.notes import NotesPane
from screens.run.rebalance import RebalanceModal, end_line
from screens.run.state import RunState
from screens.run.text import tr
from screens.run.timer import TimerPanel

CLOCK_SAVE_SECONDS = 5.0
MILESTONES = (("five", 300.0), ("one", 60.0))


class RoundFlow(RunState):
    """Start, pause and extend the timer; say its milestones; go to the next round."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._fired: set[str] = set()  # milestones said in this round
        self._clock_saved_at = 0.0

    def tick(self) -> None:
        """Redraw the timer and act on milestones; driven by an interval, callable from tests."""
        clock = self.clock
        self.query_one(TimerPanel).show(clock, plain=self.plain)
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
        clock, now = self.clock, self.services.clock.now()
        proposal = propose_rebalance(self.current(), index, clock.elapsed, clock.planned)

        def apply(accepted: bool | None) -> None:
            if accepted:
                self.session = replace(self.session, rounds=proposal.rounds)
                self.set_status(end_line(self, proposal, now))
                self.changed()

        self.app.push_screen(RebalanceModal(self.session, proposal, now), apply)
