"""Room mode end to end in a real browser: twelve phones join, vote and write notes.

The facilitator's side goes through RoomService and a real encrypted vault on disk.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from facilitator.clock import FakeClock
from facilitator.codec import session_to_dict
from facilitator.vault import Vault
from facilitator.vault.kdf import KdfParams
from facilitator.vocabulary import RoleGroup
from sync.room import RoomService
from tests.facilitator.room.sessions import fake_clock, room_session
from tests.sync.room.browser import PHONE, USER_AGENT, chromium

PASSPHRASE = "correct horse battery staple"
LABELS = {
    "professionals": "Professionals",
    "users_relatives": "Patients, users and relatives",
    "managers": "Managers",
}
# (group, first value, changed value or None, note or "", joins by QR address or by code)
PEOPLE = [
    ("professionals", 2, None, "", True),
    ("professionals", 2, 3, "", False),
    ("professionals", 1, None, "Budgets decide before we meet.", True),
    ("professionals", 3, None, "", False),
    ("professionals", 2, None, "", True),
    ("users_relatives", 1, None, "I did not dare say the meeting time excludes me.", False),
    ("users_relatives", 1, 2, "", True),
    ("users_relatives", 2, None, "", False),
    ("users_relatives", 1, None, "Transport is the real barrier.", True),
    ("managers", 3, None, "", False),
    ("managers", 4, 3, "", True),
    ("managers", 3, None, "", False),
]
SERIOUS = {"serious", "critical"}

# Twelve browser contexts take about half a minute on a shared machine.
pytestmark = pytest.mark.slow


def axe_problems(page: Any) -> list[str]:
    """The serious and critical axe-core violations on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v.get("impact") in SERIOUS
    ]


def layout(page: Any) -> dict[str, Any]:
    """Key layout facts of a phone page: no sideways scroll, the smallest touch target."""
    return page.evaluate(
        """() => {
            const targets = [...document.querySelectorAll('button, .option, a, input[type=text]')];
            const boxes = targets.map(t => t.getBoundingClientRect());
            return {
                scrollWidth: document.documentElement.scrollWidth,
                minTargetHeight: Math.min(...boxes.map(b => b.height)),
                minTargetWidth: Math.min(...boxes.map(b => b.width)),
                fontSize: parseFloat(getComputedStyle(document.body).fontSize),
                scripts: document.scripts.length,
            };
        }"""
    )


def submit(page: Any, button: str) -> None:
    """Press a form's button and wait for the page the server answers with."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def status_of(page: Any) -> str:
    """The page's status line (what was saved)."""
    return str(page.get_by_role("status").inner_text())


def check_phone_page(page: Any, shots: Path, name: str) -> None:
    """A page fits a 375-pixel screen with large targets, no script and no axe problems."""
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000
    facts = layout(page)
    assert facts["scrollWidth"] <= PHONE["width"], (name, facts)
    assert facts["minTargetHeight"] >= 44, (name, facts)  # WCAG 2.5.8 asks 24; we give 48
    assert facts["fontSize"] >= 16 and facts["scripts"] == 0, (name, facts)
    assert axe_problems(page) == [], name


def test_twelve_phones_vote_and_the_vault_holds_exactly_their_ratings_and_notes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    clock: FakeClock = fake_clock()
    vault_dir = tmp_path / "vault"
    shots = tmp_path / "screenshots"
    shots.mkdir()
    vault, _ = Vault.create(vault_dir, PASSPHRASE, kdf=KdfParams.MINIMUM, clock=clock)
    session = room_session()
    vault.save_session(session)
    rooms = RoomService(clock)
    invite = rooms.open(session, "127.0.0.1", 0)
    origin = "http://" + invite.short_address
    requests: list[str] = []
    console: list[str] = []
    try:
        with chromium() as browser:
            phones = []
            for index, (group, *_rest, by_qr) in enumerate(PEOPLE):
                # Two phones have script switched off: the pages must work as plain forms.
                context = browser.new_context(
                    viewport=PHONE, user_agent=USER_AGENT, java_script_enabled=index not in (7, 11)
                )
                context.on("request", lambda r: requests.append(r.url))
                page = context.new_page()
                page.on("console", lambda m: console.append(m.text))
                if by_qr:
                    page.goto(invite.join_url)
                else:
                    page.goto(origin + "/")
                    if index == 1:
                        check_phone_page(page, shots, "join")
                    page.fill("#code", invite.shown_code.lower())
                    submit(page, "Join")
                assert page.url == origin + "/group"
                if index == 0:
                    check_phone_page(page, shots, "group")
                page.get_by_label(LABELS[group], exact=True).check()
                submit(page, "Continue")
                assert page.url == origin + "/room"
                if index == 0:
                    assert page.get_by_role("heading").inner_text() == "Waiting for the next rating"
                    check_phone_page(page, shots, "waiting")
                phones.append(page)

            rooms.open_round("resources")
            for page, (_group, first, changed, note, _qr) in zip(phones, PEOPLE, strict=True):
                submit(page, "Check again")
                page.check(f"input[name=value][value='{first}']")
                if note:
                    page.fill("#note", note)
                submit(page, "Send")
                assert f"your rating is {first}" in status_of(page)
                if changed is not None:
                    page.check(f"input[name=value][value='{changed}']")
                    submit(page, "Send")
                    assert f"your rating is {changed}" in status_of(page)
            check_phone_page(phones[5], shots, "ballot")
            assert rooms.voted() == {
                RoleGroup.PROFESSIONALS: 5,
                RoleGroup.USERS_RELATIVES: 4,
                RoleGroup.MANAGERS: 3,
            }

            closed = rooms.close_round()  # the facilitator reveals
            assert closed is not None
            assert all(g.shown for g in closed.groups)
            vault.save_session(closed.applied_to(vault.load_session(session.id)))

            after = phones[0]
            after.reload()
            assert "Waiting for the next rating" in after.content()
            rooms.stop()
            with pytest.raises(Exception, match="ERR_CONNECTION_REFUSED"):
                after.goto(origin + "/room")
    finally:
        rooms.stop()
        vault.close()

    assert requests and all(url.startswith(origin + "/") for url in requests), set(requests)
    assert not [m for m in console if "Content Security Policy" in m], console

    with Vault.unlock(vault_dir, PASSPHRASE, clock=clock) as reopened:
        stored = reopened.load_session(session.id)
    expected = Counter(
        (group, changed if changed is not None else first)
        for group, first, changed, _note, _qr in PEOPLE
    )
    got = Counter()
    for rating in stored.ratings:
        assert rating.round_id == "resources" and rating.dimension == "resources"
        got[(rating.role_group.value, rating.value)] += rating.count
    assert got == expected
    notes = sorted(n.text for n in stored.notes)
    assert notes == sorted(note for *_x, note, _qr in PEOPLE if note)
    assert all(n.role_group is None and n.round_id == "resources" for n in stored.notes)
    assert all(n.anonymous for n in stored.notes)

    plain = json.dumps(session_to_dict(stored))
    on_disk = b"".join(p.read_bytes() for p in vault_dir.rglob("*") if p.is_file())
    server_logs = "\n".join(
        r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))
    )
    for trace in ("127.0.0.1", "RoomTestPhone", "tracing-marker"):
        assert trace not in plain and trace.encode() not in on_disk and trace not in server_logs
