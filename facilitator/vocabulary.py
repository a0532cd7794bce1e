"""Provides the controlled vocabularies shared by the core, the UI and the sync wire format.

Every value that may leave the machine comes from here, so nothing free-form can slip out.
"""

from __future__ import annotations

from enum import StrEnum

from facilitator.i18n.languages import language_codes


class RoleGroup(StrEnum):
    """The groups whose views are recorded separately; never individual people."""

    PROFESSIONALS = "professionals"
    USERS_RELATIVES = "users_relatives"
    MANAGERS = "managers"


class NoteKind(StrEnum):
    """What a captured note is."""

    OBSERVATION = "observation"
    INSIGHT = "insight"
    QUESTION = "question"
    PARKING_LOT = "parking_lot"


class NoteOrigin(StrEnum):
    """Who wrote a note: the facilitator, or a participant anonymously from a phone."""

    FACILITATOR = "facilitator"
    ROOM = "room"  # anonymous: shown to the facilitator only, withheld on shared screens


class Phase(StrEnum):
    """Where the improvement work is in its Plan-Do-Study-Act cycle (tokenism: Plan, Study)."""

    BEFORE_START = "before_start"
    PLAN = "plan"
    DO = "do"
    STUDY = "study"
    ACT = "act"


# First-edition phase values, still read from old sessions and accepted from old clients.
LEGACY_PHASES: dict[str, Phase] = {
    "before_planning": Phase.BEFORE_START,
    "during": Phase.DO,
    "evaluation": Phase.STUDY,
}


def phase_of(value: str) -> Phase:
    """The phase named `value`, first-edition names included; ValueError when unknown."""
    legacy = LEGACY_PHASES.get(value)
    return legacy if legacy is not None else Phase(value)


class CareSetting(StrEnum):
    """Coarse care-setting categories, safe to pool."""

    HOSPITAL = "hospital"
    PRIMARY_CARE = "primary_care"
    MUNICIPAL_CARE = "municipal_care"
    HOME_CARE = "home_care"
    ELDERLY_CARE = "elderly_care"
    PSYCHIATRY = "psychiatry"
    SOCIAL_SERVICES = "social_services"
    DISABILITY_SUPPORT = "disability_support"
    CROSS_ORGANISATION = "cross_organisation"
    OTHER = "other"


class ActionStatus(StrEnum):
    """Follow-up status of an agreed action."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class SessionStatus(StrEnum):
    """Lifecycle of a session."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"


class RoundKind(StrEnum):
    """What a round of a template is for."""

    OPENING = "opening"
    DIMENSION = "dimension"
    INTERPLAY = "interplay"
    ACTIONS = "actions"
    CHECK_IN = "check_in"
    CHECK_OUT = "check_out"
    STORY = "story"
    TABLE_ROUND = "table_round"
    PLENARY = "plenary"
    PLACEMENT = "placement"
    CLOSE = "close"


class Tag(StrEnum):
    """Controlled themes that notes and sessions can carry; the only 'topics' that may be pooled."""

    TIME = "time"
    MONEY = "money"
    INFORMATION = "information"
    KNOWLEDGE = "knowledge"
    MEETING_FORMAT = "meeting_format"
    MEETING_PLACE = "meeting_place"
    TRANSPORT = "transport"
    DIGITAL_ACCESS = "digital_access"
    LANGUAGE = "language"
    MANDATE = "mandate"
    EXPECTATIONS = "expectations"
    TRUST = "trust"
    FEAR_OF_LOSING_CONTROL = "fear_of_losing_control"
    ROLES = "roles"
    LIVED_EXPERIENCE = "lived_experience"
    RULES_AND_BUDGETS = "rules_and_budgets"
    TOKENISM = "tokenism"
    PSYCHOLOGICAL_SAFETY = "psychological_safety"


# Interface and content languages: those of the language registry when this module loads.
Language = StrEnum("Language", {code.upper(): code for code in language_codes()})  # type: ignore[misc]


# Coarse regions: Swedish counties (ISO 3166-2:SE) plus countries where the network works.
REGIONS: tuple[str, ...] = (
    "SE-AB", "SE-AC", "SE-BD", "SE-C", "SE-D", "SE-E", "SE-F", "SE-G", "SE-H", "SE-I",
    "SE-K", "SE-M", "SE-N", "SE-O", "SE-S", "SE-T", "SE-U", "SE-W", "SE-X", "SE-Y", "SE-Z",
    "SE", "NO", "DK", "FI", "IS", "GB", "IE", "SG", "NL", "DE", "OTHER",
)  # fmt: skip

# Groups smaller than this are never reported, locally or on the wire.
MIN_GROUP_SIZE = 3
