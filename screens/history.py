"""Provides HistoryScreen: a project's dimensions across its sessions, and its open actions.

Sessions are read from the vault in a thread worker so the screen opens at once.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from facilitator.errors import FacilitatorError, render
from facilitator.followup import SessionStore
from facilitator.reports.project import dimension_trends
from facilitator.session import Session
from facilitator.summary import open_actions
from facilitator.vocabulary import RoleGroup
from screens.base import AppScreen
from screens.messages import HistoryLoaded
from screens.trend_chart import columns_for, trend_lines


def project_sessions(vault: SessionStore, project: str) -> list[Session]:
    """The project's sessions, oldest first (one vault read per session)."""
    summaries = [s for s in vault.list_sessions() if s.project == project]
    summaries.sort(key=lambda s: (s.created is None, s.created))
    return [vault.load_session(s.id) for s in summaries]


class HistoryScreen(AppScreen[None]):
    """Trends per dimension and role group on the dimension's fixed scale, then open actions."""

    CSS_PATH = "history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "key.back")]

    def __init__(self, project: str) -> None:
        super().__init__()
        self.project = project
        self.sessions: list[Session] = []

    def compose(self) -> ComposeResult:
        yield Static(self.t("history.title", project=self.project), id="history-title")
        yield VerticalScroll(id="history")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="history")
    def load(self) -> None:
        """Read the project's sessions off the UI thread."""
        vault = self.services.vault
        assert vault is not None
        try:
            self.post_message(HistoryLoaded(project_sessions(vault, self.project)))
        except FacilitatorError as error:
            self.post_message(HistoryLoaded([], render(error, self.services.settings.language)))

    async def on_history_loaded(self, event: HistoryLoaded) -> None:
        self.sessions = event.sessions
        body = self.query_one("#history", VerticalScroll)
        await body.remove_children()
        if event.error or not event.sessions:
            await body.mount(Static(event.error or self.t("history.no_sessions")))
            return
        await body.mount(Static(self.t("history.heading"), classes="heading"))
        await body.mount(Static(self._trends(), id="history-trends"))
        await body.mount(Static(self.t("history.open_actions"), classes="heading"))
        titles = self._titles()
        await body.mount(Static(self._actions(event.sessions[-1], titles), id="history-actions"))

    def on_resize(self) -> None:
        if self.sessions and self.query("#history-trends"):
            self.query_one("#history-trends", Static).update(self._trends())

    def _titles(self) -> dict[str, str]:
        """Dimension titles in the interface language, else as the sessions' templates say."""
        language = self.services.settings.language
        titles: dict[str, str] = {}
        try:
            templates = self.services.templates(language)
        except FacilitatorError:
            templates = []
        for template in [*templates, *(s.template for s in reversed(self.sessions))]:
            for r in template.rounds:
                if r.dimension:
                    titles.setdefault(r.dimension, r.title)
        return titles

    def _trends(self) -> Text:
        """Every dimension on its own fixed scale, the sessions' dates along the top."""
        language, titles = self.services.settings.language, self._titles()
        groups = [(g, self.t(f"run.group.{g.value}")) for g in RoleGroup]
        columns = columns_for(self.size.width or self.app.size.width)
        say = self.t
        rated = [s for s in self.sessions if s.ratings]  # planned sessions have nothing to show
        lines = [Text(self.t("history.legend"), style="dim")]
        for trend in dimension_trends(rated):
            title = titles.get(trend.dimension, trend.title)
            lines += [Text(""), *trend_lines(trend, title, groups, language, say, columns)]
        if len(lines) == 1:
            return Text(self.t("history.no_data"), style="italic")
        return Text("\n").join(lines)

    def _actions(self, session: Session, titles: dict[str, str]) -> Text:
        actions = open_actions(session)
        if not actions:
            return Text(self.t("history.no_actions"), style="italic")
        lines = []
        for a in actions:
            owner = self.t(f"run.group.{a.owner_role.value}") if a.owner_role else "—"
            due = a.due.isoformat() if a.due else "—"
            lines.append(
                Text(f"• [{titles.get(a.dimension or '', '—')}] {a.text} · {owner} · {due}")
            )
        return Text("\n").join(lines)

    def action_back(self) -> None:
        """Leave the history."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
