"""Provides pooled ratings of the caller's network, with thresholds applied."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from facilitator.vocabulary import CareSetting, Phase
from sync.server.aggregates import AggregateFilter, GroupBy, aggregate
from sync.server.api_models import AggregateCell, AggregateResponse, Policy
from sync.server.auth import CurrentPrincipal
from sync.server.routes.common import AUTH_ERRORS
from sync.server.schemas import ID_PATTERN, MONTH_PATTERN

router = APIRouter(prefix="/v1", tags=["aggregates"])

IdQuery = Annotated[str | None, Query(pattern=ID_PATTERN, max_length=40)]
MonthQuery = Annotated[str | None, Query(pattern=MONTH_PATTERN, max_length=7)]


@router.get(
    "/aggregates",
    response_model=AggregateResponse,
    responses=AUTH_ERRORS,
    summary="Pooled ratings per dimension; cells below the network's thresholds are suppressed",
)
def get_aggregates(
    principal: CurrentPrincipal,
    request: Request,
    template: IdQuery = None,
    dimension: IdQuery = None,
    phase: Phase | None = None,
    care_setting: CareSetting | None = None,
    month_from: Annotated[MonthQuery, Query(alias="from")] = None,
    month_to: Annotated[MonthQuery, Query(alias="to")] = None,
    group_by: Annotated[list[GroupBy], Query(max_length=4)] = [],  # noqa: B006
) -> AggregateResponse:
    """Return cells of the caller's own network only, grouped by template, dimension and more."""
    flt = AggregateFilter(
        template=template,
        dimension=dimension,
        phase=None if phase is None else phase.value,
        care_setting=None if care_setting is None else care_setting.value,
        month_from=month_from,
        month_to=month_to,
    )
    policy = principal.policy
    cells = aggregate(request.app.state.engine, principal.network_id, policy, flt, group_by)
    return AggregateResponse(
        group_by=sorted({g.value for g in group_by}),
        policy=Policy(
            min_sessions=policy.min_sessions,
            min_organisations=policy.min_organisations,
            noise_epsilon=policy.dp_epsilon,
        ),
        cells=[
            AggregateCell(
                template=str(cell.key["template"]),
                dimension=str(cell.key["dimension"]),
                role_group=cell.key.get("role_group"),
                care_setting=cell.key.get("care_setting"),
                month=cell.key.get("month"),
                phase=cell.key.get("phase"),
                suppressed=cell.suppressed,
                partial=cell.partial,
                ratings=cell.ratings,
                people=cell.people,
                mean=cell.mean,
                spread=cell.spread,
                distribution=cell.distribution,
            )
            for cell in cells
        ],
    )
