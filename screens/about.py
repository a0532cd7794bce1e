"""Provides AboutScreen: where the reflection model comes from, to explain it to the room.

The text is facilitator.about's, the same the reports end with.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from facilitator.about import about_model
from screens.base import AppModal


class AboutScreen(AppModal[None]):
    """The citation, the three corners and their interplay, and what is this tool's own."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "key.close"),
    ]

    def __init__(self) -> None:
        super().__init__()

    def compose(self) -> ComposeResult:
        """A title, a scrolling page of short paragraphs and a close button that stays in view."""
        about = about_model(self.facilitator.translator.language)
        with Vertical(id="about-box", classes="dialog"):
            yield Label(about.title, classes="dialog-title")
            with VerticalScroll(id="about-page"):
                yield Static(about.model, classes="about-text", markup=False)
                yield Label(about.corners_heading, classes="about-heading")
                for corner in about.corners:
                    yield Static(f"• {corner}", classes="about-text", markup=False)
                yield Static(about.both_sides, classes="about-text", markup=False)
                yield Label(about.interplay_heading, classes="about-heading")
                yield Static(about.interplay, classes="about-text", markup=False)
                yield Static(about.esther, classes="about-text", markup=False)
                yield Label(about.own_aids_heading, classes="about-heading")
                yield Static(about.own_aids, classes="about-text", markup=False)
                yield Label(about.source, classes="about-heading")
                yield Static(
                    about.citation, id="about-citation", classes="about-text", markup=False
                )
            with Horizontal(classes="buttons"):
                yield Button(self.t("about.close"), id="about-close")

    @on(Button.Pressed, "#about-close")
    def _close_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        """Back to where the user was."""
        self.dismiss(None)
