"""Provides bearer-token hashing, issuing and the request dependency that resolves a caller.

Only SHA-256 hashes of tokens are stored; a leaked database holds no usable credential.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from sync.server.db import PreparedStatement
from sync.server.models import networks, organisations, tokens
from sync.server.ratelimit import Limiter, retry_after_header

TOKEN_PREFIX = "fst_"  # noqa: S105 (a public prefix, not a secret)
_bearer = HTTPBearer(auto_error=False, description="An organisation's API token.")


@dataclass(frozen=True)
class NetworkPolicy:
    """What a network publishes: thresholds per cell, allowed tags, optional noise."""

    min_sessions: int
    min_organisations: int
    allowed_tags: frozenset[str] | None
    dp_epsilon: float | None


@dataclass(frozen=True)
class Principal:
    """The organisation (and its network) behind a valid, unrevoked token."""

    token_id: int
    organisation_id: int
    organisation: str
    network_id: int
    network: str
    policy: NetworkPolicy


def new_token() -> str:
    """Return a fresh token with 256 bits of randomness and a recognisable prefix."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Return the hex SHA-256 of a token, the only form the server keeps."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# Built once: the lookup runs on every request, as no token is ever cached.
_PRINCIPAL_QUERY = (
    sa.select(
        tokens.c.id,
        tokens.c.token_hash,
        organisations.c.id.label("organisation_id"),
        organisations.c.name.label("organisation"),
        networks.c.id.label("network_id"),
        networks.c.name.label("network"),
        networks.c.min_sessions,
        networks.c.min_organisations,
        networks.c.allowed_tags,
        networks.c.dp_epsilon,
    )
    .join(organisations, organisations.c.id == tokens.c.organisation_id)
    .join(networks, networks.c.id == organisations.c.network_id)
    .where(tokens.c.token_hash == sa.bindparam("digest"), tokens.c.revoked_at.is_(None))
)


_COMPILED: dict[str, str] = {}


def _principal_sql(dialect: sa.Dialect) -> str:
    """Return the principal query compiled for `dialect`, as the upload statements are."""
    found = _COMPILED.get(dialect.name)
    if found is None:
        found = _COMPILED[dialect.name] = PreparedStatement.of(_PRINCIPAL_QUERY, dialect).sql
    return found


def lookup_principal(engine: sa.Engine, token: str) -> Principal | None:
    """Return the principal for a token, or None when it is unknown or revoked.

    One statement on a pooled driver connection: it reads one consistent snapshot by itself.
    """
    digest = hash_token(token)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        try:
            row = cursor.execute(_principal_sql(engine.dialect), {"digest": digest}).fetchone()
        finally:
            cursor.close()
    finally:
        raw.close()
    if row is None:
        return None
    token_id, token_hash, org_id, org, network_id, network, sessions, orgs, tags, eps = row
    if not hmac.compare_digest(token_hash, digest):
        return None
    if isinstance(tags, str):  # SQLite hands JSON back as text
        tags = json.loads(tags)
    policy = NetworkPolicy(
        min_sessions=sessions,
        min_organisations=orgs,
        allowed_tags=None if tags is None else frozenset(tags),
        dp_epsilon=eps,
    )
    return Principal(
        token_id=token_id,
        organisation_id=org_id,
        organisation=org,
        network_id=network_id,
        network=network,
        policy=policy,
    )


def _authorise(engine: sa.Engine, limiter: Limiter, token: str) -> tuple[Principal, float] | None:
    """Look the token up (never cached, so a revocation counts at once) and charge its limit."""
    principal = lookup_principal(engine, token)
    if principal is None:
        return None
    return principal, limiter.acquire(principal.token_id)


def _unauthorized() -> HTTPException:
    """Return the one 401 answer, the same for a missing, unknown or revoked token."""
    return HTTPException(
        status_code=401,
        detail="a valid bearer token is required",
        headers={"WWW-Authenticate": "Bearer"},
    )


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """Resolve the caller from its bearer token and charge its rate limit."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorized()
    token = credentials.credentials
    if not token or len(token) > 200:
        raise _unauthorized()
    engine = request.app.state.engine
    found = await run_in_threadpool(_authorise, engine, request.app.state.rate_limiter, token)
    if found is None:
        raise _unauthorized()
    principal, wait = found
    if wait > 0:
        raise HTTPException(
            status_code=429,
            detail="too many requests for this token; retry later",
            headers={"Retry-After": retry_after_header(wait)},
        )
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
