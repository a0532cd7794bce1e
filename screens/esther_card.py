"""Provides EstherCardScreen: write the improvement work's Esther card, kept in the vault.

The card is read and saved in thread workers; the screen dismisses with the saved card.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from facilitator.errors import FacilitatorError, render
from facilitator.esther import TEXT_FIELDS, EstherCard, load_card, save_card
from screens.base import AppModal
from screens.messages import CardLoaded, CardSaved


class EstherCardScreen(AppModal[EstherCard | None]):
    """Name, age, situation, care providers and what matters; ctrl+s keeps, escape leaves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "esther.key_save"),
        Binding("escape", "cancel", "key.cancel"),
    ]

    def __init__(self, project: str) -> None:
        super().__init__(id="esther-card")
        self.project = project

    def compose(self) -> ComposeResult:
        """The fields of the card, a projector choice and two buttons."""
        with Vertical(id="esther-box", classes="dialog"):
            yield Label(
                self.t("esther.heading", project=self.project), classes="dialog-title", markup=False
            )
            with VerticalScroll(id="esther-fields"):
                yield Static(self.t("esther.symbolic"), classes="hint", markup=False)
                for field in TEXT_FIELDS:
                    with Horizontal(classes="esther-row"):
                        yield Label(self.t(f"esther.{field}"), classes="esther-label")
                        yield Input(
                            id=f"esther-{field}", max_length=2000, disabled=True, compact=True
                        )
                yield Checkbox(self.t("esther.presenter"), id="esther-presenter", disabled=True)
            yield Static("", id="esther-status", classes="status", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.t("confirm.cancel"), id="esther-cancel")
                yield Button(self.t("esther.save"), id="esther-save", variant="primary")

    def on_mount(self) -> None:
        """Read the card in a worker."""
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="esther")
    def _load(self) -> None:
        vault = self.services.vault
        assert vault is not None
        try:
            self.post_message(CardLoaded(load_card(vault, self.project)))
        except FacilitatorError as error:
            self.post_message(CardLoaded(None, render(error, self.services.settings.language)))

    def on_card_loaded(self, message: CardLoaded) -> None:
        """Fill the fields and let the facilitator write."""
        card = message.card or EstherCard()
        for field in TEXT_FIELDS:
            entry = self.query_one(f"#esther-{field}", Input)
            entry.value = getattr(card, field)
            entry.disabled = False
        presenter = self.query_one("#esther-presenter", Checkbox)
        presenter.value = card.on_presenter
        presenter.disabled = False
        if message.error:
            self.query_one("#esther-status", Static).update(message.error)
        self.query_one("#esther-name", Input).focus()

    def card(self) -> EstherCard:
        """The card as the fields hold it now."""
        texts = {f: self.query_one(f"#esther-{f}", Input).value.strip() for f in TEXT_FIELDS}
        return EstherCard(
            name=texts["name"],
            age=texts["age"],
            situation=texts["situation"],
            providers=texts["providers"],
            matters=texts["matters"],
            on_presenter=self.query_one("#esther-presenter", Checkbox).value,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="esther")
    def _save(self, card: EstherCard) -> None:
        vault = self.services.vault
        assert vault is not None
        try:
            save_card(vault, self.project, card)
            self.post_message(CardSaved(card))
        except FacilitatorError as error:
            self.post_message(CardSaved(card, render(error, self.services.settings.language)))

    def on_card_saved(self, message: CardSaved) -> None:
        """Close with the card, or stay with the reason."""
        if message.error is None:
            self.dismiss(message.card)
        else:
            self.query_one("#esther-status", Static).update(message.error)

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#esther-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#esther-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        """Keep the card in the vault."""
        if self.query_one("#esther-name", Input).disabled:
            return
        self._save(self.card())

    def action_cancel(self) -> None:
        """Leave without saving."""
        self.dismiss(None)
