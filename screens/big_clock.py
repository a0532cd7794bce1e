"""Provides BigClock: a countdown drawn in block digits that fill the width they are given.

Textual's Digits stay three cells tall; a room needs digits that grow with the terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

# Five rows of three cells per glyph; "#" is ink.
FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", "###", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
    "+": ("   ", " # ", "###", " # ", "   "),
    "-": ("   ", "   ", "###", "   ", "   "),
    " ": ("   ", "   ", "   ", "   ", "   "),
}
GLYPH_ROWS = 5
INK = "█"


def units_wide(text: str) -> int:
    """Width of `text` in font cells, with one blank cell between glyphs."""
    glyphs = [FONT.get(c, FONT[" "]) for c in text]
    return sum(len(g[0]) for g in glyphs) + max(0, len(glyphs) - 1)


def scales(text: str, width: int, height: int) -> tuple[float, int]:
    """Cells per font column (fractional, to fill the width) and rows per font row.

    Terminal cells are about twice as tall as wide, so glyphs scaled about 2:1 look square;
    when the height is what limits, the digits stop widening at 2.5:1.
    """
    across = max(1.0, width / max(1, units_wide(text)))
    down = max(1, min(height // GLYPH_ROWS, round(across / 2)))
    return min(across, max(1.0, 2.5 * down)), down


def render_big(text: str, width: int, height: int) -> list[str]:
    """`text` as rows of block characters, scaled to fill `width` within `height`."""
    across, down = scales(text, width, height)
    glyphs = [FONT.get(c, FONT[" "]) for c in text]
    units = units_wide(text)
    edges = [round(i * across) for i in range(units + 1)]
    spans = [edges[i + 1] - edges[i] for i in range(units)]
    rows: list[str] = []
    for row in range(GLYPH_ROWS):
        cells = " ".join(glyph[row] for glyph in glyphs)  # one blank unit between glyphs
        line = "".join(
            (INK if cell == "#" else " ") * span for cell, span in zip(cells, spans, strict=True)
        )
        rows.extend([line] * down)
    return rows


class BigClock(Widget):
    """Shows `value` (such as 7:42 or +1:05) in block digits as wide as the widget."""

    DEFAULT_CSS = """
    BigClock {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
    }
    """

    value: reactive[str] = reactive("0:00")

    def __init__(self, value: str = "0:00", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.value = value

    def update(self, value: str) -> None:
        """Show `value`."""
        self.value = value

    def render(self) -> Text:
        """The value in block digits sized to the widget's current size."""
        width, height = self.content_size
        return Text("\n".join(render_big(self.value, width, height)), no_wrap=True)
