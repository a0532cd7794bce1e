"""Provides RoundController: the round's clock and milestones, moving between rounds, undo.

It owns the clock, the prompt shown and the offer to undo the last next or skip; the pure
rules (finishing a round, going back) live in screens.run.flow, the move undo restores in
the UndoOffer.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from facilitator.rebalance import propose_rebalance
from facilitator.round_clock import RoundClock
from facilitator.session import Session
from facilitator.vocabulary import SessionStatus
from screens.run.actions import ActionsForm
from screens.run.finish import FinishModal
from screens.run.flow import back_one_round, finish_round
from screens.run.notes import NotesPane
from screens.run.prompt import PromptPanel
from screens.run.rebalance import RebalanceModal, end_line
from screens.run.state import RunState
from screens.run.timer import TimerPanel
from screens.run.undo_offer import RoundMove, UndoOffer

if TYPE_CHECKING:
    from screens.run.screen import RunScreen

CLOCK_SAVE_SECONDS = 5.0
MILESTONES = (("five", 300.0), ("one", 60.0))


class RoundController:
    """Start, pause and extend the timer; say its milestones; move between rounds, undoably."""

    def __init__(self, screen: RunScreen, state: RunState) -> None:
        self.screen = screen
        self.state = state
        self.clock = RoundClock(0, lambda: 0.0)  # the session's own clock once mounted
        self.prompt_index = 0
        self._fired: set[str] = set()  # milestones said in this round
        self._clock_saved_at = 0.0

    def clock_for(self, session: Session) -> RoundClock:
        """The current round's clock: as saved, else with the time the round already used."""
        monotonic = self.screen.services.clock.monotonic
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

    def with_clock(self, session: Session) -> Session:
        """`session` carrying the clock's state while it is in progress, so it resumes paused."""
        if session.status == SessionStatus.IN_PROGRESS:
            return replace(session, clock=self.clock.state())
        return session

    def show(self) -> None:
        """Refresh every panel from the session and clock."""
        screen, session, round_template = self.screen, self.state.session, self.state.round
        screen.query_one(PromptPanel).show(
            round_template,
            number=session.current_round + 1,
            total=len(session.rounds),
            prompt_index=self.prompt_index,
            users_first=session.users_speak_first,
            esther=self.state.esther_line(),
        )
        screen.query_one(TimerPanel).show(self.clock, plain=screen.plain)
        screen.capture.show_captured()
        screen.query_one(ActionsForm).preselect(round_template.dimension)

    def _round_words(self, key: str) -> str:
        session = self.state.session
        number, total = session.current_round + 1, len(session.rounds)
        return self.screen.t(key, title=self.state.round.title, number=number, total=total)

    def prompt(self, step: int) -> None:
        """Step to the next or previous prompt of the round."""
        count = len(self.state.round.prompts)
        if count:
            self.prompt_index = max(0, min(count - 1, self.prompt_index + step))
            self.show()

    # The offer to undo the last next or skip; the UndoOffer holds the move.

    @property
    def undo_offered(self) -> bool:
        """Whether the offer to undo a round move is showing."""
        offers = self.screen.query(UndoOffer)
        return bool(offers) and offers.first().move is not None

    def _offer_undo(self, move: RoundMove) -> None:
        text = self._round_words("run.undo.moved")
        self.screen.query_one(UndoOffer).offer(move, text, self.screen.t("run.undo.button"))
        self.screen.refresh_bindings()

    def withdraw_undo(self) -> None:
        """Take the offer back: something else was done since the move."""
        if self.undo_offered:
            self.screen.query_one(UndoOffer).withdraw()
            self.screen.refresh_bindings()

    def expire_undo(self) -> None:
        """Withdraw the undo offer once it has been shown for UNDO_SECONDS."""
        now = self.screen.services.clock.monotonic()
        if self.screen.query_one(UndoOffer).expire(now):
            self.screen.refresh_bindings()

    def undo_move(self) -> None:
        """Restore the rounds, the current round and its clock from before the last move.

        Time run since the move stays counted.
        """
        screen = self.screen
        move = screen.query_one(UndoOffer).move
        if move is None:
            return
        since = self.clock
        since.pause()
        screen.query_one(NotesPane).editor.file_draft()
        session = screen.current()
        services = screen.services
        self.state.session = replace(
            session,
            rounds=move.rounds,
            current_round=move.current_round,
            status=move.status,
            clock=None,
            updated=services.clock.now(),
        )
        state = replace(move.clock, elapsed_seconds=move.clock.elapsed_seconds + since.elapsed)
        self.clock = RoundClock.restore(state, services.clock.monotonic)
        if since.running or move.clock.running:
            self.clock.start()
        self.withdraw_undo()
        self.prompt_index, self._fired = move.prompt_index, set()
        screen.set_status("")
        self.show()
        screen.changed()
        screen.announce(self._round_words("run.undo.done"))

    # The clock.

    def tick(self) -> None:
        """Redraw the timer and act on milestones; driven by an interval, callable from tests."""
        screen, clock = self.screen, self.clock
        screen.query_one(TimerPanel).show(clock, plain=screen.plain)
        self.expire_undo()
        self._milestones()
        now = screen.services.clock.monotonic()
        if clock.running and now - self._clock_saved_at >= CLOCK_SAVE_SECONDS:
            self._clock_saved_at = now
            screen.changed()

    def _milestones(self) -> None:
        screen, clock, left = self.screen, self.clock, self.clock.time_left
        for name, threshold in MILESTONES:
            if left > threshold:
                self._fired.discard(name)
            elif clock.planned > threshold and clock.running and name not in self._fired:
                self._fired.add(name)
                screen.announce(screen.t(f"run.milestone.{name}"))
        if not clock.is_up:
            self._fired.discard("up")
            return
        if "up" in self._fired or not clock.running:
            return
        self._fired.add("up")
        settings = screen.services.settings
        if settings.bell:
            screen.app.bell()
        screen.announce(screen.t("run.milestone.up"))
        last = self.state.last_round
        if settings.auto_advance and not last:  # finishing always asks first
            self.next_round()
            return
        offer = screen.t("run.timeup_last" if last else "run.overrun_offer")
        screen.set_status(offer)
        screen.notify(offer, title=screen.t("run.timer.up_title"))

    def toggle_clock(self) -> None:
        """Start, pause or resume the round's timer."""
        self.clock.toggle()
        self.tick()
        self.screen.changed()

    def extend(self, minutes: int) -> None:
        """Give the round more minutes."""
        self.clock.extend(minutes * 60)
        self.tick()
        if not self.clock.is_up and self.screen.status:
            self.screen.set_status("")
        self.screen.changed()

    def pause(self) -> None:
        """Pause the timer (leaving the screen) and save its state."""
        self.clock.pause()
        self.tick()
        self.screen.changed()

    # Moving between rounds.

    def next_round(self, skipped: bool = False) -> None:
        """Close the round (skipped or not) and go on, offering undo; the last round asks first.

        A skipped round is recorded as ended early when it ran, as skipped when it never did.
        """
        if self.state.last_round:
            self._ask_to_finish(skipped)
            return
        screen = self.screen
        was_running = self.clock.running
        self.clock.pause()
        screen.query_one(NotesPane).editor.file_draft()
        session = screen.current()
        before = RoundMove(
            rounds=session.rounds,
            current_round=session.current_round,
            status=session.status,
            clock=replace(self.clock.state(), running=was_running),
            prompt_index=self.prompt_index,
            at=screen.services.clock.monotonic(),
        )
        now = screen.services.clock.now()
        index = session.current_round
        self.state.session = finish_round(
            session, index, self.clock.elapsed, skipped=skipped, now=now
        )
        self._enter_round(was_running)
        self._offer_undo(before)

    def _enter_round(self, was_running: bool) -> None:
        """Show the session's current round with its own clock, running if the last one was."""
        self.clock = self.clock_for(self.state.session)
        if was_running:
            self.clock.start()
        self.prompt_index, self._fired = 0, set()
        self.screen.set_status("")
        self.show()
        self.screen.changed()

    def _ask_to_finish(self, skipped: bool) -> None:
        """Finishing the session cannot be undone here, so ask first."""

        def answered(finish: bool | None) -> None:
            if finish:
                self._finish(skipped)

        question = self.screen.t("run.finish.question", title=self.state.session.title)
        self.screen.app.push_screen(FinishModal(question), answered)

    def _finish(self, skipped: bool) -> None:
        """Close the last round, finish the session and show its summary."""
        screen = self.screen
        self.clock.pause()
        screen.query_one(NotesPane).editor.file_draft()
        session = screen.current()
        now = screen.services.clock.now()
        index = session.current_round
        self.state.session = finish_round(
            session, index, self.clock.elapsed, skipped=skipped, now=now
        )
        screen.capture.saver.save_blocking()
        from screens.summary.screen import SummaryScreen

        app = screen.app
        while app.screen is not screen and len(app.screen_stack) > 1:
            app.pop_screen()  # the presenter view, when finishing from it
        app.switch_screen(SummaryScreen(self.state.session))

    def previous_round(self) -> None:
        """Reopen the round before the current one, with the time it already used."""
        screen = self.screen
        if self.state.session.current_round == 0:
            screen.notify(screen.t("run.previous.first"))
            return
        was_running = self.clock.running
        self.clock.pause()
        screen.query_one(NotesPane).editor.file_draft()
        session = screen.current()
        now = screen.services.clock.now()
        self.state.session = back_one_round(session, self.clock.elapsed, now=now)
        self.withdraw_undo()
        self._enter_round(was_running)
        screen.announce(self._round_words("run.previous.done"))

    def rebalance(self) -> None:
        """Propose new lengths for the remaining rounds and apply them when accepted."""
        screen = self.screen
        index = self.state.session.current_round
        if self.state.last_round:
            screen.notify(screen.t("run.rebalance.nothing"))
            return
        clock, now = self.clock, screen.services.clock.now()
        proposal = propose_rebalance(screen.current(), index, clock.elapsed, clock.planned)

        def apply(accepted: bool | None) -> None:
            if accepted:
                self.state.session = replace(self.state.session, rounds=proposal.rounds)
                screen.set_status(end_line(screen, proposal, now))
                screen.changed()

        screen.app.push_screen(RebalanceModal(self.state.session, proposal, now), apply)
