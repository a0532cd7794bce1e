"""Provides a session for room tests: three rated rounds, 5 professionals, 4 users, 3 managers."""

from __future__ import annotations

from datetime import UTC, datetime

from facilitator.clock import FakeClock
from facilitator.session import ParticipantCounts, Session
from facilitator.templates.model import RatingScale, RoundTemplate, Template
from facilitator.vocabulary import RoundKind

SCALE = RatingScale(1, 5, "Held by professionals", "Shared on equal terms", "Partly shared")


def room_session(participants: ParticipantCounts | None = None, language: str = "en") -> Session:
    """A planned session whose dimension rounds can be voted on from phones."""
    rounds = (
        RoundTemplate("opening", RoundKind.OPENING, "Opening", prompts=("Which Esther?",)),
        RoundTemplate(
            "resources",
            RoundKind.DIMENSION,
            "Resources" if language == "en" else "Resurser",
            prompts=("Who holds the means to influence?",),
            dimension="resources",
            scale=SCALE,
        ),
        RoundTemplate(
            "attitudes",
            RoundKind.DIMENSION,
            "Attitudes" if language == "en" else "Attityder",
            prompts=("What do we expect of each other?",),
            dimension="attitudes",
            scale=SCALE,
        ),
    )
    template = Template("power-balance", 1, language, "Power balance reflection", rounds=rounds)
    return Session.plan(
        "Room test",
        template,
        created=datetime(2026, 11, 26, 9, 0, tzinfo=UTC),
        language=language,
        participants=participants or ParticipantCounts(5, 4, 3),
    )


def fake_clock() -> FakeClock:
    """A clock at the session's start."""
    return FakeClock(wall=datetime(2026, 11, 26, 9, 30, tzinfo=UTC))
