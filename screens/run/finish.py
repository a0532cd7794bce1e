"""Provides FinishModal: asks before the last round's end finishes the whole session.

Finishing cannot be undone from the run screen (the summary takes over), so it asks first;
the safe choice, keep going, has the focus.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from screens.base import AppModal


class FinishModal(AppModal[bool]):
    """y or the Finish button finishes the session; n, Escape or Keep going returns to it."""

    CSS_PATH = "finish.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,j", "answer(True)", "run.key.finish"),
        Binding("n,escape", "answer(False)", "run.key.keep_going"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="finish-box"):
            yield Static(self.question, id="finish-question", markup=False)
            with Horizontal(id="finish-buttons"):
                yield Button(self.t("run.finish.keep_going"), id="finish-keep")
                yield Button(self.t("run.finish.confirm"), id="finish-yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#finish-keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "finish-yes")

    def action_answer(self, answer: bool) -> None:
        """Dismiss with the answer."""
        self.dismiss(answer)
