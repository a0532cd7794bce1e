"""Room domain: joining, one vote per device per round, tokens, tally and ratings."""

from __future__ import annotations

import pytest

from facilitator.room import JoinOutcome, Room, VoteOutcome, format_code, normalise_code
from facilitator.room.ballots import NotRateable, RoomClosed
from facilitator.room.codes import CODE_ALPHABET, MAX_CODE_MISSES, new_code, new_secret
from facilitator.session import ParticipantCounts
from facilitator.vocabulary import RoleGroup
from tests.facilitator.room.sessions import fake_clock, room_session

P, U, M = RoleGroup.PROFESSIONALS, RoleGroup.USERS_RELATIVES, RoleGroup.MANAGERS


def make_room(participants: ParticipantCounts | None = None) -> Room:
    return Room(room_session(participants), clock=fake_clock())


def joined(room: Room, group: RoleGroup) -> str:
    device = room.join_with_secret(room.secret)
    assert device is not None
    assert room.choose_group(device, group)
    return device


def cast(room: Room, device: str, value: int | None, note: str = "") -> VoteOutcome:
    ballot = room.ballot(device)
    assert ballot is not None
    return room.vote(device, ballot.vote_token, value, note)


def test_secret_has_at_least_128_bits_and_code_six_characters() -> None:
    secret = new_secret()
    assert len(secret) * 5 >= 128
    assert secret == secret.upper()
    codes = {new_code() for _ in range(50)}
    assert all(len(c) == 6 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert len(codes) > 45


def test_code_is_typed_loosely_and_shown_in_two_groups() -> None:
    assert normalise_code(" k7m-q2p ") == "K7MQ2P"
    assert format_code("K7MQ2P") == "K7M Q2P"


def test_wrong_secret_or_code_lets_nobody_in() -> None:
    room = make_room()
    assert room.join_with_secret("A" * 32) is None
    wrong = "A" * 6 if room.code != "A" * 6 else "B" * 6
    assert room.join_with_code(wrong) == (JoinOutcome.WRONG, None)
    outcome, device = room.join_with_code(room.code.lower())
    assert outcome is JoinOutcome.JOINED and device is not None and room.knows(device)


def test_code_locks_after_repeated_misses_until_renewed() -> None:
    room = make_room()
    wrong = "A" * 6 if room.code != "A" * 6 else "B" * 6
    outcomes = [room.join_with_code(wrong)[0] for _ in range(MAX_CODE_MISSES)]
    assert outcomes[-1] is JoinOutcome.LOCKED and room.code_locked
    assert room.join_with_code(room.code)[0] is JoinOutcome.LOCKED
    assert room.join_with_secret(room.secret) is not None  # the QR address still works
    old = room.code
    new = room.renew_code()
    assert room.join_with_code(new)[0] is JoinOutcome.JOINED
    if old != new:
        assert room.join_with_code(old)[0] is JoinOutcome.WRONG


def test_one_vote_per_device_per_round_changeable_until_close() -> None:
    room = make_room()
    device = joined(room, U)
    room.open_round("resources")
    assert cast(room, device, 2) is VoteOutcome.SAVED
    assert cast(room, device, 4) is VoteOutcome.SAVED
    assert room.voted() == {P: 0, U: 1, M: 0}
    closed = room.close_round()
    assert closed is not None
    assert [(r.role_group, r.value, r.count) for r in closed.ratings] == [(U, 4, 1)]


def test_token_refused_in_another_round_and_after_close() -> None:
    room = make_room()
    device = joined(room, P)
    room.open_round("resources")
    first = room.ballot(device)
    assert first is not None
    room.close_round()
    assert room.vote(device, first.vote_token, 3) is VoteOutcome.NOT_OPEN
    room.open_round("attitudes")
    assert room.vote(device, first.vote_token, 3) is VoteOutcome.NOT_OPEN
    room.open_round("resources")  # the same round opened again hands out new tokens
    assert room.vote(device, first.vote_token, 3) is VoteOutcome.NOT_OPEN
    assert room.voted()[P] == 0


def test_token_of_another_device_is_refused() -> None:
    room = make_room()
    mine, theirs = joined(room, P), joined(room, U)
    room.open_round("resources")
    ballot = room.ballot(theirs)
    assert ballot is not None
    assert room.vote(mine, ballot.vote_token, 1) is VoteOutcome.NOT_OPEN


def test_values_off_scale_empty_or_without_group_are_refused() -> None:
    room = make_room()
    device = joined(room, P)
    stranger = room.join_with_secret(room.secret)
    assert stranger is not None
    room.open_round("resources")
    assert cast(room, device, 9) is VoteOutcome.OFF_SCALE
    assert cast(room, device, None) is VoteOutcome.EMPTY
    assert cast(room, device, None, "x" * 501) is VoteOutcome.TOO_LONG
    assert cast(room, stranger, 3) is VoteOutcome.NO_GROUP


def test_only_rated_rounds_open_and_a_closed_room_opens_none() -> None:
    room = make_room()
    with pytest.raises(NotRateable):
        room.open_round("opening")
    room.close()
    with pytest.raises(RoomClosed):
        room.open_round("resources")
    assert room.join_with_secret(room.secret) is None


def test_tally_hides_small_groups_and_refuses_more_voters_than_people() -> None:
    room = make_room(ParticipantCounts(professionals=4, users_relatives=2, managers=1))
    pros = [joined(room, P) for _ in range(4)]
    users = [joined(room, U) for _ in range(2)]
    managers = [joined(room, M) for _ in range(2)]  # one more than the session counts
    room.open_round("resources")
    for device, value in zip(pros, [2, 2, 3, 1], strict=True):
        cast(room, device, value)
    for device in users:
        cast(room, device, 5)
    for device in managers:
        cast(room, device, 1)
    closed = room.close_round()
    assert closed is not None
    by_group = {g.group: g for g in closed.groups}
    assert by_group[P].shown and by_group[P].distribution == ((1, 1), (2, 2), (3, 1))
    assert not by_group[U].shown and by_group[U].recorded
    assert by_group[U].withheld_reason == "too_few"
    assert not by_group[M].recorded and by_group[M].withheld_reason == "more_than_people"
    assert {(r.role_group, r.value, r.count) for r in closed.ratings} == {
        (P, 1, 1),
        (P, 2, 2),
        (P, 3, 1),
        (U, 5, 2),
    }
    assert closed.raters == 6


def test_notes_one_per_device_per_round_and_anonymous() -> None:
    room = make_room()
    device = joined(room, U)
    room.open_round("resources")
    assert cast(room, device, None, "first thought") is VoteOutcome.SAVED
    assert cast(room, device, None, "  what I meant\x07  ") is VoteOutcome.SAVED
    ballot = room.ballot(device)
    assert ballot is not None and ballot.note_saved and ballot.value is None
    closed = room.close_round()
    assert closed is not None
    assert [n.text for n in closed.notes] == ["what I meant"]
    assert closed.notes[0].role_group is None and closed.notes[0].round_id == "resources"


def test_closed_round_becomes_the_sessions_ratings_and_notes() -> None:
    room = make_room()
    session = room.session
    devices = [joined(room, P) for _ in range(3)]
    room.open_round("resources")
    for device, value in zip(devices, [2, 3, 3], strict=True):
        cast(room, device, value, f"note {value}")
    closed = room.close_round()
    assert closed is not None
    updated = closed.applied_to(session)
    assert sorted((r.value, r.count) for r in updated.ratings) == [(2, 1), (3, 2)]
    assert sorted(n.text for n in updated.notes) == ["note 2", "note 3", "note 3"]
    assert closed.applied_to(updated).rated_by("resources", P) == 3  # replaces, never adds


def test_close_forgets_every_device() -> None:
    room = make_room()
    device = joined(room, P)
    room.close()
    assert not room.knows(device) and room.ballot(device) is None


def test_longest_join_address_fits_the_presenter_at_80x24() -> None:
    from facilitator.room.qr import qr_lines

    url = f"HTTP://255.255.255.255:65535/J/{new_secret()}"
    lines = qr_lines(url)
    assert len(lines) <= 17 and {len(line) for line in lines} == {33}
    assert set("".join(lines)) <= {" ", "▀", "▄", "█"}


def test_qr_lines_draw_the_segno_matrix_two_rows_per_line() -> None:
    import segno

    from facilitator.room.qr import qr_lines

    url = "HTTP://10.0.0.2:8765/J/ABC"
    matrix = [
        list(row) for row in segno.make_qr(url, error="l", boost_error=False).matrix_iter(border=2)
    ]
    lines = qr_lines(url)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            cell = lines[y // 2][x]
            assert bool(dark) == (cell == "█" or cell == ("▀" if y % 2 == 0 else "▄"))


def test_phones_see_the_prompt_the_facilitator_is_on() -> None:
    room = make_room()
    assert room.open_round("resources").prompt == "Who holds the means to influence?"
    assert room.open_round("resources", prompt=7).prompt == "Who holds the means to influence?"
