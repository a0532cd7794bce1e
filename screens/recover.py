"""Provides RecoverScreen: open the vault with the recovery key and choose a new passphrase."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.widgets import Footer, Input, Label, LoadingIndicator, Static

from screens.announcements import Announcements
from screens.messages import (
    NewPassphraseChosen,
    NewPassphraseRefused,
    VaultOpened,
    VaultRefused,
)
from screens.passphrase import NewPassphrase, VaultDialog


class RecoverScreen(VaultDialog):
    """Recovery key (masked), then a new passphrase twice; a wrong key may be retried at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back_to_unlock"),
    ]

    def compose(self) -> ComposeResult:
        """Explanation, the key field, the new passphrase entry, progress and status."""
        with Center(), Vertical(classes="dialog", id="recover-box"):
            yield Label(self.t("recover.title"), classes="dialog-title")
            yield Static(self.t("recover.intro"), classes="hint", markup=False)
            yield Input(password=True, id="recovery-input", placeholder=self.t("recover.key"))
            yield NewPassphrase(self.t)
            yield LoadingIndicator(id="working")
            yield Label("", id="status", classes="status", markup=False)
        yield Announcements()
        yield Footer()

    @on(Input.Submitted, "#recovery-input")
    def _key_submitted(self) -> None:
        """Go on to the new passphrase; on a retry with both filled in, try again at once."""
        entry = self.query_one(NewPassphrase)
        if not self._key():
            self.status(self.t("recover.empty"), error=True)
        elif entry.filled:
            entry.submit()
        else:
            self.query_one("#passphrase", Input).focus()

    def on_new_passphrase_refused(self, message: NewPassphraseRefused) -> None:
        """Too short or the two differ: say so; the entry has focused the field to fix."""
        self.status(message.reason, error=True)

    def on_new_passphrase_chosen(self, message: NewPassphraseChosen) -> None:
        """Open with the key and rewrap under the new passphrase, in a worker."""
        key = self._key()
        if not key:
            self.status(self.t("recover.empty"), error=True)
            self.query_one("#recovery-input", Input).focus()
            return
        recover = self.services.recover_vault
        passphrase = message.passphrase
        self.start(
            "recover.working", lambda: VaultOpened(recover(key, passphrase)), "recover.wrong"
        )

    def on_vault_opened(self, message: VaultOpened) -> None:
        """Tell them the passphrase changed; the app then goes home."""
        super().on_vault_opened(message)
        self.facilitator.announce(self.t("recover.done"))

    def retry(self, message: VaultRefused) -> None:
        """A wrong key: clear it and focus it; the new passphrase stays typed in."""
        field = self.query_one("#recovery-input", Input)
        if message.wrong_passphrase:
            field.value = ""
        field.focus()

    def action_back(self) -> None:
        """Back to the passphrase prompt (not while the key is being checked)."""
        if self.busy:
            return
        from screens.unlock import UnlockScreen

        self.app.call_later(self.facilitator.replace_screen, UnlockScreen())

    def _key(self) -> str:
        return self.query_one("#recovery-input", Input).value.strip()
