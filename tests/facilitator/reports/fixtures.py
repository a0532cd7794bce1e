"""Deterministic sessions for report tests: fixed ids, fixed dates, English and Swedish."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from facilitator.clock import FakeClock
from facilitator.session import Action, Note, ParticipantCounts, Rating, RoundRecord, Session
from facilitator.templates.model import RatingScale, RoundTemplate, Template
from facilitator.vocabulary import (
    ActionStatus,
    NoteKind,
    Phase,
    RoleGroup,
    RoundKind,
    SessionStatus,
    Tag,
)

TITLES = {
    "en": {
        "name": "Power balance reflection",
        "opening": "Opening",
        "resources": "Resources",
        "attitudes": "Attitudes",
        "perceptions": "Perceptions",
        "actions": "Interplay and actions",
    },
    "sv": {
        "name": "Maktbalans i samskapande",
        "opening": "Inledning",
        "resources": "Resurser",
        "attitudes": "Attityder",
        "perceptions": "Uppfattningar",
        "actions": "Samspel och åtgärder",
    },
}
DIMENSIONS = ("resources", "attitudes", "perceptions")


def make_template(language: str) -> Template:
    """The power-balance template in miniature, in one language."""
    t = TITLES[language]
    scale = RatingScale(1, 5)
    rounds = [RoundTemplate("opening", RoundKind.OPENING, t["opening"], minutes=5)]
    rounds += [
        RoundTemplate(d, RoundKind.DIMENSION, t[d], minutes=12, dimension=d, scale=scale)
        for d in DIMENSIONS
    ]
    rounds.append(RoundTemplate("actions", RoundKind.ACTIONS, t["actions"], minutes=10))
    return Template("power-balance", 1, language, t["name"], rounds=tuple(rounds))


NOTE_TEXT = {
    "en": [
        ("opening", NoteKind.OBSERVATION, None, "Esther is 84 and lives alone; what is best for her?"),
        ("resources", NoteKind.OBSERVATION, RoleGroup.USERS_RELATIVES, "Meetings are at 9 on weekdays, when relatives work."),
        ("resources", NoteKind.INSIGHT, RoleGroup.PROFESSIONALS, "We hold all the information | and the agenda."),
        ("resources", NoteKind.QUESTION, None, "=SUM(A1:A9) could we pay for transport?"),
        ("attitudes", NoteKind.OBSERVATION, RoleGroup.PROFESSIONALS, "We expect relatives to listen, not to propose.\nSecond line of the note."),
        ("attitudes", NoteKind.PARKING_LOT, None, '-Fear of "losing control" <script>alert(1)</script>'),
        ("perceptions", NoteKind.INSIGHT, RoleGroup.USERS_RELATIVES, "I feel like a guest in my own care."),
    ],
    "sv": [
        ("opening", NoteKind.OBSERVATION, None, "Esther är 84 år och bor ensam; vad är bäst för henne?"),
        ("resources", NoteKind.OBSERVATION, RoleGroup.USERS_RELATIVES, "Mötena ligger klockan nio på vardagar, när närstående jobbar."),
        ("resources", NoteKind.INSIGHT, RoleGroup.PROFESSIONALS, "Vi äger all information | och dagordningen."),
        ("resources", NoteKind.QUESTION, None, "=SUMMA(A1:A9) kan vi betala resorna?"),
        ("attitudes", NoteKind.OBSERVATION, RoleGroup.PROFESSIONALS, "Vi förväntar oss att närstående lyssnar, inte föreslår.\nAndra raden."),
        ("attitudes", NoteKind.PARKING_LOT, None, '-Rädsla att "tappa kontrollen" <script>alert(1)</script>'),
        ("perceptions", NoteKind.INSIGHT, RoleGroup.USERS_RELATIVES, "Jag känner mig som gäst i min egen vård."),
    ],
}  # fmt: skip

ACTION_TEXT = {
    "en": ["Hold the next meeting at 17:00 in the library.", "+Ask relatives to co-chair."],
    "sv": ["Håll nästa möte klockan 17 på biblioteket.", "+Be närstående att leda mötet ihop med oss."],
}  # fmt: skip

RATINGS = [
    ("resources", RoleGroup.PROFESSIONALS, 2, 3),
    ("resources", RoleGroup.PROFESSIONALS, 3, 1),
    ("resources", RoleGroup.USERS_RELATIVES, 1, 3),
    ("attitudes", RoleGroup.PROFESSIONALS, 3, 4),
    ("attitudes", RoleGroup.USERS_RELATIVES, 2, 2),
    ("attitudes", RoleGroup.USERS_RELATIVES, 3, 1),
    ("attitudes", RoleGroup.MANAGERS, 4, 1),
    ("perceptions", RoleGroup.PROFESSIONALS, 3, 4),
    ("perceptions", RoleGroup.USERS_RELATIVES, 2, 3),
]


def make_session(
    language: str = "en",
    *,
    session_id: str = "s0001",
    start: datetime | None = None,
    shift: int = 0,
    project: str = "Esther café Höglandet",
) -> Session:
    """A finished session with notes, ratings, actions and timings; everything fixed."""
    clock = FakeClock(wall=start or datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    template = make_template(language)
    session = Session(
        id=session_id,
        title={"en": "Autumn reflection", "sv": "Höstens reflektion"}[language],
        template=template,
        project=project,
        phase=Phase.DO,
        language=language,
        participants=ParticipantCounts(professionals=4, users_relatives=3, managers=1),
        status=SessionStatus.FINISHED,
        created=clock.now(),
        updated=clock.now(),
        scheduled_start=clock.now(),
        rounds=tuple(
            RoundRecord(r.id, r.minutes, actual_seconds=r.minutes * 60 + 45 * i)
            for i, r in enumerate(template.rounds)
        ),
    )
    for i, (round_id, kind, group, text) in enumerate(NOTE_TEXT[language]):
        clock.advance(60)
        tags = (Tag.TIME, Tag.MEETING_FORMAT) if round_id == "resources" else ()
        session = session.with_note(
            Note(f"{session_id}-n{i:02d}", round_id, text, kind, group, tags, clock.now())
        )
    for i, (dimension, group, value, count) in enumerate(RATINGS):
        value = max(1, min(5, value + shift))
        session = session.with_rating(
            Rating(f"{session_id}-r{i:02d}", dimension, dimension, group, value, count)
        )
    texts = ACTION_TEXT[language]
    session = session.with_action(
        Action(f"{session_id}-a00", texts[0], RoleGroup.PROFESSIONALS, date(2026, 12, 10),
               "resources", ActionStatus.OPEN, "actions")
    )  # fmt: skip
    session = session.with_action(
        Action(f"{session_id}-a01", texts[1], RoleGroup.MANAGERS, None, "attitudes",
               ActionStatus.IN_PROGRESS, "actions")
    )  # fmt: skip
    return replace(session, updated=clock.now() + timedelta(minutes=1))


PSYCH_RATINGS = [
    ("raising-problems", RoleGroup.PROFESSIONALS, 5, 2),
    ("raising-problems", RoleGroup.PROFESSIONALS, 6, 1),
    ("raising-problems", RoleGroup.PROFESSIONALS, 3, 1),
    ("raising-problems", RoleGroup.USERS_RELATIVES, 4, 2),  # two answered: not shown
    ("asking-for-help", RoleGroup.PROFESSIONALS, 7, 1),
    ("asking-for-help", RoleGroup.PROFESSIONALS, 6, 3),
    ("asking-for-help", RoleGroup.USERS_RELATIVES, 5, 3),
    ("check-out", RoleGroup.PROFESSIONALS, 4, 2),
    ("check-out", RoleGroup.PROFESSIONALS, 5, 2),
    ("check-out", RoleGroup.MANAGERS, 3, 1),  # one answered: not shown
]


def make_psych_session(language: str = "en", *, session_id: str = "psych1") -> Session:
    """The shipped psychological-safety check-in: 1-7 statements and a 1-5 check-out, rated by
    four professionals, some users and relatives (two or three) and one manager."""
    from facilitator.templates import load_builtin

    template = load_builtin("psych-safety", language)
    start = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    session = Session(
        id=session_id,
        title={"en": "Team check-in", "sv": "Incheckning i teamet"}[language],
        template=template,
        project="Esther café Höglandet",
        language=language,
        participants=ParticipantCounts(professionals=4, users_relatives=3, managers=1),
        status=SessionStatus.FINISHED,
        created=start,
        updated=start,
        scheduled_start=start,
        rounds=tuple(RoundRecord(r.id, r.minutes) for r in template.rounds),
    )
    for i, (round_id, group, value, count) in enumerate(PSYCH_RATINGS):
        dimension = template.round(round_id).dimension
        assert dimension is not None
        session = session.with_rating(
            Rating(f"{session_id}-r{i:02d}", round_id, dimension, group, value, count)
        )
    return session
