"""Provides the wire schema of the anonymized summary, v2 (docs/wire-format.md), in Pydantic.

Every field is typed and bounded and unknown fields are rejected, so no free text can be stored.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from facilitator.vocabulary import (
    LEGACY_PHASES,
    REGIONS,
    CareSetting,
    NoteKind,
    Phase,
    RoleGroup,
    RoundKind,
    Tag,
)

SCHEMA_V2 = "facilitator.summary/2"
SCALE_POINTS = 7
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,39}$"
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"

_PHASE_SCHEMA = {
    "type": "string",
    "enum": [*(p.value for p in Phase), *LEGACY_PHASES],
    "description": "the Plan-Do-Study-Act phase; the first-edition values "
    + ", ".join(f"{old} (stored as {new.value})" for old, new in LEGACY_PHASES.items())
    + " are still accepted",
}
Identifier = Annotated[StrictStr, Field(pattern=ID_PATTERN, max_length=40)]
Month = Annotated[StrictStr, Field(pattern=MONTH_PATTERN, min_length=7, max_length=7)]
# Realistic upper bounds: a reflection session seats at most MAX_PEOPLE per role group and
# no session produces more notes or actions than these; anything above is refused, not stored.
MAX_PEOPLE = 60
MAX_NOTES = 300
MAX_ACTIONS = 60
# A spread of fewer than five people pins down individual answers too closely.
MIN_SPREAD_PEOPLE = 5
MAX_DIMENSIONS = 16
People = Annotated[StrictInt, Field(ge=3, le=MAX_PEOPLE)]
Minutes = Annotated[StrictInt, Field(ge=0, le=600)]
Region = Literal[REGIONS]  # type: ignore[valid-type]


class WireModel(BaseModel):
    """Base of every wire object: unknown fields are an error, nothing is coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class TemplateRef(WireModel):
    """Which template (and version) the session used."""

    id: Identifier
    version: Annotated[StrictInt, Field(ge=1, le=10000)]


class Participants(WireModel):
    """How many people per role group took part; null where fewer than three."""

    professionals: People | None
    users_relatives: People | None
    managers: People | None

    def of(self, group: RoleGroup) -> int | None:
        """Return the head-count shown for one role group (None when suppressed)."""
        value: int | None = getattr(self, group.value)
        return value


class Rating(WireModel):
    """One role group's pooled rating of one dimension: a mean, or counts per scale point.

    Distribution-only templates send `distribution` (ratings per point 1..7) and neither
    mean nor spread; other templates send `mean`, and `spread` only for five or more people.
    """

    dimension: Identifier
    role_group: RoleGroup
    mean: Annotated[float, Field(ge=1, le=7, strict=True, allow_inf_nan=False)] | None
    spread: Annotated[float, Field(ge=0, le=6, strict=True, allow_inf_nan=False)] | None
    distribution: (
        Annotated[
            list[Annotated[StrictInt, Field(ge=0, le=MAX_PEOPLE)]],
            Field(min_length=SCALE_POINTS, max_length=SCALE_POINTS),
        ]
        | None
    )
    count: Annotated[StrictInt, Field(ge=3, le=MAX_PEOPLE)]

    @model_validator(mode="after")
    def _one_shape(self) -> Rating:
        """Refuse a rating that mixes shapes, spreads a small group or miscounts."""
        if (self.mean is None) == (self.distribution is None):
            raise ValueError("a rating carries either a mean or a distribution, not both")
        if self.distribution is not None:
            if self.spread is not None:
                raise ValueError("a distribution carries no spread")
            if sum(self.distribution) != self.count:
                raise ValueError("a distribution's counts must add up to its count")
        elif self.spread is not None and self.count < MIN_SPREAD_PEOPLE:
            raise ValueError(f"spread is sent only for {MIN_SPREAD_PEOPLE} or more people")
        return self


class Round(WireModel):
    """How long one round was planned to take and actually took, in whole minutes."""

    kind: RoundKind
    dimension: Identifier | None
    planned_minutes: Minutes
    actual_minutes: Minutes


class NoteCount(WireModel):
    """How many notes of one kind were captured for a dimension (or none)."""

    dimension: Identifier | None
    kind: NoteKind
    count: Annotated[StrictInt, Field(ge=0, le=MAX_NOTES)]


class ActionCount(WireModel):
    """How many actions target a dimension (or none)."""

    dimension: Identifier | None
    count: Annotated[StrictInt, Field(ge=0, le=MAX_ACTIONS)]


class SummaryV2(WireModel):
    """The anonymized summary of one session, the only thing a client ever uploads."""

    schema_: Literal["facilitator.summary/2"] = Field(alias="schema")
    summary_id: UUID = Field(description="a random UUID; must equal the id in the URL")
    template: TemplateRef
    dimensions: Annotated[list[Identifier], Field(max_length=MAX_DIMENSIONS)]
    month: Month
    region: Region | None
    care_setting: CareSetting
    phase: Annotated[Phase, WithJsonSchema(_PHASE_SCHEMA)]
    participants: Participants
    ratings: Annotated[list[Rating], Field(max_length=64)]
    rounds: Annotated[list[Round], Field(max_length=64)]
    note_counts: Annotated[list[NoteCount], Field(max_length=256)]
    action_counts: Annotated[list[ActionCount], Field(max_length=64)]
    tags: Annotated[list[Tag], Field(max_length=32)]

    @field_validator("phase", mode="before")
    @classmethod
    def _current_phase(cls, value: object) -> object:
        """Read a first-edition phase name as the phase it became."""
        return LEGACY_PHASES.get(value, value) if isinstance(value, str) else value

    @field_validator("schema_", mode="before")
    @classmethod
    def _known_schema(cls, value: object) -> object:
        """Refuse a newer summary schema with a sentence that says what to do."""
        if (
            isinstance(value, str)
            and value.startswith("facilitator.summary/")
            and value != SCHEMA_V2
        ):
            if value < SCHEMA_V2:
                raise ValueError(f"this server accepts only {SCHEMA_V2}; upgrade the app")
            raise ValueError(
                f"this server accepts only {SCHEMA_V2}; upgrade the server for newer summaries"
            )
        return value

    @model_validator(mode="after")
    def _one_rating_per_cell(self) -> SummaryV2:
        """Refuse two ratings for one cell, and ratings of a group whose head-count is hidden."""
        seen = {(r.dimension, r.role_group) for r in self.ratings}
        if len(seen) != len(self.ratings):
            raise ValueError("ratings must hold at most one entry per dimension and role group")
        for rating in self.ratings:
            people = self.participants.of(rating.role_group)
            if people is None:
                raise ValueError("ratings only for role groups whose head-count is shown")
            if rating.count > people:
                raise ValueError("a rating's count cannot exceed its role group's head-count")
            if rating.dimension not in self.dimensions:
                raise ValueError("ratings only for the summary's dimensions")
        return self

    def canonical_json(self, dumped: dict[str, Any] | None = None) -> str:
        """Return the canonical form (sorted keys, no spaces) the client previewed.

        `dumped` is this summary's `model_dump(mode="json", by_alias=True)` if already made.
        """
        data = self.model_dump(mode="json", by_alias=True) if dumped is None else dumped
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
