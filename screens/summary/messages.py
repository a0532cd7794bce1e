"""Provides the messages the summary screen's widgets and workers post upward."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message


@dataclass
class LeafletWritten(Message):
    """A handout or letter was written to `path`, or not, for a one-line reason."""

    path: Path
    error: str | None = None
