"""Provides the one lookup the run, presenter, summary and history screens use for their text.

Kept behind a single function so the lead can swap the translator without touching screens.
"""

from __future__ import annotations

from textual.dom import DOMNode

from facilitator.round_clock import RoundClock
from screens.i18n import ui_translator


def language_of(node: DOMNode) -> str:
    """The interface language from the app's settings; English when there are none."""
    services = getattr(node.app, "services", None)
    settings = getattr(services, "settings", None)
    return str(getattr(settings, "language", "en"))


def tr(node: DOMNode, key: str, **params: object) -> str:
    """The interface text for `key` in the app's language."""
    return ui_translator(language_of(node)).t(key, **params)


def timer_texts(node: DOMNode, clock: RoundClock) -> tuple[str, str]:
    """The countdown (overrun once time is up) and the clock's state in words, not colour."""
    up = clock.is_up
    digits = f"+{clock_text(clock.overrun)}" if up and clock.overrun >= 1 else None
    if up:
        state = tr(node, "run.timer.up", over=clock_text(clock.overrun))
    elif clock.running:
        state = tr(node, "run.timer.running")
    else:
        state = tr(node, "run.timer.paused")
    return digits or clock_text(clock.time_left), state


def clock_text(seconds: float) -> str:
    """Whole seconds as m:ss (rounded up, so 0:00 appears only when time is up)."""
    whole = int(seconds) if seconds == int(seconds) else int(seconds) + 1
    return f"{whole // 60}:{whole % 60:02d}"
