"""Provides RunKeys: the run screen's key bindings and the actions that steer the capture.

Binding descriptions are catalog keys (run.key.*), translated when the screen is built.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input, TabbedContent

from facilitator.vocabulary import NoteKind, RoleGroup
from screens.run.notes import NotesPane, ParkingLot
from screens.run.ratings import RatingsForm
from screens.run.room import RoomPanel
from screens.run.rounds import RoundFlow

GROUP_CYCLE: tuple[RoleGroup | None, ...] = (None, *RoleGroup)

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


class RunKeys(RoundFlow):
    """Every key of the run screen; prompts, the draft's kind and group, and the tabs."""

    # Priority, so the note editor does not take the round keys.
    BINDINGS: ClassVar[list[BindingType]] = [
        round_key("toggle_clock", priority=True),
        round_key("next_round", priority=True),
        round_key("previous_round", priority=True),
        Binding("ctrl+z", "undo_move", "run.key.undo_move", priority=True),  # while offered
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

    def action_prompt(self, step: int) -> None:
        """Step to the next or previous prompt of the round."""
        count = len(self.round.prompts)
        if count:
            self.prompt_index = max(0, min(count - 1, self.prompt_index + step))
            self.show_round()

    def action_cycle_kind(self) -> None:
        """Change the draft note's kind: observation, insight, question, parking lot."""
        kinds = list(NoteKind)
        self.draft_kind = kinds[(kinds.index(self.draft_kind) + 1) % len(kinds)]
        self.show_meta()
        self.changed()

    def action_cycle_group(self) -> None:
        """Change which role group the draft note comes from."""
        index = GROUP_CYCLE.index(self.draft_group)
        self.draft_group = GROUP_CYCLE[(index + 1) % len(GROUP_CYCLE)]
        self.show_meta()
        self.changed()

    def action_tab(self, tab: str) -> None:
        """Show one capture tab and focus its first field.

        Focus is set now, not after the queued keys (as `Widget.focus` does), so the keys
        typed right after the tab key go into the field it opened.
        """
        self.query_one(TabbedContent).active = tab
        self.set_focus(self._first_field(tab))

    def _first_field(self, tab: str) -> Widget:
        if tab == "notes":
            return self.query_one(NotesPane).editor
        if tab == "ratings":
            form = self.query_one(RatingsForm)
            fields = [f for f in form.query(Input) if not f.disabled]
            return fields[0] if fields else form  # a round without a rating: the form
        if tab == "actions":
            return self.query_one("#action-what", Input)
        return self.query_one(ParkingLot).field

    def action_room(self) -> None:
        """Room mode: open the room, then open or close voting on the current round."""
        self.in_order(self.query_one(RoomPanel).step)

    def action_presenter(self) -> None:
        """Show the projector view: dimension, prompt and timer only."""
        from screens.presenter import PresenterScreen

        self.in_order(self.app.push_screen, PresenterScreen(self))
