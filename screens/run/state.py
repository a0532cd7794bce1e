"""Provides RunState: the session being run and the Esther card beside it.

The one thing the round controller and the capture controller share; each changes the
session through it and neither keeps a copy.
"""

from __future__ import annotations

from facilitator.esther import EstherCard, card_summary
from facilitator.session import Session
from facilitator.templates.model import RoundTemplate
from facilitator.vocabulary import RoundKind


class RunState:
    """The session as it stands on the run screen, and the improvement work's card."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.esther: EstherCard | None = None  # read from the vault after the screen mounts

    @property
    def round(self) -> RoundTemplate:
        """The template of the current round."""
        return self.session.template.round(self.session.rounds[self.session.current_round].round_id)

    @property
    def last_round(self) -> bool:
        """Whether the current round is the session's last."""
        return self.session.current_round + 1 >= len(self.session.rounds)

    def esther_line(self, *, presenter: bool = False) -> str | None:
        """The Esther card on one line, in the opening round only (on the projector if asked)."""
        card = self.esther
        if card is None or card.empty or self.round.kind != RoundKind.OPENING:
            return None
        if presenter and not card.on_presenter:
            return None
        return card_summary(card, self.session.language)
