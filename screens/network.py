"""Provides NetworkScreen: the network's pooled ratings beside the facilitator's own sessions.

Suppressed cells are shown as such, in words, never as a number or a blank. Every figure
carries the 95% margin of the release's noise ("2.40 ± 0.35"), and a line above the table
names the release's date and thresholds. Dimensions and role groups are named in the user's
language, figures with the language's decimal mark.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

from facilitator.errors import render
from facilitator.i18n import format_number
from facilitator.vocabulary import RoleGroup
from screens.base import AppScreen
from screens.messages import NetworkLoaded
from screens.sync_port import NetworkCell

if TYPE_CHECKING:
    from facilitator.templates.model import Template


@dataclass(frozen=True)
class CellWords:
    """What the table writes for a cell: the user's language and the names of things."""

    language: str = "en"
    suppressed: str = "too few to show"
    all_groups: str = "all groups"
    mostly: str = "mostly {point} ({share}%)"
    groups: Mapping[str, str] = field(default_factory=dict)  # role group -> its name
    titles: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (template, dimension)


COLUMNS = ("col_dimension", "col_group", "col_network", "col_sessions", "col_yours")


def network_figure(cell: NetworkCell, words: CellWords) -> str:
    """The network's figure in words: hidden, a mean ± margin, or the commonest scale point."""
    language = words.language
    if cell.suppressed:
        return words.suppressed
    if cell.distribution:
        shares = list(cell.distribution)
        point = max(range(len(shares)), key=lambda i: shares[i])
        share = format_number(100 * shares[point], language, 0)
        if cell.distribution_margin:
            share += f" ± {format_number(100 * cell.distribution_margin, language, 0)}"
        return words.mostly.format(point=point + 1, share=share)
    if cell.mean is None:
        return "—"
    figure = format_number(cell.mean, language, 2)
    if cell.mean_margin:
        figure += f" ± {format_number(cell.mean_margin, language, 2)}"
    return figure


def cell_texts(cell: NetworkCell, words: CellWords) -> tuple[str, str, str, str, str]:
    """One table row: dimension, role group, network figure, sessions pooled, your sessions."""

    def number(value: float | None) -> str:
        return format_number(value or 0.0, words.language, 2)

    network = network_figure(cell, words)
    people = "—" if cell.suppressed or cell.sessions is None else str(cell.sessions)
    yours = "—" if cell.own_mean is None else f"{number(cell.own_mean)} ({cell.own_sessions})"
    dimension = words.titles.get((cell.template, cell.dimension), cell.dimension)
    group = words.all_groups if cell.role_group is None else cell.role_group
    return dimension, words.groups.get(group, group), network, people, yours


def dimension_titles(templates: Sequence[Template]) -> dict[tuple[str, str], str]:
    """Each template's dimension titles, so the table names dimensions as the rounds do."""
    return {
        (template.id, r.dimension): r.title
        for template in templates
        for r in template.rounds
        if r.dimension
    }


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
            yield Static("", id="release")
            yield DataTable(id="cells", zebra_stripes=True, cursor_type="row")
            yield Static(self.t("sync.loading"), id="status")
        yield Footer()

    def on_mount(self) -> None:
        self._fill(())
        self.action_refresh()

    def action_refresh(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync")
    def load(self) -> None:
        """Fetch the cells off the UI thread; without a server, say how to set one up."""
        port = self.services.sync
        try:
            if not port.configured():
                self.post_message(NetworkLoaded((), self.t("sync.not_set_up")))
                return
            cells = port.stats()
        except Exception as error:  # a one-line message from sync
            self.post_message(NetworkLoaded((), render(error, self.services.settings.language)))
            return
        try:
            titles = dimension_titles(self.services.templates(self.services.settings.language))
        except Exception:  # the dimension's id still names it
            titles = {}
        self.post_message(NetworkLoaded(cells, titles=titles))

    def on_network_loaded(self, message: NetworkLoaded) -> None:
        words = CellWords(
            language=self.services.settings.language,
            suppressed=self.t("sync.suppressed"),
            all_groups=self.t("sync.all_groups"),
            mostly=self.t("sync.mostly", point="{point}", share="{share}"),
            groups={g.value: self.t(f"run.group.{g.value}") for g in RoleGroup},
            titles=message.titles,
        )
        self._fill([cell_texts(cell, words) for cell in message.cells])
        self.query_one("#release", Static).update(self._release_text(message.cells))
        self.query_one("#status", Static).update(message.error or "")

    def _release_text(self, cells: Sequence[NetworkCell]) -> str:
        """One sentence on the release the cells come from: date, noise and thresholds."""
        release = next((c.release for c in cells if c.release is not None), None)
        if release is None:
            return ""
        return self.t(
            "sync.release" if release.noise else "sync.release_exact",
            date=release.released_on,
            sessions=release.min_sessions,
            organisations=release.min_organisations,
        )

    def _fill(self, rows: Sequence[tuple[str, ...]]) -> None:
        """Columns as wide as their widest text, so no figure is cut; then the rows."""
        table = self.query_one("#cells", DataTable)
        table.clear(columns=True)
        for index, key in enumerate(COLUMNS):
            label = self.t(f"sync.{key}")
            width = max(cell_len(text) for text in (label, *(row[index] for row in rows)))
            table.add_column(label, width=width)
        for row in rows:
            table.add_row(*row)
