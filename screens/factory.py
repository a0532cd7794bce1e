"""Provides make_app, the one way to build the app.

The CLI's composition root and the tests both call make_app, so what is tested is what runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from screens.app import FacilitatorApp
    from screens.services import Services


def make_app(services: Services) -> FacilitatorApp:
    """The app, built around `services`."""
    from screens.app import FacilitatorApp

    return FacilitatorApp(services)
