"""Provides FollowUpScreen: the project's open actions from earlier sessions, marked one by one.

Shown after a session is planned when its project has earlier sessions with open actions.
Each mark is written to the earlier session in the vault by a thread worker; closing with
"later" leaves unmarked actions open, so they are offered again next time.
"""

from __future__ import annotations

import threading
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Header, Static
from textual.worker import Worker

from facilitator.errors import FacilitatorError, render
from facilitator.followup import FOLLOW_UP_CHOICES, FollowUp, FollowUpItem, record_follow_up
from facilitator.i18n import format_date
from facilitator.vocabulary import ActionStatus
from screens.announcements import Announcements
from screens.base import AppScreen
from screens.messages import FollowUpRecorded

KEYS = {ActionStatus.DONE: "d", ActionStatus.IN_PROGRESS: "p", ActionStatus.DROPPED: "x"}


class FollowUpRow(Vertical, can_focus=True):
    """One open action: what, dimension, owner, due, where it was agreed, and its status."""

    def __init__(
        self, index: int, item: FollowUpItem, details: str, state: str, names: dict[str, str]
    ) -> None:
        super().__init__(id=f"followup-{index}", classes="followup-row")
        self.index = index
        self.item = item
        self._details = details
        self._state = state
        self._names = names

    def compose(self) -> ComposeResult:
        """The action's text and details, its status in words, and one button per status."""
        yield Static(f"• {self.item.action.text}", classes="followup-text", markup=False)
        yield Static(self._details, classes="followup-details", markup=False)
        with Horizontal(classes="followup-buttons"):
            for status in FOLLOW_UP_CHOICES:
                button = Button(
                    f"{self._names[status.value]} ({KEYS[status]})",
                    id=f"mark-{self.index}-{status.value}",
                    compact=True,
                )
                button.can_focus = False  # keys act on the focused row; buttons are for the mouse
                yield button
            yield Static(self._state, classes="followup-state", markup=False)

    def show_state(self, text: str) -> None:
        """Say in words where this action stands."""
        self.query_one(".followup-state", Static).update(text)


