"""Provides RoomJoin: the room's QR code, short address and code, to show on the projector.

The QR code is drawn dark on light whatever the theme, since scanners need that contrast.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from facilitator.i18n import Translator
from facilitator.room.codes import format_code
from facilitator.room.qr import qr_lines

# Fixed black on white, not theme colours: a QR code scans only with dark ink on light.
QR_STYLE = Style(color="#000000", bgcolor="#ffffff")


_DARK = Style(bgcolor="#000000")
# A whole cell of one colour is drawn as background, not as a glyph: background fills the
# cell exactly, where a block glyph can leave a seam between lines (a font's or terminal's
# line spacing) that a scanner reads as light.
_QR_CELLS = {
    "█": (" ", _DARK),
    " ": (" ", QR_STYLE),
    "▀": ("▀", QR_STYLE),
    "▄": ("▄", QR_STYLE),
}


def qr_text(lines: tuple[str, ...]) -> Text:
    """The QR code's half-block lines as dark-on-light text, whole dark cells as background."""
    text = Text(no_wrap=True, end="")
    for number, line in enumerate(lines):
        if number:
            text.append("\n")
        for cell in line:
            glyph, style = _QR_CELLS[cell]
            text.append(glyph, style)
    return text


class RoomJoin(Widget):
    """The QR code of the join address beside the short address and the six-character code."""

    DEFAULT_CSS = """
    RoomJoin {
        width: auto;
        height: auto;
    }
    """

    def __init__(
        self,
        join_url: str,
        short_address: str,
        code: str,
        translator: Translator,
        *,
        code_locked: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.join_url = join_url
        self.short_address = short_address
        self.code = code
        self.translator = translator
        self.code_locked = code_locked
        self.qr = qr_lines(join_url)

    def show_code(self, code: str, *, locked: bool = False) -> None:
        """Show a new code (after a lockout), or that the current one is locked."""
        self.code = code
        self.code_locked = locked
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        """The QR code on the left, how to join on the right."""
        t = self.translator.t
        qr = qr_text(self.qr)
        info = Text(no_wrap=False)
        info.append(t("room_mode.scan") + "\n\n", style="bold")
        info.append(t("room_mode.or_visit", address=self.short_address) + "\n\n")
        if self.code_locked:
            info.append(t("room_mode.code_is_locked"), style="bold reverse")
        else:
            info.append(t("room_mode.code_on_screen", code=format_code(self.code)), style="bold")
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, width=len(self.qr[0]))
        grid.add_column(max_width=30)
        grid.add_row(qr, info)
        return grid
