"""Provides pooled ratings of the caller's network, with thresholds applied."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response

from facilitator.vocabulary import CareSetting, Phase
from sync.server.aggregates import AggregateFilter, AnswerCache, Cell, GroupBy, aggregate
from sync.server.api_models import AggregateCell, AggregateResponse, Problem, Release
from sync.server.auth import CurrentPrincipal
from sync.server.releases import ReleaseInfo, latest_release
from sync.server.routes.common import AUTH_ERRORS
from sync.server.schemas import ID_PATTERN, MONTH_PATTERN

router = APIRouter(prefix="/v1", tags=["aggregates"])

IdQuery = Annotated[str | None, Query(pattern=ID_PATTERN, max_length=40)]
MonthQuery = Annotated[str | None, Query(pattern=MONTH_PATTERN, max_length=7)]


@router.get(
    "/aggregates",
    response_model=AggregateResponse,
    responses={**AUTH_ERRORS, 404: {"model": Problem, "description": "No such release."}},
    summary="Pooled ratings of one release; cells below the network's thresholds are suppressed",
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
    release: Annotated[
        int | None, Query(ge=1, le=1_000_000, description="a release number; default newest")
    ] = None,
) -> Response:
    """Return cells of one release of the caller's network, grouped by template and more."""
    flt = AggregateFilter(
        template=template,
        dimension=dimension,
        phase=None if phase is None else phase.value,
        care_setting=None if care_setting is None else care_setting.value,
        month_from=month_from,
        month_to=month_to,
    )
    engine = request.app.state.engine
    info = latest_release(engine, principal.network_id, release)
    groups = sorted({g.value for g in group_by})
    if info is None:
        if release is not None:
            raise HTTPException(404, "no such release")
        return _json(AggregateResponse(group_by=groups, release=None, cells=[]).model_dump_json())
    answers: AnswerCache = request.app.state.aggregate_answers
    key = (info.id, flt, tuple(groups))
    body = answers.get(key)
    if body is None:
        cells = aggregate(engine, info, flt, group_by)
        body = _answer(info, groups, cells).model_dump_json().encode()
        answers.put(key, body)
    return _json(body)


def _json(body: str | bytes) -> Response:
    """Return a JSON answer whose bytes were made (or remembered) already."""
    return Response(content=body, media_type="application/json")


def _answer(info: ReleaseInfo, groups: list[str], cells: list[Cell]) -> AggregateResponse:
    """Return the answer of one query of one release."""
    return AggregateResponse(
        group_by=groups,
        release=Release(
            number=info.number,
            released_on=info.released_on,
            epsilon=info.epsilon,
            noise=info.epsilon is not None,
            min_sessions=info.min_sessions,
            min_organisations=info.min_organisations,
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
                ratings_margin=cell.ratings_margin,
                people=cell.people,
                mean=cell.mean,
                mean_margin=cell.mean_margin,
                spread=cell.spread,
                distribution=cell.distribution,
                distribution_margin=cell.distribution_margin,
            )
            for cell in cells
        ],
    )
