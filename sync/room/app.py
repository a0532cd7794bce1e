"""Provides the room's web app: join, pick a role group, vote, all as plain HTML forms.

Built on Starlette; every response carries a strict Content-Security-Policy, every form a
CSRF token, and no handler reads or keeps the client's address or user agent.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from facilitator.i18n import Translator, translator
from facilitator.room.ballots import Room, VoteOutcome
from facilitator.room.codes import JoinOutcome
from facilitator.vocabulary import RoleGroup
from sync.room import pages

DEVICE_COOKIE = "room"
CSRF_COOKIE = "form"
MAX_BODY = 4096  # a note of 500 characters, percent-encoded, fits with room to spare
CODE_TRIES = "30/minute"  # tries of the room code, from every phone together

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
AsgiApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SECURITY_HEADERS = [
    (b"content-security-policy", pages.CONTENT_SECURITY_POLICY.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class Guard:
    """ASGI wrapper: security headers on every response, small bodies, nothing once closed."""

    def __init__(self, app: AsgiApp, room: Room) -> None:
        self.app = app
        self.room = room

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse large bodies and a closed room; add the headers to whatever is sent."""
        if scope["type"] != "http":
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        t = translator(self.room.language)
        if self.room.closed:
            await _html(t, "room_mode.closed", 410)(scope, receive, send_with_headers)
            return
        length = dict(scope.get("headers", [])).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > MAX_BODY:
            await _html(t, "room_mode.too_large", 413)(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def _html(t: Translator, key: str, status: int) -> Response:
    return HTMLResponse(pages.message_page(t, key), status_code=status)


class RoomPages:
    """The route handlers of one room; the CSRF key lives and dies with the room."""

    def __init__(self, room: Room, tries: str = CODE_TRIES) -> None:
        self.room = room
        self._key = secrets.token_bytes(32)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._tries = parse(tries)

    @property
    def t(self) -> Translator:
        """The session's language."""
        return translator(self.room.language)

    # ----- helpers ---------------------------------------------------------------------

    def _device(self, request: Request) -> str | None:
        token = request.cookies.get(DEVICE_COOKIE, "")
        return token if token and self.room.knows(token) else None

    def _csrf_for(self, request: Request) -> tuple[str, str]:
        """The form token for this browser, and the seed to set when it had none."""
        seed = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(16)
        return self._sign(seed), seed

    def _sign(self, seed: str) -> str:
        return hmac.new(self._key, seed.encode("utf-8"), hashlib.sha256).hexdigest()

    def _form_ok(self, request: Request, form: dict[str, str]) -> bool:
        seed = request.cookies.get(CSRF_COOKIE, "")
        given = form.get("csrf", "")
        return bool(seed) and hmac.compare_digest(given.encode(), self._sign(seed).encode())

    def _respond(self, request: Request, body: str, seed: str, status: int = 200) -> Response:
        response = HTMLResponse(body, status_code=status)
        if request.cookies.get(CSRF_COOKIE) != seed:
            _cookie(response, CSRF_COOKIE, seed)
        return response

    def _group_label(self, group: RoleGroup | None) -> str:
        if group is None:
            return ""
        return self.room.role_label(group) or self.t.t(f"vocab.role_group.{group.value}")

    # ----- routes ----------------------------------------------------------------------

    async def start(self, request: Request) -> Response:
        """The short address: the code form, or straight on for a phone that joined."""
        if self._device(request):
            return RedirectResponse("/room", 303)
        if self.room.code_locked:  # no form that can only fail; the QR address still works
            return _html(self.t, "room_mode.code_locked", 423)
        csrf, seed = self._csrf_for(request)
        return self._respond(request, pages.code_page(self.t, csrf), seed)

    async def join(self, request: Request) -> Response:
        """The QR address: the secret in the path lets the phone in."""
        device = self.room.join_with_secret(str(request.path_params["secret"]))
        if device is None:
            return _html(self.t, "room_mode.not_found", 404)
        response = RedirectResponse("/room", 303)
        _cookie(response, DEVICE_COOKIE, device)
        return response

    async def code(self, request: Request) -> Response:
        """A typed room code: rate-limited, locked after repeated misses."""
        form = await _form(request)
        csrf, seed = self._csrf_for(request)
        if form is None or not self._form_ok(request, form):
            return _html(self.t, "room_mode.form_expired", 403)
        if not self._limiter.hit(self._tries, "room-code"):
            return _html(self.t, "room_mode.slow_down", 429)
        outcome, device = self.room.join_with_code(form.get("code", ""))
        if outcome is JoinOutcome.JOINED and device is not None:
            response = RedirectResponse("/room", 303)
            _cookie(response, DEVICE_COOKIE, device)
            return response
        if outcome is JoinOutcome.LOCKED:
            return _html(self.t, "room_mode.code_locked", 423)
        problem = self.t.t(f"room_mode.code_{outcome.value}")
        return self._respond(request, pages.code_page(self.t, csrf, problem), seed, 400)

    async def show_room(self, request: Request) -> Response:
        """The phone's page: pick a group, wait, or vote on the open round."""
        device = self._device(request)
        if device is None:
            return _html(self.t, "room_mode.not_joined", 403)
        group = self.room.group_of(device)
        if group is None:
            return RedirectResponse("/group", 303)
        return self._ballot_or_wait(request, device, group)

    def _ballot_or_wait(
        self, request: Request, device: str, group: RoleGroup, problem: str | None = None
    ) -> Response:
        csrf, seed = self._csrf_for(request)
        label = self._group_label(group)
        ballot = self.room.ballot(device)
        status = 409 if problem else 200
        if ballot is None:
            body = pages.waiting_page(self.t, label, problem)
            return self._respond(request, body, seed, status)
        saved = None
        if ballot.value is not None:
            saved = self.t.t("room_mode.saved", value=ballot.value)
        body = pages.ballot_page(self.t, csrf, ballot, label, saved, problem)
        return self._respond(request, body, seed, status)

    async def show_groups(self, request: Request) -> Response:
        """The role group choice."""
        device = self._device(request)
        if device is None:
            return _html(self.t, "room_mode.not_joined", 403)
        csrf, seed = self._csrf_for(request)
        current = self.room.group_of(device)
        body = pages.group_page(
            self.t, csrf, self._groups(), None if current is None else current.value
        )
        return self._respond(request, body, seed)

    def _groups(self) -> list[tuple[str, str]]:
        return [(g.value, self._group_label(g)) for g in RoleGroup]

    async def _posted(self, request: Request) -> tuple[str, dict[str, str]] | Response:
        """The phone's device and its form, or the refusal (not joined, or not this room's form)."""
        device = self._device(request)
        if device is None:
            return _html(self.t, "room_mode.not_joined", 403)
        form = await _form(request)
        if form is None or not self._form_ok(request, form):
            return _html(self.t, "room_mode.form_expired", 403)
        return device, form

    async def choose_group(self, request: Request) -> Response:
        """Keep the phone's role group and go on to the room."""
        posted = await self._posted(request)
        if isinstance(posted, Response):
            return posted
        device, form = posted
        try:
            group = RoleGroup(form.get("group", ""))
        except ValueError:
            csrf, seed = self._csrf_for(request)
            problem = self.t.t("room_mode.pick_group")
            body = pages.group_page(self.t, csrf, self._groups(), None, problem)
            return self._respond(request, body, seed, 400)
        self.room.choose_group(device, group)
        return RedirectResponse("/room", 303)

    async def vote(self, request: Request) -> Response:
        """A value and/or a note for the open round, with this round's vote token."""
        posted = await self._posted(request)
        if isinstance(posted, Response):
            return posted
        device, form = posted
        raw = form.get("value", "")
        value = int(raw) if raw.isdigit() and len(raw) < 4 else None
        if raw and value is None:
            outcome = VoteOutcome.OFF_SCALE
        else:
            outcome = self.room.vote(device, form.get("vote", ""), value, form.get("note", ""))
        if outcome is VoteOutcome.SAVED:
            return RedirectResponse("/room", 303)
        group = self.room.group_of(device)
        if group is None:
            return RedirectResponse("/group", 303)
        return self._ballot_or_wait(
            request, device, group, self.t.t(f"room_mode.vote_{outcome.value}")
        )


def _cookie(response: Response, name: str, value: str) -> None:
    """A cookie that lives only while the browser is open and never leaves this server."""
    response.set_cookie(name, value, httponly=True, samesite="strict", path="/")


async def _form(request: Request) -> dict[str, str] | None:
    """The posted url-encoded form (at most MAX_BODY bytes), or None when it is not one."""
    if request.headers.get("content-type", "").split(";")[0].strip() != (
        "application/x-www-form-urlencoded"
    ):
        return None
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY:
            return None
    try:
        pairs = parse_qsl(bytes(body).decode("utf-8"), keep_blank_values=True, max_num_fields=8)
    except (UnicodeDecodeError, ValueError):
        return None
    return dict(pairs)


def room_app(room: Room, *, host: str, tries: str = CODE_TRIES) -> AsgiApp:
    """The ASGI app serving `room` to phones that reach it as `host`."""
    handlers = RoomPages(room, tries)
    routes = [
        Route("/", handlers.start, methods=["GET"]),
        Route("/j/{secret}", handlers.join, methods=["GET"]),
        Route("/J/{secret}", handlers.join, methods=["GET"]),
        Route("/code", handlers.code, methods=["POST"]),
        Route("/room", handlers.show_room, methods=["GET"]),
        Route("/group", handlers.show_groups, methods=["GET"]),
        Route("/group", handlers.choose_group, methods=["POST"]),
        Route("/vote", handlers.vote, methods=["POST"]),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=[host])],
    )
    return Guard(app, room)
