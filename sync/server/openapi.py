"""Provides the canonical text of the OpenAPI spec, as committed in `openapi.json`."""

from __future__ import annotations

import json
from pathlib import Path

COMMITTED = Path(__file__).with_name("openapi.json")


def spec_text() -> str:
    """Return the spec of a freshly built app as stable, sorted, indented JSON."""
    from sync.server.app import create_app
    from sync.server.settings import ServerSettings

    app = create_app(ServerSettings("sqlite://", migrate_on_startup=False))
    return json.dumps(app.openapi(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
