"""The reveal of a closed round: values per group, small groups and overfull groups withheld."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult

from facilitator.i18n import translator
from facilitator.room.tally import ClosedRound, close_round
from facilitator.session import ParticipantCounts
from facilitator.vocabulary import RoleGroup
from screens.room_reveal import RoomReveal
from tests.facilitator.room.sessions import fake_clock, room_session

SIZES = [(80, 24), (100, 30)]
LANGUAGES = ["en", "sv"]


def tallied(language: str = "en") -> ClosedRound:
    session = room_session(ParticipantCounts(5, 2, 3), language)
    votes = {
        RoleGroup.PROFESSIONALS: [2, 2, 3, 1, 2],
        RoleGroup.USERS_RELATIVES: [1, 1],
        RoleGroup.MANAGERS: [3, 4, 3, 3],
    }
    return close_round(
        "resources", "resources", votes, [], session=session, closed_at=fake_clock().now()
    )


class RevealApp(App[None]):
    """Hosts the reveal as the presenter view will after voting closes."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def compose(self) -> ComposeResult:
        reveal = RoomReveal(translator(self.language))
        reveal.show("Resources" if self.language == "en" else "Resurser", tallied(), (1, 5))
        yield reveal


async def test_reveal_shows_large_groups_and_withholds_the_rest() -> None:
    app = RevealApp("en")
    async with app.run_test(size=(80, 24)):
        text = str(app.query_one(RoomReveal).render())
    lines = text.splitlines()
    assert lines[0] == "Votes on Resources"
    assert lines[1].startswith("Professionals (5):") and "2 ■■■(3)" in lines[1]
    assert lines[2] == "Patients, users and relatives: too few people to show"
    assert "more votes than people" in lines[3] and "■" not in lines[3]
    assert "(2)" not in lines[2] and "1 ■" not in lines[2]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_room_reveal_snapshot(snap_compare: Any, size: tuple[int, int], language: str) -> None:
    assert snap_compare(RevealApp(language), terminal_size=size)
