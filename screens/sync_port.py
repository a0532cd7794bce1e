"""Provides SyncPort, what the sync screens need from sync, so screens never import the network.

The composition root passes a sync.service.SyncService, which satisfies this protocol.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from facilitator.outbox import Outbox
from facilitator.session import Session


class PushStep(Protocol):
    """One step of a push: done of total, and what happened to one summary."""

    @property
    def done(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def summary_id(self) -> str: ...
    @property
    def outcome(self) -> str: ...


class PushResult(Protocol):
    """How a push ended."""

    @property
    def sent(self) -> tuple[str, ...]: ...
    @property
    def conflicts(self) -> tuple[str, ...]: ...
    @property
    def remaining(self) -> int: ...
    @property
    def failure(self) -> Exception | None: ...  # why it stopped, renderable in any language


class NetworkRelease(Protocol):
    """Which release the network's figures come from, and its noise and thresholds."""

    @property
    def released_on(self) -> str: ...
    @property
    def noise(self) -> bool: ...
    @property
    def min_sessions(self) -> int: ...
    @property
    def min_organisations(self) -> int: ...


class NetworkCell(Protocol):
    """One dimension and role group of the network view, with the facilitator's own figures.

    Margins are 95% half-widths of the release's noise; `distribution` is the share of
    ratings per scale point, for templates that are never reduced to a mean.
    """

    @property
    def template(self) -> str: ...
    @property
    def dimension(self) -> str: ...
    @property
    def role_group(self) -> str | None: ...
    @property
    def suppressed(self) -> bool: ...
    @property
    def mean(self) -> float | None: ...
    @property
    def spread(self) -> float | None: ...
    @property
    def people(self) -> int | None: ...
    @property
    def sessions(self) -> int | None: ...
    @property
    def own_mean(self) -> float | None: ...
    @property
    def own_sessions(self) -> int: ...
    @property
    def mean_margin(self) -> float | None: ...
    @property
    def distribution(self) -> Sequence[float] | None: ...
    @property
    def distribution_margin(self) -> float | None: ...
    @property
    def release(self) -> NetworkRelease | None: ...


class SyncSetup(Protocol):
    """Where sync goes: the server and region; the token itself is never shown."""

    @property
    def server(self) -> str | None: ...
    @property
    def region(self) -> str | None: ...
    @property
    def configured(self) -> bool: ...


class SyncPort(Protocol):
    """Preview, approve, push and network statistics; every method may block (use a worker)."""

    def configured(self) -> bool:
        """Whether a server and a token are set up (reads the vault, never the network)."""
        ...

    def preview(self, session: Session) -> bytes:
        """The exact bytes that approval queues and push sends."""
        ...

    def approve(self, session: Session) -> Any:
        """Record approval with the time and queue the previewed bytes."""
        ...

    def push(self, progress: Callable[[Any], None] | None = None) -> PushResult:
        """Send the queue, reporting each PushStep to `progress`."""
        ...

    def stats(self) -> Sequence[NetworkCell]:
        """The network's cells beside the facilitator's own sessions."""
        ...

    def settings(self) -> SyncSetup:
        """The saved server, region and whether a token is set (reads the vault only)."""
        ...

    def set_up(self, server: str | None, token_file: str | None, region: str | None) -> SyncSetup:
        """Check and save a server URL, a token read from a file and a region code.

        None or "" keeps the saved server or token; region "" clears it. Raises a one-line
        FacilitatorError naming the bad field.
        """
        ...

    def outbox(self) -> Outbox:
        """Approved summaries and where each one is (queued, sent, withdrawn)."""
        ...

    def withdraw(self, key: str) -> str:
        """Withdraw one shared summary by summary id: already, dequeued, deleted or gone."""
        ...
