"""Provides the Home list's pure parts: filtering, grouping by project, duplicating."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from facilitator.session import RoundRecord, Session

if TYPE_CHECKING:
    from facilitator.vault import SessionSummary as Summary


def matches(summary: Summary, words: str, status_label: Callable[[str], str]) -> bool:
    """Whether every word of the filter appears in the title, project, template or status."""
    haystack = " ".join(
        (summary.title, summary.project, summary.template_name, status_label(summary.status))
    ).casefold()
    return all(word in haystack for word in words.casefold().split())


def grouped(summaries: Iterable[Summary]) -> list[tuple[str, list[Summary]]]:
    """Sessions grouped by project; groups ordered by their newest session, as listed."""
    groups: dict[str, list[Summary]] = {}
    for summary in summaries:
        groups.setdefault(summary.project.strip(), []).append(summary)
    return list(groups.items())


def duplicate(session: Session, title: str, now: datetime) -> Session:
    """A fresh planned session with the same template, context and round plan; nothing captured."""
    copy = Session.plan(
        title,
        session.template,
        created=now,
        project=session.project,
        care_setting=session.care_setting,
        phase=session.phase,
        language=session.language,
        region=session.region,
        participants=session.participants,
        users_speak_first=session.users_speak_first,
    )
    rounds = tuple(RoundRecord(r.round_id, r.planned_minutes) for r in session.rounds)
    return replace(copy, rounds=rounds)
