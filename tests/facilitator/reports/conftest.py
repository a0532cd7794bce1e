"""Report test fixtures: every report test runs in English and Swedish."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["en", "sv"])
def language(request: pytest.FixtureRequest) -> str:
    """Each report test runs in English and Swedish."""
    return str(request.param)
