"""Provides the run screen's and presenter view's texts built from the clock and the focus.

Pure: each takes the translation function `t` (an AppPart's `t`) and what it describes.
"""

from __future__ import annotations

from typing import Protocol

from textual.widget import Widget

from facilitator.round_clock import RoundClock

# Fields named by id in accessible mode's focus line; rating inputs are named by their group.
FOCUS_KEYS = {
    "note-editor": "run.focus.note",
    "ratings-form": "run.focus.ratings_form",
    "action-what": "run.focus.action_what",
    "action-owner": "run.focus.action_owner",
    "action-due": "run.focus.action_due",
    "action-dimension": "run.focus.action_dimension",
    "action-add": "run.focus.action_add",
    "parking-input": "capture.focus.parking_input",
}
BANDS = (("one", 60.0), ("five", 300.0))


class Translate(Protocol):
    """Interface text for a catalog key: an AppPart's `t`."""

    def __call__(self, key: str, **params: object) -> str: ...


def timer_texts(t: Translate, clock: RoundClock, *, plain: bool = False) -> tuple[str, str]:
    """The countdown (overrun once time is up) and the clock's state in words, not colour.

    In plain mode the state also says when fewer than five or one minutes are left.
    """
    up = clock.is_up
    digits = f"+{clock_text(clock.overrun)}" if up and clock.overrun >= 1 else None
    if up:
        state = t("run.timer.up", over=clock_text(clock.overrun))
    elif clock.running:
        state = t("run.timer.running")
    else:
        state = t("run.timer.paused", left=clock_text(clock.time_left))
    if plain and not up:
        band = next((name for name, limit in BANDS if clock.time_left <= limit), None)
        if band is not None and clock.planned > dict(BANDS)[band]:
            state = t("run.timer.band", state=state, left=t(f"run.timer.{band}"))
    return digits or clock_text(clock.time_left), state


def clock_text(seconds: float) -> str:
    """Whole seconds as m:ss (rounded up, so 0:00 appears only when time is up)."""
    whole = int(seconds) if seconds == int(seconds) else int(seconds) + 1
    return f"{whole // 60}:{whole % 60:02d}"


def focus_text(t: Translate, widget: Widget) -> str:
    """Where the focus is, in words: '▶ Focus: ratings from Managers'."""
    widget_id = widget.id or ""
    if widget_id in FOCUS_KEYS:
        name = t(FOCUS_KEYS[widget_id])
    elif widget_id.startswith("rating-"):
        group = t(f"run.group.{widget_id.removeprefix('rating-')}")
        name = t("run.focus.rating", group=group)
    elif widget_id.endswith(("-list-edit", "-list-delete")):
        name = t("capture.focus." + widget_id.rsplit("-", 1)[1])
    elif widget_id.endswith("-list-options"):
        name = t("capture.focus.list")
    elif type(widget).__name__ == "ContentTabs":
        name = t("run.focus.tabs")
    else:
        name = t("run.focus.list")  # the note, action and parking lists
    return t("run.focus.line", name=name)
