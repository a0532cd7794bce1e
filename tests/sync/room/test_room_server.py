"""The room server over real HTTP on loopback: joining, voting, and what it refuses."""

from __future__ import annotations

import logging
import socket
import threading

import httpx
import pytest

from facilitator.vocabulary import RoleGroup
from sync.room import RoomService
from sync.room.pages import CONTENT_SECURITY_POLICY
from tests.sync.room.phones import Phone, csrf, vote_token


@pytest.fixture
def phone(service: RoomService) -> Phone:
    p = Phone(service.invite)
    yield p
    p.close()


def test_join_by_qr_address_pick_group_and_vote(service: RoomService, phone: Phone) -> None:
    assert phone.scan().url.path == "/group"
    assert phone.pick("users_relatives").url.path == "/room"
    assert "Waiting for the next rating" in phone.ballot().text
    service.open_round("resources")
    page = phone.ballot()
    assert "Resources" in page.text and "Who holds the means to influence?" in page.text
    assert "Held by professionals" in page.text and "Shared on equal terms" in page.text
    saved = phone.vote(2)
    assert saved.status_code == 200 and "your rating is 2" in saved.text
    phone.vote(4)
    assert service.voted()[RoleGroup.USERS_RELATIVES] == 1
    closed = service.close_round()
    assert closed is not None
    assert [(r.value, r.count) for r in closed.ratings] == [(4, 1)]


def test_every_response_has_a_strict_policy_and_no_server_banner(phone: Phone) -> None:
    for response in (phone.client.get("/"), phone.scan(), phone.client.get("/nowhere")):
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "default-src 'none'" in CONTENT_SECURITY_POLICY
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["cache-control"] == "no-store"
        assert "server" not in response.headers


def test_nothing_without_the_secret_or_code(service: RoomService, phone: Phone) -> None:
    service.open_round("resources")
    assert phone.client.get("/J/" + "A" * 32).status_code == 404
    for path in ("/room", "/group"):
        response = phone.client.get(path)
        assert response.status_code == 403 and "Resources" not in response.text
    assert phone.client.post("/vote", data={"value": "3"}).status_code == 403
    front = phone.client.get("/")
    assert "Resources" not in front.text and "Room code" in front.text
    forged = httpx.Client(base_url=phone.base, cookies={"room": "made-up"})
    assert forged.get("/room").status_code == 403
    forged.close()


def test_code_joins_and_locks_after_repeated_misses(service: RoomService) -> None:
    good = Phone(service.invite)
    assert good.type_code(service.invite.shown_code.lower()).url.path == "/group"
    good.close()
    wrong = "A" * 6 if service.invite.code != "A" * 6 else "B" * 6
    guesser = Phone(service.invite)
    token = csrf(guesser.client.get("/").text)  # a form fetched before the lock
    statuses = [guesser.type_code(wrong).status_code for _ in range(10)]
    assert statuses[:9] == [400] * 9 and statuses[9] == 423
    right = {"csrf": token, "code": service.invite.code}
    assert guesser.client.post("/code", data=right).status_code == 423  # even the right code
    assert service.room.code_locked
    guesser.close()
    newcomer = httpx.Client(base_url=guesser.base)
    page = newcomer.get("/")  # a locked code is said at once, not after one more try
    assert page.status_code == 423 and 'name="code"' not in page.text
    newcomer.close()
    late = Phone(service.invite)
    assert late.scan().url.path == "/group"  # the QR address still lets people in
    renewed = service.renew_code()
    fresh = Phone(renewed)
    assert fresh.type_code(renewed.code).url.path == "/group"
    late.close()
    fresh.close()


def test_code_tries_are_rate_limited(service: RoomService) -> None:
    service.room.code_locked  # noqa: B018
    guesser = Phone(service.invite)
    page = guesser.client.get("/")
    token = csrf(page.text)
    statuses = []
    for _ in range(31):
        service.room.renew_code()  # keep the lockout out of the way: only the limiter speaks
        statuses.append(
            guesser.client.post("/code", data={"csrf": token, "code": "ZZZZZZ"}).status_code
        )
    assert statuses[-1] == 429 and 429 not in statuses[:30]
    guesser.close()


def test_forms_without_the_csrf_token_are_refused(service: RoomService, phone: Phone) -> None:
    phone.scan()
    assert phone.client.post("/group", data={"group": "managers"}).status_code == 403
    page = phone.client.get("/group")
    assert (
        phone.client.post("/group", data={"group": "managers", "csrf": "0" * 64}).status_code == 403
    )
    assert phone.client.post("/code", data={"code": service.invite.code}).status_code == 403
    assert csrf(page.text)


def test_large_bodies_are_refused(service: RoomService, phone: Phone) -> None:
    phone.scan()
    response = phone.client.post(
        "/group",
        content=b"group=" + b"x" * 10_000,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


def test_vote_token_replayed_in_another_round_or_after_close(
    service: RoomService, phone: Phone
) -> None:
    phone.scan()
    phone.pick("professionals")
    service.open_round("resources")
    old = vote_token(phone.ballot().text)
    service.close_round()
    after_close = phone.vote(3, token=old)
    assert after_close.status_code == 409 and "was not counted" in after_close.text
    service.open_round("attitudes")
    replayed = phone.vote(3, token=old)
    assert replayed.status_code == 409
    assert service.voted()[RoleGroup.PROFESSIONALS] == 0
    closed = service.close_round()
    assert closed is not None and closed.ratings == ()


def test_pages_never_show_others_votes_or_notes(service: RoomService) -> None:
    writer, reader = Phone(service.invite), Phone(service.invite)
    for p in (writer, reader):
        p.scan()
        p.pick("professionals")
    service.open_round("resources")
    writer.vote(5, "the secret worry")
    page = reader.ballot().text
    assert "the secret worry" not in page and "checked" not in page
    assert "the secret worry" not in writer.ballot().text
    writer.close()
    reader.close()


def test_nothing_served_after_close_and_stop(service: RoomService, phone: Phone) -> None:
    phone.scan()
    phone.pick("managers")
    service.open_round("resources")
    service.room.close()
    for response in (phone.ballot(), phone.client.get("/"), phone.scan()):
        assert response.status_code == 410 and "Resources" not in response.text
    address = service.invite.short_address
    assert any(t.name == "room-server" for t in threading.enumerate())
    service.stop()
    assert not any(t.name == "room-server" for t in threading.enumerate())  # joined, not left
    host, port = address.split(":")
    with pytest.raises(OSError), socket.create_connection((host, int(port)), timeout=2):
        pass


def test_other_host_names_are_refused(service: RoomService, phone: Phone) -> None:
    response = phone.client.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 400


def test_no_address_or_user_agent_in_logs(
    service: RoomService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    p = Phone(service.invite)
    p.client.headers["user-agent"] = "Phone-Agent/9.9"
    p.scan()
    p.pick("managers")
    service.open_round("resources")
    p.vote(3, "note")
    p.client.get("/nowhere")
    p.close()
    server_side = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    text = "\n".join(f"{r.name} {r.getMessage()}" for r in server_side)
    assert "127.0.0.1" not in text and "Phone-Agent" not in text
