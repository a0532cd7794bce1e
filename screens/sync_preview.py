"""Provides SyncPreviewScreen: the exact JSON that would leave the machine, approve and send.

Blocking sync calls run in thread workers and report back by message; the screen never
imports sync or the network, only the SyncPort it finds in the app's services.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, ProgressBar, Static, TextArea

from facilitator.errors import render
from facilitator.session import Session
from screens.base import AppScreen
from screens.messages import PreviewReady, PushStepped, SyncFinished
from screens.sync_port import PushStep


class SyncPreviewScreen(AppScreen[None]):
    """Shows the exact payload for one session; the facilitator approves and sends it.

    The payload is shown even when sync is not set up (seeing it needs no server); approving
    then says how to set sync up. Only the numbers shown are shared: there is no free text.
    """

    CSS_PATH = "sync_preview.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "approve", "sync.approve"),
        Binding("s", "send", "sync.send"),
        Binding("escape", "back", "sync.back"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.payload: bytes | None = None
        self.configured = False

    def compose(self) -> ComposeResult:
        with Vertical(id="sync-preview"):
            yield Static(self.t("sync.preview_title", title=self.session.title), id="title")
            yield Static(self.t("sync.preview_help"), id="help")
            yield TextArea("", read_only=True, soft_wrap=True, id="payload")
            yield ProgressBar(total=1, show_eta=False, id="progress")
            yield Static("", id="status")
            with Horizontal(id="buttons"):
                # Enabled once the payload is shown: nothing is approved unseen.
                approve = self.t("sync.approve_button")
                yield Button(approve, id="approve", variant="primary", disabled=True)
                yield Button(self.t("sync.send_button"), id="send", disabled=True)
        yield Footer()

    def on_mount(self) -> None:
        self.load_preview()

    def _status(self, text: str) -> None:
        self.query_one("#status", Static).update(text)

    def _enable(self, enabled: bool) -> None:
        for button in self.query(Button):
            button.disabled = not enabled

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync")
    def load_preview(self) -> None:
        """Build the payload off the UI thread."""
        port = self.services.sync
        try:
            payload = port.preview(self.session)
            self.post_message(PreviewReady(payload, configured=port.configured()))
        except Exception as error:  # a one-line message from the core
            self.post_message(PreviewReady(None, render(error, self.services.settings.language)))

    def on_preview_ready(self, message: PreviewReady) -> None:
        self.payload = message.payload
        if message.payload is None:
            self._status(message.error or "")
            self._enable(False)
            return
        self.query_one("#payload", TextArea).text = message.payload.decode("utf-8")
        self.configured = message.configured
        if not message.configured:
            self._status(self.t("sync.not_set_up"))
        self._enable(True)

    @on(Button.Pressed, "#approve")
    def action_approve(self) -> None:
        self._approve(send=False)

    @on(Button.Pressed, "#send")
    def action_send(self) -> None:
        self._approve(send=True)

    def _approve(self, send: bool) -> None:
        """Approve (and send) once the payload is shown; without a server, say how to set one up."""
        if self.query_one("#approve", Button).disabled:
            return
        if not self.configured:
            self._report(self.t("sync.not_set_up"))
            return
        self.run_sync(send=send)

    def action_back(self) -> None:
        self.app.pop_screen()

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync")
    def run_sync(self, send: bool) -> None:
        """Approve (and push) off the UI thread, reporting progress by message."""
        port = self.services.sync
        try:
            port.approve(self.session)
            if not send:
                self.post_message(SyncFinished(self.t("sync.queued")))
                return

            def stepped(step: PushStep) -> None:
                self.post_message(PushStepped(step.done, step.total))

            result = port.push(stepped)
            text = self.t("sync.pushed", sent=len(result.sent), remaining=result.remaining)
            if result.conflicts:
                text += " " + self.t("sync.conflict")
            if result.failure is not None:
                text += " " + render(result.failure, self.services.settings.language)
            self.post_message(SyncFinished(text))
        except Exception as error:
            self.post_message(SyncFinished(render(error, self.services.settings.language)))

    def on_push_stepped(self, message: PushStepped) -> None:
        self.query_one("#progress", ProgressBar).update(
            total=max(1, message.total), progress=message.done
        )

    def on_sync_finished(self, message: SyncFinished) -> None:
        self._report(message.text)

    def _report(self, text: str) -> None:
        """Show the outcome on the screen and announce it (plain mode reads it aloud)."""
        self._status(text)
        self.facilitator.announce(text)
