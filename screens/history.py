"""Provides HistoryScreen: a project's dimensions across its sessions, and its open actions.

Sessions are read from the vault in a thread worker so the screen opens at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, Sparkline, Static

from facilitator.errors import FacilitatorError, render
from facilitator.i18n import format_number
from facilitator.session import Session
from facilitator.summary import open_actions, rating_trend
from facilitator.vocabulary import RoleGroup
from screens.base import localize_bindings
from screens.i18n import ui_translator
from screens.run.text import language_of, tr


def project_sessions(vault: Any, project: str) -> list[Session]:
    """The project's sessions, oldest first (one vault read per session)."""
    summaries = [s for s in vault.list_sessions() if s.project == project]
    summaries.sort(key=lambda s: (s.created is None, s.created))
    return [vault.load_session(s.id) for s in summaries]


class HistoryScreen(Screen[None]):
    """Trends per dimension and role group (sparklines with the numbers), then open actions."""

    CSS_PATH = "history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "key.back")]

    @dataclass
    class Loaded(Message):
        """The project's sessions were read (or could not be)."""

        sessions: list[Session]
        error: str = ""

    def __init__(self, project: str) -> None:
        super().__init__()
        self.project = project
        localize_bindings(self, ui_translator(language_of(self)))

    def compose(self) -> ComposeResult:
        yield Static(tr(self, "history.title", project=self.project), id="history-title")
        yield VerticalScroll(id="history")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="history")
    def load(self) -> None:
        """Read the project's sessions off the UI thread."""
        vault = self.app.services.vault  # type: ignore[attr-defined]
        try:
            self.post_message(self.Loaded(project_sessions(vault, self.project)))
        except FacilitatorError as error:
            self.post_message(self.Loaded([], render(error, language_of(self))))

    async def on_history_screen_loaded(self, event: Loaded) -> None:
        body = self.query_one("#history", VerticalScroll)
        await body.remove_children()
        if event.error or not event.sessions:
            await body.mount(Static(event.error or tr(self, "history.no_sessions")))
            return
        await body.mount(Static(tr(self, "history.trends"), classes="heading"))
        titles: dict[str, str] = {}
        for session in event.sessions:
            for r in session.template.rounds:
                if r.dimension:
                    titles.setdefault(r.dimension, r.title)
        language = language_of(self)
        for dimension, title in titles.items():
            await body.mount(Static(Text(title, style="bold"), classes="dimension"))
            for group in RoleGroup:
                points = rating_trend(event.sessions, dimension, group)
                values = [p.mean for p in points]
                numbers = "  ".join(format_number(v, language, 1) for v in values)
                numbers = numbers or tr(self, "history.no_data")
                row = Horizontal(
                    Label(tr(self, f"run.group.{group.value}"), classes="trend-label"),
                    Sparkline(values, classes="trend-line"),
                    Static(numbers, classes="trend-numbers"),
                    classes="trend-row",
                )
                await body.mount(row)
        await body.mount(Static(tr(self, "history.open_actions"), classes="heading"))
        await body.mount(Static(self._actions(event.sessions[-1], titles), id="history-actions"))

    def _actions(self, session: Session, titles: dict[str, str]) -> Text:
        actions = open_actions(session)
        if not actions:
            return Text(tr(self, "history.no_actions"), style="italic")
        lines = []
        for a in actions:
            owner = tr(self, f"run.group.{a.owner_role.value}") if a.owner_role else "—"
            due = a.due.isoformat() if a.due else "—"
            lines.append(
                Text(f"• [{titles.get(a.dimension or '', '—')}] {a.text} · {owner} · {due}")
            )
        return Text("\n").join(lines)

    def action_back(self) -> None:
        """Leave the history."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
