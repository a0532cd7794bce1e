"""Provides the run screen and the widgets it is built from."""

from screens.run.screen import RunScreen

__all__ = ["RunScreen"]
