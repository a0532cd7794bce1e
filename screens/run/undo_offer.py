"""Provides UndoOffer: the line offering to undo the last round move, and what undo restores.

Shown for UNDO_SECONDS after next round or skip (on the injected clock), so a key pressed
once too often costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from facilitator.session import ClockState, RoundRecord
from facilitator.vocabulary import SessionStatus

UNDO_SECONDS = 10.0


@dataclass(frozen=True)
class RoundMove:
    """The round state from just before a move, and when (monotonic seconds) it happened."""

    rounds: tuple[RoundRecord, ...]
    current_round: int
    status: SessionStatus
    clock: ClockState
    prompt_index: int
    at: float

    def expired(self, now: float) -> bool:
        """Whether the offer to undo has been shown long enough."""
        return now - self.at >= UNDO_SECONDS


class UndoOffer(Horizontal):
    """'Moved to round 3 of 5.' with an Undo button; hidden until a move is made.

    It holds the move it offers to undo, so the offer and what undo restores have one owner.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.move: RoundMove | None = None  # the last next or skip, while undo is offered

    def compose(self) -> ComposeResult:
        yield Static("", id="undo-text", markup=False)
        button = Button("", id="undo-move", compact=True)
        button.can_focus = False  # ctrl+z is the key; Tab stays among the capture fields
        yield button

    def offer(self, move: RoundMove, text: str, button: str) -> None:
        """Offer to undo `move`, with the offer's text and button label."""
        self.move = move
        self.query_one("#undo-text", Static).update(text)
        self.query_one("#undo-move", Button).label = button
        self.display = True

    def withdraw(self) -> None:
        """Hide the offer; there is nothing to undo any more."""
        self.move = None
        self.display = False

    def expire(self, now: float) -> bool:
        """Withdraw the offer once shown for UNDO_SECONDS; whether it was withdrawn now."""
        if self.move is None or not self.move.expired(now):
            return False
        self.withdraw()
        return True
