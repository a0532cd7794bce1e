"""Provides RoomReveal: a closed round's votes per role group, as the projector shows them.

Groups too small to reveal, or with more votes than people, say so instead of showing values.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from facilitator.room.tally import ClosedRound, GroupTally
from screens.room_status import RoleGroupLines

BAR = "■"


class RoomReveal(RoleGroupLines):
    """One line per role group: each value of the scale with a bar and its count."""

    def clear_shown(self) -> None:
        """Nothing revealed yet."""
        self.round_title = ""
        self.scale: tuple[int, int] = (1, 5)
        self.closed: ClosedRound | None = None

    def show(self, round_title: str, closed: ClosedRound, scale: tuple[int, int]) -> None:
        """Reveal a closed round's tally on a scale from `scale[0]` to `scale[1]`."""
        self.round_title = round_title
        self.closed = closed
        self.scale = scale
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        """The heading, then a line per group."""
        t = self.translator.t
        text = Text(no_wrap=False)
        if self.closed is None:
            return text
        text.append(t("room_mode.reveal_heading", round=self.round_title), style="bold")
        for tally in self.closed.groups:
            text.append("\n" + self._line(tally))
        return text

    def _line(self, tally: GroupTally) -> str:
        t = self.translator.t
        group = self.label(tally.group)
        if not tally.voters:
            return t("room_mode.reveal_none", group=group)
        reason = tally.withheld_reason
        if reason is not None:
            return t(f"room_mode.reveal_{reason}", group=group)
        counts = dict(tally.distribution)
        low, high = self.scale
        cells = "  ".join(
            f"{value} {BAR * counts.get(value, 0)}({counts.get(value, 0)})"
            for value in range(low, high + 1)
        )
        return t("room_mode.reveal_votes", group=group, count=tally.voters) + "  " + cells
