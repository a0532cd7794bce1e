"""Provides RoundUndo: the offer to undo the last next or skip, and keys kept in order.

Layered on RunState and below RoundFlow, which records a RoundMove before each move.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.widgets import Button

from facilitator.round_clock import RoundClock
from facilitator.session import Session
from screens.run.notes import NotesPane
from screens.run.state import RunState
from screens.run.undo_offer import RoundMove, UndoOffer


class RoundUndo(RunState):
    """Offers undo of a round move for UNDO_SECONDS and puts the round back when asked."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._move: RoundMove | None = None  # the last next or skip, while undo is offered
        self._fired: set[str] = set()  # milestones said in this round

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

    def _offer_undo(self, move: RoundMove) -> None:
        self._move = move
        text = self._round_words("run.undo.moved")
        self.query_one(UndoOffer).offer(text, self.t("run.undo.button"))
        self.refresh_bindings()

    def _withdraw_undo(self) -> None:
        self._move = None
        self.query_one(UndoOffer).withdraw()
        self.refresh_bindings()

    def expire_undo(self) -> None:
        """Withdraw the undo offer once it has been shown for UNDO_SECONDS."""
        move = self._move
        if move is not None and move.expired(self.services.clock.monotonic()):
            self._withdraw_undo()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+z undoes a round move only while the offer shows; otherwise it passes on."""
        if action == "undo_move":
            return self._move is not None
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
        move = self._move
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
