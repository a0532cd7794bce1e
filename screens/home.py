"""Provides HomeScreen: sessions by project, filtered by typing; new and resume one key away."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Input, OptionList, Static

from facilitator.errors import FacilitatorError, render
from facilitator.session import Session
from facilitator.vocabulary import SessionStatus
from screens.announcements import Announcements
from screens.base import localize_bindings
from screens.confirm import ConfirmScreen
from screens.integrity import fresh_warnings
from screens.messages import (
    EarlierSaveLoaded,
    SessionDeleted,
    SessionLoaded,
    SessionSaved,
    SyncChecked,
    VaultFailed,
)
from screens.session_list import SessionListScreen, duplicate


class HomeScreen(SessionListScreen):
    """Lists every session; enter opens, n plans, r resumes, t shows trends, w the network."""

    BOUND_KEYS: ClassVar[frozenset[str]] = frozenset(
        {"n", "r", "c", "x", "t", "w", "/", "q", "a", "e", "s"}
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "key.new"),
        Binding("r", "resume", "key.resume"),
        Binding("enter", "open", "key.open"),
        # show=False keeps the footer within 80 columns with F1 Help in Swedish too; hidden
        # keys stay in F1 help and the palette, and typing filters anyway (the field says so).
        Binding("c", "duplicate", "key.duplicate", show=False),
        Binding("t", "trends", "key.trends"),
        Binding("w", "network", "key.network", show=False),
        Binding("x,delete", "delete", "key.delete", show=False),
        Binding("slash", "filter", "key.filter", key_display="/", show=False),
        Binding("escape", "clear_filter", "key.clear_filter", show=False),
        Binding("q", "app.quit", "key.quit", show=False),
        Binding("a", "about", "key.about", show=False),
        Binding("e", "esther", "key.esther", show=False),
        Binding("s", "settings", "key.settings", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="home")

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
        if self.services.vault is not None:
            language = self.services.settings.language
            for warning in fresh_warnings(self.services.vault, language):
                self.notify(warning, severity="warning", timeout=60, markup=False)

    def on_screen_resume(self) -> None:
        """Reload when coming back from planning, running or a summary."""
        self.refresh_list()

    # Workers: one vault (or sync settings) call each, reporting by message ---------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-open")
    def _load(self, session_id: str) -> None:
        vault = self.services.vault
        assert vault is not None
        try:
            session = vault.load_session(session_id)
            warnings = fresh_warnings(vault, self.services.settings.language)
            if warnings:
                self.post_message(EarlierSaveLoaded(session, warnings))
            else:
                self.post_message(SessionLoaded(session))
        except FacilitatorError as error:
            self.post_message(VaultFailed(render(error, self.services.settings.language)))

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
            self.post_message(VaultFailed(render(error, self.services.settings.language)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-sync")
    def _check_sync(self) -> None:
        try:
            self.post_message(SyncChecked(self.services.sync.configured()))
        except Exception as error:  # a one-line message from the core
            self.post_message(SyncChecked(False, render(error, self.services.settings.language)))

    @work(thread=True, exclusive=False, exit_on_error=False, group="home-write")
    def _delete(self, session_id: str) -> None:
        vault = self.services.vault
        assert vault is not None
        try:
            vault.delete_session(session_id)
            self.post_message(SessionDeleted(session_id))
        except FacilitatorError as error:
            self.post_message(VaultFailed(render(error, self.services.settings.language)))

    # Message handlers change widgets -----------------------------------------------------

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

    def on_earlier_save_loaded(self, message: EarlierSaveLoaded) -> None:
        """Say which save is shown and open it only when the user agrees."""
        question = self.t("integrity.question", warnings="\n".join(message.warnings))

        def answered(yes: bool | None) -> None:
            if yes:
                self.open_session(message.session)

        self.app.push_screen(ConfirmScreen(question, self.t("integrity.open_earlier")), answered)

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

    @on(OptionList.OptionSelected, "#sessions")
    def _chosen(self) -> None:
        self.action_open()

    def _say(self, text: str) -> None:
        if self.facilitator.plain:
            self.facilitator.announce(text)
        else:
            self.notify(text)

    # Actions -------------------------------------------------------------------------------

    def action_new(self) -> None:
        """Plan a new session."""
        from screens.plan import Planned, PlanScreen

        def planned(plan: Planned | None) -> None:
            if plan is None:
                return
            self._pending_select = plan.session.id
            self.refresh_list()
            if plan.start:
                self.open_session(plan.session)

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
        self._check_sync()

    def on_sync_checked(self, message: SyncChecked) -> None:
        """Open the network view once sync is known to be set up."""
        if message.error:
            self.notify(message.error, severity="error")
        elif not message.configured:
            self._not_set_up()
        else:
            from screens.network import NetworkScreen

            self.app.push_screen(NetworkScreen())

    def _not_set_up(self) -> None:
        self.notify(self.t("sync.not_set_up"), severity="warning", timeout=10)

    def action_about(self) -> None:
        """Show where the reflection model comes from."""
        from screens.about import AboutScreen

        self.app.push_screen(AboutScreen())

    def action_esther(self) -> None:
        """Write the Esther card of the highlighted session's improvement work."""
        summary = self._selected_or_say()
        if summary is None:
            return
        project = summary.project.strip()
        if not project:
            self.notify(self.t("esther.no_project", title=summary.title), severity="warning")
            return
        from screens.esther_card import EstherCardScreen

        def saved(card: object) -> None:
            if card is not None:
                self._say(self.t("esther.saved", project=project))

        self.app.push_screen(EstherCardScreen(project), saved)

    def action_settings(self) -> None:
        """Open the Settings screen; a new language redraws this list in it."""
        from screens.settings_screen import SettingsScreen

        def closed(language_changed: bool | None) -> None:
            if language_changed:
                self.call_later(self._redraw_in_language)

        self.app.push_screen(SettingsScreen(), closed)

    async def _redraw_in_language(self) -> None:
        """Compose this screen again, with its keys, in the newly chosen language."""
        if self._merged_bindings is not None:
            self._bindings = self._merged_bindings.copy()
        localize_bindings(self, self.facilitator.translator)
        await self.recompose()
        self.on_mount()

    def action_filter(self) -> None:
        """Focus the filter field."""
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        """Empty the filter and return to the list."""
        self.query_one("#filter", Input).value = ""
        self.query_one("#sessions", OptionList).focus()
