"""Pilot tests of room mode from the run screen, with a real room served on loopback.

Phones vote with plain HTTP; the run screen shows counts per group (never values), closing
turns the votes into the round's ratings in the vault, and locking stops the room.
"""

from __future__ import annotations

import socket
from collections import Counter
from collections.abc import Iterable

import httpx
import pytest
from textual.widgets import Button, Input

from facilitator.clock import FakeClock
from facilitator.session import Rating
from screens.app import FacilitatorApp
from screens.commands import collect_keys
from screens.help import HelpScreen
from screens.presenter import PresenterScreen
from screens.room_join import RoomJoin
from screens.room_reveal import RoomReveal
from screens.room_status import RoomVotes
from screens.run import RunScreen
from screens.run.room import RoomPanel
from screens.run.room_modal import RoomAddressModal
from tests.screens.conftest import PASSPHRASE
from tests.screens.helpers import plain_screen_text, settle, started, type_text
from tests.screens.room_mode.harness import lock_the_code, room_services
from tests.sync.room.phones import Phone

# Three or more phones per group; values chosen so no two groups look alike.
VOTES = {
    "professionals": [2, 2, 3, 4],
    "users_relatives": [1, 1, 2],
    "managers": [4, 5, 5],
}


EXPECTED = Counter((group, v) for group, values in VOTES.items() for v in values)


def tally(ratings: Iterable[Rating]) -> Counter[tuple[str, int]]:
    """How many people gave each (role group, value), as the vault holds them."""
    counts: Counter[tuple[str, int]] = Counter()
    for rating in ratings:
        counts[(rating.role_group.value, rating.value)] += rating.count
    return counts


async def open_room(app: FacilitatorApp, pilot, session) -> RoomPanel:  # type: ignore[no-untyped-def]
    """The run screen on `session` with a room opened by ctrl+v and the modal's Enter."""
    await app.push_screen(RunScreen(session))
    await settle(pilot)
    await pilot.press("ctrl+v")
    await settle(pilot)
    assert isinstance(app.screen, RoomAddressModal)
    assert app.screen.query_one("#room-host", Input).value == "127.0.0.1"
    await pilot.press("enter")  # the Open button has the focus
    await settle(pilot)
    assert isinstance(app.screen, RunScreen)
    panel = app.screen.query_one(RoomPanel)
    assert panel.is_open and panel.display
    return panel


def vote_from_phones(panel: RoomPanel) -> list[Phone]:
    assert panel.invite is not None
    phones = []
    for group, values in VOTES.items():
        for value in values:
            phone = Phone(panel.invite)  # type: ignore[arg-type]
            phones.append(phone)
            assert phone.scan().status_code == 200
            assert phone.pick(group).status_code == 200
            assert phone.vote(value).status_code == 200
    return phones


async def test_votes_from_phones_become_the_rounds_ratings_in_the_vault(
    clock: FakeClock,
) -> None:
    services, session = room_services(clock)
    async with started(services) as (app, pilot):
        panel = await open_room(app, pilot, session)
        await pilot.press("ctrl+v")  # open voting on Resources
        await settle(pilot)
        assert panel.voting == "Resources"
        phones = vote_from_phones(panel)
        try:
            panel.poll()
            await pilot.pause()
            shown = str(panel.query_one(RoomVotes).render())
            assert "Professionals: 4" in shown and "users and relatives: 3" in shown
            assert "Managers: 3" in shown and "10 in all" in shown
            await pilot.press("ctrl+v")  # close voting
            await settle(pilot)
            assert panel.voting is None and panel.reveal is not None
            # After close a phone has no ballot to vote on.
            assert 'name="vote"' not in phones[0].ballot().text
        finally:
            for phone in phones:
                phone.close()
        run = app.screen
        assert isinstance(run, RunScreen)
        run.saver.save_blocking()
        stored = services.vault.load_session(session.id)  # type: ignore[union-attr]
        for rating in stored.ratings:
            assert (rating.round_id, rating.dimension) == ("resources", "resources")
        assert tally(stored.ratings) == EXPECTED
        # Manual rating stays: the ratings tab shows the room's ratings as editable text.
        await pilot.press("ctrl+r")
        await settle(pilot)
        field = run.query_one("#rating-managers", Input)
        assert not field.disabled and field.value == "4 5x2"

        await pilot.press("f2")  # the presenter reveals the distribution
        await settle(pilot)
        assert isinstance(app.screen, PresenterScreen)
        reveal = app.screen.query_one(RoomReveal)
        assert "Managers (3):" in str(reveal.render())


async def test_buttons_open_and_close_voting_and_stop_the_room(clock: FakeClock) -> None:
    services, session = room_services(clock)
    async with started(services) as (app, pilot):
        panel = await open_room(app, pilot, session)
        await pilot.click("#room-voting")
        await settle(pilot)
        assert panel.voting == "Resources"
        assert "Close" in str(panel.query_one("#room-voting", Button).label)
        await pilot.click("#room-voting")
        await settle(pilot)
        assert panel.voting is None
        address = panel.invite.short_address  # type: ignore[union-attr]
        await pilot.click("#room-stop")
        await settle(pilot)
        assert not services.room.is_open  # type: ignore[union-attr]
        assert not panel.display
        with pytest.raises(httpx.TransportError):
            httpx.get(f"http://{address}/", timeout=2)


async def test_presenter_shows_the_qr_code_while_the_room_is_open(clock: FakeClock) -> None:
    services, session = room_services(clock)
    async with started(services, size=(80, 24)) as (app, pilot):
        panel = await open_room(app, pilot, session)
        await pilot.press("f2")
        await settle(pilot)
        join = app.screen.query_one(RoomJoin)
        assert panel.invite is not None and join.code == panel.invite.code
        region = join.region
        assert region.bottom <= 24 and region.right <= 80
        assert join.size.height >= len(join.qr)


