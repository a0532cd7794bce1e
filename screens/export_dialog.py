"""Provides ExportDialog: format, BOM and path for one session's export, then warn and write.

Checking the path and writing run in thread workers; the dialog dismisses with the path written
(None when cancelled), so the caller reports the outcome in one line.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from facilitator.errors import FacilitatorError, render
from facilitator.esther import EstherCard, load_card
from facilitator.identifiers import redact as redact_text
from facilitator.identifiers.session import Located, redact_session, review
from facilitator.reports.export import FORMATS, write_export
from facilitator.session import Session
from facilitator.vault.files import ExportRefused, ensure_outside
from screens.base import AppModal
from screens.confirm import ConfirmScreen
from screens.identifier_review import IdentifierReview
from screens.messages import EstherFound, ExportDone, Scanned, TargetChecked

# Formats for people to read, where redaction is on unless the facilitator turns it off.
REDACTED_BY_DEFAULT = frozenset({"md", "html"})


def slug(title: str) -> str:
    """The title as a file-name stem: ASCII letters and digits joined by hyphens."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].rstrip("-") or "session"


def default_export_path(
    title: str, day: date, fmt: str, folder: Path, vault_dir: Path | None
) -> Path:
    """`folder/<slug>-<day>.<fmt>`, moved up out of the vault directory if it would land there."""
    name = f"{slug(title)}-{day.isoformat()}.{fmt}"
    while True:
        try:
            ensure_outside(folder / name, vault_dir)
            return folder / name
        except ExportRefused:
            if folder.parent == folder:
                return folder / name
            folder = folder.parent


