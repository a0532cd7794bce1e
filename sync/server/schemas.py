"""Provides the wire schema of the anonymized summary (docs/wire-format.md) as Pydantic models.

Every field is typed and bounded and unknown fields are rejected, so no free text can be stored.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    field_validator,
    model_validator,
)

from facilitator.vocabulary import REGIONS, CareSetting, NoteKind, Phase, RoleGroup, RoundKind, Tag

SCHEMA_V1 = "facilitator.summary/1"
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,39}$"
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"

Identifier = Annotated[StrictStr, Field(pattern=ID_PATTERN, max_length=40)]
Month = Annotated[StrictStr, Field(pattern=MONTH_PATTERN, min_length=7, max_length=7)]
Count = Annotated[StrictInt, Field(ge=0, le=10000)]
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

    professionals: Annotated[StrictInt, Field(ge=3, le=10000)] | None
    users_relatives: Annotated[StrictInt, Field(ge=3, le=10000)] | None
    managers: Annotated[StrictInt, Field(ge=3, le=10000)] | None


class Rating(WireModel):
    """One role group's pooled balance rating of one dimension; never one person's."""

    dimension: Identifier
    role_group: RoleGroup
    mean: Annotated[float, Field(ge=1, le=7, strict=True, allow_inf_nan=False)]
    spread: Annotated[float, Field(ge=0, le=6, strict=True, allow_inf_nan=False)]
    count: Annotated[StrictInt, Field(ge=3, le=10000)]


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
    count: Count


class ActionCount(WireModel):
    """How many actions target a dimension (or none)."""

    dimension: Identifier | None
    count: Count


class SummaryV1(WireModel):
    """The anonymized summary of one session, the only thing a client ever uploads."""

    schema_: Literal["facilitator.summary/1"] = Field(alias="schema")
    summary_id: UUID
    template: TemplateRef
    dimensions: Annotated[list[Identifier], Field(max_length=16)]
    month: Month
    region: Region | None
    care_setting: CareSetting
    phase: Phase
    participants: Participants
    ratings: Annotated[list[Rating], Field(max_length=64)]
    rounds: Annotated[list[Round], Field(max_length=64)]
    note_counts: Annotated[list[NoteCount], Field(max_length=256)]
    action_counts: Annotated[list[ActionCount], Field(max_length=64)]
    tags: Annotated[list[Tag], Field(max_length=32)]

    @field_validator("schema_", mode="before")
    @classmethod
    def _known_schema(cls, value: object) -> object:
        """Refuse a newer summary schema with a sentence that says what to do."""
        if (
            isinstance(value, str)
            and value.startswith("facilitator.summary/")
            and value != SCHEMA_V1
        ):
            raise ValueError(
                f"this server accepts only {SCHEMA_V1}; upgrade the server for newer summaries"
            )
        return value

    @model_validator(mode="after")
    def _one_rating_per_cell(self) -> SummaryV1:
        """Refuse two ratings for the same dimension and role group; they would double count."""
        seen = {(r.dimension, r.role_group) for r in self.ratings}
        if len(seen) != len(self.ratings):
            raise ValueError("ratings must hold at most one entry per dimension and role group")
        return self

    def canonical_json(self) -> str:
        """Return the canonical form (sorted keys, no spaces) the client previewed."""
        data = self.model_dump(mode="json", by_alias=True)
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
