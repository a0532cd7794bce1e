"""Pilot tests of the run screen while voting is open: notes list and room panel both in view.

The room's anonymous notes are labelled and hidden in the list (the run screen may be on the
projector); Enter opens one for the facilitator to read; the presenter view never shows it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.widget import Widget
from textual.widgets import OptionList

from facilitator.clock import FakeClock
from facilitator.room.tally import close_round
from facilitator.session import Note, Session
from screens.presenter import PresenterScreen
from screens.run import RunScreen
from screens.run.edit_modal import EditModal
from tests.screens.helpers import plain_screen_text, settle, started
from tests.screens.room_mode.harness import lock_the_code, room_services
from tests.screens.room_mode.test_room_mode import open_room

SECRET = "the ward manager talks over the relatives every time"
LABEL = {"en": "Anonymous, from the room", "sv": "Anonym, från rummet"}
TOTAL = {"en": "0 in all", "sv": "0 totalt"}


def with_notes(session: Session) -> Session:
    """`session` with a typed note and an anonymous one from the room in its current round."""
    round_id = session.template.rounds[session.current_round].id
    typed = session.with_note(Note("typed-1", round_id, "Bus times decide who can come"))
    closed = close_round(
        round_id,
        "resources",
        {},
        [SECRET],
        session=typed,
        closed_at=datetime(2026, 11, 26, 9, 40, tzinfo=UTC),
    )
    return closed.applied_to(typed)


def within(widget: Widget, width: int, bottom: int) -> bool:
    region = widget.region
    return (
        region.height >= 1 and region.x >= 0 and region.right <= width and region.bottom <= bottom
    )


@pytest.mark.parametrize("plain", [False, True], ids=["normal", "plain"])
@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_voting_open_keeps_the_notes_list_and_the_room_panel_usable(
    clock: FakeClock, size: tuple[int, int], language: str, plain: bool
) -> None:
    services, session = room_services(clock, language, plain=plain)
    session = with_notes(session)
    async with started(services, size=size) as (app, pilot):
        panel = await open_room(app, pilot, session)
        await pilot.press("ctrl+v")  # open voting on this round
        await settle(pilot)
        assert panel.voting is not None
        run = app.screen
        width, footer_top = size[0], run.query_one("#run-footer").region.y
        options = run.query_one("#note-list-options", OptionList)
        # Plain mode's two choice lines and focus line leave one row of notes at 80x24; the
        # highlighted (newest) note stays in it, and the arrows scroll.
        rows = 1 if plain and size == (80, 24) else 2
        assert options.region.height >= rows, options.region
        assert options.option_count == 2 and options.highlighted == 1
        for button in ("#note-list-edit", "#note-list-delete"):
            assert within(run.query_one(button), width, panel.region.y), button
        assert options.region.bottom <= panel.region.y
        short = size[1] < 30  # one row: counts and buttons; the presenter view has the address
        assert panel.region.height == 1 if short else panel.region.height <= 4
        parts = ["#room-votes", "#room-voting", "#room-stop"] + ([] if short else ["#room-address"])
        for part in parts:
            assert within(panel.query_one(part), width, footer_top), part
        typed, anonymous = (str(options.get_option_at_index(i).prompt) for i in (0, 1))
        assert "Bus times" in typed
        assert LABEL[language] in anonymous and "ward manager" not in anonymous
        text = plain_screen_text(app)
        assert LABEL[language] in text and "ward manager" not in text
        assert TOTAL[language] in " ".join(text.split())  # the counts are whole, not cut


async def test_an_anonymous_note_is_read_on_request_and_never_on_the_presenter(
    clock: FakeClock,
) -> None:
    services, session = room_services(clock)
    session = with_notes(session)
    async with started(services, size=(80, 24)) as (app, pilot):
        await open_room(app, pilot, session)
        run = app.screen
        assert isinstance(run, RunScreen)
        options = run.query_one("#note-list-options", OptionList)
        options.focus()
        options.highlighted = 1  # the anonymous note, filed last
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditModal) and app.screen.text == SECRET
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, PresenterScreen)
        assert SECRET not in plain_screen_text(app)


@pytest.mark.parametrize("language", ["en", "sv"])
async def test_a_locked_code_keeps_the_counts_whole_on_a_short_screen(
    clock: FakeClock, language: str
) -> None:
    services, session = room_services(clock, language)
    async with started(services, size=(80, 24)) as (app, pilot):
        panel = await open_room(app, pilot, session)
        await pilot.press("ctrl+v")
        await settle(pilot)
        old = lock_the_code(panel)
        await settle(pilot)
        assert panel.code() == (old, True)
        footer_top = app.screen.query_one("#run-footer").region.y
        assert panel.region.height <= 2
        for part in ("#room-votes", "#room-voting", "#room-stop", "#room-renew"):
            assert within(panel.query_one(part), 80, footer_top), part
        text = " ".join(plain_screen_text(app).split())
        assert TOTAL[language] in text
