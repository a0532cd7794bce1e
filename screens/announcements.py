"""Provides Announcements: the text log of state changes shown in accessible (plain) mode."""

from __future__ import annotations

from typing import Any

from textual.widgets import Log

from screens.base import AppPart


class Announcements(AppPart, Log):
    """State changes as plain lines a screen reader can follow; hidden outside plain mode."""

    DEFAULT_CSS = """
    Announcements { height: 3; border-top: solid $primary; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_lines=200, auto_scroll=True, **kwargs)

    def on_mount(self) -> None:
        """Show only in plain mode, with what was announced so far."""
        app = self.facilitator
        self.display = app.plain
        for line in app.announcements[-3:]:
            self.write_line(line)

    def add(self, text: str) -> None:
        """Append one announcement."""
        self.write_line(text)
