"""Provides RoomPanel: the run screen's part for room mode, from opening a room to the reveal.

One key steps through it: open the room (after a small modal confirms address and port), open
voting on the current round, close voting. Closing turns the votes into the round's ratings
through the screen's usual save path; the presenter view shows the QR code, then the reveal.
Binding and joining the server's thread run in thread workers, never on the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Button, Static

from facilitator.room.ballots import RoomClosed
from facilitator.room.codes import format_code
from facilitator.room.tally import ClosedRound
from facilitator.session import TooManyRatings
from facilitator.vocabulary import RoleGroup
from screens.base import AppPart
from screens.room_status import RoomVotes
from screens.run.messages import (
    Problem,
    RoomAddressesFound,
    RoomOpened,
    RoomOpenFailed,
    RoomStopped,
)
from screens.run.room_modal import RoomAddressModal

if TYPE_CHECKING:
    from screens.room_port import RoomInvitePort, RoomMode
    from screens.run.screen import RunScreen
    from screens.services import Services

POLL_SECONDS = 1.0
SHORT_SCREEN = 30  # rows: below this the panel takes one row, so the notes list keeps its own


def stop_room(services: Services) -> None:
    """Stop the app's room if one is open (blocks while the server's thread ends)."""
    mode = services.room
    if mode is not None and mode.is_open:
        mode.stop()


def room_panel_of(screen: DOMNode) -> RoomPanel | None:
    """The room part of a run screen, or None."""
    return next(iter(screen.query(RoomPanel)), None)


@dataclass(frozen=True)
class Reveal:
    """A closed round as the presenter view reveals it."""

    title: str
    closed: ClosedRound
    scale: tuple[int, int]


class RoomPanel(AppPart, Widget):
    """The room's address and code, the votes per group while voting is open, and its buttons."""

    DEFAULT_CSS = """
    RoomPanel {
        height: auto;
        max-height: 4;
        background: $boost;
        display: none;
    }
    RoomPanel.-open {
        display: block;
    }
    RoomPanel.-short {
        layout: horizontal;
        max-height: 1;
    }
    RoomPanel.-short.-locked {
        max-height: 2;  /* the New code button too: the counts may take a second line */
    }
    RoomPanel.-short #room-votes {
        padding: 0 0 0 1;
    }
    RoomPanel.-short #room-side {
        width: auto;
        padding: 0 1 0 0;
    }
    RoomPanel.-short #room-address {
        display: none;
    }
    RoomPanel #room-votes {
        width: 1fr;
        max-height: 3;
        padding: 0 1;
    }
    RoomPanel #room-side {
        height: auto;
        padding: 0 1;
    }
    RoomPanel #room-address {
        width: 1fr;
        height: auto;
    }
    RoomPanel Button {
        width: auto;
        margin-left: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.invite: RoomInvitePort | None = None
        self.voting: str | None = None  # the title of the round open for voting
        self.voting_round: str | None = None
        self.reveal: Reveal | None = None
        self._warned_at: str | None = None  # the round where "voting is open elsewhere" was said

    def compose(self) -> ComposeResult:
        # Two rows (three when a line wraps): the counts, then the address, code and buttons;
        # on a short screen one row of counts and buttons (the presenter view has the address),
        # so the notes list above keeps its rows at 80x24 in plain mode too.
        votes = RoomVotes(self.facilitator.translator, id="room-votes")
        votes.compact = True
        yield votes
        with Horizontal(id="room-side"):
            yield Static("", id="room-address", markup=False)
            yield Button("", id="room-voting", compact=True, variant="primary")
            yield Button(self.t("room_mode.stop"), id="room-stop", compact=True)
            yield Button(self.t("room_mode.new_code"), id="room-renew", compact=True)

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.poll)

    @property
    def run(self) -> RunScreen:
        """The run screen this part belongs to."""
        return cast("RunScreen", self.screen)

    @property
    def mode(self) -> RoomMode | None:
        """Room mode from the app's services, or None when the app has none (tests, demos)."""
        return self.services.room

    @property
    def is_open(self) -> bool:
        """Whether this screen's room is being served."""
        mode = self.mode
        return self.invite is not None and mode is not None and mode.is_open

    # ----- the one key -----------------------------------------------------------------

    def step(self) -> None:
        """Open the room, else open voting on the current round, else close voting."""
        if self.mode is None:
            self.notify(self.t("room_mode.unavailable"), severity="warning")
        elif not self.is_open:
            self._find_addresses()
        elif self.voting is None:
            self.open_voting()
        else:
            self.close_voting()

    @work(thread=True, exclusive=True, exit_on_error=False, group="room-addresses")
    def _find_addresses(self) -> None:
        mode = self.mode
        if mode is not None:
            self.post_message(RoomAddressesFound(mode.addresses() or ["127.0.0.1"]))

    def on_room_addresses_found(self, message: RoomAddressesFound) -> None:
        mode = self.mode
        if mode is None:
            return

        def chosen(answer: tuple[str, int] | None) -> None:
            if answer is not None:
                self._open(*answer)

        modal = RoomAddressModal(message.addresses, mode.port)
        self.app.push_screen(modal, chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="room-open")
    def _open(self, host: str, port: int) -> None:
        mode = self.mode
        if mode is None:
            return
        try:
            invite = mode.service.open(self.run.session, host, port)
        except (OSError, ValueError):
            self.post_message(RoomOpenFailed(f"{host}:{port}"))
            return
        self.post_message(RoomOpened(invite))

    def on_room_opened(self, message: RoomOpened) -> None:
        self.invite = message.invite
        self.voting = self.voting_round = None
        self.reveal = None
        self.show()
        self.run.announce(self.t("room_mode.opened", address=message.invite.short_address))

    def on_room_open_failed(self, message: RoomOpenFailed) -> None:
        self.post_message(Problem(self.t("room_mode.open_failed", address=message.address)))

    # ----- voting ----------------------------------------------------------------------

    def open_voting(self) -> None:
        """Open voting on the round the facilitator is on, at the prompt shown."""
        mode, round_template = self.mode, self.run.round
        if mode is None or not self.is_open:
            return
        if round_template.dimension is None or round_template.scale is None:
            self.notify(self.t("room_mode.not_rateable"), severity="warning")
            return
        try:
            mode.service.update_session(self.run.session)
            mode.service.open_round(round_template.id, self.run.prompt_index)
        except (RuntimeError, RoomClosed):  # stopped meanwhile (a lock); the poll tidies up
            return
        self.voting, self.voting_round = round_template.title, round_template.id
        self.reveal = None
        self.show()
        self.run.announce(self.t("room_mode.voting_open", round=round_template.title))

    def close_voting(self) -> None:
        """Close voting: the votes become the round's ratings; the presenter reveals them."""
        mode, title = self.mode, self.voting
        if mode is None or title is None:
            return
        try:
            closed = mode.service.close_round() if self.is_open else None
        except RuntimeError:  # stopped meanwhile (a lock): the votes went with the room
            closed = None
        self.voting = self.voting_round = None
        self.show()
        if closed is None:
            return
        run = self.run
        before = run.session
        try:
            run.session = closed.applied_to(before)
        except TooManyRatings as refused:
            self.post_message(Problem(refused.render(self.services.settings.language)))
            return
        run.remember(before)
        run.show_captured()
        run.changed()
        scale = run.session.template.round(closed.round_id).scale
        low, high = (scale.minimum, scale.maximum) if scale is not None else (1, 5)
        self.reveal = Reveal(title, closed, (low, high))
        done = self.t("room_mode.closed_status", count=closed.raters)
        run.set_status(done)
        run.announce(done)

    # ----- stopping --------------------------------------------------------------------

    def stop(self) -> None:
        """Stop the room in a thread worker (the server's thread is joined there)."""
        self._stop()

    @work(thread=True, exclusive=True, exit_on_error=False, group="room-stop")
    def _stop(self) -> None:
        mode = self.mode
        if mode is not None:
            mode.stop()
        self.post_message(RoomStopped())

    def on_room_stopped(self, message: RoomStopped) -> None:
        self._forget()

    def stop_blocking(self) -> None:
        """Stop the room now: the run screen is going away (session ended, left or quit)."""
        mode = self.mode
        if mode is not None and mode.is_open:
            mode.stop()
        self.invite = None

    def _forget(self) -> None:
        self.invite = None
        self.voting = self.voting_round = None
        self.show()

    # ----- drawing ---------------------------------------------------------------------

    def poll(self) -> None:
        """Refresh the counts while voting is open; notice a room stopped elsewhere (a lock)."""
        if self.invite is not None and not self.is_open:
            self._forget()
        elif self.invite is not None:
            self.show()

    def _show_counts(self) -> None:
        mode = self.mode
        counts: dict[RoleGroup, int] = {}
        if mode is not None and self.is_open and self.voting is not None:
            try:
                counts = mode.service.voted()
            except RuntimeError:  # stopped meanwhile (a lock); the next poll hides the panel
                counts = {}
        self.query_one(RoomVotes).show(self.voting, counts)

    def show(self) -> None:
        """Show or hide the panel and label its buttons for the room's state."""
        self.set_class(self.invite is not None, "-open")
        short = self.app.size.height < SHORT_SCREEN
        if short != self.has_class("-short") and self.is_mounted:
            self.set_class(short, "-short")
            self.query_one(RoomVotes).short = short
        if not self.is_mounted or self.invite is None:
            return
        code, locked = self.code()
        self.query_one("#room-renew", Button).display = locked
        self.set_class(locked, "-locked")
        self.query_one("#room-address", Static).update(
            self.t("room_mode.panel_address", address=self.invite.short_address)
            + " · "
            + self.t("room_mode.code_on_screen", code=format_code(code))
        )
        key = "room_mode.close_voting" if self.voting else "room_mode.open_voting"
        voting = self.query_one("#room-voting", Button)
        label = self.t(key)
        if str(voting.label) != label:
            voting.label = label
            voting.refresh(layout=True)  # the button is as wide as its label
        self._show_counts()
        self._warn_if_voting_elsewhere()

    def _warn_if_voting_elsewhere(self) -> None:
        """Say once per move that voting is still open on a round the facilitator has left."""
        elsewhere = self.voting_round is not None and self.voting_round != self.run.round.id
        where = self.run.round.id if elsewhere else None
        if where is not None and where != self._warned_at:
            self.run.set_status(self.t("room_mode.voting_elsewhere", round=self.voting))
        self._warned_at = where

    def code(self) -> tuple[str, bool]:
        """The room's current code and whether wrong tries locked it."""
        mode, code = self.mode, self.invite.code if self.invite is not None else ""
        if mode is None or not self.is_open:
            return code, False
        try:
            room = mode.service.room
            return room.code, room.code_locked
        except RuntimeError:  # stopped meanwhile (a lock)
            return code, False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "room-voting":
            event.stop()
            self.open_voting() if self.voting is None else self.close_voting()
        elif event.button.id == "room-stop":
            event.stop()
            self.stop()
        elif event.button.id == "room-renew":
            event.stop()
            self.renew_code()

    def renew_code(self) -> None:
        """A new code after wrong tries locked the old one; the QR address stays the same."""
        mode = self.mode
        if mode is not None and self.is_open:
            try:
                mode.service.renew_code()
            except RuntimeError:  # stopped meanwhile (a lock)
                return
            self.show()
