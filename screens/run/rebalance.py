"""Provides RebalanceModal: shows the proposed new round lengths and asks to apply them."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from facilitator.session import Session
from screens.run.flow import RebalanceProposal
from screens.run.text import localize_keys, tr


class RebalanceModal(ModalScreen[bool]):
    """Enter applies the proposal, Escape keeps the plan; dismisses True when applied."""

    CSS_PATH = "rebalance.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "apply", "run.key.apply", show=True),
        Binding("escape", "keep", "run.key.keep", show=True),
    ]

    def __init__(self, session: Session, proposal: RebalanceProposal) -> None:
        super().__init__()
        localize_keys(self)
        self.session = session
        self.proposal = proposal

    def compose(self) -> ComposeResult:
        titles = {r.id: r.title for r in self.session.template.rounds}
        lines = [Text(tr(self, "run.rebalance.title"), style="bold")]
        for round_id, old, new in self.proposal.changes(self.session):
            title = titles.get(round_id, round_id)
            lines.append(Text(tr(self, "run.rebalance.change", title=title, old=old, new=new)))
        if not self.proposal.fits:
            lines.append(Text(tr(self, "run.rebalance.no_fit"), style="italic"))
        with Vertical(id="rebalance-box"):
            yield Static(Text("\n").join(lines), id="rebalance-text")
            with Horizontal(id="rebalance-buttons"):
                yield Button(tr(self, "run.rebalance.apply"), id="apply", variant="primary")
                yield Button(tr(self, "run.rebalance.keep"), id="keep")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "apply")

    def action_apply(self) -> None:
        """Apply the new plan."""
        self.dismiss(True)

    def action_keep(self) -> None:
        """Keep the current plan."""
        self.dismiss(False)
