"""Provides ConfirmScreen: a yes-or-no question that dismisses with True or False."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from screens.base import AppModal
from screens.keep_typing import KeepsTyping


class ConfirmScreen(KeepsTyping, AppModal[bool]):
    """Asks before anything irreversible; y confirms, n or escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "key.yes"),
        Binding("n,escape", "answer(False)", "key.no"),
    ]

    def __init__(self, question: str, confirm_label: str, cancel_label: str | None = None) -> None:
        super().__init__(id="confirm")
        self.question = question
        self.confirm_label = confirm_label
        self.cancel_label = cancel_label

    def compose(self) -> ComposeResult:
        """The question and two buttons; the safe one has focus."""
        with Vertical(classes="dialog"):
            yield Label(self.question, id="question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.cancel_label or self.t("confirm.cancel"), id="cancel")
                yield Button(self.confirm_label, id="confirm-yes", variant="error")

    def on_mount(self) -> None:
        """Focus the safe choice."""
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        """Dismiss with the answer."""
        self.dismiss(answer)
