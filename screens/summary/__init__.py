"""Provides the session summary screen and its power-triangle widget."""

from screens.summary.screen import SummaryScreen

__all__ = ["SummaryScreen"]
