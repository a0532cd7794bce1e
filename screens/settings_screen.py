"""Provides SettingsScreen: language, accessible mode, bell, auto-advance, auto-lock and theme.

Every change applies at once and is written to the settings file the command line reads.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
)

from facilitator.i18n import language_codes, native_names
from facilitator.settings import MAX_AUTOLOCK_MINUTES, valid_autolock
from screens.base import AppScreen, localize_bindings
from screens.i18n import ui_translator
from screens.plain_marks import mark_toggles

TOGGLES = {"plain": "plain", "bell": "bell", "auto-advance": "auto_advance"}


class SettingsScreen(AppScreen[bool]):
    """The app's preferences; dismisses with whether the language changed."""

    CSS_PATH = "settings_screen.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key.back"),
        Binding("ctrl+y", "sync_setup", "key.sync_setup"),
    ]

    def __init__(self) -> None:
        super().__init__(id="settings")
        self.language_changed = False

    def compose(self) -> ComposeResult:
        """One row per preference, then the buttons."""
        settings = self.services.settings
        yield Header()
        with VerticalScroll(id="settings-form"):
            yield Label(self.t("settings.language"), classes="field-label")
            with RadioSet(id="language"):
                for code in language_codes():
                    yield RadioButton(
                        native_names()[code], value=settings.language == code, id=f"lang-{code}"
                    )
            yield Checkbox(self.t("settings.plain"), settings.plain, id="plain")
            yield Checkbox(self.t("settings.bell"), settings.bell, id="bell")
            yield Checkbox(
                self.t("settings.auto_advance"), settings.auto_advance, id="auto-advance"
            )
            yield Label(self.t("settings.autolock"), classes="field-label")
            minutes = f"{settings.autolock_minutes:g}"
            yield Input(minutes, id="autolock", restrict=r"[0-9.,]*", max_length=6)
            yield Static("", id="autolock-error", markup=False)
            yield Label(self.t("settings.theme"), classes="field-label")
            themes = sorted(self.app.available_themes)
            yield Select(
                [(name, name) for name in themes],
                value=self.app.theme if self.app.theme in themes else Select.BLANK,
                allow_blank=False,
                id="theme",
            )
            yield Static("", id="settings-status", markup=False)
        with Horizontal(classes="buttons", id="settings-buttons"):
            yield Button(self.t("settings.sync_setup"), id="sync-setup")
            yield Button(self.t("settings.close"), id="close", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        """Title the screen, mark toggles in plain mode, focus the first field."""
        self.sub_title = self.t("settings.title")
        mark_toggles(self, self.services.settings.plain)
        self.query_one(RadioSet).focus()

    def _saved(self, what: str) -> None:
        self.services.save_settings(self.services.settings)
        self.query_one("#settings-status", Static).update(self.t("settings.saved", what=what))

    # Changes apply at once ----------------------------------------------------------------

    @on(RadioSet.Changed, "#language")
    async def _language(self, event: RadioSet.Changed) -> None:
        code = (event.pressed.id or "lang-en").removeprefix("lang-")
        if code == self.services.settings.language:
            return
        self.services.settings.language = code
        self.language_changed = True
        app = self.facilitator
        app.translator = ui_translator(code)
        app._bindings = app._merged_bindings.copy() if app._merged_bindings else app._bindings
        localize_bindings(app, app.translator)
        self._bindings = self._merged_bindings.copy() if self._merged_bindings else self._bindings
        localize_bindings(self, app.translator)
        app.title = app.t("app.title")
        await self.recompose()
        self.on_mount()
        self.query_one("#lang-" + code, RadioButton).focus()
        self._saved(native_names()[code])

    @on(Checkbox.Changed)
    def _toggle(self, event: Checkbox.Changed) -> None:
        name = TOGGLES.get(event.checkbox.id or "")
        if name is None:
            return
        setattr(self.services.settings, name, event.value)
        if name == "plain":
            app = self.facilitator
            app.animation_level = "none" if event.value else "full"
            app.set_class(event.value, "-plain")
            mark_toggles(self, event.value)
        self._saved(str(event.checkbox.label).removeprefix("[x] ").removeprefix("[ ] "))

    @on(Input.Changed, "#autolock")
    def _autolock(self, event: Input.Changed) -> None:
        error = self.query_one("#autolock-error", Static)
        try:
            minutes = float(event.value.replace(",", "."))
        except ValueError:
            minutes = -1.0
        if not valid_autolock(minutes):
            event.input.add_class("-invalid")
            error.update(self.t("settings.autolock_invalid", most=MAX_AUTOLOCK_MINUTES))
            error.display = True
            return
        event.input.remove_class("-invalid")
        error.update("")
        error.display = False
        if minutes != self.services.settings.autolock_minutes:
            self.services.settings.autolock_minutes = minutes
            self._saved(self.t("settings.autolock_short"))

    @on(Select.Changed, "#theme")
    def _theme(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.app.theme:
            self.app.theme = event.value  # the app remembers it (watch_theme saves)
            self.query_one("#settings-status", Static).update(
                self.t("settings.saved", what=event.value)
            )

    # Buttons and keys ---------------------------------------------------------------------

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()

    @on(Button.Pressed, "#sync-setup")
    def _sync_pressed(self) -> None:
        self.action_sync_setup()

    def action_close(self) -> None:
        """Back to the session list."""
        self.dismiss(self.language_changed)

    def action_sync_setup(self) -> None:
        """Set up sharing with a network, or withdraw a shared summary."""
        from screens.sync_setup import SyncSetupScreen

        self.app.push_screen(SyncSetupScreen())
