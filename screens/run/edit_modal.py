"""Provides EditModal: change the text of one filed note, rating or action, or leave it as it was.

Enter or Save dismisses with the new text, Escape or Cancel with None; empty text deletes.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from screens.base import AppModal
from screens.keep_typing import stray_character


class EditModal(AppModal[str | None]):
    """One field holding the item's text; dismisses the edited text, or None when cancelled."""

    DEFAULT_CSS = """
    EditModal { align: center middle; }
    #edit-box {
        width: 70; max-width: 100%; height: auto;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    #edit-buttons { height: auto; margin-top: 1; }
    #edit-buttons Button { margin-right: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "capture.key.cancel"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box"):
            yield Static(self.title_text, id="edit-title", markup=False)
            yield Input(self.text, id="edit-text", select_on_focus=False)
            yield Static(self.t("capture.edit_hint"), id="edit-hint")
            with Horizontal(id="edit-buttons"):
                yield Button(self.t("capture.save"), id="edit-save", variant="primary")
                yield Button(self.t("capture.cancel"), id="edit-cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_key(self, event: events.Key) -> None:
        character = stray_character(self, event)
        if character is None:
            return
        event.stop()  # typed while a button has focus: it belongs in the field
        field = self.query_one(Input)
        field.focus()
        field.insert_text_at_cursor(character)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self.query_one(Input).value if event.button.id == "edit-save" else None)

    def action_cancel(self) -> None:
        """Leave the item as it was."""
        self.dismiss(None)
