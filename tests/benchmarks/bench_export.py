"""Benchmarks the HTML export of a session with 500 notes (target: at most 200 ms median).

The baseline is the JSON export (codec) of the same session, measured in the same run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from facilitator.codec import export_session_json
from facilitator.reports.export import render_export
from facilitator.session import Note, Session
from facilitator.vocabulary import NoteKind, RoleGroup, Tag
from tests.facilitator.reports.fixtures import make_session

NOTES = 500
REPEATS = 15


def big_session() -> Session:
    """The fixture session with 500 notes of realistic length across every round and kind."""
    session = make_session("sv")
    rounds = [r.id for r in session.template.rounds]
    kinds = list(NoteKind)
    groups = [None, *RoleGroup]
    notes = tuple(
        Note(
            id=f"bench-{i:04d}",
            round_id=rounds[i % len(rounds)],
            text=f"Anteckning {i}: mötet låg när närstående jobbar <b>&</b> "
            + "vi pratade om resor, tid och vem som bestämmer. " * 3,
            kind=kinds[i % len(kinds)],
            role_group=groups[i % len(groups)],
            tags=(Tag.TIME,) if i % 3 == 0 else (),
        )
        for i in range(NOTES)
    )
    return replace(session, notes=notes)


def median_ms(work: Callable[[], object]) -> float:
    """Median wall time of `work` in milliseconds after one warm-up run."""
    work()
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run() -> list[dict[str, Any]]:
    """export_html median ms against the JSON export of the same session."""
    session = big_session()
    html = median_ms(lambda: render_export(session, "html"))
    baseline = median_ms(lambda: export_session_json(session))
    return [
        {
            "name": "export_html",
            "value": html,
            "unit": "ms",
            "baseline_name": "export_json",
            "baseline_value": baseline,
            "ratio": html / baseline if baseline else float("inf"),
        }
    ]


def test_export_html_is_fast_enough() -> None:
    """The issue's target: a 500-note session exports to HTML in at most 200 ms (median)."""
    (result,) = run()
    assert result["value"] <= 200, result
