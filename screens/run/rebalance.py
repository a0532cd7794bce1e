"""Provides RebalanceModal: shows the proposed new round lengths and asks to apply them.

It says when the session will end with the new plan, or truthfully that the planned end
cannot be kept and how late the earliest end is; the running round's countdown never changes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from facilitator.rebalance import RebalanceProposal
from facilitator.session import Session
from screens.base import AppModal, AppPart
from screens.keep_typing import KeepsTyping


class RebalanceModal(KeepsTyping, AppModal[bool]):
    """Enter applies the proposal, Escape keeps the plan; dismisses True when applied."""

    CSS_PATH = "rebalance.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "apply", "run.key.apply", show=True),
        Binding("escape", "keep", "run.key.keep", show=True),
    ]

    def __init__(self, session: Session, proposal: RebalanceProposal, now: datetime) -> None:
        super().__init__()
        self.session = session
        self.proposal = proposal
        self.now = now

    def compose(self) -> ComposeResult:
        titles = {r.id: r.title for r in self.session.template.rounds}
        lines = [Text(self.t("run.rebalance.title"), style="bold")]
        for round_id, old, new in self.proposal.changes(self.session):
            title = titles.get(round_id, round_id)
            lines.append(Text(self.t("run.rebalance.change", title=title, old=old, new=new)))
        lines.append(Text(end_line(self, self.proposal, self.now), style="bold"))
        with Vertical(id="rebalance-box"):
            yield Static(Text("\n").join(lines), id="rebalance-text")
            with Horizontal(id="rebalance-buttons"):
                yield Button(self.t("run.rebalance.apply"), id="apply", variant="primary")
                yield Button(self.t("run.rebalance.keep"), id="keep")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "apply")

    def action_apply(self) -> None:
        """Apply the new plan."""
        self.dismiss(True)

    def action_keep(self) -> None:
        """Keep the current plan."""
        self.dismiss(False)


def clock_time(now: datetime, seconds: float) -> str:
    """The local time of day `seconds` after `now`, as HH:MM."""
    return (now + timedelta(seconds=seconds)).astimezone().strftime("%H:%M")


def end_line(part: AppPart, proposal: RebalanceProposal, now: datetime) -> str:
    """'The session still ends at 15:00', or why it cannot and the earliest end instead."""
    end = clock_time(now, proposal.end_seconds)
    if proposal.fits:
        return part.t("run.rebalance.keeps_end", end=end)
    best = clock_time(now, proposal.best_seconds)
    return part.t("run.rebalance.cannot", end=end, best=best, late=proposal.late_minutes)
