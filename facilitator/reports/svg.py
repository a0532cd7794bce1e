"""Provides the inline SVG charts: the power triangle of one session and a trend line chart.

Plain strings with every label escaped, so the HTML report stays one self-contained file.
Groups differ by line style and marker shape as well as colour, so print and colour-blind
readers can tell them apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from facilitator.reports.labels import Labels
from facilitator.reports.stats import DimensionView
from facilitator.templates.model import RatingScale
from facilitator.vocabulary import RoleGroup


@dataclass(frozen=True)
class GroupStyle:
    """How one role group is drawn: colour, dash pattern and marker shape."""

    colour: str
    dash: str
    marker: str  # circle, square or diamond


STYLES = {
    RoleGroup.PROFESSIONALS: GroupStyle("#1f5fa8", "", "circle"),
    RoleGroup.USERS_RELATIVES: GroupStyle("#c0501f", "6 4", "square"),
    RoleGroup.MANAGERS: GroupStyle("#5b6b3a", "2 3", "diamond"),
}


def _f(value: float) -> str:
    return f"{value:.1f}"


def _points(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_f(x)},{_f(y)}" for x, y in points)


def _marker(x: float, y: float, style: GroupStyle, size: float = 5.0) -> str:
    fill = f'fill="{style.colour}"'
    if style.marker == "square":
        side = _f(2 * size)
        return (
            f'<rect x="{_f(x - size)}" y="{_f(y - size)}" width="{side}" height="{side}" {fill}/>'
        )
    if style.marker == "diamond":
        d = size * 1.3
        points = _points([(x, y - d), (x + d, y), (x, y + d), (x - d, y)])
        return f'<polygon points="{points}" {fill}/>'
    return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(size)}" {fill}/>'


def _fraction(value: float, scale: RatingScale) -> float:
    span = scale.maximum - scale.minimum
    return min(1.0, max(0.0, (value - scale.minimum) / span)) if span else 0.5


def _legend(labels: Labels, x: float, y: float, groups: Sequence[RoleGroup]) -> list[str]:
    parts = []
    for i, group in enumerate(groups):
        style = STYLES[group]
        gx = x + i * 195
        parts.append(
            f'<line x1="{_f(gx)}" y1="{_f(y)}" x2="{_f(gx + 28)}" y2="{_f(y)}" '
            f'stroke="{style.colour}" stroke-width="2.5" stroke-dasharray="{style.dash}"/>'
        )
        parts.append(_marker(gx + 14, y, style, 4))
        parts.append(
            f'<text x="{_f(gx + 34)}" y="{_f(y + 4)}" font-size="12">'
            f"{escape(labels.role(group))}</text>"
        )
    return parts


def power_triangle(stats: Sequence[DimensionView], labels: Labels) -> str:
    """The triangle: an axis per dimension from the centre (held by professionals) to the
    corner (held by users and relatives), with each group's ratings and the gap marked."""
    width, height, cx, cy, radius = 600.0, 440.0, 300.0, 240.0, 195.0
    n = max(3, len(stats))
    corners = [
        (cx + radius * math.cos(-math.pi / 2 + 2 * math.pi * i / n),
         cy + radius * math.sin(-math.pi / 2 + 2 * math.pi * i / n))
        for i in range(n)
    ]  # fmt: skip

    def point(i: int, value: float, scale: RatingScale) -> tuple[float, float]:
        t = 0.12 + 0.88 * _fraction(value, scale)
        return cx + t * (corners[i][0] - cx), cy + t * (corners[i][1] - cy)

    title = escape(labels["triangle"])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="power-triangle" class="triangle" '
        f'viewBox="0 0 {_f(width)} {_f(height)}" role="img" aria-label="{title}">',
        f"<title>{title}</title>",
        '<polygon points="{}" fill="#f7f4ec" stroke="#555" stroke-width="2"/>'.format(
            " ".join(f"{_f(x)},{_f(y)}" for x, y in corners)
        ),
    ]
    mids = [point(i, (d.scale.minimum + d.scale.maximum) / 2, d.scale) for i, d in enumerate(stats)]
    if len(mids) >= 3:
        parts.append(
            '<polygon points="{}" fill="none" stroke="#888" stroke-dasharray="4 4"/>'.format(
                " ".join(f"{_f(x)},{_f(y)}" for x, y in mids)
            )
        )
    for i, d in enumerate(stats):
        x, y = corners[i]
        parts.append(f'<line x1="{_f(cx)}" y1="{_f(cy)}" x2="{_f(x)}" y2="{_f(y)}" stroke="#aaa"/>')
        staff, users = d.mean(RoleGroup.PROFESSIONALS), d.mean(RoleGroup.USERS_RELATIVES)
        if staff is not None and users is not None:
            (x1, y1), (x2, y2) = point(i, staff, d.scale), point(i, users, d.scale)
            parts.append(
                f'<line class="gap" x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" '
                'stroke="#d9a400" stroke-width="9" stroke-opacity="0.55" stroke-linecap="round"/>'
            )
        dy = -28.0 if y < cy else 26.0
        anchor = "middle" if abs(x - cx) < 1 else ("start" if x > cx else "end")
        lx = x + (0 if anchor == "middle" else (-30 if x > cx else 30))
        parts.append(
            f'<text x="{_f(lx)}" y="{_f(y + dy)}" text-anchor="{anchor}" font-size="15" '
            f'font-weight="bold">{escape(d.title)}</text>'
        )
        parts.append(
            f'<text x="{_f(lx)}" y="{_f(y + dy + 16)}" text-anchor="{anchor}" font-size="12">'
            f"{escape(labels['gap_short'])} {escape(labels.number(d.gap, signed=True))}</text>"
        )
    for group in RoleGroup:
        style = STYLES[group]
        points = [
            point(i, mean, d.scale)
            for i, d in enumerate(stats)
            if (mean := d.mean(group)) is not None
        ]
        if len(points) == len(stats) and len(points) >= 3:
            parts.append(
                f'<polygon class="group-{group.value}" points="'
                + " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
                + f'" fill="{style.colour}" fill-opacity="0.12" stroke="{style.colour}" '
                f'stroke-width="2.5" stroke-dasharray="{style.dash}"/>'
            )
        parts.extend(_marker(x, y, style) for x, y in points)
    parts.extend(_legend(labels, 15, height - 14, list(RoleGroup)))
    parts.append("</svg>")
    return "\n".join(parts)


