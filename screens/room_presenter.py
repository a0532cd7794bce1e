"""Provides PresenterRoom: the presenter view's room part, the join QR code or the reveal.

While a room is open the projector shows how to join; after voting closes, the distribution.
The timer's big digits and the prompt give way meanwhile, so the QR code fits at 80x24.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget

from facilitator.vocabulary import RoleGroup
from screens.base import AppPart
from screens.room_join import RoomJoin
from screens.room_reveal import RoomReveal

if TYPE_CHECKING:
    from screens.run.room import RoomPanel


class PresenterRoom(AppPart, Widget):
    """Mounts RoomJoin or RoomReveal for the run screen's room; nothing without a room."""

    SCOPED_CSS = False  # the rules below reach the presenter's own widgets
    DEFAULT_CSS = """
    PresenterRoom {
        width: 1fr;
        height: auto;
        align-horizontal: center;
        display: none;
    }
    PresenterScreen.-room PresenterRoom {
        display: block;
    }
    PresenterScreen.-room #presenter-digits,
    PresenterScreen.-room #presenter-prompt,
    PresenterScreen.-room #presenter-esther,
    PresenterScreen.-room #presenter-cue {
        display: none;
    }
    PresenterScreen.-room #presenter-dimension {
        margin-bottom: 0;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[object, ...] | None = None

    def show(self, panel: RoomPanel | None) -> bool:
        """Show the join panel or the reveal of `panel`'s room; whether anything is shown."""
        state: tuple[object, ...] | None = None
        if panel is not None and panel.invite is not None and panel.is_open:
            invite = panel.invite
            code, locked = panel.code()
            if panel.reveal is not None and panel.voting is None:
                state = ("reveal", panel.reveal)
            else:
                state = ("join", invite.join_url, invite.short_address, code, locked)
        if state != self._shown:
            self._shown = state
            self.remove_children()
            if state is not None:
                self.mount(self._widget(state, panel))
        return state is not None

    def _widget(self, state: tuple[object, ...], panel: RoomPanel | None) -> Widget:
        translator = self.facilitator.translator
        if state[0] == "reveal" and panel is not None and panel.reveal is not None:
            reveal = RoomReveal(translator, self._labels(panel), id="presenter-reveal")
            reveal.show(panel.reveal.title, panel.reveal.closed, panel.reveal.scale)
            return reveal
        _, url, address, code, locked = state
        return RoomJoin(
            str(url),
            str(address),
            str(code),
            translator,
            code_locked=bool(locked),
            id="presenter-join",
        )

    def _labels(self, panel: RoomPanel) -> dict[RoleGroup, str]:
        template = panel.run.session.template
        if template.language != self.facilitator.translator.language:
            return {}
        return {group: template.role_label(group.value) for group in RoleGroup}
