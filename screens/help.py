"""Provides the F1 help: every key of the screen underneath and of the app, in two lists."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, Static

from screens.base import AppModal
from screens.commands import KeyEntry
from screens.keep_typing import KeepsTyping


class HelpScreen(KeepsTyping, AppModal[None]):
    """Lists keys so nobody has to guess; any of escape, F1 or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "key.close"),
        Binding("a", "about", "key.about"),
    ]

    def __init__(self, keys: list[KeyEntry]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        """A titled scrolling list of key and description lines."""
        with VerticalScroll(id="help-box", classes="dialog"):
            with Horizontal(id="help-top"):
                yield Label(self.t("help.title"), classes="dialog-title")
                yield Button(self.t("help.about"), id="help-about", compact=True)
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

    @on(Button.Pressed, "#help-about")
    def _about_pressed(self) -> None:
        self.action_about()

    def action_about(self) -> None:
        """Close the help and show About the model; nothing once help has closed."""
        from screens.about import AboutScreen

        if not self.is_active:  # a press queued before help closed
            return
        self.dismiss(None)
        self.app.push_screen(AboutScreen())

    def action_close(self) -> None:
        """Back to where the user was."""
        self.dismiss(None)
