"""Provides ActionsForm: what, owner role, due date and linked dimension, plus the list so far."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Select

from facilitator.session import Action
from facilitator.vocabulary import RoleGroup
from screens.base import AppPart
from screens.run.entry import EntryRefused, parse_due
from screens.run.filed_list import FiledList
from screens.run.messages import ActionEntered, Problem


class ActionsForm(AppPart, Vertical):
    """Add an action with Enter (or the Add button); refused input stays in the form."""

    def __init__(self, dimensions: dict[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dimensions = dimensions  # dimension id -> title
        self.today = date(1970, 1, 1)

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.t("run.action.what"), id="action-what", compact=True)
        with Horizontal(id="action-row"):
            yield Select(
                [(self.t(f"run.group.{g.value}"), g.value) for g in RoleGroup],
                prompt=self.t("run.action.owner"),
                id="action-owner",
                compact=True,
            )
            yield Input(placeholder=self.t("run.action.due"), id="action-due", compact=True)
            yield Select(
                [(title, dim) for dim, title in self.dimensions.items()],
                prompt=self.t("run.action.dimension"),
                id="action-dimension",
                compact=True,
            )
            yield Button(self.t("run.action.add"), id="action-add", compact=True)
        yield FiledList("run.action.none", id="action-list")

    def preselect(self, dimension: str | None) -> None:
        """Link new actions to the round's dimension unless the facilitator picks another."""
        select = self.query_one("#action-dimension", Select)
        if dimension in self.dimensions:
            select.value = dimension
        else:
            select.clear()

    def show(self, actions: tuple[Action, ...]) -> None:
        """List the session's actions."""
        rows = []
        for a in actions:
            owner = self.t(f"run.group.{a.owner_role.value}") if a.owner_role else "—"
            due = a.due.isoformat() if a.due else "—"
            dim = self.dimensions.get(a.dimension or "", "—")
            rows.append((a.id, Text.assemble(("• ", "bold"), a.text, f"  ({owner}, {due}, {dim})")))
        self.query_one(FiledList).show(rows)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id != "action-add":
            return  # the list's Edit and Delete
        event.stop()
        self.submit()

    def submit(self) -> None:
        """Validate the form and post the action, or say what is wrong."""
        what = self.query_one("#action-what", Input)
        due_field = self.query_one("#action-due", Input)
        if not what.value.strip():
            self.post_message(Problem(self.t("run.action.empty")))
            what.focus()
            return
        try:
            due = parse_due(due_field.value, self.today)
        except EntryRefused as refused:
            due_field.add_class("-invalid")
            self.post_message(Problem(self.t(refused.key, **refused.params)))
            due_field.focus()
            return
        due_field.remove_class("-invalid")
        owner = self.query_one("#action-owner", Select).value
        dimension = self.query_one("#action-dimension", Select).value
        self.post_message(
            ActionEntered(
                text=what.value.strip(),
                owner_role=RoleGroup(owner) if isinstance(owner, str) else None,
                due=due,
                dimension=dimension if isinstance(dimension, str) else None,
            )
        )
        what.value = ""
        due_field.value = ""
        what.focus()
