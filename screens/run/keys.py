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
from screens.run.rounds import RoundFlow

GROUP_CYCLE: tuple[RoleGroup | None, ...] = (None, *RoleGroup)


class RunKeys(RoundFlow):
    """Every key of the run screen; prompts, the draft's kind and group, and the tabs."""

    # Each F-key has a twin for laptops, tmux and macOS terminals; none uses ctrl+b (tmux's
    # prefix) or ctrl+s/ctrl+q (flow control). Priority, so the note editor does not take them.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5,ctrl+a", "toggle_clock", "run.key.toggle_clock", priority=True),
        Binding("f9,ctrl+j", "next_round", "run.key.next_round", priority=True),
        Binding("f10,ctrl+u", "previous_round", "run.key.previous_round", priority=True),
        Binding("ctrl+z", "undo_move", "run.key.undo_move", priority=True),  # while offered
        Binding("f6,ctrl+e", "extend(1)", "run.key.extend_one", priority=True),
        Binding("f7,ctrl+y", "extend(5)", "run.key.extend_five", priority=True),
        Binding("f8,ctrl+d", "skip_round", "run.key.skip_round", priority=True),
        Binding("ctrl+w", "rebalance", "run.key.rebalance", priority=True),
        Binding("f3,shift+up", "prompt(-1)", "run.key.prev_prompt", priority=True),
        Binding("f4,shift+down", "prompt(1)", "run.key.next_prompt", priority=True),
        Binding("f2,ctrl+x", "presenter", "run.key.presenter", priority=True),
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

    def action_presenter(self) -> None:
        """Show the projector view: dimension, prompt and timer only."""
        from screens.presenter import PresenterScreen

        self.in_order(self.app.push_screen, PresenterScreen(self))
