"""Provides the run screen's key map: the round keys shared with the presenter view, and the rest.

Binding descriptions are catalog keys (run.key.*), translated when the screen is built; the
actions they name are the run screen's, which hands each to the controller that owns it.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

# The keys that steer the round, defined once: the run screen and the presenter view both
# bind them. Action -> (keys, catalog key of the description). Each F-key has a twin for
# laptops, tmux and macOS terminals; none uses ctrl+b (tmux's prefix) or ctrl+s/ctrl+q (flow
# control).
ROUND_KEYS: dict[str, tuple[str, str]] = {
    "toggle_clock": ("f5,ctrl+a", "run.key.toggle_clock"),
    "next_round": ("f9,ctrl+j", "run.key.next_round"),
    "previous_round": ("f10,ctrl+u", "run.key.previous_round"),
    "extend(1)": ("f6,ctrl+e", "run.key.extend_one"),
    "extend(5)": ("f7,ctrl+y", "run.key.extend_five"),
    "skip_round": ("f8,ctrl+d", "run.key.skip_round"),
    "prompt(-1)": ("f3,shift+up", "run.key.prev_prompt"),
    "prompt(1)": ("f4,shift+down", "run.key.next_prompt"),
    "presenter": ("f2,ctrl+x", "run.key.presenter"),
}


def round_key(
    action: str,
    *,
    also: str = "",
    run_as: str | None = None,
    description: str | None = None,
    priority: bool = False,
    show: bool = True,
) -> Binding:
    """The binding of the round key `action`, with the keys `also` after its F-key.

    `run_as` and `description` let a view bind the same keys to its own action (the
    presenter's F2 closes it).
    """
    keys, catalog_key = ROUND_KEYS[action]
    first, _, twins = keys.partition(",")
    return Binding(
        ",".join(k for k in (first, also, twins) if k),
        run_as or action,
        description or catalog_key,
        priority=priority,
        show=show,
    )


# Every key of the run screen. Priority, so the note editor does not take the round keys.
RUN_KEYS: list[BindingType] = [
    round_key("toggle_clock", priority=True),
    round_key("next_round", priority=True),
    round_key("previous_round", priority=True),
    # Undoes an offered round move, else draft typing, else the last filing, edit or deletion.
    Binding("ctrl+z", "undo_capture", "capture.key.undo", show=False, priority=True),
    round_key("extend(1)", priority=True),
    round_key("extend(5)", priority=True),
    round_key("skip_round", priority=True),
    Binding("ctrl+w", "rebalance", "run.key.rebalance", priority=True),
    round_key("prompt(-1)", priority=True),
    round_key("prompt(1)", priority=True),
    round_key("presenter", priority=True),
    Binding("ctrl+v", "room", "room_mode.key", priority=True),  # v: voting
    Binding("ctrl+t", "cycle_kind", "run.key.note_kind"),
    Binding("ctrl+g", "cycle_group", "run.key.role_group"),
    # Priority and focus set at once: keys typed right after reach the field switched to.
    Binding("ctrl+n", "tab('notes')", "run.key.notes", priority=True),
    Binding("ctrl+r", "tab('ratings')", "run.key.ratings", priority=True),
    Binding("ctrl+o", "tab('actions')", "run.key.actions", priority=True),
    Binding("ctrl+f", "tab('parking')", "run.key.parking", priority=True),
    Binding("escape", "leave", "run.key.leave"),
]
