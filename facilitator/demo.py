"""Provides a realistic sample session so a new user can look around before a real one.

The people in it are fictional; it has notes in every round, ratings and actions.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from facilitator.clock import Clock
from facilitator.session import (
    Action,
    Note,
    ParticipantCounts,
    Rating,
    RoundRecord,
    Session,
    new_id,
)
from facilitator.templates.builtin import default_template
from facilitator.vocabulary import (
    ActionStatus,
    CareSetting,
    NoteKind,
    Phase,
    RoleGroup,
    SessionStatus,
    Tag,
)

_TEXT = {
    "en": {
        "title": "Discharge planning with Esther, spring follow-up",
        "project": "Safe discharge from ward 12",
        "notes": {
            "opening": [
                ("Esther today: 84, lives alone, three care providers after discharge.", NoteKind.OBSERVATION, None),
                ("Best for Esther: one plan she has helped write, not three.", NoteKind.INSIGHT, RoleGroup.USERS_RELATIVES),
            ],
            "resources": [
                ("Meetings are held at 10 on weekdays; relatives who work cannot come.", NoteKind.OBSERVATION, RoleGroup.USERS_RELATIVES),
                ("Staff hold the discharge checklist; relatives never see it.", NoteKind.INSIGHT, RoleGroup.PROFESSIONALS),
                ("Could the checklist be shared before the meeting?", NoteKind.QUESTION, None),
            ],
            "attitudes": [
                ("We expect relatives to listen and agree, not to propose.", NoteKind.INSIGHT, RoleGroup.PROFESSIONALS),
                ("A daughter's idea about evening visits was noted but not acted on.", NoteKind.OBSERVATION, RoleGroup.USERS_RELATIVES),
                ("Staffing budget for next year belongs to the management meeting.", NoteKind.PARKING_LOT, None),
            ],
            "perceptions": [
                ("Relatives described themselves as guests in the meeting.", NoteKind.OBSERVATION, RoleGroup.USERS_RELATIVES),
                ("The word 'handover' made it sound like a staff-only task.", NoteKind.INSIGHT, None),
            ],
            "interplay": [
                ("No access to the plan feeds the feeling of being a guest.", NoteKind.INSIGHT, None),
                ("Is this what is best for Esther? Not yet: she was not asked.", NoteKind.QUESTION, None),
            ],
        },
        "actions": [
            ("Send the discharge checklist to the family two days before the meeting", RoleGroup.PROFESSIONALS, "resources"),
            ("Offer one meeting slot after 16:00 each week", RoleGroup.MANAGERS, "resources"),
            ("Open each meeting by asking the relative what matters most", RoleGroup.PROFESSIONALS, "perceptions"),
        ],
    },
    "sv": {
        "title": "Utskrivningsplanering med Esther, uppföljning i vår",
        "project": "Trygg utskrivning från avdelning 12",
        "notes": {
            "opening": [
                ("Esther i dag: 84 år, bor ensam, tre vårdgivare efter utskrivning.", NoteKind.OBSERVATION, None),
                ("Bäst för Esther: en plan som hon själv har varit med och skrivit, inte tre.", NoteKind.INSIGHT, RoleGroup.USERS_RELATIVES),
            ],
            "resources": [
                ("Mötena hålls kl. 10 på vardagar; närstående som jobbar kan inte komma.", NoteKind.OBSERVATION, RoleGroup.USERS_RELATIVES),
                ("Personalen har checklistan för utskrivning; de närstående ser den aldrig.", NoteKind.INSIGHT, RoleGroup.PROFESSIONALS),
                ("Kan vi dela checklistan före mötet?", NoteKind.QUESTION, None),
            ],
            "attitudes": [
                ("Vi förväntar oss att närstående lyssnar och håller med, inte kommer med förslag.", NoteKind.INSIGHT, RoleGroup.PROFESSIONALS),
                ("En dotters idé om kvällsbesök antecknades men ledde ingenstans.", NoteKind.OBSERVATION, RoleGroup.USERS_RELATIVES),
                ("Bemanningsbudgeten för nästa år hör hemma på ledningsmötet.", NoteKind.PARKING_LOT, None),
            ],
            "perceptions": [
                ("De närstående beskrev sig som gäster på mötet.", NoteKind.OBSERVATION, RoleGroup.USERS_RELATIVES),
                ("Ordet 'överrapportering' fick det att låta som personalens sak.", NoteKind.INSIGHT, None),
            ],
            "interplay": [
                ("Att inte ha tillgång till planen förstärker känslan av att vara gäst.", NoteKind.INSIGHT, None),
                ("Är detta det bästa för Esther? Inte än: ingen frågade henne.", NoteKind.QUESTION, None),
            ],
        },
        "actions": [
            ("Skicka checklistan till familjen två dagar före mötet", RoleGroup.PROFESSIONALS, "resources"),
            ("Erbjud en mötestid efter kl. 16 varje vecka", RoleGroup.MANAGERS, "resources"),
            ("Inled varje möte med att fråga den närstående vad som är viktigast", RoleGroup.PROFESSIONALS, "perceptions"),
        ],
    },
}  # fmt: skip

# (dimension, role group, value, count): staff see more balance than users and relatives do.
_RATINGS = [
    ("resources", RoleGroup.PROFESSIONALS, 2, 3),
    ("resources", RoleGroup.PROFESSIONALS, 3, 2),
    ("resources", RoleGroup.USERS_RELATIVES, 1, 3),
    ("resources", RoleGroup.MANAGERS, 2, 1),
    ("attitudes", RoleGroup.PROFESSIONALS, 3, 4),
    ("attitudes", RoleGroup.PROFESSIONALS, 4, 1),
    ("attitudes", RoleGroup.USERS_RELATIVES, 2, 2),
    ("attitudes", RoleGroup.USERS_RELATIVES, 1, 1),
    ("perceptions", RoleGroup.PROFESSIONALS, 3, 5),
    ("perceptions", RoleGroup.USERS_RELATIVES, 1, 2),
    ("perceptions", RoleGroup.USERS_RELATIVES, 2, 1),
]


def demo_session(clock: Clock, language: str = "en") -> Session:
    """A finished sample session in `language` ("en" or "sv")."""
    text = _TEXT.get(language, _TEXT["en"])
    template = default_template(language)
    start = clock.now() - timedelta(days=1)
    session = Session.plan(
        str(text["title"]),
        template,
        created=start,
        project=str(text["project"]),
        care_setting=CareSetting.HOSPITAL,
        phase=Phase.DO,
        language=language,
        region="SE-F",
        participants=ParticipantCounts(professionals=5, users_relatives=3, managers=1),
        users_speak_first=True,
        tags=(Tag.INFORMATION, Tag.MEETING_FORMAT, Tag.TIME),
    )
    moment = start
    notes_by_round: dict[str, list[tuple[str, NoteKind, RoleGroup | None]]] = text["notes"]  # type: ignore[assignment]
    for round_template in template.rounds:
        for note_text, kind, group in notes_by_round.get(round_template.id, []):
            moment += timedelta(minutes=2)
            session = session.with_note(
                Note(new_id(), round_template.id, note_text, kind, group, (), moment, moment)
            )
    dimension_rounds = {r.dimension: r.id for r in template.rounds if r.dimension}
    for dimension, group, value, count in _RATINGS:
        round_id = dimension_rounds.get(dimension, template.rounds[0].id)
        session = session.with_rating(Rating(new_id(), round_id, dimension, group, value, count))
    actions: list[tuple[str, RoleGroup, str]] = text["actions"]  # type: ignore[assignment]
    due = (start + timedelta(days=30)).date()
    last_round = template.rounds[-1].id
    for action_text, owner, dimension in actions:
        session = session.with_action(
            Action(new_id(), action_text, owner, due, dimension, ActionStatus.OPEN, last_round)
        )
    used = {"opening": 6, "resources": 14, "attitudes": 12, "perceptions": 11, "interplay": 9}
    rounds = tuple(
        RoundRecord(r.round_id, r.planned_minutes, used.get(r.round_id, r.planned_minutes) * 60)
        for r in session.rounds
    )
    finished = start + timedelta(minutes=sum(r.actual_seconds or 0 for r in rounds) / 60)
    return replace(
        session,
        rounds=rounds,
        status=SessionStatus.FINISHED,
        current_round=len(rounds) - 1,
        updated=finished,
        scheduled_start=start,
    )
