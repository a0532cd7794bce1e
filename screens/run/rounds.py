"""Provides RoundFlow: the round's clock, its milestones, moving between rounds and undoing a move.

Layered on RunState; the pure rules (finishing a round, going back) live in screens.run.flow,
and the offer to undo the last next or skip (with the move it restores) is the UndoOffer's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.widgets import Button

from facilitator.rebalance import propose_rebalance
from facilitator.round_clock import RoundClock
from facilitator.session import Session
from screens.run.finish import FinishModal
from screens.run.flow import back_one_round, finish_round
from screens.run.notes import NotesPane
from screens.run.rebalance import RebalanceModal, end_line
from screens.run.state import RunState
from screens.run.timer import TimerPanel
from screens.run.undo_offer import RoundMove, UndoOffer

CLOCK_SAVE_SECONDS = 5.0
MILESTONES = (("five", 300.0), ("one", 60.0))


class RoundFlow(RunState):
    """Start, pause and extend the timer; say its milestones; move between rounds, undoably."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._fired: set[str] = set()  # milestones said in this round
        self._clock_saved_at = 0.0

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

    def _round_words(self, key: str) -> str:
        number, total = self.session.current_round + 1, len(self.session.rounds)
        return self.t(key, title=self.round.title, number=number, total=total)

    # The offer to undo the last next or skip; the UndoOffer holds the move.

    def _offer_undo(self, move: RoundMove) -> None:
        text = self._round_words("run.undo.moved")
        self.query_one(UndoOffer).offer(move, text, self.t("run.undo.button"))
        self.refresh_bindings()

    def _withdraw_undo(self) -> None:
        self.query_one(UndoOffer).withdraw()
        self.refresh_bindings()

    def expire_undo(self) -> None:
        """Withdraw the undo offer once it has been shown for UNDO_SECONDS."""
        if self.query_one(UndoOffer).expire(self.services.clock.monotonic()):
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+z undoes a round move only while the offer shows; otherwise it passes on."""
        if action == "undo_move":
            offers = self.query(UndoOffer)
            return bool(offers) and offers.first().move is not None
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "undo-move":
            event.stop()
            self.undo_move()

    def action_undo_move(self) -> None:
        """Put the round back as it was before next or skip; time run since stays counted."""
        self.in_order(self.undo_move)

    def undo_move(self) -> None:
        """Restore the rounds, the current round and its clock from before the last move."""
        move = self.query_one(UndoOffer).move
        if move is None:
            return
        since = self.clock
        since.pause()
        self.query_one(NotesPane).editor.file_draft()
        session = self.current()
        self.session = replace(
            session,
            rounds=move.rounds,
            current_round=move.current_round,
            status=move.status,
            clock=None,
            updated=self.services.clock.now(),
        )
        state = replace(move.clock, elapsed_seconds=move.clock.elapsed_seconds + since.elapsed)
        self.clock = RoundClock.restore(state, self.services.clock.monotonic)
        if since.running or move.clock.running:
            self.clock.start()
        self._withdraw_undo()
        self.prompt_index, self._fired = move.prompt_index, set()
        self.set_status("")
        self.show_round()
        self.changed()
        self.announce(self._round_words("run.undo.done"))

    def tick(self) -> None:
        """Redraw the timer and act on milestones; driven by an interval, callable from tests."""
        clock = self.clock
        self.query_one(TimerPanel).show(clock, plain=self.plain)
        self.expire_undo()
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
                self.announce(self.t(f"run.milestone.{name}"))
        if not clock.is_up:
            self._fired.discard("up")
            return
        if "up" in self._fired or not clock.running:
            return
        self._fired.add("up")
        if self.services.settings.bell:
            self.app.bell()
        self.announce(self.t("run.milestone.up"))
        last = self.session.current_round + 1 >= len(self.session.rounds)
        if self.services.settings.auto_advance and not last:  # finishing always asks first
            self.next_round()
            return
        offer = self.t("run.timeup_last" if last else "run.overrun_offer")
        self.set_status(offer)
        self.notify(offer, title=self.t("run.timer.up_title"))

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
        """End the round now: recorded as ended early when it ran, as skipped when it never did."""
        self.in_order(self.next_round, True)

    def action_next_round(self) -> None:
        """Record the time used and go on, offering undo; the last round asks before finishing."""
        self.in_order(self.next_round, False)

    def next_round(self, skipped: bool = False) -> None:
        """Close the round (skipped or not) and go on; the last round asks before finishing."""
        if self.session.current_round + 1 >= len(self.session.rounds):
            self._ask_to_finish(skipped)
            return
        was_running = self.clock.running
        self.clock.pause()
        self.query_one(NotesPane).editor.file_draft()
        session = self.current()
        before = RoundMove(
            rounds=session.rounds,
            current_round=session.current_round,
            status=session.status,
            clock=replace(self.clock.state(), running=was_running),
            prompt_index=self.prompt_index,
            at=self.services.clock.monotonic(),
        )
        now = self.services.clock.now()
        index = session.current_round
        self.session = finish_round(session, index, self.clock.elapsed, skipped=skipped, now=now)
        self._enter_round(was_running)
        self._offer_undo(before)

    def _enter_round(self, was_running: bool) -> None:
        """Show the session's current round with its own clock, running if the last one was."""
        self.clock = self._clock_for(self.session)
        if was_running:
            self.clock.start()
        self.prompt_index, self._fired = 0, set()
        self.set_status("")
        self.show_round()
        self.changed()

    def _ask_to_finish(self, skipped: bool) -> None:
        """Finishing the session cannot be undone here, so ask first."""

        def answered(finish: bool | None) -> None:
            if finish:
                self._finish(skipped)

        question = self.t("run.finish.question", title=self.session.title)
        self.app.push_screen(FinishModal(question), answered)

    def _finish(self, skipped: bool) -> None:
        """Close the last round, finish the session and show its summary."""
        self.clock.pause()
        self.query_one(NotesPane).editor.file_draft()
        session = self.current()
        now = self.services.clock.now()
        index = session.current_round
        self.session = finish_round(session, index, self.clock.elapsed, skipped=skipped, now=now)
        self.saver.save_blocking()
        from screens.summary.screen import SummaryScreen

        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()  # the presenter view, when finishing from it
        self.app.switch_screen(SummaryScreen(self.session))

    def action_previous_round(self) -> None:
        """Go back to the round before, which resumes with the time it already used."""
        self.in_order(self.previous_round)

    def previous_round(self) -> None:
        """Reopen the round before the current one."""
        if self.session.current_round == 0:
            self.notify(self.t("run.previous.first"))
            return
        was_running = self.clock.running
        self.clock.pause()
        self.query_one(NotesPane).editor.file_draft()
        session = self.current()
        now = self.services.clock.now()
        self.session = back_one_round(session, self.clock.elapsed, now=now)
        self._withdraw_undo()
        self._enter_round(was_running)
        self.announce(self._round_words("run.previous.done"))

    def action_leave(self) -> None:
        """Back to the session list; the timer pauses and everything is saved on the way."""
        self.clock.pause()
        self.tick()
        self.changed()
        self.notify(self.t("run.leave.paused", title=self.session.title))
        self.dismiss()

    def action_rebalance(self) -> None:
        """Offer new lengths for the remaining rounds so the session still ends on time."""
        self.in_order(self.rebalance)

    def rebalance(self) -> None:
        """Propose the rebalance and apply it when accepted."""
        index = self.session.current_round
        if index + 1 >= len(self.session.rounds):
            self.notify(self.t("run.rebalance.nothing"))
            return
        clock, now = self.clock, self.services.clock.now()
        proposal = propose_rebalance(self.current(), index, clock.elapsed, clock.planned)

        def apply(accepted: bool | None) -> None:
            if accepted:
                self.session = replace(self.session, rounds=proposal.rounds)
                self.set_status(end_line(self, proposal, now))
                self.changed()

        self.app.push_screen(RebalanceModal(self.session, proposal, now), apply)
