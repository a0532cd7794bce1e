"""Provides "About the model": where the reflection model comes from and what is this tool's own.

The app's About page, every report and the participants' handout read the same text, so the
citation and the credits never drift apart between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from facilitator.i18n import translator

CORNERS = ("resources", "attitudes", "perceptions")


@dataclass(frozen=True)
class AboutModel:
    """The About text in one language: citation, the three corners, interplay, own aids."""

    language: str
    title: str
    model: str
    source: str
    citation: str
    corners_heading: str
    corners: tuple[str, ...]
    both_sides: str
    interplay_heading: str
    interplay: str
    own_aids_heading: str
    own_aids: str
    esther: str


@cache
def about_model(language: str) -> AboutModel:
    """The About text in `language` (English when the language is not shipped)."""
    tr = translator(language)
    t = tr.t
    return AboutModel(
        language=tr.language,
        title=t("about.title"),
        model=t("about.model"),
        source=t("about.source"),
        citation=t("about.citation"),
        corners_heading=t("about.corners_heading"),
        corners=tuple(t(f"about.{corner}") for corner in CORNERS),
        both_sides=t("about.both_sides"),
        interplay_heading=t("about.interplay_heading"),
        interplay=t("about.interplay"),
        own_aids_heading=t("about.own_aids_heading"),
        own_aids=t("about.own_aids"),
        esther=t("about.esther"),
    )
