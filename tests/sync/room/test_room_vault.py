"""Twelve phones over HTTP into a real encrypted vault: exactly their ratings and notes, no trace."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from facilitator.codec import session_to_dict
from facilitator.vault import Vault
from facilitator.vault.kdf import KdfParams
from sync.room import RoomService
from tests.facilitator.room.sessions import fake_clock, room_session
from tests.sync.room.phones import Phone

PASSPHRASE = "correct horse battery staple"
AGENT = "TracePhone/2.0"
GROUPS = ["professionals"] * 5 + ["users_relatives"] * 4 + ["managers"] * 3


def test_two_rounds_of_votes_land_in_the_vault_and_nothing_else(tmp_path: Path) -> None:
    clock = fake_clock()
    vault, _ = Vault.create(tmp_path / "vault", PASSPHRASE, kdf=KdfParams.MINIMUM, clock=clock)
    session = room_session()
    vault.save_session(session)
    rooms = RoomService(clock)
    invite = rooms.open(session, "127.0.0.1", 0)
    phones = [Phone(invite) for _ in GROUPS]
    expected: Counter[tuple[str, str, int]] = Counter()
    notes: list[str] = []
    try:
        for index, (phone, group) in enumerate(zip(phones, GROUPS, strict=True)):
            phone.client.headers["user-agent"] = AGENT
            if index % 2:
                phone.scan()
            else:
                phone.type_code(invite.code)
            phone.pick(group)
        for round_id in ("resources", "attitudes"):
            rooms.open_round(round_id)
            for index, (phone, group) in enumerate(zip(phones, GROUPS, strict=True)):
                value = 1 + (index + len(round_id)) % 5
                note = f"{round_id} unsaid {index}" if index % 4 == 0 else ""
                phone.vote(5 if value != 5 else 1)  # changed below
                assert phone.vote(value, note).status_code == 200
                expected[(round_id, group, value)] += 1
                notes += [note] if note else []
            closed = rooms.close_round()
            assert closed is not None and closed.raters == len(GROUPS)
            vault.save_session(closed.applied_to(vault.load_session(session.id)))
    finally:
        for phone in phones:
            phone.close()
        rooms.stop()
        vault.close()

    with Vault.unlock(tmp_path / "vault", PASSPHRASE, clock=clock) as reopened:
        stored = reopened.load_session(session.id)
    got: Counter[tuple[str, str, int]] = Counter()
    for rating in stored.ratings:
        got[(rating.round_id, rating.role_group.value, rating.value)] += rating.count
    assert got == expected
    assert sorted(n.text for n in stored.notes) == sorted(notes)
    assert all(n.anonymous for n in stored.notes)  # kept apart from the facilitator's notes
    plain = json.dumps(session_to_dict(stored))
    on_disk = b"".join(p.read_bytes() for p in (tmp_path / "vault").rglob("*") if p.is_file())
    for trace in ("127.0.0.1", AGENT, invite.code, invite.join_url.rsplit("/", 1)[1]):
        assert trace not in plain and trace.encode() not in on_disk
