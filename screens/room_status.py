"""Provides RoomVotes: how many have voted per role group while a round is open, never values.

The run screen sets `counts` from the room service; this widget only draws them.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget

from facilitator.i18n import Translator
from facilitator.vocabulary import RoleGroup


class RoleGroupLines(Widget):
    """A widget of one line per role group, named as the template names them."""

    DEFAULT_CSS = """
    RoleGroupLines {
        width: auto;
        height: auto;
    }
    """

    def __init__(
        self,
        translator: Translator,
        labels: Mapping[RoleGroup, str] | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.translator = translator
        self.labels = dict(labels or {})
        self.clear_shown()

    def clear_shown(self) -> None:
        """Back to the state before anything is shown."""

    def label(self, group: RoleGroup) -> str:
        """The template's name for a group, or the catalog's."""
        return self.labels.get(group) or self.translator.t(f"vocab.role_group.{group.value}")


class RoomVotes(RoleGroupLines):
    """One line per role group with its count of votes so far, and the total.

    Compact, the counts follow the round's title in one flowing line; short, they shrink to
    the groups' one-letter marks on one line, so a short run screen keeps room for its notes.
    """

    compact = False
    short = False

    def clear_shown(self) -> None:
        """No round open, no votes."""
        self.round_title: str | None = None
        self.counts: dict[RoleGroup, int] = dict.fromkeys(RoleGroup, 0)

    def show(self, round_title: str | None, counts: Mapping[RoleGroup, int]) -> None:
        """Show the open round (None: voting closed) and its counts of votes per group."""
        self.round_title = round_title
        self.counts = {group: int(counts.get(group, 0)) for group in RoleGroup}
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        """The open round's title, then the counts."""
        t = self.translator.t
        text = Text(no_wrap=False)
        if self.round_title is None:
            text.append(t("room_mode.voting_closed"), style="bold")
            return text
        total = sum(self.counts.values())
        if self.short:
            marks = " · ".join(
                f"{t(f'vocab.role_group.abbr.{group.value}')} {self.counts[group]}"
                for group in RoleGroup
            )
            text.append(t("room_mode.counts_short"), style="bold")
            return text.append(f" {marks} · " + t("room_mode.counts_total", count=total))
        if self.compact:
            text.append(t("room_mode.voting_open", round=self.round_title), style="bold")
            for group in RoleGroup:
                count = self.counts[group]
                text.append(
                    " · " + t("room_mode.counts_group", group=self.label(group), count=count)
                )
            return text.append(" · " + t("room_mode.counts_total", count=total))
        text.append(t("room_mode.voting_open", round=self.round_title) + "\n", style="bold")
        text.append(t("room_mode.counts_heading") + "\n")
        for group in RoleGroup:
            line = t("room_mode.counts_group", group=self.label(group), count=self.counts[group])
            text.append("  " + line + "\n")
        text.append(
            t("room_mode.counts_total", count=total) if total else t("room_mode.counts_none")
        )
        return text
