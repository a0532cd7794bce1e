"""Provides UnlockScreen: the passphrase prompt of later runs, with key derivation in a worker."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.widgets import Button, Footer, Input, Label, LoadingIndicator

from screens.announcements import Announcements
from screens.messages import VaultOpened, VaultRefused
from screens.passphrase import VaultDialog


class UnlockScreen(VaultDialog):
    """Asks for the passphrase; a wrong one is said plainly and may be retried at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "recover", "key.recover"),
    ]

    def compose(self) -> ComposeResult:
        """Title, passphrase field, progress, the status line and the way to recover."""
        with Center(), Vertical(classes="dialog", id="unlock-box"):
            yield Label(self.t("unlock.title"), classes="dialog-title")
            yield Label(self.t("unlock.prompt"))
            yield Input(password=True, id="passphrase", placeholder=self.t("unlock.placeholder"))
            yield LoadingIndicator(id="working")
            yield Label("", id="status", classes="status", markup=False)
            yield Button(self.t("unlock.forgot"), id="forgot", classes="link")
        yield Announcements()
        yield Footer()

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            self.status(self.t("unlock.empty"), error=True)
            return
        unlock = self.services.unlock_vault
        passphrase = event.value
        self.start("unlock.working", lambda: VaultOpened(unlock(passphrase)), "unlock.wrong")

    def retry(self, message: VaultRefused) -> None:
        """Clear the field and focus it for the next try."""
        field = self.query_one("#passphrase", Input)
        field.value = ""
        field.focus()

    @on(Button.Pressed, "#forgot")
    def action_recover(self) -> None:
        """Forgot the passphrase: go to the recovery-key screen (not while unlocking)."""
        if self.busy:
            return
        from screens.recover import RecoverScreen

        # The app swaps the screens: this screen must not wait on its own removal.
        self.app.call_later(self.facilitator.replace_screen, RecoverScreen())
