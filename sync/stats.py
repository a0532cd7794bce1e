"""Provides the network view: the network's cells beside the facilitator's own sessions.

Pure: takes the server's aggregate answer and local sessions; loads no network code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

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


def network_rows(answer: Mapping[str, Any], sessions: Sequence[Session]) -> tuple[NetworkRow, ...]:
    """Rows for every cell of a GET /v1/aggregates answer, with the local sessions' figures."""
    rows = []
    for cell in answer.get("cells", []):
        template, dimension = str(cell["template"]), str(cell["dimension"])
        group = cell.get("role_group")
        own_mean, own_sessions = _own(sessions, template, dimension, group)
        suppressed = bool(cell.get("suppressed"))
        rows.append(
            NetworkRow(
                template=template,
                dimension=dimension,
                role_group=group,
                suppressed=suppressed,
                mean=None if suppressed else cell.get("mean"),
                spread=None if suppressed else cell.get("spread"),
                people=None if suppressed else cell.get("people"),
                sessions=None if suppressed else cell.get("ratings"),
                own_mean=own_mean,
                own_sessions=own_sessions,
            )
        )
    return tuple(sorted(rows, key=lambda r: (r.template, r.dimension, r.role_group or "")))


def format_rows(rows: Sequence[NetworkRow]) -> list[str]:
    """The rows as aligned text lines for the CLI."""
    header = f"{'template':<16} {'dimension':<14} {'role group':<16} {'network':>18} {'yours':>16}"
    lines = [header]
    for r in rows:
        network = "suppressed" if r.suppressed else f"{r.mean:.2f} ±{r.spread:.2f} n={r.people}"
        yours = "—" if r.own_mean is None else f"{r.own_mean:.2f} ({r.own_sessions} s.)"
        lines.append(
            f"{r.template:<16} {r.dimension:<14} {r.role_group or 'all':<16} "
            f"{network:>18} {yours:>16}"
        )
    return lines
