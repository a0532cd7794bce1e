"""Provides the warnings shown when a file was served from its previous save.

One line per file: which session (or file), why its latest save failed, from when the save
in use is, and what to do next. Titles are user data and are made printable here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from facilitator.terminal import printable
from facilitator.vault.model import Recovery, SessionSummary, VaultProblem

SESSION_PREFIX = "sessions/"


def when(moment: datetime | None) -> str:
    """A moment as `2026-12-01 14:03 UTC`, or `?` when unknown."""
    return "?" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def recovery_notices(
    recoveries: Iterable[Recovery], sessions_by_file: Mapping[str, SessionSummary]
) -> list[VaultProblem]:
    """A warning per recovered file, naming the session it holds when the index knows it."""
    notices: list[VaultProblem] = []
    seen: set[str] = set()
    for recovery in recoveries:
        if recovery.path in seen:
            continue
        seen.add(recovery.path)
        name = recovery.path.removeprefix(SESSION_PREFIX).removesuffix(".fcv")
        summary = sessions_by_file.get(name) if recovery.path.startswith(SESSION_PREFIX) else None
        if summary is not None:
            notices.append(
                VaultProblem.of(
                    recovery.path,
                    "errors.rollback.session_rolled_back"
                    if recovery.rolled_back
                    else "errors.integrity.session_recovered",
                    id=summary.id[:8],
                    title=printable(summary.title),
                    file=recovery.path,
                    reason=recovery.reason,
                    since=when(recovery.since),
                )
            )
        else:
            notices.append(
                VaultProblem.of(
                    recovery.path,
                    "errors.rollback.file_rolled_back"
                    if recovery.rolled_back
                    else "errors.integrity.file_recovered",
                    file=recovery.path,
                    reason=recovery.reason,
                    since=when(recovery.since),
                )
            )
    return notices
