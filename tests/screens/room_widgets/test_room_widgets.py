"""The room widgets in a small app: the QR code and code fit at 80x24; counts never values."""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import Console
from textual.app import App, ComposeResult
from textual.widget import Widget

from facilitator.i18n import translator
from facilitator.room.qr import qr_lines
from facilitator.vocabulary import RoleGroup
from screens.room_join import RoomJoin, qr_text
from screens.room_status import RoomVotes

URL = "HTTP://192.168.100.200:8765/J/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
ADDRESS = "192.168.100.200:8765"
CODE = "K7MQ2P"
SIZES = [(80, 24), (100, 30)]
LANGUAGES = ["en", "sv"]
COUNTS = {RoleGroup.PROFESSIONALS: 4, RoleGroup.USERS_RELATIVES: 2, RoleGroup.MANAGERS: 0}


class RoomWidgetsApp(App[None]):
    """Hosts the join panel above the vote counts, as the presenter view will."""

    def __init__(self, language: str, *, locked: bool = False) -> None:
        super().__init__()
        self.language = language
        self.locked = locked

    def compose(self) -> ComposeResult:
        t = translator(self.language)
        yield RoomJoin(URL, ADDRESS, CODE, t, code_locked=self.locked, id="join")
        votes = RoomVotes(t, id="votes")
        votes.show("Resources" if self.language == "en" else "Resurser", COUNTS)
        yield votes


def inside(widget: Widget, width: int, height: int) -> bool:
    region = widget.region
    return region.x >= 0 and region.y >= 0 and region.right <= width and region.bottom <= height


@pytest.mark.parametrize("language", LANGUAGES)
async def test_join_panel_fits_80x24_with_the_whole_qr_code(language: str) -> None:
    app = RoomWidgetsApp(language)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        join = app.query_one(RoomJoin)
        assert inside(join, 80, 24)
        assert join.qr == qr_lines(URL)
        assert join.size.height >= len(join.qr) and join.size.width >= len(join.qr[0]) + 20
        qr_cell, info_cell = cells(join)
        assert qr_cell == "\n".join(line.replace("█", " ") for line in qr_lines(URL))
        assert "K7M Q2P" in info_cell and ADDRESS in info_cell


def cells(join: RoomJoin) -> tuple[str, str]:
    """The plain text of the panel's two columns: the QR code and how to join."""
    grid = join.render()
    return str(grid.columns[0]._cells[0]), str(grid.columns[1]._cells[0])  # type: ignore[attr-defined]


async def test_counts_show_per_group_and_never_values() -> None:
    app = RoomWidgetsApp("en")
    async with app.run_test(size=(80, 24)) as pilot:
        votes = app.query_one(RoomVotes)
        rendered = str(votes.render())
        assert "Professionals: 4" in rendered and "Managers: 0" in rendered
        assert "6 in all" in rendered
        votes.show(None, {})
        await pilot.pause()
        assert str(votes.render()) == "Voting closed"


async def test_locked_code_says_to_make_a_new_one() -> None:
    app = RoomWidgetsApp("en", locked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        join = app.query_one(RoomJoin)
        assert "Code locked" in cells(join)[1]
        join.show_code("ABCDEF")
        await pilot.pause()
        assert "ABC DEF" in cells(join)[1]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_room_widgets_snapshot(snap_compare: Any, size: tuple[int, int], language: str) -> None:
    assert snap_compare(RoomWidgetsApp(language), terminal_size=size)


def test_qr_text_draws_whole_dark_cells_as_background_and_halves_dark_on_light() -> None:
    lines = qr_lines(URL)
    text = qr_text(lines)
    plain = text.plain.split("\n")
    assert len(plain) == len(lines)
    offset = 0
    for line, drawn in zip(lines, plain, strict=True):
        for column, cell in enumerate(line):
            style = text.get_style_at_offset(Console(), offset + column)
            dark_bg = style.bgcolor is not None and style.bgcolor.get_truecolor() == (0, 0, 0)
            assert dark_bg == (cell == "█"), (cell, style)
            if cell != "█":
                assert drawn[column] == cell and style.bgcolor.get_truecolor() == (255, 255, 255)
                assert style.color is not None and style.color.get_truecolor() == (0, 0, 0)
        offset += len(line) + 1
