"""Provides FakeSync: a SyncPort at the boundary that records calls and never touches a network."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from facilitator.anonymize import build_summary, payload_bytes
from facilitator.session import Session
from sync.push import PushProgress, PushReport
from sync.stats import NetworkRow, ReleaseNote

SID = "9b2f0c1e-2f0a-4e8e-9a57-0c7e3a1d2b44"
RELEASE = ReleaseNote("2026-11-30", noise=True, min_sessions=5, min_organisations=3)


@dataclass
class FakeSync:
    """Records calls; previews the real payload bytes of the session.

    `set_up` is whether a server and token are saved.
    """

    approved: list[str] = field(default_factory=list)
    pushed: int = 0
    set_up: bool = True

    def configured(self) -> bool:
        return self.set_up

    def preview(self, session: Session) -> bytes:
        return payload_bytes(build_summary(session, region="SE-F", summary_id=SID))

    def approve(self, session: Session) -> Any:
        self.approved.append(session.id)

    def push(self, progress: Callable[[Any], None] | None = None) -> PushReport:
        self.pushed += 1
        if progress:
            progress(PushProgress(1, 1, SID, "sent"))
        return PushReport(sent=(SID,))

    def stats(self) -> Sequence[NetworkRow]:
        return (
            NetworkRow("power-balance", "resources", "professionals", False, 2.4, None, None, 6,
                       2.0, 1, mean_margin=0.35, release=RELEASE),
            NetworkRow("power-balance", "resources", "managers", True, None, None, None, None,
                       None, 0, release=RELEASE),
        )  # fmt: skip


@dataclass
class FixedNetwork(FakeSync):
    """A port whose network answers with the given rows."""

    rows: Sequence[NetworkRow] = ()

    def stats(self) -> Sequence[NetworkRow]:
        return self.rows
