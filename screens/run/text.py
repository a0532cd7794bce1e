"""Provides the one lookup the run, presenter, summary and history screens use for their text.

Kept behind a single function so the lead can swap the translator without touching screens.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widget import Widget

from facilitator.round_clock import RoundClock
from facilitator.templates.model import Template
from screens.base import localize_bindings
from screens.i18n import ui_translator

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


def language_of(node: DOMNode) -> str:
    """The interface language from the app's settings; English when there are none."""
    try:
        services = getattr(node.app, "services", None)
    except RuntimeError:  # built outside a running app
        return "en"
    settings = getattr(services, "settings", None)
    return str(getattr(settings, "language", "en"))


def tr(node: DOMNode, key: str, **params: object) -> str:
    """The interface text for `key` in the app's language."""
    return ui_translator(language_of(node)).t(key, **params)


def role_name(node: DOMNode, group: str, template: Template | None = None) -> str:
    """A role group's name: the template's own label when it speaks the interface language."""
    language = language_of(node)
    if template is not None and template.language == language and template.role_label(group):
        return template.role_label(group)
    return ui_translator(language).t(f"run.group.{group}")


def localize_keys(node: DOMNode) -> None:
    """Translate the node's binding descriptions (catalog keys) for footer, help and palette."""
    localize_bindings(node, ui_translator(language_of(node)))


def timer_texts(node: DOMNode, clock: RoundClock, *, plain: bool = False) -> tuple[str, str]:
    """The countdown (overrun once time is up) and the clock's state in words, not colour.

    In plain mode the state also says when fewer than five or one minutes are left.
    """
    up = clock.is_up
    digits = f"+{clock_text(clock.overrun)}" if up and clock.overrun >= 1 else None
    if up:
        state = tr(node, "run.timer.up", over=clock_text(clock.overrun))
    elif clock.running:
        state = tr(node, "run.timer.running")
    else:
        state = tr(node, "run.timer.paused", left=clock_text(clock.time_left))
    if plain and not up:
        band = next((name for name, limit in BANDS if clock.time_left <= limit), None)
        if band is not None and clock.planned > dict(BANDS)[band]:
            state = tr(node, "run.timer.band", state=state, left=tr(node, f"run.timer.{band}"))
    return digits or clock_text(clock.time_left), state


def clock_text(seconds: float) -> str:
    """Whole seconds as m:ss (rounded up, so 0:00 appears only when time is up)."""
    whole = int(seconds) if seconds == int(seconds) else int(seconds) + 1
    return f"{whole // 60}:{whole % 60:02d}"


def focus_text(node: DOMNode, widget: Widget) -> str:
    """Where the focus is, in words: '▶ Focus: ratings from Managers'."""
    widget_id = widget.id or ""
    if widget_id in FOCUS_KEYS:
        name = tr(node, FOCUS_KEYS[widget_id])
    elif widget_id.startswith("rating-"):
        group = tr(node, f"run.group.{widget_id.removeprefix('rating-')}")
        name = tr(node, "run.focus.rating", group=group)
    elif widget_id.endswith(("-list-edit", "-list-delete")):
        name = tr(node, "capture.focus." + widget_id.rsplit("-", 1)[1])
    elif widget_id.endswith("-list-options"):
        name = tr(node, "capture.focus.list")
    elif type(widget).__name__ == "ContentTabs":
        name = tr(node, "run.focus.tabs")
    else:
        name = tr(node, "run.focus.list")  # the note, action and parking lists
    return tr(node, "run.focus.line", name=name)
