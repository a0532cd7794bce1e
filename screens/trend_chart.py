"""Provides trend_lines: a dimension's means per role group, session by session, as text.

Every bar is drawn on the dimension's own rating scale (its minimum to its maximum), never
on the spread of the row, so 1.3 and 1.2 look almost alike; each column is headed by the
session's date and carries its number, so nothing depends on the bars or on colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from rich.text import Text

from facilitator.i18n import format_number
from facilitator.reports.project import DimensionTrend
from facilitator.templates.model import RatingScale
from facilitator.vocabulary import RoleGroup

BLOCKS = "▁▂▃▄▅▆▇█"
LABEL_WIDTH = 34  # "Patienter, brukare och närstående" in full
COLUMN_WIDTH = 11


def bar(value: float, scale: RatingScale) -> str:
    """One block whose height places `value` on `scale` (lowest block at the minimum)."""
    span = scale.maximum - scale.minimum
    fraction = 0.5 if span <= 0 else (value - scale.minimum) / span
    fraction = min(1.0, max(0.0, fraction))
    return BLOCKS[round(fraction * (len(BLOCKS) - 1))]


def columns_for(width: int) -> int:
    """How many session columns fit beside the group labels in `width` cells (at least one)."""
    return max(1, (width - LABEL_WIDTH - 2) // COLUMN_WIDTH)


def _day(day: date | None) -> str:
    return day.isoformat() if day is not None else "—"


def trend_lines(
    trend: DimensionTrend,
    title: str,
    groups: Sequence[tuple[RoleGroup, str]],
    language: str,
    say: Callable[..., str],
    columns: int,
) -> list[Text]:
    """The title with its scale, the date axis and one row per group for the latest `columns`."""
    points = trend.points[-columns:]
    scale = trend.scale
    heading = say("history.scale", low=scale.minimum, high=scale.maximum)
    lines = [Text.assemble((title, "bold"), (f" · {heading}", "dim"))]
    if len(points) < len(trend.points):
        lines.append(Text(say("history.latest", shown=len(points), total=len(trend.points))))
    axis = "".join(f"{_day(p.day):<{COLUMN_WIDTH}}" for p in points)
    lines.append(Text(" " * LABEL_WIDTH + axis, style="bold"))
    for group, label in groups:
        cells = []
        for point in points:
            mean = dict(point.means).get(group)
            cell = "–" if mean is None else f"{bar(mean, scale)} {format_number(mean, language, 1)}"
            cells.append(f"{cell:<{COLUMN_WIDTH}}")
        lines.append(Text(f"{label[: LABEL_WIDTH - 1]:<{LABEL_WIDTH}}" + "".join(cells)))
    return lines
