"""Provides FacilitatorApp: the screen flow, auto-lock, size guard, help, palette and announcements.

The app receives its services from one composition root (screens.factory.make_app).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.geometry import Size
from textual.screen import Screen

from screens.base import localize_bindings
from screens.commands import BindingCommands, collect_keys
from screens.i18n import ui_translator
from screens.messages import VaultOpened
from screens.services import Services

if TYPE_CHECKING:  # the handlers below need them only once such a widget exists
    from textual.widgets import DataTable, OptionList
    from textual.widgets._toggle_button import ToggleButton

MIN_WIDTH = 80
MIN_HEIGHT = 24
IDLE_CHECK_SECONDS = 1.0
_ACTIVITY = (
    events.Key,
    events.MouseDown,
    events.MouseScrollDown,
    events.MouseScrollUp,
    events.Paste,
)


class FacilitatorApp(App[None]):
    """The facilitator's terminal app, built around the services it is given."""

    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar = {BindingCommands}  # also offers get_system_commands, in a fixed order
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "key.help", key_display="F1"),
        Binding("ctrl+k", "help", "key.help", show=False, priority=True),  # F1 twin: laptops, tmux
        Binding("ctrl+l", "lock", "key.lock", show=False),
        Binding("ctrl+q", "quit", "key.quit", priority=True),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.translator = ui_translator(services.settings.language)
        self.autolock_suspended = False  # set while the presenter view runs a timer
        self.announcements: list[str] = []
        self._last_activity = services.clock.monotonic()
        self._size_watched = False  # from on_mount on: the first Resize comes before it
        if services.settings.plain:
            self.animation_level = "none"
        if services.settings.theme in self.available_themes:
            self.theme = services.settings.theme
        localize_bindings(self, self.translator)

    @property
    def plain(self) -> bool:
        """Whether accessible mode is on."""
        return self.services.settings.plain

    @property
    def locked(self) -> bool:
        """Whether the lock screen is showing."""
        from screens.lock import LockScreen

        return any(isinstance(s, LockScreen) for s in self.screen_stack)

    def t(self, key: str, **params: object) -> str:
        """Interface text for `key` in the user's language."""
        return self.translator.t(key, **params)

    def get_default_screen(self) -> Screen[Any]:
        """The first screen (unlock, create or home) as the bottom of the stack.

        Built in place of Textual's blank default screen, so startup composes, lays out and
        draws one screen instead of two before the first focused frame.
        """
        screen = self._first_screen()
        # What push_screen does for a pushed screen, so switching away from this one works:
        # Textual's switch_screen pops a result callback the default screen never got
        # (Textualize/textual#2650), and loads a default screen's CSS_PATH only when pushed.
        screen._push_result_callback(screen, None)
        self._load_screen_css(screen)
        return screen

    def on_mount(self) -> None:
        """Start watching idle time, screen changes and size."""
        self.title = self.t("app.title")
        self.set_class(self.plain, "-plain")  # app.tcss then marks focus without colour
        self.set_interval(IDLE_CHECK_SECONDS, self.check_autolock, name="autolock")
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self._size_watched = True
        self._screen_changed(self.screen)  # the first screen was never pushed

    def _first_screen(self) -> Screen[Any]:
        if self.services.vault is not None:
            from screens.home import HomeScreen

            return HomeScreen()
        if self.services.vault_exists():
            from screens.unlock import UnlockScreen

            return UnlockScreen()
        from screens.create_vault import CreateVaultScreen

        return CreateVaultScreen()

    async def on_vault_opened(self, message: VaultOpened) -> None:
        """Keep the vault and go home, first showing a new vault's recovery key once."""
        self.services.vault = message.vault
        self._last_activity = self.services.clock.monotonic()
        if message.recovery_key is not None:
            from screens.create_vault import RecoveryKeyScreen

            await self.replace_screen(RecoveryKeyScreen(message.recovery_key))
        else:
            await self.go_home()

    async def go_home(self) -> None:
        """Replace the current screen with Home (scheduled; see replace_screen)."""
        from screens.home import HomeScreen

        await self.replace_screen(HomeScreen())

    async def replace_screen(self, screen: Screen[Any]) -> None:
        """Replace the current screen once the running handler has returned.

        Only schedules the switch: a screen's handler that waited for its own screen to be
        removed would wait on itself, and the app would stop answering keys. So awaiting
        this (or go_home) is safe from any screen, and returns before the switch is done.
        """
        self.call_later(self._replace_screen_now, screen)

    async def _replace_screen_now(self, screen: Screen[Any]) -> None:
        """Switch on the app's own message loop, looking under the too-small notice."""
        from screens.too_small import TooSmallScreen

        if isinstance(self.screen, TooSmallScreen):
            await self.pop_screen()
        await self.switch_screen(screen)

    def watch_theme(self, theme: str) -> None:
        """Remember the chosen theme for next time."""
        if self.services.settings.theme != theme:
            self.services.settings.theme = theme
            self.services.save_settings(self.services.settings)

    # Size guard -------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Show or hide the polite too-small notice as the terminal changes size.

        Goes by the event's size: this handler runs before Textual's own one records it, so
        `self.size` still holds the size before the change. The Resize that comes before
        the app is mounted is left to on_mount, so the notice is never pushed half set up.
        """
        if self._size_watched:
            self.check_size(event.size)

    def _screen_changed(self, screen: Screen[object]) -> None:
        self.check_size()
        if self.plain:
            from screens.plain_marks import mark_toggles

            mark_toggles(screen, True)

    def on_checkbox_changed(self, event: ToggleButton.Changed) -> None:
        """In plain mode, a checkbox says its state in text: [x] or [ ]."""
        from textual.widgets._toggle_button import ToggleButton

        from screens.plain_marks import mark_toggle

        if isinstance(event.control, ToggleButton):
            mark_toggle(event.control, self.plain)

    on_radio_button_changed = on_checkbox_changed  # (•) or ( )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """In plain mode, the cursor row of a table carries ▶, not colour alone."""
        from screens.plain_marks import mark_cursor_row

        mark_cursor_row(event.data_table, self.plain)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """In plain mode, the highlighted row carries ▶, not colour alone."""
        from screens.plain_marks import mark_highlighted

        mark_highlighted(event.option_list, self.plain)

    def check_size(self, size: Size | None = None) -> None:
        """Keep the too-small notice on top while the terminal is below 80x24, and only then."""
        width, height = self.size if size is None else size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if not small and "screens.too_small" not in sys.modules:
            return  # never shown, so not on top: startup need not load the notice
        from screens.too_small import TooSmallScreen

        on_top = isinstance(self.screen, TooSmallScreen)
        if small and not on_top:
            self.push_screen(TooSmallScreen())
        elif not small and on_top:
            self.screen.dismiss()

    # Auto-lock --------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Note user activity for auto-lock, then handle the event as usual."""
        if isinstance(event, _ACTIVITY):
            self._last_activity = self.services.clock.monotonic()
        await super().on_event(event)

    def check_autolock(self) -> None:
        """Lock when the user has been idle for the configured minutes."""
        now = self.services.clock.monotonic()
        minutes = self.services.settings.autolock_minutes
        if self.autolock_suspended or minutes <= 0 or self.services.vault is None:
            self._last_activity = now
            return
        if not self.locked and now - self._last_activity >= minutes * 60:
            self.lock(idle_minutes=minutes)

    def action_lock(self) -> None:
        """Hide everything behind the passphrase prompt (the user asked: ctrl+l, the palette)."""
        self.lock()

    def lock(self, idle_minutes: float | None = None) -> None:
        """Show the lock screen, saying whether the user locked or `idle_minutes` passed."""
        from screens.lock import LockScreen

        if self.services.vault is None or self.locked:
            return
        from facilitator.identifiers import forget

        forget()  # the detector remembers notes it scanned; a locked app keeps none of that
        room = self.services.room  # a locked app serves no room; its thread is joined off the UI
        if room is not None and room.is_open:
            from screens.run.room import room_panel_of

            for screen in self.screen_stack:  # votes in so far become the round's ratings
                panel = room_panel_of(screen)
                if panel is not None:
                    panel.close_voting()
            self.run_worker(room.stop, thread=True, group="room-stop", exit_on_error=False)
        self.push_screen(LockScreen(idle_minutes=idle_minutes), callback=self._unlocked)

    def _unlocked(self, _: bool | None) -> None:
        self._last_activity = self.services.clock.monotonic()

    # Help, palette, announcements -------------------------------------------------------

    def action_help(self) -> None:
        """List every key of the current screen and of the app."""
        from screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):  # ctrl+k, like F1 there, closes it
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(collect_keys(self.screen)))

    def action_command_palette(self) -> None:
        """Open the command palette in the user's language, unless locked."""
        if self.locked or CommandPalette.is_open(self):  # type: ignore[arg-type]
            return
        self.push_screen(
            CommandPalette(placeholder=self.t("palette.placeholder"), id="--command-palette")
        )

    def search_themes(self) -> None:
        """The theme palette (Textual's own), its search field in the user's language."""
        from textual.theme import ThemeProvider

        if self.locked:
            return
        palette = CommandPalette(
            providers=[ThemeProvider], placeholder=self.t("palette.theme_placeholder")
        )
        self.push_screen(palette)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The app-wide palette commands, translated."""
        yield SystemCommand(
            self.t("palette.theme"), self.t("palette.theme_help"), self.action_change_theme
        )

    def announce(self, text: str) -> None:
        """Tell the user about a state change in words; in plain mode also as a log line."""
        self.announcements.append(text)
        from screens.announcements import Announcements

        if self.plain:
            for log in self.screen.query(Announcements):
                log.add(text)
        self.notify(text, timeout=8 if self.plain else 4)
