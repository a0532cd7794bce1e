"""Provides RoomAddressModal: confirms the local address and port a room is served on.

The machine's LAN address comes first when one is found, else 127.0.0.1 (this machine only).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from screens.base import AppModal


class RoomAddressModal(AppModal[tuple[str, int] | None]):
    """Enter or the Open button serves the room on the address and port shown; Escape cancels."""

    DEFAULT_CSS = """
    RoomAddressModal {
        align: center middle;
    }
    #room-box {
        width: 64;
        max-width: 100%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    #room-box Input {
        width: 100%;
        border-title-color: $text;
    }
    #room-buttons {
        height: auto;
        margin-top: 1;
    }
    #room-buttons Button {
        margin-right: 2;
    }
    #room-error {
        text-style: bold;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "room_mode.cancel"),
    ]

    def __init__(self, addresses: list[str], port: int) -> None:
        super().__init__()
        self.addresses = addresses or ["127.0.0.1"]
        self.port = port

    def compose(self) -> ComposeResult:
        with Vertical(id="room-box"):
            yield Static(self.t("room_mode.modal_heading"), id="room-heading")
            yield Static(
                self.t("room_mode.modal_found", addresses=", ".join(self.addresses)),
                id="room-found",
                markup=False,
            )
            host = Input(self.addresses[0], id="room-host")
            host.border_title = self.t("room_mode.address_label")
            yield host
            port = Input(str(self.port), id="room-port", type="integer", max_length=5)
            port.border_title = self.t("room_mode.port_label")
            yield port
            yield Static("", id="room-error")
            with Horizontal(id="room-buttons"):
                yield Button(self.t("room_mode.open_room"), id="room-open", variant="primary")
                yield Button(self.t("room_mode.cancel"), id="room-cancel")

    def on_mount(self) -> None:
        self.query_one("#room-open", Button).focus()

    def answer(self) -> tuple[str, int] | None:
        """The address and port typed, or None (with the problem shown) when unusable."""
        host = self.query_one("#room-host", Input).value.strip()
        port_text = self.query_one("#room-port", Input).value.strip()
        port = int(port_text) if port_text.isdigit() else -1
        problem = ""
        if not host or host in {"0.0.0.0", "::", "*"}:  # noqa: S104 - refused, not bound
            problem = self.t("room_mode.bad_address")
        elif not 1024 <= port <= 65535:
            problem = self.t("room_mode.bad_port")
        self.query_one("#room-error", Static).update(problem)
        return None if problem else (host, port)

    def _submit(self) -> None:
        answer = self.answer()
        if answer is not None:
            self.dismiss(answer)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "room-open":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Close without opening a room."""
        self.dismiss(None)
