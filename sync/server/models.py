"""Provides the table definitions the server reads and writes (SQLAlchemy Core).

The migrations create exactly these tables; a test compares the two.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

networks = sa.Table(
    "networks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(80), nullable=False, unique=True),
    sa.Column("min_sessions", sa.Integer, nullable=False),
    sa.Column("min_organisations", sa.Integer, nullable=False),
    sa.Column("allowed_tags", sa.JSON, nullable=True),
    sa.Column("dp_epsilon", sa.Float, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

organisations = sa.Table(
    "organisations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("network_id", sa.Integer, sa.ForeignKey("networks.id"), nullable=False),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("network_id", "name", name="uq_organisations_network_name"),
)

tokens = sa.Table(
    "tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisations.id"), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("label", sa.String(80), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
)

summaries = sa.Table(
    "summaries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisations.id"), nullable=False),
    sa.Column("network_id", sa.Integer, sa.ForeignKey("networks.id"), nullable=False),
    sa.Column("summary_id", sa.String(36), nullable=False),
    sa.Column("body_hash", sa.String(64), nullable=False),
    # Only what releases and withdrawal use: the month, and the template, care setting, phase
    # and ratings as JSON. Never the body's other fields, never when it arrived.
    sa.Column("month", sa.String(7), nullable=False),
    sa.Column("figures", sa.Text, nullable=False),
    sa.UniqueConstraint("organisation_id", "summary_id", name="uq_summaries_org_summary"),
)

idempotency_keys = sa.Table(
    "idempotency_keys",
    metadata,
    sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisations.id"), primary_key=True),
    sa.Column("key", sa.String(128), primary_key=True),
    sa.Column("summary_id", sa.String(36), nullable=False),
    sa.Column("body_hash", sa.String(64), nullable=False),
)

SCALE_POINTS = 7
# Ratings sent as a mean (mean_people) are pooled apart from those sent as counts per
# scale point (p1..p7); spreads are pooled only over ratings that carried one.
POINT_COLUMNS = tuple(f"p{point}" for point in range(1, SCALE_POINTS + 1))
# Per-session sums, each session counted once whatever its size (the privacy unit): the sum
# of session means, and of each session's share of ratings per scale point.
SHARE_COLUMNS = tuple(f"s{point}" for point in range(1, SCALE_POINTS + 1))
SPLIT_COLUMNS = (
    "mean_people",
    "spread_people",
    "spread_sum_mean",
    *POINT_COLUMNS,
    "session_mean_sum",
    *SHARE_COLUMNS,
)
ATOM_KEYS = ("template", "dimension", "role_group", "care_setting", "phase", "month")


def _atom_key_columns() -> list[sa.Column[str]]:
    """Return fresh key columns of a rating atom: the finest cell anything is published for."""
    return [
        sa.Column("template", sa.String(40), primary_key=True),
        sa.Column("dimension", sa.String(40), primary_key=True),
        sa.Column("role_group", sa.String(40), primary_key=True),
        sa.Column("care_setting", sa.String(40), primary_key=True),
        sa.Column("phase", sa.String(40), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
    ]


rating_atoms = sa.Table(
    "rating_atoms",
    metadata,
    sa.Column("network_id", sa.Integer, sa.ForeignKey("networks.id"), primary_key=True),
    *_atom_key_columns(),
    sa.Column("sessions", sa.Integer, nullable=False),
    sa.Column("organisations", sa.Integer, nullable=False),
    sa.Column("people", sa.Integer, nullable=False),
    sa.Column("sum_mean", sa.Float, nullable=False),
    sa.Column("sum_square", sa.Float, nullable=False),
    sa.Column("mean_people", sa.Integer, nullable=False, server_default="0"),
    sa.Column("spread_people", sa.Integer, nullable=False, server_default="0"),
    sa.Column("spread_sum_mean", sa.Float, nullable=False, server_default="0"),
    *(sa.Column(p, sa.Integer, nullable=False, server_default="0") for p in POINT_COLUMNS),
    sa.Column("session_mean_sum", sa.Float, nullable=False, server_default="0"),
    *(sa.Column(s, sa.Float, nullable=False, server_default="0") for s in SHARE_COLUMNS),
)

rating_atom_orgs = sa.Table(
    "rating_atom_orgs",
    metadata,
    sa.Column("network_id", sa.Integer, sa.ForeignKey("networks.id"), primary_key=True),
    *_atom_key_columns(),
    sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisations.id"), primary_key=True),
    sa.Column("sessions", sa.Integer, nullable=False),
)

network_templates = sa.Table(
    "network_templates",
    metadata,
    sa.Column("network_id", sa.Integer, sa.ForeignKey("networks.id"), primary_key=True),
    sa.Column("template_id", sa.String(40), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("shape", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

releases = sa.Table(
    "releases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("network_id", sa.Integer, sa.ForeignKey("networks.id"), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("released_on", sa.String(10), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("epsilon", sa.Float, nullable=True),
    sa.Column("min_sessions", sa.Integer, nullable=False),
    sa.Column("min_organisations", sa.Integer, nullable=False),
    sa.UniqueConstraint("network_id", "number", name="uq_releases_network_number"),
)

release_cells = sa.Table(
    "release_cells",
    metadata,
    sa.Column("release_id", sa.Integer, sa.ForeignKey("releases.id"), primary_key=True),
    *(sa.Column(k, sa.String(40), primary_key=True) for k in ATOM_KEYS),
    sa.Column("published", sa.Boolean, nullable=False),
    sa.Column("kind", sa.String(12), nullable=False),
    sa.Column("sessions", sa.Float, nullable=True),
    sa.Column("sessions_scale", sa.Float, nullable=True),
    sa.Column("value_sum", sa.Float, nullable=True),
    sa.Column("value_scale", sa.Float, nullable=True),
    sa.Column("value_center", sa.Float, nullable=True),
    sa.Column("shares", sa.JSON, nullable=True),
    sa.Column("exact", sa.JSON, nullable=True),
)

# One token bucket per API token, used when several processes share one PostgreSQL: the
# allowance left, when it was last topped up (database clock, epoch seconds), and whether
# the latest request was let through.
rate_limits = sa.Table(
    "rate_limits",
    metadata,
    sa.Column(
        "token_id", sa.Integer, sa.ForeignKey("tokens.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("allowance", sa.Float, nullable=False),
    sa.Column("updated", sa.Float, nullable=False),
    sa.Column("granted", sa.Boolean, nullable=False),
)
