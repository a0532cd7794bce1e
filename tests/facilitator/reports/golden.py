"""Golden-file comparison; set FACILITATOR_UPDATE_GOLDENS=1 to rewrite the files."""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, actual: bytes) -> None:
    """Assert `actual` equals golden/`name`, or rewrite it when asked to."""
    path = GOLDEN / name
    if os.environ.get("FACILITATOR_UPDATE_GOLDENS") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
        if os.environ.get("FACILITATOR_UPDATE_GOLDENS") != "1":
            raise AssertionError(f"golden file {name} was missing and has been written; rerun")
    assert actual == path.read_bytes(), (
        f"{name} differs from its golden file; if the change is intended, "
        "rerun with FACILITATOR_UPDATE_GOLDENS=1 and review the diff"
    )
