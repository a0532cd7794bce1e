"""Provides the administration of networks, organisations, tokens and network policy.

Plain functions over an engine, so the CLI and the tests share them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from facilitator.errors import FacilitatorError
from facilitator.vocabulary import Tag
from sync.server.auth import hash_token, new_token
from sync.server.db import read_transaction, write_transaction
from sync.server.models import networks, organisations, tokens
from sync.server.noise import NoiseUnavailable
from sync.server.registry import TemplateShape, insert_shape, registered, shape_of_file
from sync.server.releases import ReleaseError, ReleaseInfo, publish_release

DEFAULT_MIN_SESSIONS = 5
DEFAULT_MIN_ORGANISATIONS = 3
DEFAULT_EPSILON = 1.0
NOISE_OFF_WARNING = (
    "warning: noise is off; members that collude, or upload made-up sessions, can single out "
    "another organisation's session from the published figures"
)
_UNSET = object()


class AdminError(Exception):
    """An administration request that cannot be done; its message is one line for the user."""


@dataclass(frozen=True)
class TokenInfo:
    """A token as listed: never the secret, only its id and metadata."""

    id: int
    network: str
    organisation: str
    label: str
    created_at: datetime
    revoked: bool


def _name(value: str, what: str) -> str:
    """Return a trimmed name, refusing empty or overlong ones."""
    value = value.strip()
    if not value or len(value) > 80:
        raise AdminError(f"{what} name must be 1 to 80 characters")
    return value


def _network_id(conn: sa.Connection, network: str) -> int:
    """Return a network's id or fail with a clear message."""
    found = conn.execute(sa.select(networks.c.id).where(networks.c.name == network)).scalar()
    if found is None:
        raise AdminError(f"no network named {network!r}")
    return int(found)


def _organisation_id(conn: sa.Connection, network: str, organisation: str) -> int:
    """Return an organisation's id within a network or fail with a clear message."""
    nid = _network_id(conn, network)
    found = conn.execute(
        sa.select(organisations.c.id).where(
            organisations.c.network_id == nid, organisations.c.name == organisation
        )
    ).scalar()
    if found is None:
        raise AdminError(f"no organisation named {organisation!r} in network {network!r}")
    return int(found)


def create_network(engine: sa.Engine, name: str) -> int:
    """Create a network with the default policy and return its id."""
    name = _name(name, "network")
    with write_transaction(engine) as conn:
        if conn.execute(sa.select(networks.c.id).where(networks.c.name == name)).first():
            raise AdminError(f"a network named {name!r} already exists")
        result = conn.execute(
            sa.insert(networks)
            .values(
                name=name,
                min_sessions=DEFAULT_MIN_SESSIONS,
                min_organisations=DEFAULT_MIN_ORGANISATIONS,
                allowed_tags=None,
                dp_epsilon=DEFAULT_EPSILON,
                created_at=datetime.now(UTC),
            )
            .returning(networks.c.id)
        )
        return int(result.scalar_one())


def create_organisation(engine: sa.Engine, network: str, name: str) -> int:
    """Create an organisation in a network and return its id."""
    name = _name(name, "organisation")
    with write_transaction(engine) as conn:
        nid = _network_id(conn, network)
        exists = conn.execute(
            sa.select(organisations.c.id).where(
                organisations.c.network_id == nid, organisations.c.name == name
            )
        ).first()
        if exists:
            raise AdminError(f"organisation {name!r} already exists in network {network!r}")
        result = conn.execute(
            sa.insert(organisations)
            .values(network_id=nid, name=name, created_at=datetime.now(UTC))
            .returning(organisations.c.id)
        )
        return int(result.scalar_one())


def issue_token(engine: sa.Engine, network: str, organisation: str, label: str = "") -> str:
    """Issue a new token for an organisation and return it; only its hash is kept."""
    token = new_token()
    with write_transaction(engine) as conn:
        oid = _organisation_id(conn, network, organisation)
        conn.execute(
            sa.insert(tokens).values(
                organisation_id=oid,
                token_hash=hash_token(token),
                label=label.strip()[:80],
                created_at=datetime.now(UTC),
                revoked_at=None,
            )
        )
    return token


