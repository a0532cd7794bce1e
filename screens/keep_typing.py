"""Provides KeepsTyping: a screen over the run screen passes stray typing on to the note draft.

Letters typed while a notice, a dialog or the presenter view is up are not lost: they go to
the run screen's draft and the facilitator is told once; without a run screen they are told
the keys were not taken.
"""

from __future__ import annotations

from typing import Any

from textual import events

from screens.base import AppPart


def typed_character(event: events.Key) -> str | None:
    """The printable character a key typed, or None for a command key (F-keys, ctrl, Enter)."""
    character = event.character
    if not event.is_printable or character is None or len(character) != 1:
        return None
    return character if character.isprintable() else None


def stray_character(screen: Any, event: events.Key) -> str | None:
    """The character a key typed when no field took it and no binding of the screen wants it.

    A text field stops every printable key it takes, so one that reaches the screen was not
    taken, even if focus has since moved into a field (keys typed fast after a stray one).
    """
    character = typed_character(event)
    if character is None or event.key in screen.active_bindings:
        return None
    return character


class KeepsTyping(AppPart):
    """Mixed into screens that may cover the run screen: the keys they ignore reach the draft."""

    _told_about_typing = False

    def on_key(self, event: events.Key) -> None:
        screen: Any = self
        character = stray_character(screen, event)
        if character is None:
            return
        event.stop()
        app = screen.app
        run = next((s for s in app.screen_stack if hasattr(s, "take_typed")), None)
        t = self.t
        if run is None:
            app.notify(t("capture.typing_not_taken"), severity="warning")
            return
        run.take_typed(character, focus=False)
        if not self._told_about_typing:
            self._told_about_typing = True
            app.notify(t("capture.typed_into_draft"))
