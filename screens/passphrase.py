"""Provides the shared passphrase entry: strength hint, new-passphrase fields and the vault dialog.

Creating, unlocking and recovering a vault share one copy of each: the two-field entry with its
hint, the status line, and the worker that runs the slow key derivation off the UI thread.
"""

from __future__ import annotations

import math
import string
from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, LoadingIndicator

from facilitator.errors import FacilitatorError, WrongPassphrase, render
from screens.base import AppScreen
from screens.messages import (
    NewPassphraseChosen,
    NewPassphraseRefused,
    VaultOpened,
    VaultRefused,
)

MIN_LENGTH = 8
STRENGTH_KEYS = ("create.too_short", "create.weak", "create.fair", "create.strong")


def strength(passphrase: str) -> int:
    """0 too short, 1 weak, 2 fair, 3 strong; from length, character variety and words."""
    if len(passphrase) < MIN_LENGTH:
        return 0
    pools = [
        (string.ascii_lowercase, 26),
        (string.ascii_uppercase, 26),
        (string.digits, 10),
        (string.punctuation + " ", 33),
    ]
    size = sum(n for chars, n in pools if any(c in chars for c in passphrase))
    size += 40 if any(not c.isascii() for c in passphrase) else 0
    bits = len(set(passphrase)) / max(len(passphrase), 1) * len(passphrase) * math.log2(size)
    words = len([w for w in passphrase.replace("-", " ").split() if len(w) >= 3])
    if bits >= 70 or words >= 4:
        return 3
    if bits >= 45 or words >= 3:
        return 2
    return 1


class NewPassphrase(Vertical):
    """A new passphrase typed twice under a live strength hint.

    Posts NewPassphraseChosen, or NewPassphraseRefused while it cannot be used yet.
    """

    DEFAULT_CSS = "NewPassphrase { height: auto; }"

    def __init__(self, t: Callable[..., str]) -> None:
        super().__init__()
        self._t = t

    def compose(self) -> ComposeResult:
        """The first field, the hint and the second field."""
        yield Input(password=True, id="passphrase", placeholder=self._t("create.first"))
        yield Label(self._t("create.too_short", min=MIN_LENGTH), id="strength")
        yield Input(password=True, id="again", placeholder=self._t("create.second"))

    @property
    def filled(self) -> bool:
        """Whether both fields hold something."""
        return all(field.value for field in self.query(Input))

    @on(Input.Changed, "#passphrase")
    def _hint(self, event: Input.Changed) -> None:
        event.stop()
        level = strength(event.value)
        self.query_one("#strength", Label).update(self._t(STRENGTH_KEYS[level], min=MIN_LENGTH))

    @on(Input.Submitted, "#passphrase")
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#again", Input).focus()

    @on(Input.Submitted, "#again")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        """Check the entry: post it as chosen, or refused with the field to fix focused."""
        first = self.query_one("#passphrase", Input)
        second = self.query_one("#again", Input)
        if strength(first.value) == 0:
            self.post_message(NewPassphraseRefused(self._t("create.too_short", min=MIN_LENGTH)))
            first.focus()
        elif first.value != second.value:
            self.post_message(NewPassphraseRefused(self._t("create.mismatch")))
            second.value = ""
            second.focus()
        else:
            self.post_message(NewPassphraseChosen(first.value))


class VaultDialog(AppScreen[None]):
    """A vault screen with a progress indicator and one status line; key work runs in a worker.

    Subclasses compose `#working` (LoadingIndicator) and `#status` (Label) in their dialog.
    """

    def on_mount(self) -> None:
        """Hide the progress until needed and focus the first field."""
        self.query_one("#working", LoadingIndicator).display = False
        self.query(Input).first().focus()

    @property
    def busy(self) -> bool:
        """Whether key derivation is running."""
        return bool(self.query_one("#working", LoadingIndicator).display)

    def set_busy(self, busy: bool) -> None:
        """Show progress and freeze every field while the worker runs."""
        self.query_one("#working", LoadingIndicator).display = busy
        for field in self.query(Input):
            field.disabled = busy

    def status(self, text: str, *, error: bool = False) -> None:
        """Say `text` on the status line; in plain mode also as an announcement."""
        line = self.query_one("#status", Label)
        line.update(text)
        line.set_class(error, "error")
        if self.facilitator.plain:
            self.facilitator.announce(text)

    def start(self, working_key: str, job: Callable[[], VaultOpened], wrong_key: str) -> None:
        """Freeze the fields, say what is happening and run `job` in a worker."""
        self.set_busy(True)
        self.status(self.t(working_key))
        self._run(job, wrong_key)

    @work(thread=True, exclusive=True, exit_on_error=False, group="vault")
    def _run(self, job: Callable[[], VaultOpened], wrong_key: str) -> None:
        """Derive the key off the UI thread; post VaultOpened or a one-line VaultRefused."""
        try:
            opened = job()
        except WrongPassphrase:
            self.post_message(VaultRefused(self.t(wrong_key), wrong_passphrase=True))
        except FacilitatorError as error:
            self.post_message(VaultRefused(render(error, self.services.settings.language)))
        else:
            self.post_message(opened)

    def on_vault_opened(self, message: VaultOpened) -> None:
        """Clear the working line once the vault is open, so no stale "Unlocking…" remains."""
        self.set_busy(False)
        self.query_one("#status", Label).update("")
        working = {self.t(k) for k in ("unlock.working", "create.working", "recover.working")}
        announced = self.facilitator.announcements
        announced[:] = [line for line in announced if line not in working]

    def on_vault_refused(self, message: VaultRefused) -> None:
        """Say why, unfreeze the fields and let the screen pick the field to retry."""
        self.set_busy(False)
        self.status(message.reason, error=True)
        self.retry(message)

    def retry(self, message: VaultRefused) -> None:
        """Prepare the fields for another try; subclasses choose which field."""
