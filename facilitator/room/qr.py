"""Provides qr_lines: a QR code as text, two modules per character cell with half blocks.

Ink ("█", "▀", "▄") stands for dark modules; draw the lines dark on light to scan them.
"""

from __future__ import annotations

QUIET_ZONE = 2  # modules of light border; scanners read a small zone on a screen fine

_CELLS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def qr_lines(text: str, border: int = QUIET_ZONE) -> tuple[str, ...]:
    """`text` as a QR code (error correction L, smallest version) in half-block lines."""
    import segno  # loaded only when a room opens

    code = segno.make_qr(text, error="l", boost_error=False)
    rows = [[bool(m) for m in row] for row in code.matrix_iter(scale=1, border=border)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return tuple(
        "".join(_CELLS[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    )
