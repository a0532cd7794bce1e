"""Deterministic sample data for core tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from facilitator.session import Action, ClockState, Note, ParticipantCounts, Rating, Session
from facilitator.templates.model import RatingScale, RoundTemplate, Template
from facilitator.vocabulary import (
    ActionStatus,
    CareSetting,
    NoteKind,
    Phase,
    RoleGroup,
    RoundKind,
    Tag,
)

BALANCE = RatingScale(1, 5, "held by professionals", "held by users and relatives", "shared")

TEMPLATE = Template(
    id="power-balance",
    version=1,
    language="en",
    name="Power balance reflection",
    rounds=(
        RoundTemplate("opening", RoundKind.OPENING, "Opening", "Which Esther?", ("Who is Esther?",), 5),
        RoundTemplate("resources", RoundKind.DIMENSION, "Resources", "Means", ("Q1", "Q2"), 12, "resources", BALANCE),
        RoundTemplate("attitudes", RoundKind.DIMENSION, "Attitudes", "Stances", ("Q1",), 12, "attitudes", BALANCE),
    ),
)  # fmt: skip

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def sample_session() -> Session:
    """A small session with one of everything, fixed ids and times."""
    session = replace(
        Session.plan("Ward 12 reflection", TEMPLATE, created=T0),
        id="0123456789abcdef0123456789abcdef",
        project="Safe discharge",
        care_setting=CareSetting.HOSPITAL,
        phase=Phase.STUDY,
        language="en",
        region="SE-F",
        participants=ParticipantCounts(5, 3, 1),
        users_speak_first=True,
        tags=(Tag.TIME,),
        clock=ClockState(1, 720.0, 200.5, False),
    )
    session = session.with_note(
        Note("n1", "resources", "Meetings at 10 exclude working relatives", NoteKind.INSIGHT,
             RoleGroup.USERS_RELATIVES, (Tag.TIME, Tag.MEETING_FORMAT), T0, T0)
    )  # fmt: skip
    session = session.with_rating(
        Rating("r1", "resources", "resources", RoleGroup.PROFESSIONALS, 2, 4)
    )
    return session.with_action(
        Action("a1", "Share the checklist", RoleGroup.PROFESSIONALS, date(2026, 12, 1), "resources",
               ActionStatus.OPEN, "resources")
    )  # fmt: skip
