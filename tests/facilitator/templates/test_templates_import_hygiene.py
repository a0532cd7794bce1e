"""Templates and i18n stay headless: importing them loads no UI, network or sync module."""

from __future__ import annotations

import subprocess
import sys

import pytest

FORBIDDEN = ("textual", "requests", "screens", "sync", "fastapi", "sqlalchemy")


@pytest.mark.parametrize("module", ["facilitator.templates", "facilitator.i18n"])
def test_imports_nothing_forbidden(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
