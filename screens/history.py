"""Provides HistoryScreen: a project's dimensions across its sessions, and its open actions.

Sessions are read from the vault in a thread worker so the screen opens at once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from facilitator.errors import FacilitatorError, render
from facilitator.reports.project import dimension_trends
from facilitator.session import Session
from facilitator.summary import open_actions
from facilitator.vocabulary import RoleGroup
from screens.base import localize_bindings
from screens.i18n import ui_translator
from screens.run.text import language_of, tr
from screens.trend_chart import columns_for, trend_lines


def project_sessions(vault: Any, project: str) -> list[Session]:
    """The project's sessions, oldest first (one vault read per session)."""
    summaries = [s for s in vault.list_sessions() if s.project == project]
    summaries.sort(key=lambda s: (s.created is None, s.created))
    return [vault.load_session(s.id) for s in summaries]


class HistoryScreen(Screen[None]):
    """Trends per dimension and role group on the dimension's fixed scale, then open actions."""

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
        self.sessions: list[Session] = []
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
        self.sessions = event.sessions
        body = self.query_one("#history", VerticalScroll)
        await body.remove_children()
        if event.error or not event.sessions:
            await body.mount(Static(event.error or tr(self, "history.no_sessions")))
            return
        await body.mount(Static(tr(self, "history.heading"), classes="heading"))
        await body.mount(Static(self._trends(), id="history-trends"))
        await body.mount(Static(tr(self, "history.open_actions"), classes="heading"))
        titles = self._titles()
        await body.mount(Static(self._actions(event.sessions[-1], titles), id="history-actions"))

    def on_resize(self) -> None:
        if self.sessions and self.query("#history-trends"):
            self.query_one("#history-trends", Static).update(self._trends())

    def _titles(self) -> dict[str, str]:
        """Dimension titles in the interface language, else as the sessions' templates say."""
        language = language_of(self)
        titles: dict[str, str] = {}
        try:
            templates = self.app.services.templates(language)  # type: ignore[attr-defined]
        except FacilitatorError:
            templates = []
        for template in [*templates, *(s.template for s in reversed(self.sessions))]:
            for r in template.rounds:
                if r.dimension:
                    titles.setdefault(r.dimension, r.title)
        return titles

    def _trends(self) -> Text:
        """Every dimension on its own fixed scale, the sessions' dates along the top."""
        language, titles = language_of(self), self._titles()
        groups = [(g, tr(self, f"run.group.{g.value}")) for g in RoleGroup]
        columns = columns_for(self.size.width or self.app.size.width)
        say = functools.partial(tr, self)
        rated = [s for s in self.sessions if s.ratings]  # planned sessions have nothing to show
        lines = [Text(tr(self, "history.legend"), style="dim")]
        for trend in dimension_trends(rated):
            title = titles.get(trend.dimension, trend.title)
            lines += [Text(""), *trend_lines(trend, title, groups, language, say, columns)]
        if len(lines) == 1:
            return Text(tr(self, "history.no_data"), style="italic")
        return Text("\n").join(lines)

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