async def test_locking_stops_the_room(clock: FakeClock) -> None:
    services, session = room_services(clock)
    async with started(services) as (app, pilot):
        panel = await open_room(app, pilot, session)
        address = panel.invite.short_address  # type: ignore[union-attr]
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.locked and not services.room.is_open  # type: ignore[union-attr]
        with pytest.raises(httpx.TransportError):
            httpx.get(f"http://{address}/", timeout=2)
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        panel.poll()
        await pilot.pause()
        assert isinstance(app.screen, RunScreen) and not panel.display


async def test_locking_while_voting_is_open_keeps_the_votes_as_ratings(
    clock: FakeClock,
) -> None:
    services, session = room_services(clock)
    async with started(services) as (app, pilot):
        panel = await open_room(app, pilot, session)
        await pilot.press("ctrl+v")  # open voting on Resources
        await settle(pilot)
        phones = vote_from_phones(panel)
        for phone in phones:
            phone.close()
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.locked and not services.room.is_open  # type: ignore[union-attr]
        run = next(s for s in app.screen_stack if isinstance(s, RunScreen))
        run.saver.save_blocking()
        stored = services.vault.load_session(session.id)  # type: ignore[union-attr]
        assert tally(stored.ratings) == EXPECTED


async def test_moving_on_while_voting_is_open_says_where_voting_is(clock: FakeClock) -> None:
    services, session = room_services(clock)
    async with started(services) as (app, pilot):
        panel = await open_room(app, pilot, session)
        await pilot.press("ctrl+v")  # open voting on Resources
        await settle(pilot)
        await pilot.press("ctrl+j")  # next round, voting still open on Resources
        await settle(pilot)
        panel.poll()
        await pilot.pause()
        status = str(app.screen.query_one("#run-status").render())
        assert "Voting is still open on Resources" in status
        assert panel.voting_round == "resources"


async def test_leaving_the_session_stops_the_room(clock: FakeClock) -> None:
    services, session = room_services(clock)
    async with started(services) as (app, pilot):
        await open_room(app, pilot, session)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, RunScreen)
        assert not services.room.is_open  # type: ignore[union-attr]


async def test_a_bad_port_is_named_and_the_modal_stays(clock: FakeClock) -> None:
    services, session = room_services(clock)
    async with started(services) as (app, pilot):
        await app.push_screen(RunScreen(session))
        await settle(pilot)
        await pilot.press("ctrl+v")
        await settle(pilot)
        app.screen.query_one("#room-port", Input).value = "80"
        await pilot.click("#room-open")
        await settle(pilot)
        assert isinstance(app.screen, RoomAddressModal)
        assert "1024 to 65535" in str(app.screen.query_one("#room-error").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        assert not services.room.is_open  # type: ignore[union-attr]


async def test_voting_opens_and_closes_from_the_presenter_view(clock: FakeClock) -> None:
    services, session = room_services(clock)
    async with started(services, size=(80, 24)) as (app, pilot):
        panel = await open_room(app, pilot, session)
        await pilot.press("f2", "ctrl+v")
        await settle(pilot)
        assert panel.voting == "Resources"
        phones = vote_from_phones(panel)
        for phone in phones:
            phone.close()
        await pilot.press("ctrl+v")
        await settle(pilot)
        assert isinstance(app.screen, PresenterScreen)
        reveal = str(app.screen.query_one(RoomReveal).render())
        assert "Votes on Resources" in reveal and "Professionals (4):" in reveal
        assert not app.screen.query(RoomJoin)


async def test_quitting_stops_the_room(clock: FakeClock) -> None:
    services, session = room_services(clock)
    async with started(services) as (app, pilot):
        panel = await open_room(app, pilot, session)
        address = panel.invite.short_address  # type: ignore[union-attr]
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert not services.room.is_open  # type: ignore[union-attr]
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://{address}/", timeout=2)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Room: open, start or close voting"),
        ("sv", "Rum: öppna, starta eller stäng skattningen"),
    ],
)
async def test_help_and_palette_list_the_room_key(
    clock: FakeClock, language: str, words: str
) -> None:
    services, session = room_services(clock, language)
    async with started(services) as (app, pilot):
        await app.push_screen(RunScreen(session))
        await settle(pilot)
        entries = {e.binding.description: e.key_display for e in collect_keys(app.screen)}
        assert entries[words] == "^v"
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert words in plain_screen_text(app)


async def test_a_locked_code_offers_a_new_one(clock: FakeClock) -> None:
    services, session = room_services(clock)
    async with started(services) as (app, pilot):
        panel = await open_room(app, pilot, session)
        renew = panel.query_one("#room-renew", Button)
        assert not renew.display
        old = lock_the_code(panel)
        await settle(pilot)
        assert panel.code() == (old, True) and renew.display
        await pilot.click("#room-renew")
        await settle(pilot)
        new, locked = panel.code()
        assert new != old and not locked and not renew.display
        assert new[:3] in str(panel.query_one("#room-address").render())


async def test_a_taken_port_is_named_in_one_line(clock: FakeClock) -> None:
    services, session = room_services(clock)
    assert services.room is not None
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", services.room.port))
        taken.listen(1)
        async with started(services) as (app, pilot):
            await app.push_screen(RunScreen(session))
            await settle(pilot)
            await pilot.press("ctrl+v")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            run = app.screen
            assert isinstance(run, RunScreen)
            status = str(run.query_one("#run-status").render())
            assert f"127.0.0.1:{services.room.port}" in status and "Choose another port" in status
            assert "Errno" not in status and "\n" not in status.strip()
            assert not services.room.is_open and not run.query_one(RoomPanel).display