def target_path(text: str, folder: Path) -> Path:
    """What the user typed as a path: ~ expanded, a relative path taken from `folder`."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else folder / path


def check_target(path: Path, vault_dir: Path | None) -> TargetChecked:
    """Refuse the vault directory, a folder or a missing folder; note an existing file."""
    try:
        ensure_outside(path, vault_dir)
    except ExportRefused:
        return TargetChecked(path, "export.in_vault")
    if path.is_dir():
        return TargetChecked(path, "export.is_folder")
    if not path.parent.is_dir():
        return TargetChecked(path, "export.no_folder")
    return TargetChecked(path, exists=path.exists())


class ExportDialog(AppModal[Path | None]):
    """Asks how and where to export; warns that the file is plain text before writing it."""

    CSS_PATH = "export_dialog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "export", "export.write"),
    ]

    def __init__(self, session: Session, folder: Path, vault_dir: Path | None, day: date) -> None:
        super().__init__(id="export-dialog")
        self.session = session
        self.folder = folder
        self.vault_dir = vault_dir
        self.day = day
        self.fmt = "md"
        self.busy = False
        self.findings: tuple[Located, ...] | None = None
        self.kept: frozenset[str] = frozenset()
        self.esther: EstherCard | None = None

    def compose(self) -> ComposeResult:
        """Format choices, the BOM option, the path, a status line and two buttons."""
        path = default_export_path(self.session.title, self.day, "md", self.folder, self.vault_dir)
        with Vertical(classes="dialog"):
            yield Label(self.t("export.title", title=self.session.title), classes="dialog-title")
            yield Label(self.t("export.format"))
            with RadioSet(id="format"):
                for fmt in FORMATS:
                    yield RadioButton(
                        self.t(f"export.format_{fmt}"), value=fmt == "md", id=f"format-{fmt}"
                    )
            yield Checkbox(self.t("export.bom"), id="bom", disabled=True)
            yield Static(self.t("identifiers.scanning"), id="identifiers-found", markup=False)
            with Horizontal(id="identifiers-row"):
                yield Checkbox(Text(self.t("identifiers.redact")), value=True, id="redact")
                yield Button(self.t("identifiers.review"), id="review", disabled=True, compact=True)
            yield Checkbox(self.t("export.with_esther"), id="with-esther", disabled=True)
            yield Label(self.t("export.path"))
            yield Input(str(path), id="path", select_on_focus=False)
            yield Static(self.t("export.path_hint", folder=self.folder), classes="hint")
            yield Static("", id="export-status", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.t("confirm.cancel"), id="export-cancel")
                yield Button(self.t("export.write"), id="export-write", variant="primary")

    def on_mount(self) -> None:
        """Start on the format choice, and look for possible identifiers in a worker."""
        self.query_one("#format", RadioSet).focus()
        self._scan()
        if self.session.project.strip() and self.services.vault is not None:
            self._load_esther()

    @work(thread=True, exclusive=True, exit_on_error=False, group="export-esther")
    def _load_esther(self) -> None:
        vault = self.services.vault
        assert vault is not None
        try:
            card = load_card(vault, self.session.project)
        except FacilitatorError:
            return  # a damaged card is simply not offered
        if card is not None and not card.empty:
            self.post_message(EstherFound(card))

    def on_esther_found(self, message: EstherFound) -> None:
        """Offer the Esther card; it stays out unless the facilitator ticks it."""
        self.esther = message.card
        self.query_one("#with-esther", Checkbox).disabled = False

    @work(thread=True, exclusive=True, exit_on_error=False, group="identifiers")
    def _scan(self) -> None:
        self.post_message(Scanned(review(self.session)))

    def on_scanned(self, message: Scanned) -> None:
        """Say how many possible identifiers there are and offer the review list."""
        self.findings = message.findings
        self._show_found()
        self.query_one("#review", Button).disabled = not self.findings

    def _show_found(self) -> None:
        count = len(self.findings or ())
        if count == 0:
            text = self.t("identifiers.found_none")
        elif count == 1:
            text = self.t("identifiers.found_one")
        else:
            text = self.t("identifiers.found", count=count)
        if self.kept:
            text = f"{text} {self.t('identifiers.kept', count=len(self.kept))}"
        self.query_one("#identifiers-found", Static).update(text)

    @on(Button.Pressed, "#review")
    def _review(self) -> None:
        """Open the review list; what the facilitator ticks stays as written."""
        if not self.findings:
            return

        def reviewed(kept: frozenset[str] | None) -> None:
            if kept is not None:
                self.kept = kept
                self._show_found()

        self.app.push_screen(IdentifierReview(self.findings, self.kept), reviewed)

    @on(RadioSet.Changed, "#format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.fmt = (event.pressed.id or "format-md").removeprefix("format-")
        self.query_one("#bom", Checkbox).disabled = self.fmt != "csv"
        self.query_one("#redact", Checkbox).value = self.fmt in REDACTED_BY_DEFAULT
        field = self.query_one("#path", Input)
        path = Path(field.value)
        if path.suffix.lstrip(".") in FORMATS:
            field.value = str(path.with_suffix(f".{self.fmt}"))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        """Close without writing anything."""
        if not self.busy:
            self.dismiss(None)

    @on(Button.Pressed, "#export-write")
    @on(Input.Submitted, "#path")
    def action_export(self) -> None:
        """Check the path in a worker; the answer arrives as TargetChecked."""
        if self.busy:
            return
        text = self.query_one("#path", Input).value
        if not text.strip():
            self._status(self.t("export.no_path"))
            return
        self.busy = True
        self._status(self.t("export.checking"))
        self._check(target_path(text, self.folder))

    def _status(self, text: str) -> None:
        self.query_one("#export-status", Static).update(text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def _check(self, path: Path) -> None:
        self.post_message(check_target(path, self.vault_dir))

    def on_target_checked(self, message: TargetChecked) -> None:
        """Say what is wrong, or warn (and ask before replacing a file) before writing."""
        path = message.path
        if message.problem is not None:
            self.busy = False
            self._status(self.t(message.problem, path=path, folder=path.parent))
            return
        question = self.t("export.warning", path=path)
        anonymous = sum(1 for note in self.session.notes if note.anonymous)
        if anonymous and not self.query_one("#redact", Checkbox).value:
            question += " " + self.t("room_mode.export_anonymous", count=anonymous)
        confirm = self.t("export.warning_yes")
        if message.exists:
            question = f"{self.t('export.overwrite', path=path)} {question}"
            confirm = self.t("export.overwrite_yes")

        def answered(yes: bool | None) -> None:
            if yes:
                self._status(self.t("export.writing"))
                self._write(
                    path,
                    self.fmt,
                    self.query_one("#bom", Checkbox).value,
                    self.query_one("#redact", Checkbox).value,
                    self._chosen_esther(),
                )
            else:
                self._stop()

        self.app.push_screen(ConfirmScreen(question, confirm), answered)

    def _stop(self) -> None:
        self.busy = False
        self._status("")

    def _chosen_esther(self) -> EstherCard | None:
        """The Esther card when offered and ticked, else None."""
        ticked = self.query_one("#with-esther", Checkbox)
        return self.esther if ticked.value and not ticked.disabled else None

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def _write(
        self, path: Path, fmt: str, bom: bool, redact: bool, esther: EstherCard | None = None
    ) -> None:
        try:
            session = redact_session(self.session, self.kept) if redact else self.session
            if esther is not None and redact:
                language = self.session.language
                esther = esther.with_texts(lambda text: redact_text(text, language, self.kept))
            write_export(
                session,
                fmt,
                path,
                vault_dir=self.vault_dir,
                bom=bom and fmt == "csv",
                esther=esther,
            )
            self.post_message(ExportDone(path))
        except (FacilitatorError, OSError) as error:
            self.post_message(ExportDone(path, render(error, self.services.settings.language)))

    def on_export_done(self, message: ExportDone) -> None:
        """Close with the path, or stay open with the one-line reason."""
        if message.error is None:
            self.dismiss(message.path)
            return
        self.busy = False
        self._status(self.t("export.not_written", reason=message.error))
