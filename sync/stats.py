"""Provides the network view: the network's cells beside the facilitator's own sessions.

Pure: takes the server's aggregate answer and local sessions; loads no network code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from facilitator.i18n import format_number, translator
from facilitator.session import Session
from facilitator.summary import group_stats
from facilitator.vocabulary import RoleGroup


@dataclass(frozen=True)
class NetworkRow:
    """One dimension and role group: the network's pooled numbers (or suppressed) and yours."""

    template: str
    dimension: str
    role_group: str | None
    suppressed: bool
    mean: float | None
    spread: float | None
    people: int | None
    sessions: int | None
    own_mean: float | None
    own_sessions: int


def _own(
    sessions: Sequence[Session], template: str, dimension: str, group: str | None
) -> tuple[float | None, int]:
    ratings = []
    used = 0
    for session in sessions:
        if session.template.id != template:
            continue
        mine = [
            r
            for r in session.ratings_for(dimension)
            if group is None or r.role_group.value == group
        ]
        if mine:
            used += 1
            ratings.extend(mine)
    groups = [RoleGroup(group)] if group else list(RoleGroup)
    pairs = [s for g in groups if (s := group_stats(g, ratings)) is not None]
    count = sum(s.count for s in pairs)
    if count == 0:
        return None, used
    return sum(s.mean * s.count for s in pairs) / count, used


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def network_rows(answer: Mapping[str, Any], sessions: Sequence[Session]) -> tuple[NetworkRow, ...]:
    """Rows for every cell of a GET /v1/aggregates answer, with the local sessions' figures.

    Cells without a template and dimension are skipped; numbers that are not numbers are blank.
    """
    cells = answer.get("cells")
    rows = []
    for cell in cells if isinstance(cells, list) else []:
        if not isinstance(cell, Mapping) or "template" not in cell or "dimension" not in cell:
            continue
        template, dimension = str(cell["template"]), str(cell["dimension"])
        group = cell.get("role_group")
        group = group if isinstance(group, str) else None
        own_mean, own_sessions = _own(sessions, template, dimension, group)
        suppressed = bool(cell.get("suppressed"))
        rows.append(
            NetworkRow(
                template=template,
                dimension=dimension,
                role_group=group,
                suppressed=suppressed,
                mean=None if suppressed else _number(cell.get("mean")),
                spread=None if suppressed else _number(cell.get("spread")),
                people=None if suppressed else _count(cell.get("people")),
                sessions=None if suppressed else _count(cell.get("ratings")),
                own_mean=own_mean,
                own_sessions=own_sessions,
            )
        )
    return tuple(sorted(rows, key=lambda r: (r.template, r.dimension, r.role_group or "")))


COLUMNS = ("template", "dimension", "role_group", "network", "yours")


def _cells(row: NetworkRow, language: str) -> list[str]:
    t = translator(language).t
    group = row.role_group
    label = t(f"vocab.role_group.{group}") if group else t("cli.sync.stats_all_groups")
    if group and label == f"vocab.role_group.{group}":
        label = group  # a group this version does not know: its code
    if row.suppressed:
        network = t("cli.sync.stats_suppressed")
    elif row.mean is None:
        network = "—"
    else:
        mean = format_number(row.mean, language, 2)
        spread = format_number(row.spread or 0.0, language, 2)
        network = f"{mean} ±{spread} n={'?' if row.people is None else row.people}"
    yours = "—"
    if row.own_mean is not None:
        yours = f"{format_number(row.own_mean, language, 2)} ({row.own_sessions})"
    return [row.template, row.dimension, label, network, yours]


def format_rows(rows: Sequence[NetworkRow], language: str = "en") -> list[str]:
    """The rows as aligned text lines for the CLI, headings and numbers in `language`."""
    t = translator(language).t
    if not rows:
        return [t("cli.sync.stats_empty")]
    table = [[t(f"cli.sync.stats_{name}") for name in COLUMNS]]
    table += [_cells(row, language) for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = []
    for line in table:
        left = [cell.ljust(width) for cell, width in zip(line[:3], widths[:3], strict=True)]
        right = [cell.rjust(width) for cell, width in zip(line[3:], widths[3:], strict=True)]
        lines.append("  ".join(left + right).rstrip())
    return lines
