"""Provides SyncSetupScreen: the server, token file and region for sharing, and withdrawing
a shared summary, from the app as well as from `facilitator sync`.

Reaches sync only through the SyncPort the app was given; every call runs in a worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from facilitator.errors import FacilitatorError, render
from facilitator.outbox import EntryStatus
from facilitator.vocabulary import REGIONS
from screens.base import AppScreen
from screens.confirm import ConfirmScreen
from screens.messages import SetupFailed, SetupShown, Withdrawn

if TYPE_CHECKING:
    from screens.sync_port import SyncPort

NO_REGION = "none"


class SyncSetupScreen(AppScreen[None]):
    """Server URL, token file and region; below them, the shared summaries to withdraw."""

    CSS_PATH = "sync_setup.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key.back"),
        Binding("ctrl+s", "save", "key.sync_save"),
    ]

    def __init__(self) -> None:
        super().__init__(id="sync-setup")

    @property
    def port(self) -> SyncPort:
        """The sync port."""
        return self.services.sync

    def compose(self) -> ComposeResult:
        """The three fields with their buttons, the status line, then the shared summaries."""
        yield Header()
        with VerticalScroll(id="sync-form"):
            yield Static("", id="sync-current", markup=False)
            yield Label(self.t("sync_setup.server"), classes="field-label")
            yield Input(placeholder="https://", id="server")
            yield Label(self.t("sync_setup.token_file"), classes="field-label")
            yield Input(placeholder=self.t("sync_setup.token_file_hint"), id="token-file")
            yield Label(self.t("sync_setup.region"), classes="field-label")
            regions = [(self.t("sync_setup.no_region"), NO_REGION)]
            regions += [(code, code) for code in REGIONS]
            yield Select(regions, value=NO_REGION, allow_blank=False, id="region")
            yield Static("", id="sync-status", markup=False)
            yield Label(self.t("sync_setup.shared"), classes="field-label")
            yield OptionList(id="shared")
        with Horizontal(classes="buttons", id="sync-buttons"):
            yield Button(self.t("sync_setup.save"), id="save", variant="primary")
            yield Button(self.t("sync_setup.withdraw"), id="withdraw", variant="error")
            yield Button(self.t("settings.close"), id="close")
        yield Footer()

    def on_mount(self) -> None:
        """Read the saved set-up and the outbox."""
        self.sub_title = self.t("sync_setup.title")
        self.query_one("#server", Input).focus()
        self._read()

    # Workers: one sync call each, reporting by message ----------------------------------

    def _reason(self, error: Exception) -> str:
        if isinstance(error, FacilitatorError):
            return render(error, self.services.settings.language)
        return self.t("sync_setup.failed")  # never raw network or file text

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-setup-read")
    def _read(self) -> None:
        try:
            setup = self.port.settings()
            entries = self.port.outbox().entries
            vault = self.services.vault
            titles = {s.id: s.title for s in vault.list_sessions()} if vault else {}
        except Exception as error:
            self.post_message(SetupFailed(self._reason(error)))
            return
        latest = {e.summary_id: e for e in entries}
        shared = [
            (
                e.summary_id,
                self.t(
                    "sync_setup.shared_line",
                    status=self.t(f"sync_setup.status_{e.status.value}"),
                    when=f"{e.approved_at:%Y-%m-%d %H:%M}",
                    title=titles.get(e.session_id, e.summary_id[:8]),
                ),
            )
            for e in latest.values()
            if e.status is not EntryStatus.WITHDRAWN
        ]
        self.post_message(SetupShown(setup, shared))

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-setup-write")
    def _save(self, server: str, token_file: str, region: str) -> None:
        try:
            setup = self.port.set_up(server or None, token_file or None, region)
        except Exception as error:
            self.post_message(SetupFailed(self._reason(error)))
            return
        self.post_message(SetupShown(setup, []))
        self.post_message(SetupFailed(""))

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-setup-write")
    def _withdraw(self, summary_id: str) -> None:
        try:
            outcome = self.port.withdraw(summary_id)
        except Exception as error:
            self.post_message(SetupFailed(self._reason(error)))
            return
        self.post_message(Withdrawn(str(outcome)))

    # Message handlers change widgets ----------------------------------------------------

    def on_setup_shown(self, message: SetupShown) -> None:
        """Show what is saved (never the token) and refresh the list of shared summaries."""
        setup = message.setup
        not_set = self.t("sync_setup.not_set")
        self.query_one("#sync-current", Static).update(
            self.t(
                "sync_setup.current",
                server=setup.server or not_set,
                token=self.t("sync_setup.token_set") if setup.configured else not_set,
                region=setup.region or self.t("sync_setup.no_region"),
            )
        )
        self.query_one("#region", Select).value = setup.region or NO_REGION
        if message.shared or not self.query_one("#shared", OptionList).option_count:
            self._show_shared(message.shared)

    def _show_shared(self, shared: list[tuple[str, str]]) -> None:
        options = self.query_one("#shared", OptionList)
        options.clear_options()
        if not shared:
            options.add_option(Option(self.t("sync_setup.nothing_shared"), disabled=True))
        for summary_id, line in shared:
            options.add_option(Option(line, id=summary_id))
        self.query_one("#withdraw", Button).disabled = not shared

    def on_setup_failed(self, message: SetupFailed) -> None:
        """One line under the buttons; empty once a save went through."""
        status = self.query_one("#sync-status", Static)
        status.set_class(bool(message.reason), "error")
        status.update(message.reason or self.t("sync_setup.saved"))
        if message.reason:
            self.notify(message.reason, severity="error")

    def on_withdrawn(self, message: Withdrawn) -> None:
        """Say what the withdrawal did and reload the list."""
        text = self.t(f"cli.sync.withdraw_{message.outcome}")
        self.query_one("#sync-status", Static).update(text)
        self.notify(text)
        self._show_shared([])
        self._read()

    # Buttons and keys -------------------------------------------------------------------

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()

    @on(Button.Pressed, "#withdraw")
    def _withdraw_pressed(self) -> None:
        self.action_withdraw()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Check and save what was typed; empty fields keep what is saved."""
        region = self.query_one("#region", Select).value
        self.query_one("#sync-status", Static).update(self.t("sync_setup.saving"))
        self._save(
            self.query_one("#server", Input).value.strip(),
            self.query_one("#token-file", Input).value.strip(),
            "" if region in (NO_REGION, Select.BLANK) else str(region),
        )

    def action_withdraw(self) -> None:
        """Withdraw the highlighted summary after asking."""
        options = self.query_one("#shared", OptionList)
        index = options.highlighted
        option = options.get_option_at_index(index) if index is not None else None
        if option is None or option.id is None:
            self.query_one("#sync-status", Static).update(self.t("sync_setup.choose_first"))
            return
        summary_id = option.id

        def answered(yes: bool | None) -> None:
            if yes:
                self._withdraw(summary_id)

        question = self.t("sync_setup.withdraw_question")
        self.app.push_screen(ConfirmScreen(question, self.t("sync_setup.withdraw")), answered)

    def action_close(self) -> None:
        """Back to Settings."""
        self.dismiss()
