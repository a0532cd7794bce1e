"""Provides LockScreen: everything is hidden until the passphrase is given.

It says why it is there: the user locked (ctrl+l, the palette) or the idle time ran out.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Input, Label

from facilitator.errors import FacilitatorError, WrongPassphrase, render
from facilitator.i18n import format_number
from screens.base import AppModal
from screens.messages import PassphraseChecked


class LockScreen(AppModal[bool]):
    """An opaque cover with a passphrase field; it cannot be escaped, only unlocked."""

    def __init__(self, idle_minutes: float | None = None) -> None:
        super().__init__()
        self.idle_minutes = idle_minutes  # None: locked by the user

    def compose(self) -> ComposeResult:
        """Only the prompt: no session content is visible behind it."""
        with Center(), Vertical(classes="dialog", id="lock-box"):
            yield Label(self.t("lock.title"), classes="dialog-title")
            yield Label(self._reason(), id="lock-reason")
            yield Input(password=True, id="passphrase")
            yield Label("", id="status", classes="status", markup=False)

    def on_mount(self) -> None:
        """Focus the field and say it is locked."""
        self.query_one("#passphrase", Input).focus()
        if self.facilitator.plain:
            self.facilitator.announce(self.t("lock.title"))

    def _reason(self) -> str:
        if self.idle_minutes is None:
            return self.t("lock.manual")
        decimals = 0 if float(self.idle_minutes).is_integer() else 1
        minutes = format_number(self.idle_minutes, self.services.settings.language, decimals)
        return self.t("lock.idle", minutes=minutes)

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        event.input.disabled = True
        self.query_one("#status", Label).update(self.t("lock.checking"))
        self._check(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="lock")
    def _check(self, passphrase: str) -> None:
        """Check the passphrase off the UI thread (key derivation is slow on purpose)."""
        services = self.services
        try:
            services.verify_passphrase(passphrase)
        except WrongPassphrase:
            self.post_message(PassphraseChecked(False, self.t("unlock.wrong")))
        except FacilitatorError as error:
            reason = render(error, services.settings.language)
            self.post_message(PassphraseChecked(False, reason))
        else:
            self.post_message(PassphraseChecked(True))

    def on_passphrase_checked(self, message: PassphraseChecked) -> None:
        """Unlock, or say why not and let the user retry."""
        if message.accepted:
            self.dismiss(True)
            return
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.value = ""
        field.focus()
        status = self.query_one("#status", Label)
        status.update(message.reason)
        status.add_class("error")
