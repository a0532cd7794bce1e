"""Provides UnlockScreen: the passphrase prompt of later runs, with key derivation in a worker."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Footer, Input, Label, LoadingIndicator

from facilitator.errors import FacilitatorError, WrongPassphrase
from screens.announcements import Announcements
from screens.base import AppScreen
from screens.messages import VaultOpened, VaultRefused


class UnlockScreen(AppScreen[None]):
    """Asks for the passphrase; a wrong one is said plainly and may be retried at once."""

    def compose(self) -> ComposeResult:
        """Title, passphrase field, progress and the status line."""
        with Center(), Vertical(classes="dialog", id="unlock-box"):
            yield Label(self.t("unlock.title"), classes="dialog-title")
            yield Label(self.t("unlock.prompt"))
            yield Input(password=True, id="passphrase", placeholder=self.t("unlock.placeholder"))
            yield LoadingIndicator(id="working")
            yield Label("", id="status", classes="status", markup=False)
        yield Announcements()
        yield Footer()

    def on_mount(self) -> None:
        """Hide the progress until needed and focus the field."""
        self.query_one("#working").display = False
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            self._status(self.t("unlock.empty"), error=True)
            return
        self._busy(True)
        self._status(self.t("unlock.working"))
        self._unlock(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="vault")
    def _unlock(self, passphrase: str) -> None:
        """Derive the key and open the vault off the UI thread."""
        try:
            vault = self.services.unlock_vault(passphrase)
        except WrongPassphrase:
            self.post_message(VaultRefused(self.t("unlock.wrong"), wrong_passphrase=True))
        except FacilitatorError as error:
            self.post_message(VaultRefused(str(error)))
        else:
            self.post_message(VaultOpened(vault))

    def on_vault_refused(self, message: VaultRefused) -> None:
        """Say why, clear the field and let the user try again."""
        self._busy(False)
        self._status(message.reason, error=True)
        if self.facilitator.plain:
            self.facilitator.announce(message.reason)
        field = self.query_one("#passphrase", Input)
        field.value = ""
        field.focus()

    def _busy(self, busy: bool) -> None:
        self.query_one("#working").display = busy
        self.query_one("#passphrase", Input).disabled = busy

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#status", Label)
        status.update(text)
        status.set_class(error, "error")
