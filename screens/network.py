"""Provides NetworkScreen: the network's pooled ratings beside the facilitator's own sessions.

Suppressed cells are shown as such, in words, never as a number or a blank.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer, Static

from facilitator.errors import render
from screens.base import AppScreen
from screens.sync_port import NetworkCell


@dataclass
class NetworkLoaded(Message):
    """The network's cells, or why they could not be fetched."""

    cells: Sequence[NetworkCell]
    error: str | None = None


@dataclass
class SyncChecked(Message):
    """Whether sync is set up (a server and a token saved), or why that could not be read."""

    configured: bool
    error: str | None = None


def cell_texts(cell: NetworkCell, suppressed: str) -> tuple[str, str, str, str, str]:
    """One table row: dimension, role group, network figure, people, your sessions."""
    network = suppressed if cell.suppressed else f"{cell.mean:.2f} ± {cell.spread:.2f}"
    people = "—" if cell.suppressed or cell.people is None else str(cell.people)
    yours = "—" if cell.own_mean is None else f"{cell.own_mean:.2f} ({cell.own_sessions})"
    return cell.dimension, cell.role_group or "—", network, people, yours


class NetworkScreen(AppScreen[None]):
    """The network view: pooled cells per dimension and role group, and yours beside them."""

    CSS_PATH = "network.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh", "sync.refresh"),
        Binding("escape", "back", "sync.back"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="network"):
            yield Static(self.t("sync.network_title"), id="title")
            yield Static(self.t("sync.network_help"), id="help")
            yield DataTable(id="cells", zebra_stripes=True, cursor_type="row")
            yield Static(self.t("sync.loading"), id="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#cells", DataTable)
        for key in ("col_dimension", "col_group", "col_network", "col_people", "col_yours"):
            table.add_column(self.t(f"sync.{key}"))
        self.action_refresh()

    def action_refresh(self) -> None:
        if self.services.sync is None:
            self.query_one("#status", Static).update(self.t("sync.unavailable"))
            return
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync")
    def load(self) -> None:
        """Fetch the cells off the UI thread; without a server, say how to set one up."""
        port = self.services.sync
        assert port is not None
        try:
            if not port.configured():
                self.post_message(NetworkLoaded((), self.t("sync.not_set_up")))
                return
            self.post_message(NetworkLoaded(port.stats()))
        except Exception as error:  # a one-line message from sync
            self.post_message(NetworkLoaded((), render(error, self.services.settings.language)))

    def on_network_loaded(self, message: NetworkLoaded) -> None:
        table = self.query_one("#cells", DataTable)
        table.clear()
        suppressed = self.t("sync.suppressed")
        for cell in message.cells:
            table.add_row(*cell_texts(cell, suppressed))
        self.query_one("#status", Static).update(message.error or "")
