"""Provides the caller's identity, the accepted vocabulary and a liveness check."""

from __future__ import annotations

from fastapi import APIRouter, Request

from facilitator.vocabulary import REGIONS, CareSetting, NoteKind, Phase, RoleGroup, RoundKind, Tag
from sync.server import registry
from sync.server.api_models import Health, Me, RegisteredTemplate, TemplateRegistry, Vocabulary
from sync.server.auth import CurrentPrincipal
from sync.server.db import read_transaction
from sync.server.routes.common import AUTH_ERRORS
from sync.server.schemas import SCHEMA_V2

router = APIRouter()


@router.get("/v1/me", response_model=Me, responses=AUTH_ERRORS, tags=["info"])
async def get_me(principal: CurrentPrincipal) -> Me:
    """Return the organisation and network the caller's token belongs to."""
    return Me(organisation=principal.organisation, network=principal.network)


@router.get("/v1/vocabulary", response_model=Vocabulary, responses=AUTH_ERRORS, tags=["info"])
async def get_vocabulary(principal: CurrentPrincipal) -> Vocabulary:
    """Return the controlled values this network accepts, tags narrowed by its policy."""
    allowed = principal.policy.allowed_tags
    return Vocabulary(
        schema_version=SCHEMA_V2,
        tags=[t.value for t in Tag if allowed is None or t.value in allowed],
        care_settings=[c.value for c in CareSetting],
        regions=list(REGIONS),
        phases=[p.value for p in Phase],
        role_groups=[r.value for r in RoleGroup],
        note_kinds=[k.value for k in NoteKind],
        round_kinds=[k.value for k in RoundKind],
    )


@router.get("/v1/templates", response_model=TemplateRegistry, responses=AUTH_ERRORS, tags=["info"])
def get_templates(principal: CurrentPrincipal, request: Request) -> TemplateRegistry:
    """Return the template versions this network accepts: shipped ones and its own."""
    with read_transaction(request.app.state.engine) as conn:
        shapes = registry.registered(conn, principal.network_id)
    return TemplateRegistry(
        templates=[RegisteredTemplate.model_validate(s.to_json()) for s in shapes]
    )


@router.get("/healthz", response_model=Health, tags=["info"])
async def healthz() -> Health:
    """Answer that the process is up; no database access, no authentication."""
    return Health()
