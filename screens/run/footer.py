"""Provides RunFooter: the run screen's fixed, short key line, F1 always first.

Textual's Footer lists whatever the focused widget and screen bind, so it reorders as the
focus moves and cuts F1 off at 80 columns; this one shows the same few keys in one order.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from screens.base import AppPart

# (key pressed on click, key shown, catalog key of its description), in the order shown.
FOOTER_KEYS = (
    ("f1", "F1", "run.footer.help"),
    ("f5", "F5", "run.footer.clock"),
    ("f9", "F9", "run.footer.next"),
    ("f10", "F10", "run.footer.previous"),
    ("ctrl+p", "^p", "run.footer.palette"),
)


class FooterKeyLabel(Static):
    """One key and what it does; a click presses the key."""

    def __init__(self, key: str, display: str, description: str) -> None:
        super().__init__(f"[b]{display}[/b] {description}", classes="run-footer-key")
        self.key = key

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.app.simulate_key(self.key)


class RunFooter(AppPart, Horizontal):
    """The same short key line in every round: help, timer, next, previous, palette."""

    DEFAULT_CSS = """
    RunFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
    }
    RunFooter .run-footer-key {
        width: auto;
        margin-right: 2;
        color: $footer-description-foreground;
    }
    """

    def compose(self) -> ComposeResult:
        for key, display, description in FOOTER_KEYS:
            yield FooterKeyLabel(key, display, self.t(description))
