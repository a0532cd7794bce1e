"""Provides the network view: the network's cells beside the facilitator's own sessions.

Pure: takes the server's aggregate answer and local sessions; loads no network code. Every
figure comes from one release and carries the 95% margin of its noise ("2.40 ± 0.35").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from facilitator.i18n import format_number, translator
from facilitator.session import Session
from facilitator.summary import group_stats
from facilitator.vocabulary import RoleGroup


@dataclass(frozen=True)
class ReleaseNote:
    """Which release the figures come from, whether it carries noise, and its thresholds."""

    released_on: str
    noise: bool
    min_sessions: int
    min_organisations: int


@dataclass(frozen=True)
class NetworkRow:
    """One dimension and role group: the network's pooled numbers (or suppressed) and yours.

    `mean_margin` and `distribution_margin` are 95% half-widths of the release's noise.
    """

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
    mean_margin: float | None = None
    distribution: tuple[float, ...] | None = None
    distribution_margin: float | None = None
    release: ReleaseNote | None = None


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


def release_note(answer: Mapping[str, Any]) -> ReleaseNote | None:
    """The release an aggregate answer comes from, or None when it names none."""
    release = answer.get("release")
    if not isinstance(release, Mapping) or not isinstance(release.get("released_on"), str):
        return None
    return ReleaseNote(
        released_on=str(release["released_on"]),
        noise=bool(release.get("noise")),
        min_sessions=_count(release.get("min_sessions")) or 0,
        min_organisations=_count(release.get("min_organisations")) or 0,
    )


def _shares(value: object) -> tuple[float, ...] | None:
    if not isinstance(value, list) or not value:
        return None
    numbers = [_number(v) for v in value]
    return None if None in numbers else tuple(n or 0.0 for n in numbers)


def network_rows(answer: Mapping[str, Any], sessions: Sequence[Session]) -> tuple[NetworkRow, ...]:
    """Rows for every cell of a GET /v1/aggregates answer, with the local sessions' figures.

    Cells without a template and dimension are skipped; numbers that are not numbers are blank.
    """
    cells = answer.get("cells")
    release = release_note(answer)
    rows: list[NetworkRow] = []
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
                mean_margin=None if suppressed else _number(cell.get("mean_margin")),
                distribution=None if suppressed else _shares(cell.get("distribution")),
                distribution_margin=(
                    None if suppressed else _number(cell.get("distribution_margin"))
                ),
                release=release,
            )
        )
    if release is not None and release.noise:
        rows.extend(_own_only(rows, sessions, release))
    return tuple(sorted(rows, key=lambda r: (r.template, r.dimension, r.role_group or "")))


def _own_only(
    rows: Sequence[NetworkRow], sessions: Sequence[Session], release: ReleaseNote
) -> list[NetworkRow]:
    """Rows the facilitator rated that a noisy release does not list: too few to show.

    Such a release lists only published cells (whether a hidden one exists is exact), so the
    cells missing beside the facilitator's own ratings are shown hidden, in words.
    """
    listed = {(r.template, r.dimension, r.role_group) for r in rows}
    mine = sorted(
        {
            (s.template.id, rating.dimension, rating.role_group.value)
            for s in sessions
            for rating in s.ratings
        }
        - listed
    )
    out = []
    for template, dimension, group in mine:
        own_mean, own_sessions = _own(sessions, template, dimension, group)
        out.append(
            NetworkRow(template, dimension, group, True, None, None, None, None, own_mean,
                       own_sessions, release=release)
        )  # fmt: skip
    return out


COLUMNS = ("template", "dimension", "role_group", "network", "yours")


def _cells(row: NetworkRow, language: str) -> list[str]:
    t = translator(language).t
    group = row.role_group
    label = t(f"vocab.role_group.{group}") if group else t("cli.sync.stats_all_groups")
    if group and label == f"vocab.role_group.{group}":
        label = group  # a group this version does not know: its code
    network = figure_text(row, language, t)
    if not row.suppressed and row.sessions is not None:
        network += f" n={row.sessions}"
    yours = "—"
    if row.own_mean is not None:
        yours = f"{format_number(row.own_mean, language, 2)} ({row.own_sessions})"
    return [row.template, row.dimension, label, network, yours]


def _margin(value: float | None, figure: str, language: str) -> str:
    """Return `figure ± margin`, or the figure alone when there is no noise to state."""
    if not value:
        return figure
    return f"{figure} ± {format_number(value, language, 2)}"


def figure_text(row: NetworkRow, language: str, t: Callable[..., str]) -> str:
    """The network's figure of one row in words: hidden, a mean ± margin, or the commonest point."""
    if row.suppressed:
        return t("cli.sync.stats_hidden")
    if row.distribution is not None:
        shares = row.distribution
        point = max(range(len(shares)), key=lambda i: shares[i])
        share = format_number(100 * shares[point], language, 0)
        margin = format_number(100 * (row.distribution_margin or 0.0), language, 0)
        if row.distribution_margin:
            share = f"{share} ± {margin}"
        return t("cli.sync.stats_mostly", point=point + 1, share=share)
    if row.mean is None:
        return "—"
    return _margin(row.mean_margin, format_number(row.mean, language, 2), language)


def release_text(release: ReleaseNote | None, t: Callable[..., str]) -> str:
    """One sentence on the release: its date, what ± means, and which cells are hidden."""
    if release is None:
        return ""
    key = "cli.sync.stats_release" if release.noise else "cli.sync.stats_release_exact"
    return t(
        key,
        date=release.released_on,
        sessions=release.min_sessions,
        organisations=release.min_organisations,
    )


def format_rows(rows: Sequence[NetworkRow], language: str = "en") -> list[str]:
    """The rows as aligned text lines for the CLI, headings and numbers in `language`.

    A sentence on the release (date, what ± means, thresholds) comes first.
    """
    t = translator(language).t
    if not rows:
        return [t("cli.sync.stats_empty")]
    header = release_text(rows[0].release, t)
    table = [[t(f"cli.sync.stats_{name}") for name in COLUMNS]]
    table += [_cells(row, language) for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = []
    for line in table:
        left = [cell.ljust(width) for cell, width in zip(line[:3], widths[:3], strict=True)]
        right = [cell.rjust(width) for cell, width in zip(line[3:], widths[3:], strict=True)]
        lines.append("  ".join(left + right).rstrip())
    return [header, *lines] if header else lines
