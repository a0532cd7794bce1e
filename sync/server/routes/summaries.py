"""Provides upload (PUT) and withdrawal (DELETE) of an organisation's summaries."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Header, HTTPException, Path, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool

from sync.server import registry
from sync.server.api_models import Problem, StoredSummary
from sync.server.auth import CurrentPrincipal
from sync.server.ingest import Outcome, prepare_upload, withdraw_summary
from sync.server.routes.common import AUTH_ERRORS
from sync.server.schemas import SummaryV2

router = APIRouter(prefix="/v1", tags=["summaries"])

IDEMPOTENCY_KEY_PATTERN = (
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)


def _field_error(loc: tuple[str | int, ...], msg: str) -> RequestValidationError:
    """Return a 422 error for one field with a fixed message."""
    return RequestValidationError([{"loc": ("body", *loc), "msg": msg, "type": "value_error"}])


async def _check_registry(request: Request, network_id: int, summary: SummaryV2) -> None:
    """Refuse a summary whose template, version or ids the network has not registered."""
    engine = request.app.state.engine
    template = summary.template
    shape = registry.remembered(engine, network_id, template.id, template.version)
    if shape is None:
        shape = await run_in_threadpool(
            registry.lookup, engine, network_id, template.id, template.version
        )
    if shape is None:
        raise _field_error(
            ("template",),
            "template version is not registered in this network; the network admin registers "
            "it with `facilitator-server admin template-register`",
        )
    found = registry.problems(summary, shape)
    if found:
        raise RequestValidationError(
            [{"loc": ("body", *loc), "msg": msg, "type": "value_error"} for loc, msg in found]
        )


def _check_policy(summary: SummaryV2, summary_id: UUID, allowed: frozenset[str] | None) -> None:
    """Refuse a body whose id differs from the URL's or that carries tags the network bars."""
    if summary.summary_id != summary_id:
        raise _field_error(("summary_id",), "must equal the summary id in the URL")
    if allowed is not None:
        for index, tag in enumerate(summary.tags):
            if tag.value not in allowed:
                raise _field_error(("tags", index), "tag is not allowed in this network")


@router.put(
    "/summaries/{summary_id}",
    status_code=201,
    response_model=StoredSummary,
    responses={
        **AUTH_ERRORS,
        409: {"model": Problem, "description": "A different body is stored under this id."},
    },
    summary="Upload an anonymized summary (idempotent)",
)
async def put_summary(
    summary_id: Annotated[
        UUID, Path(description="the summary's UUID; the body's `summary_id` must equal it")
    ],
    summary: SummaryV2,
    principal: CurrentPrincipal,
    request: Request,
    response: Response,
    idempotency_key: Annotated[
        str | None,
        Header(
            pattern=IDEMPOTENCY_KEY_PATTERN,
            min_length=36,
            max_length=36,
            description="a UUID naming this upload attempt; reused for another request is 409",
        ),
    ] = None,
) -> StoredSummary:
    """Store the summary once; the same body again gets the same answer, another body 409."""
    _check_policy(summary, summary_id, principal.policy.allowed_tags)
    await _check_registry(request, principal.network_id, summary)
    upload = prepare_upload(
        principal.network_id, principal.organisation_id, summary, idempotency_key
    )
    outcome = await request.app.state.uploads.store(upload)
    if outcome is Outcome.CONFLICT:
        raise HTTPException(409, "a different summary is already stored under this id")
    if outcome is Outcome.KEY_REUSED:
        raise HTTPException(409, "this Idempotency-Key was already used for another request")
    if outcome is Outcome.REPLAYED:
        response.headers["Idempotent-Replayed"] = "true"
    return StoredSummary(summary_id=summary_id)


@router.delete(
    "/summaries/{summary_id}",
    status_code=204,
    responses={
        **AUTH_ERRORS,
        404: {"model": Problem, "description": "Your organisation has no summary with this id."},
    },
    summary="Withdraw one of your organisation's summaries",
)
def delete_summary(summary_id: UUID, principal: CurrentPrincipal, request: Request) -> Response:
    """Delete the caller organisation's own summary; anyone else's is simply not found."""
    found = withdraw_summary(
        request.app.state.engine, principal.network_id, principal.organisation_id, str(summary_id)
    )
    if not found:
        raise HTTPException(404, "no such summary")
    return Response(status_code=204)
