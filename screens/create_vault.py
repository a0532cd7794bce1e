"""Provides the first-run screens: choose a passphrase, then see the recovery key once."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.widgets import Button, Checkbox, Footer, Label, LoadingIndicator, Static

from screens.announcements import Announcements
from screens.base import AppScreen
from screens.messages import NewPassphraseChosen, NewPassphraseRefused, VaultOpened
from screens.passphrase import NewPassphrase, VaultDialog


class CreateVaultScreen(VaultDialog):
    """Passphrase typed twice with a strength hint; the key is derived in a worker."""

    def compose(self) -> ComposeResult:
        """Explanation, the two fields with their hint, progress and the status line."""
        with Center(), Vertical(classes="dialog", id="create-box"):
            yield Label(self.t("create.title"), classes="dialog-title")
            yield Static(self.t("create.intro"), classes="hint", markup=False)
            yield NewPassphrase(self.t)
            yield LoadingIndicator(id="working")
            yield Label("", id="status", classes="status", markup=False)
        yield Announcements()
        yield Footer()

    def on_new_passphrase_refused(self, message: NewPassphraseRefused) -> None:
        """Too short or the two differ: say so; the entry has focused the field to fix."""
        self.status(message.reason, error=True)

    def on_new_passphrase_chosen(self, message: NewPassphraseChosen) -> None:
        """Create the vault with the chosen passphrase."""
        create = self.services.create_vault
        passphrase = message.passphrase
        self.start("create.working", lambda: VaultOpened(*create(passphrase)), "unlock.wrong")


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
    def action_saved(self) -> None:
        """Go home once the user says the key is saved (the switch runs after this returns)."""
        if not self.query_one("#saved", Checkbox).value:
            self.notify(self.t("recovery.confirm_first"), severity="warning")
            return
        self.app.call_later(self.facilitator.go_home)
