"""Provides the first-run screens: choose a passphrase, then see the recovery key once."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.widgets import Button, Checkbox, Footer, Input, Label, LoadingIndicator, Static

from facilitator.errors import FacilitatorError
from screens.announcements import Announcements
from screens.base import AppScreen
from screens.messages import VaultOpened, VaultRefused
from screens.passphrase import MIN_LENGTH, strength

_STRENGTH_KEYS = ("create.too_short", "create.weak", "create.fair", "create.strong")


class CreateVaultScreen(AppScreen[None]):
    """Passphrase typed twice with a strength hint; the key is derived in a worker."""

    def compose(self) -> ComposeResult:
        """Explanation, the two fields, the hint and the status line."""
        with Center(), Vertical(classes="dialog", id="create-box"):
            yield Label(self.t("create.title"), classes="dialog-title")
            yield Static(self.t("create.intro"), classes="hint", markup=False)
            yield Input(password=True, id="passphrase", placeholder=self.t("create.first"))
            yield Label(self.t("create.too_short", min=MIN_LENGTH), id="strength")
            yield Input(password=True, id="again", placeholder=self.t("create.second"))
            yield LoadingIndicator(id="working")
            yield Label("", id="status", classes="status", markup=False)
        yield Announcements()
        yield Footer()

    def on_mount(self) -> None:
        """Hide progress and focus the first field."""
        self.query_one("#working").display = False
        self.query_one("#passphrase", Input).focus()

    @on(Input.Changed, "#passphrase")
    def _hint(self, event: Input.Changed) -> None:
        level = strength(event.value)
        self.query_one("#strength", Label).update(self.t(_STRENGTH_KEYS[level], min=MIN_LENGTH))

    @on(Input.Submitted, "#passphrase")
    def _next(self) -> None:
        self.query_one("#again", Input).focus()

    @on(Input.Submitted, "#again")
    def _submitted(self) -> None:
        first = self.query_one("#passphrase", Input).value
        second = self.query_one("#again", Input).value
        if strength(first) == 0:
            self._status(self.t("create.too_short", min=MIN_LENGTH), error=True)
            self.query_one("#passphrase", Input).focus()
            return
        if first != second:
            self._status(self.t("create.mismatch"), error=True)
            self.query_one("#again", Input).value = ""
            self.query_one("#again", Input).focus()
            return
        self._busy(True)
        self._status(self.t("create.working"))
        self._create(first)

    @work(thread=True, exclusive=True, exit_on_error=False, group="vault")
    def _create(self, passphrase: str) -> None:
        """Derive the key and write the new vault off the UI thread."""
        try:
            vault, recovery_key = self.services.create_vault(passphrase)
        except FacilitatorError as error:
            self.post_message(VaultRefused(str(error)))
        else:
            self.post_message(VaultOpened(vault, recovery_key))

    def on_vault_refused(self, message: VaultRefused) -> None:
        """Say why and let the user change the passphrase."""
        self._busy(False)
        self._status(message.reason, error=True)

    def _busy(self, busy: bool) -> None:
        self.query_one("#working").display = busy
        for field in self.query(Input):
            field.disabled = busy

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#status", Label)
        status.update(text)
        status.set_class(error, "error")
        if self.facilitator.plain:
            self.facilitator.announce(text)


class RecoveryKeyScreen(AppScreen[None]):
    """Shows the recovery key once; the user confirms it is saved before going on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "saved", "key.key_saved"),
    ]

    def __init__(self, recovery_key: str) -> None:
        super().__init__(id="recovery")
        self.recovery_key = recovery_key

    def compose(self) -> ComposeResult:
        """The key, what it is for, a confirmation box and a continue button."""
        with Center(), Vertical(classes="dialog", id="recovery-box"):
            yield Label(self.t("recovery.title"), classes="dialog-title")
            yield Static(self.t("recovery.intro"), classes="hint", markup=False)
            yield Static(self.recovery_key, id="recovery-key", markup=False)
            yield Checkbox(self.t("recovery.confirm"), id="saved")
            yield Button(self.t("recovery.continue"), id="continue", disabled=True)
        yield Footer()

    def on_mount(self) -> None:
        """Focus the confirmation box."""
        self.query_one("#saved", Checkbox).focus()

    @on(Checkbox.Changed, "#saved")
    def _toggled(self, event: Checkbox.Changed) -> None:
        self.query_one("#continue", Button).disabled = not event.value

    @on(Button.Pressed, "#continue")
    async def action_saved(self) -> None:
        """Go home once the user says the key is saved."""
        if not self.query_one("#saved", Checkbox).value:
            self.notify(self.t("recovery.confirm_first"), severity="warning")
            return
        await self.facilitator.go_home()