def list_tokens(engine: sa.Engine, network: str | None = None) -> list[TokenInfo]:
    """List tokens (never secrets), optionally of one network."""
    query = (
        sa.select(
            tokens.c.id,
            networks.c.name.label("network"),
            organisations.c.name.label("organisation"),
            tokens.c.label,
            tokens.c.created_at,
            tokens.c.revoked_at,
        )
        .join(organisations, organisations.c.id == tokens.c.organisation_id)
        .join(networks, networks.c.id == organisations.c.network_id)
        .order_by(tokens.c.id)
    )
    with read_transaction(engine) as conn:
        if network is not None:
            query = query.where(organisations.c.network_id == _network_id(conn, network))
        rows = conn.execute(query).all()
    return [
        TokenInfo(r.id, r.network, r.organisation, r.label, r.created_at, r.revoked_at is not None)
        for r in rows
    ]


def revoke_token(engine: sa.Engine, token_id: int) -> None:
    """Revoke a token by id; it stops working on the next request."""
    with write_transaction(engine) as conn:
        result = conn.execute(
            sa.update(tokens)
            .where(tokens.c.id == token_id, tokens.c.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC))
        )
        if result.rowcount == 0:
            raise AdminError(f"no active token with id {token_id}")


def set_policy(
    engine: sa.Engine,
    network: str,
    *,
    min_sessions: int | None = None,
    min_organisations: int | None = None,
    allowed_tags: list[str] | object | None = _UNSET,
    dp_epsilon: float | object | None = _UNSET,
) -> None:
    """Change a network's publication policy; arguments left out stay as they are."""
    values: dict[str, object] = {}
    if min_sessions is not None:
        if not 1 <= min_sessions <= 10000:
            raise AdminError("minimum sessions per cell must be between 1 and 10000")
        values["min_sessions"] = min_sessions
    if min_organisations is not None:
        if not 1 <= min_organisations <= 10000:
            raise AdminError("minimum organisations per cell must be between 1 and 10000")
        values["min_organisations"] = min_organisations
    if allowed_tags is not _UNSET:
        if isinstance(allowed_tags, list):
            known = {t.value for t in Tag}
            unknown = sorted(set(allowed_tags) - known)
            if unknown:
                raise AdminError(f"unknown tags: {', '.join(unknown)}")
            values["allowed_tags"] = sorted(set(allowed_tags))
        else:
            values["allowed_tags"] = None
    if dp_epsilon is not _UNSET:
        if isinstance(dp_epsilon, float) and not 0.01 <= dp_epsilon <= 100:
            raise AdminError("epsilon must be between 0.01 and 100")
        if dp_epsilon is not None:
            _require_opendp()
        values["dp_epsilon"] = dp_epsilon
    with write_transaction(engine) as conn:
        nid = _network_id(conn, network)
        if values:
            conn.execute(sa.update(networks).where(networks.c.id == nid).values(**values))


def _require_opendp() -> None:
    """Fail clearly when noise is asked for but OpenDP is not installed."""
    try:
        import opendp  # noqa: F401
    except ImportError as exc:
        raise AdminError("noise needs OpenDP: install facilitator[dp]") from exc


def register_template(engine: sa.Engine, network: str, path: Path) -> TemplateShape:
    """Register a custom template's shape (never its texts) in a network; return the shape."""
    try:
        shape = shape_of_file(path)
    except FacilitatorError as exc:
        raise AdminError(f"{path.name}: {exc.render('en').splitlines()[0]}") from None
    with write_transaction(engine) as conn:
        nid = _network_id(conn, network)
        try:
            insert_shape(conn, nid, shape)
        except ValueError as exc:
            raise AdminError(str(exc)) from None
    return shape


def release(engine: sa.Engine, network: str) -> ReleaseInfo:
    """Compute and store a new release of a network's figures now."""
    try:
        return publish_release(engine, network, datetime.now(UTC))
    except ReleaseError as exc:
        raise AdminError(str(exc)) from None
    except NoiseUnavailable as exc:
        raise AdminError(str(exc)) from None


def describe_network(engine: sa.Engine, network: str) -> dict[str, object]:
    """Return a network's policy and organisations for display."""
    with read_transaction(engine) as conn:
        nid = _network_id(conn, network)
        row = conn.execute(sa.select(networks).where(networks.c.id == nid)).mappings().one()
        orgs = conn.execute(
            sa.select(organisations.c.name)
            .where(organisations.c.network_id == nid)
            .order_by(organisations.c.name)
        ).scalars()
        return {
            "network": row["name"],
            "min_sessions": row["min_sessions"],
            "min_organisations": row["min_organisations"],
            "allowed_tags": row["allowed_tags"],
            "dp_epsilon": row["dp_epsilon"],
            **({} if row["dp_epsilon"] is not None else {"warning": NOISE_OFF_WARNING}),
            "organisations": list(orgs),
            "templates": [f"{t.id}@{t.version}" for t in registered(conn, nid)],
        }
