"""Provides the F1 help: every key of the screen underneath and of the app, in two lists."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from screens.base import AppModal
from screens.commands import KeyEntry


class HelpScreen(AppModal[None]):
    """Lists keys so nobody has to guess; any of escape, F1 or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "key.close"),
    ]

    def __init__(self, keys: list[KeyEntry]) -> None:
        super().__init__(id="help")
        self.keys = keys

    def compose(self) -> ComposeResult:
        """A titled scrolling list of key and description lines."""
        with VerticalScroll(id="help-box", classes="dialog"):
            yield Label(self.t("help.title"), classes="dialog-title")
            for heading, everywhere in (("help.screen", False), ("help.app", True)):
                entries = [e for e in self.keys if e.everywhere == everywhere]
                if not entries:
                    continue
                yield Label(self.t(heading), classes="help-heading")
                for entry in entries:
                    line = f"{entry.key_display:<16}{entry.binding.description}"
                    yield Static(line, classes="help-line", markup=False)
            yield Label(self.t("help.palette"), classes="hint")
            yield Label(self.t("help.close"), classes="hint")

    def action_close(self) -> None:
        """Back to where the user was."""
        self.dismiss(None)
