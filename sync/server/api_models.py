"""Provides the response models of API v1, kept apart from the upload schema."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field, StrictInt, StrictStr


class StoredSummary(BaseModel):
    """The answer to an upload; identical for the first upload and every replay."""

    summary_id: UUID
    status: Literal["stored"] = "stored"


class Problem(BaseModel):
    """An error answer: a fixed sentence, never anything the client sent."""

    detail: StrictStr


class FieldProblem(BaseModel):
    """One validation failure: where it is and what was expected, without the submitted value."""

    loc: list[StrictStr | StrictInt]
    msg: StrictStr
    type: StrictStr


class ValidationProblem(BaseModel):
    """A 422 answer listing every field that failed validation."""

    detail: list[FieldProblem]


class Release(BaseModel):
    """Which immutable release the figures come from, and the policy and budget it used."""

    number: int
    released_on: str = Field(description="the day the release was computed (YYYY-MM-DD)")
    epsilon: float | None = Field(
        description="privacy budget this release spent per session; null when noise is off"
    )
    noise: bool
    min_sessions: int
    min_organisations: int


class AggregateCell(BaseModel):
    """One pooled cell; keys not grouped by are null, numbers are null when suppressed."""

    template: str
    dimension: str
    role_group: str | None
    care_setting: str | None
    month: str | None
    phase: str | None
    suppressed: bool
    partial: bool
    ratings: int | None = Field(description="sessions pooled (noisy when noise is on)")
    ratings_margin: float | None = Field(description="95% half-width of the noise on ratings")
    people: int | None = Field(description="people pooled; only in releases without noise")
    mean: float | None = Field(description="mean of the sessions' means")
    mean_margin: float | None = Field(description="95% half-width of the noise on the mean")
    spread: float | None = Field(description="pooled spread; only in releases without noise")
    distribution: list[float] | None = Field(
        description="share of ratings per scale point 1..7, for distribution-only templates"
    )
    distribution_margin: float | None = Field(
        description="95% half-width of the noise on each share"
    )


class AggregateResponse(BaseModel):
    """Pooled ratings of the caller's network for one query."""

    group_by: list[str]
    release: Release | None = Field(description="null until the network's first release")
    cells: list[AggregateCell]


class Me(BaseModel):
    """Who the caller is: its organisation and network."""

    organisation: str
    network: str


class Vocabulary(BaseModel):
    """The controlled vocabularies this network accepts in uploads."""

    schema_version: str
    tags: list[str]
    care_settings: list[str]
    regions: list[str]
    phases: list[str]
    role_groups: list[str]
    note_kinds: list[str]
    round_kinds: list[str]


class TemplateScale(BaseModel):
    """The rating scale of one dimension of a registered template."""

    dimension: str
    minimum: int
    maximum: int


class RegisteredTemplate(BaseModel):
    """One template version the network accepts: ids, round kinds and scales, never texts."""

    id: str
    version: int
    distribution_only: bool
    dimensions: list[str]
    round_kinds: list[str]
    scales: list[TemplateScale]


class TemplateRegistry(BaseModel):
    """Every template version the caller's network accepts summaries of."""

    templates: list[RegisteredTemplate]


class Health(BaseModel):
    """Liveness answer."""

    status: Literal["ok"] = "ok"
