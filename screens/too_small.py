"""Provides the polite notice shown while the terminal is smaller than 80x24."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center
from textual.widgets import Static

from screens.base import AppModal
from screens.keep_typing import KeepsTyping


class TooSmallScreen(KeepsTyping, AppModal[None]):
    """Covers the app until the terminal is large enough again; nothing underneath is lost.

    A notice left under a newer screen dismisses itself when it comes back on top at full size.
    """

    def compose(self) -> ComposeResult:
        """One centred paragraph with the current and the needed size."""
        with Center():
            yield Static(id="too-small-text", markup=False)

    def on_mount(self) -> None:
        """Say how big the terminal is now."""
        self._describe()

    def on_resize(self) -> None:
        """Keep the numbers current and leave once big enough."""
        self._describe()
        self.facilitator.check_size()

    def on_screen_resume(self) -> None:
        """Leave at once if the terminal grew while another screen was on top."""
        self.facilitator.check_size()

    def _describe(self) -> None:
        width, height = self.app.size
        text = self.t("too_small.text", width=width, height=height, min_width=80, min_height=24)
        self.query_one("#too-small-text", Static).update(text)
