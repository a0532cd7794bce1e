"""Provides an app for screens that need the app's translator (export dialog, sync screens)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import screens
from tests.screens.run.harness import ScreenApp


class TranslatedApp(ScreenApp):
    """ScreenApp with the shared styles the app's dialogs and modals expect."""

    CSS_PATH: ClassVar = [Path(screens.__file__).parent / "app.tcss"]


def notices(app: Any) -> list[str]:
    """The text of every notification currently shown."""
    return [str(n.message) for n in app._notifications]
