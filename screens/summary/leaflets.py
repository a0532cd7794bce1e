"""Provides LeafletButtons: write the participants' handout or after letter from the summary.

Both are always redacted by the core; the file is plain text, so a warning comes first.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from facilitator.errors import FacilitatorError, render
from facilitator.identifiers import redact
from facilitator.reports.handout import render_leaflet
from facilitator.reports.stats import session_day
from facilitator.session import Session
from facilitator.vault.files import write_plaintext
from screens.base import AppPart
from screens.confirm import ConfirmScreen
from screens.export_dialog import default_export_path
from screens.summary.messages import LeafletWritten

LEAFLETS = ("handout", "letter")


def leaflet_path(
    session: Session, which: str, folder: Path, vault_dir: Path | None, today: date
) -> Path:
    """Where a leaflet goes by default: the redacted title, the kind and the day, in `folder`."""
    day = session_day(session) or today
    word = "handout" if which == "handout" else "after-letter"
    title = f"{redact(session.title, session.language)} {word}"
    return default_export_path(title, day, "html", folder, vault_dir)


class LeafletButtons(AppPart, Horizontal):
    """Two buttons under the summary: the handout before, the letter after."""

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session

    def compose(self) -> ComposeResult:
        yield Button(self.t("leaflet.handout"), id="handout", compact=True)
        yield Button(self.t("leaflet.letter"), id="letter", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        which = event.button.id or "handout"
        services = self.services
        today = services.clock.now().date()
        path = leaflet_path(self.session, which, Path.home(), services.vault_dir, today)

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(which, path)

        question = self.t("leaflet.warning", path=path)
        self.app.push_screen(ConfirmScreen(question, self.t("export.warning_yes")), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="leaflet")
    def _write(self, which: str, path: Path) -> None:
        services = self.services
        try:
            data = render_leaflet(self.session, which, "html")
            write_plaintext(path, data, vault_dir=services.vault_dir)
            self.post_message(LeafletWritten(path))
        except (FacilitatorError, OSError) as error:
            self.post_message(LeafletWritten(path, render(error, services.settings.language)))

    def on_leaflet_written(self, message: LeafletWritten) -> None:
        """Say where the file went, or why it did not."""
        if message.error is None:
            self.facilitator.announce(self.t("export.written", path=message.path))
        else:
            self.notify(self.t("export.not_written", reason=message.error), severity="error")
