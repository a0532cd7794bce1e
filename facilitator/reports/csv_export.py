"""Provides the CSV export: one row per note, rating and action, with a `record` column.

A note's `origin` says who wrote it: `facilitator`, or `room` for an anonymous note from a
participant's phone (a redacted export withholds those notes' text whole).

Cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage
return) get a leading apostrophe, because notes are user text and CSV opens in Excel.
CSV is for machines, so dates stay ISO 8601 and numbers keep a dot whatever the session's
language (the Markdown and HTML reports use the language's conventions instead).
For distribution-only templates a role group's ratings are left out until at least the
template's minimum number of that group answered, as in the other reports.
"""

from __future__ import annotations

import csv
import io

from facilitator.reports.stats import round_dimension
from facilitator.session import Rating, Session
from facilitator.summary import dimension_title, group_stats

COLUMNS = (
    "record",
    "id",
    "round",
    "dimension",
    "dimension_name",
    "kind",
    "role_group",
    "text",
    "value",
    "count",
    "owner_role",
    "due",
    "status",
    "tags",
    "created",
    "origin",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text rather than evaluate."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _round_title(session: Session, round_id: str | None) -> str:
    if round_id is None:
        return ""
    try:
        return session.template.round(round_id).title
    except KeyError:
        return round_id


def _shown_ratings(session: Session) -> list[Rating]:
    """The ratings a report may show: all of them, except, for distribution-only templates,
    those of a role group where fewer than the minimum answered that dimension."""
    template = session.template

    def enough(r: Rating) -> bool:
        if not template.distribution_only_for(r.dimension):
            return True
        stats = group_stats(r.role_group, session.ratings_for(r.dimension))
        return stats is not None and stats.count >= template.min_respondents

    return [r for r in session.ratings if enough(r)]


def session_rows(session: Session) -> list[dict[str, str]]:
    """The session's notes, ratings and actions as flat rows keyed by COLUMNS."""
    rows: list[dict[str, str]] = []

    def dim(dimension: str | None) -> tuple[str, str]:
        return ("", "") if not dimension else (dimension, dimension_title(session, dimension))

    for n in session.notes:
        d, name = dim(round_dimension(session, n.round_id))
        rows.append(
            {
                "record": "note",
                "id": n.id,
                "round": _round_title(session, n.round_id),
                "dimension": d,
                "dimension_name": name,
                "kind": n.kind.value,
                "role_group": n.role_group.value if n.role_group else "",
                "text": n.text,
                "tags": " ".join(t.value for t in n.tags),
                "created": n.created.isoformat() if n.created else "",  # ISO: machine-readable
                "origin": n.origin.value,  # "room": written anonymously by a participant
            }
        )
    for r in _shown_ratings(session):
        d, name = dim(r.dimension)
        rows.append(
            {
                "record": "rating",
                "id": r.id,
                "round": _round_title(session, r.round_id),
                "dimension": d,
                "dimension_name": name,
                "role_group": r.role_group.value,
                "value": str(r.value),
                "count": str(r.count),
            }
        )
    for a in session.actions:
        d, name = dim(a.dimension)
        rows.append(
            {
                "record": "action",
                "id": a.id,
                "round": _round_title(session, a.round_id),
                "dimension": d,
                "dimension_name": name,
                "text": a.text,
                "owner_role": a.owner_role.value if a.owner_role else "",
                "due": a.due.isoformat() if a.due else "",  # ISO: machine-readable
                "status": a.status.value,
            }
        )
    return rows


def session_csv(session: Session) -> str:
    """The CSV text (RFC 4180 quoting, CRLF line ends); numbers stay numbers, text is defused."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for row in session_rows(session):
        writer.writerow(
            [
                row.get(c, "") if c in ("value", "count") else neutralise(row.get(c, ""))
                for c in COLUMNS
            ]
        )
    return buffer.getvalue()