class FollowUpScreen(AppScreen[dict[str, ActionStatus]]):
    """Mark each open action done, in progress or dropped; escape leaves the rest for later.

    Dismisses with the statuses that reached the vault, by action id.
    """

    CSS_PATH = "followup.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "mark('done')", "key.followup_done"),
        Binding("p", "mark('in_progress')", "key.followup_in_progress"),
        Binding("x", "mark('dropped')", "key.followup_dropped"),
        Binding("down,j", "move(1)", show=False),
        Binding("up,k", "move(-1)", show=False),
        Binding("enter", "finish", "key.followup_continue"),
        Binding("escape", "later", "key.followup_later"),
    ]

    def __init__(self, project: str, follow_up: FollowUp) -> None:
        super().__init__(id="followup")
        self.project = project
        self.items = follow_up.items
        self.language = self.services.settings.language
        self._lock = threading.Lock()
        self._wanted: dict[int, ActionStatus] = {}  # the latest status asked for, per row
        self._recorded: dict[str, ActionStatus] = {}
        self._writes: list[Worker[None]] = []

    def status_name(self, status: ActionStatus) -> str:
        """An action status in words."""
        return self.t(f"vocab.action_status.{status.value}")

    def _details(self, item: FollowUpItem) -> str:
        """Dimension, owner role, due date and where it was agreed; what is unknown is left out."""
        action = item.action
        parts = [item.dimension_title or self.t("followup.no_dimension")]
        if action.owner_role:
            parts.append(self.t("followup.owner", owner=self.t(f"role.{action.owner_role.value}")))
        if action.due:
            parts.append(self.t("followup.due", due=format_date(action.due, self.language)))
        parts.append(self.t("followup.agreed_in", session=item.session_title))
        return " · ".join(parts)

    def compose(self) -> ComposeResult:
        """The heading, what to do, and one row per open action."""
        yield Header()
        with VerticalScroll(id="followup-list"):
            yield Static(
                self.t("followup.intro", count=len(self.items)), id="followup-intro", markup=False
            )
            names = {s.value: self.status_name(s) for s in FOLLOW_UP_CHOICES}
            for index, item in enumerate(self.items):
                state = self.t("followup.state", status=self.status_name(item.action.status))
                yield FollowUpRow(index, item, self._details(item), state, names)
        yield Announcements()
        yield Footer()

    def on_mount(self) -> None:
        """Name the project and put the keys on the first action."""
        self.sub_title = self.t("followup.heading", project=self.project)
        rows = list(self.query(FollowUpRow))
        if rows:
            rows[0].focus()

    def _focused_row(self) -> FollowUpRow | None:
        focused = self.focused
        return focused if isinstance(focused, FollowUpRow) else None

    def action_move(self, step: int) -> None:
        """Move to the next or previous action."""
        rows = list(self.query(FollowUpRow))
        if not rows:
            return
        current = self._focused_row()
        index = rows.index(current) + step if current else 0
        target = rows[max(0, min(index, len(rows) - 1))]
        target.focus()
        target.scroll_visible()

    def action_mark(self, value: str) -> None:
        """Mark the focused action with a status and move on to the next one."""
        row = self._focused_row()
        if row is not None:
            self._mark(row, ActionStatus(value))
            self.action_move(1)

    @on(Button.Pressed, ".followup-buttons Button")
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        _, index, value = (event.button.id or "").split("-", 2)
        row = self.query_one(f"#followup-{index}", FollowUpRow)
        row.focus()
        self._mark(row, ActionStatus(value))

    def _mark(self, row: FollowUpRow, status: ActionStatus) -> None:
        self._wanted[row.index] = status
        row.show_state(self.t("followup.saving", status=self.status_name(status)))
        self._writes.append(self._write(row.index))

    @work(thread=True, exit_on_error=False, group="followup")
    def _write(self, index: int) -> None:
        """Write the latest status asked for; one write at a time, so none is lost."""
        item = self.items[index]
        vault = self.services.vault
        assert vault is not None
        with self._lock:
            status = self._wanted[index]
            try:
                record_follow_up(
                    vault,
                    item.session_id,
                    item.action.id,
                    status,
                    now=self.services.clock.now(),
                )
            except FacilitatorError as error:
                self.post_message(FollowUpRecorded(index, status, render(error, self.language)))
                return
            self._recorded[item.action.id] = status
        self.post_message(FollowUpRecorded(index, status))

    def on_follow_up_recorded(self, message: FollowUpRecorded) -> None:
        """Show and announce what reached the vault, or why it did not."""
        message.stop()
        row = self.query_one(f"#followup-{message.index}", FollowUpRow)
        item = self.items[message.index]
        if message.problem:
            row.focus()  # back to the action that was not saved, so the same key tries again
            saved = self._recorded.get(item.action.id, item.action.status)
            row.show_state(self.t("followup.state", status=self.status_name(saved)))
            self.notify(
                self.t("followup.failed", reason=message.problem), severity="error", timeout=10
            )
            return
        name = self.status_name(message.status)
        row.show_state(self.t("followup.saved", status=name))
        marked = self.t("followup.marked", action=item.action.text, status=name.lower())
        self.facilitator.announce(marked)

    async def action_later(self) -> None:
        """Leave the rest for later: unmarked actions stay open and are offered again."""
        await self.action_finish()

    async def action_finish(self) -> None:
        """Close once every mark is written; unmarked actions stay open for next time."""
        await self.app.workers.wait_for_complete(self._writes)
        left = sum(1 for i in self.items if i.action.id not in self._recorded)
        if left:
            self.facilitator.announce(self.t("followup.left_open", count=left))
        self.dismiss(dict(self._recorded))