@dataclass(frozen=True)
class Series:
    """One line of a chart: a role group's value per x position (None where missing)."""

    group: RoleGroup
    values: tuple[float | None, ...]


def line_chart(
    title: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    scale: RatingScale,
    labels: Labels,
) -> str:
    """A line chart of ratings across sessions, one line per role group, gaps where missing."""
    width, height = 640.0, 300.0
    left, right, top, bottom = 48.0, 20.0, 30.0, 80.0
    plot_w, plot_h = width - left - right, height - top - bottom
    count = max(1, len(x_labels))

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if count == 1 else plot_w * i / (count - 1))

    def y_at(value: float) -> float:
        return top + plot_h * (1 - _fraction(value, scale))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend" '
        f'viewBox="0 0 {_f(width)} {_f(height)}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{_f(left)}" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for value in range(scale.minimum, scale.maximum + 1):
        y = y_at(value)
        parts.append(
            f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(width - right)}" y2="{_f(y)}" '
            'stroke="#ddd"/>'
        )
        parts.append(
            f'<text x="{_f(left - 8)}" y="{_f(y + 4)}" text-anchor="end" '
            f'font-size="11">{value}</text>'
        )
    for i, label in enumerate(x_labels):
        parts.append(
            f'<text x="{_f(x_at(i))}" y="{_f(top + plot_h + 16)}" text-anchor="middle" '
            f'font-size="11">{escape(label)}</text>'
        )
    for line in series:
        style = STYLES[line.group]
        segment: list[tuple[float, float]] = []
        segments = [segment]
        for i, point in enumerate(line.values):
            if point is None:
                segment = []
                segments.append(segment)
            else:
                segment.append((x_at(i), y_at(point)))
        for seg in segments:
            if len(seg) >= 2:
                parts.append(
                    f'<polyline class="series-{line.group.value}" fill="none" '
                    f'stroke="{style.colour}" stroke-width="2.5" '
                    f'stroke-dasharray="{style.dash}" points="{_points(seg)}"/>'
                )
            parts.extend(_marker(x, y, style, 4) for x, y in seg)
    parts.extend(_legend(labels, left, height - 20, [s.group for s in series]))
    parts.append("</svg>")
    return "\n".join(parts)
