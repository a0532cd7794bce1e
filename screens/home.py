"""Provides HomeScreen: sessions by project, filtered by typing; new and resume one key away."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.errors import FacilitatorError
from facilitator.i18n import format_datetime
from facilitator.session import Session
from facilitator.vocabulary import SessionStatus
from screens.announcements import Announcements
from screens.base import AppScreen
from screens.confirm import ConfirmScreen
from screens.messages import (
    SessionDeleted,
    SessionLoaded,
    SessionSaved,
    SessionsListed,
    VaultFailed,
)
from screens.session_list import duplicate, grouped, matches

if TYPE_CHECKING:
    from facilitator.vault import SessionSummary

_BOUND = {"n", "r", "c", "x", "t", "w", "/", "q"}


class HomeScreen(AppScreen[None]):
    """Lists every session; enter opens, n plans, r resumes, t shows trends, w the network."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "key.new"),
        Binding("r", "resume", "key.resume"),
        Binding("enter", "open", "key.open"),
        Binding("c", "duplicate", "key.duplicate"),
        Binding("t", "trends", "key.trends"),
        Binding("w", "network", "key.network"),
        # Out of the footer so it fits 80 columns: delete asks first and is in F1 and the
        # palette; typing filters anyway (the field says so).
        Binding("x,delete", "delete", "key.delete", show=False),
        Binding("slash", "filter", "key.filter", key_display="/", show=False),
        Binding("escape", "clear_filter", "key.clear_filter", show=False),
        Binding("q", "app.quit", "key.quit", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="home")
        self.sessions: list[SessionSummary] = []
        self._pending_select: str | None = None

    def compose(self) -> ComposeResult:
        """Filter field, the grouped list, a line describing the highlighted session."""
        yield Header()
        yield Input(id="filter", placeholder=self.t("home.filter"), select_on_focus=False)
        yield OptionList(id="sessions")
        yield Static("", id="details", markup=False)
        yield Announcements()
        yield Footer()

    def on_mount(self) -> None:
        """Load the list and focus it."""
        self.sub_title = self.t("home.title")
        self.query_one("#sessions", OptionList).focus()
        self.refresh_list()

    def on_screen_resume(self) -> None:
        """Reload when coming back from planning, running or a summary."""
        self.refresh_list()

    def refresh_list(self) -> None:
        """Read the session list in a worker."""
        self._list_sessions()

    # Workers: one vault call each, reporting by message -------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-list")
    def _list_sessions(self) -> None:
        vault = self.services.vault
        if vault is None:
            return
        try:
            self.post_message(SessionsListed(vault.list_sessions()))
        except FacilitatorError as error:
            self.post_message(VaultFailed(str(error)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-open")
    def _load(self, session_id: str) -> None:
        vault = self.services.vault
        assert vault is not None
        try:
            self.post_message(SessionLoaded(vault.load_session(session_id)))
        except FacilitatorError as error:
            self.post_message(VaultFailed(str(error)))

    @work(thread=True, exclusive=False, exit_on_error=False, group="home-write")
    def _duplicate(self, session_id: str) -> None:
        vault = self.services.vault
        assert vault is not None
        try:
            original = vault.load_session(session_id)
            title = self.t("home.copy_title", title=original.title)
            copy = duplicate(original, title, self.services.clock.now())
            vault.save_session(copy)
            self.post_message(SessionSaved(copy))
        except FacilitatorError as error:
            self.post_message(VaultFailed(str(error)))

    @work(thread=True, exclusive=False, exit_on_error=False, group="home-write")
    def _delete(self, session_id: str) -> None:
        vault = self.services.vault
        assert vault is not None
        try:
            vault.delete_session(session_id)
            self.post_message(SessionDeleted(session_id))
        except FacilitatorError as error:
            self.post_message(VaultFailed(str(error)))

    # Message handlers change widgets -----------------------------------------------------

    def on_sessions_listed(self, message: SessionsListed) -> None:
        """Keep the list and redraw it."""
        self.sessions = list(message.sessions)
        self._render_list()

    def on_session_saved(self, message: SessionSaved) -> None:
        """Select the new copy once the list is back."""
        self._pending_select = message.session.id
        self._say(self.t("home.duplicated", title=message.session.title))
        self.refresh_list()

    def on_session_deleted(self, message: SessionDeleted) -> None:
        """Say so and reload."""
        self._say(self.t("home.deleted"))
        self.refresh_list()

    def on_vault_failed(self, message: VaultFailed) -> None:
        """Show the one-line reason."""
        self.notify(message.reason, severity="error")

    def on_session_loaded(self, message: SessionLoaded) -> None:
        """Open a finished session's summary, or run a planned or in-progress one."""
        self.open_session(message.session)

    def open_session(self, session: Session) -> None:
        """Push TUI-B's summary or run screen; say so when that part is not installed."""
        try:
            if session.status == SessionStatus.FINISHED:
                from screens.summary.screen import SummaryScreen

                self.app.push_screen(SummaryScreen(session))
            else:
                from screens.run.screen import RunScreen

                self.app.push_screen(RunScreen(session))
        except ImportError:
            self.notify(self.t("home.screen_missing"), severity="warning")

    # The list ----------------------------------------------------------------------------

    def _status_label(self, status: str) -> str:
        return self.t(f"status.{status}")

    def _visible(self) -> list[SessionSummary]:
        words = self.query_one("#filter", Input).value
        return [s for s in self.sessions if matches(s, words, self._status_label)]

    def _render_list(self) -> None:
        option_list = self.query_one("#sessions", OptionList)
        highlighted = self._highlighted_id()
        option_list.clear_options()
        visible = self._visible()
        language = self.services.settings.language
        options: list[Option] = []
        for project, items in grouped(visible):
            heading = project or self.t("home.no_project")
            options.append(Option(Content.styled(f"▸ {heading}", "bold"), disabled=True))
            for summary in items:
                when = summary.updated or summary.created
                stamp = format_datetime(when, language) if when else ""
                status = self._status_label(summary.status)
                text = (
                    f"  {summary.title[:38]:<38} {status:<12} {stamp:<18} {summary.template_name}"
                )
                options.append(Option(Content(text), id=summary.id))
        option_list.add_options(options)
        target = self._pending_select or highlighted
        self._pending_select = None
        self._highlight(target)
        if not self.sessions:
            self._details(self.t("home.empty"))
        elif not visible:
            self._details(self.t("home.no_match"))

    def _highlight(self, session_id: str | None) -> None:
        option_list = self.query_one("#sessions", OptionList)
        index = None
        if session_id is not None:
            try:
                index = option_list.get_option_index(session_id)
            except Exception:
                index = None
        if index is None:
            index = next((i for i, o in enumerate(option_list.options) if not o.disabled), None)
        option_list.highlighted = index

    def _highlighted_id(self) -> str | None:
        option_list = self.query_one("#sessions", OptionList)
        option = option_list.highlighted_option
        return None if option is None or option.disabled else option.id

    def _selected(self) -> SessionSummary | None:
        session_id = self._highlighted_id()
        return next((s for s in self.sessions if s.id == session_id), None)

    def _selected_or_say(self) -> SessionSummary | None:
        summary = self._selected()
        if summary is None:
            self.notify(self.t("home.nothing_selected"), severity="warning")
        return summary

    @on(OptionList.OptionHighlighted, "#sessions")
    def _highlighted(self) -> None:
        summary = self._selected()
        if summary is not None:
            project = summary.project or self.t("home.no_project")
            self._details(
                self.t(
                    "home.details",
                    title=summary.title,
                    project=project,
                    status=self._status_label(summary.status),
                    template=summary.template_name,
                )
            )

    @on(OptionList.OptionSelected, "#sessions")
    def _chosen(self) -> None:
        self.action_open()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._render_list()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#sessions", OptionList).focus()

    def on_key(self, event: events.Key) -> None:
        """Typing on the list goes to the filter: type-ahead without a mode."""
        focused = self.focused
        if (
            isinstance(focused, OptionList)
            and event.is_printable
            and event.character
            and event.character not in _BOUND
            and not event.character.isspace()
        ):
            field = self.query_one("#filter", Input)
            field.focus()
            field.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    def _details(self, text: str) -> None:
        self.query_one("#details", Static).update(text)

    def _say(self, text: str) -> None:
        if self.facilitator.plain:
            self.facilitator.announce(text)
        else:
            self.notify(text)

    # Actions -------------------------------------------------------------------------------

    def action_new(self) -> None:
        """Plan a new session."""
        from screens.plan import PlanScreen

        def planned(session_id: str | None) -> None:
            if session_id:
                self._pending_select = session_id
                self.refresh_list()

        self.app.push_screen(PlanScreen(), planned)

    def action_open(self) -> None:
        """Open the highlighted session."""
        summary = self._selected_or_say()
        if summary is None:
            return
        self._load(summary.id)

    def action_resume(self) -> None:
        """Open the most recent session in progress."""
        running = [s for s in self.sessions if s.status == SessionStatus.IN_PROGRESS]
        if not running:
            self.notify(self.t("home.nothing_to_resume"))
            return
        self._load(running[0].id)

    def action_duplicate(self) -> None:
        """Copy the highlighted session's plan into a new planned session."""
        summary = self._selected_or_say()
        if summary is None:
            return
        self._duplicate(summary.id)

    def action_delete(self) -> None:
        """Delete the highlighted session after asking."""
        summary = self._selected_or_say()
        if summary is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(summary.id)

        question = self.t("home.delete_question", title=summary.title)
        self.app.push_screen(ConfirmScreen(question, self.t("home.delete_yes")), answered)

    def action_trends(self) -> None:
        """Show how the highlighted session's improvement project moved across sessions."""
        summary = self._selected_or_say()
        if summary is None:
            return
        if not summary.project.strip():
            self.notify(self.t("home.no_project_trends", title=summary.title), severity="warning")
            return
        from screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(summary.project))

    def action_network(self) -> None:
        """Show the network's pooled ratings; say how to set sharing up when it is not."""
        if self.services.sync is None:
            self.notify(self.t("sync.not_set_up"), severity="warning", timeout=10)
            return
        from screens.network import NetworkScreen

        self.app.push_screen(NetworkScreen())

    def action_filter(self) -> None:
        """Focus the filter field."""
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        """Empty the filter and return to the list."""
        self.query_one("#filter", Input).value = ""
        self.query_one("#sessions", OptionList).focus()
