"""Provides an app for screens that need the app's translator (export dialog, sync screens)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import screens
from screens.i18n import ui_translator
from tests.screens.run.harness import ScreenApp


class TranslatedApp(ScreenApp):
    """ScreenApp with the translator and the shared styles the app screens and modals expect."""

    CSS_PATH: ClassVar = [Path(screens.__file__).parent / "app.tcss"]

    def __init__(self, services: Any, screen: Callable[[], Any]) -> None:
        super().__init__(services, screen)
        self.translator = ui_translator(services.settings.language)


def notices(app: Any) -> list[str]:
    """The text of every notification currently shown."""
    return [str(n.message) for n in app._notifications]
