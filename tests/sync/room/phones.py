"""Provides Phone: an HTTP client that joins and votes the way a browser posts the forms."""

from __future__ import annotations

import re

import httpx

from sync.room import RoomInvite


class Phone:
    """One participant's phone: keeps its cookies, reads tokens from the pages it is sent."""

    def __init__(self, invite: RoomInvite) -> None:
        self.base = "http://" + invite.short_address
        self.invite = invite
        self.client = httpx.Client(base_url=self.base, follow_redirects=True, timeout=10)

    def close(self) -> None:
        self.client.close()

    def scan(self) -> httpx.Response:
        """Open the QR address."""
        path = self.invite.join_url.split(self.invite.short_address, 1)[1]
        return self.client.get(path)

    def type_code(self, code: str) -> httpx.Response:
        page = self.client.get("/")
        return self.client.post("/code", data={"csrf": csrf(page.text), "code": code})

    def pick(self, group: str) -> httpx.Response:
        page = self.client.get("/group")
        return self.client.post("/group", data={"csrf": csrf(page.text), "group": group})

    def ballot(self) -> httpx.Response:
        return self.client.get("/room")

    def vote(self, value: int | None, note: str = "", token: str | None = None) -> httpx.Response:
        form_token = csrf(self.client.get("/group").text)  # the same for every form
        data = {
            "csrf": form_token,
            "vote": token or vote_token(self.ballot().text),
            "value": "" if value is None else str(value),
            "note": note,
        }
        return self.client.post("/vote", data=data)


def csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "the page has no form token"
    return match.group(1)


def vote_token(html: str) -> str:
    match = re.search(r'name="vote" value="([^"]+)"', html)
    assert match, "the page has no open ballot"
    return match.group(1)
