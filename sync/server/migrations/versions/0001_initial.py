"""Creates networks, organisations, tokens, summaries, idempotency keys and rating atoms."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def _atom_keys() -> list[sa.Column[str]]:
    """Return the key columns of a rating atom."""
    return [
        sa.Column("template", sa.String(40), primary_key=True),
        sa.Column("dimension", sa.String(40), primary_key=True),
        sa.Column("role_group", sa.String(40), primary_key=True),
        sa.Column("care_setting", sa.String(40), primary_key=True),
        sa.Column("phase", sa.String(40), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
    ]


def upgrade() -> None:
    """Create the first schema."""
    op.create_table(
        "networks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(80), nullable=False, unique=True),
        sa.Column("min_sessions", sa.Integer, nullable=False),
        sa.Column("min_organisations", sa.Integer, nullable=False),
        sa.Column("allowed_tags", sa.JSON, nullable=True),
        sa.Column("dp_epsilon", sa.Float, nullable=True),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("network_id", sa.Integer, sa.ForeignKey("networks.id"), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.UniqueConstraint("network_id", "name", name="uq_organisations_network_name"),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.String(80), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("revoked_at", _TS, nullable=True),
    )
    op.create_table(
        "summaries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("network_id", sa.Integer, sa.ForeignKey("networks.id"), nullable=False),
        sa.Column("summary_id", sa.String(36), nullable=False),
        sa.Column("body_hash", sa.String(64), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.UniqueConstraint("organisation_id", "summary_id", name="uq_summaries_org_summary"),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column(
            "organisation_id", sa.Integer, sa.ForeignKey("organisations.id"), primary_key=True
        ),
        sa.Column("key", sa.String(128), primary_key=True),
        sa.Column("summary_id", sa.String(36), nullable=False),
        sa.Column("body_hash", sa.String(64), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_table(
        "rating_atoms",
        sa.Column("network_id", sa.Integer, sa.ForeignKey("networks.id"), primary_key=True),
        *_atom_keys(),
        sa.Column("sessions", sa.Integer, nullable=False),
        sa.Column("organisations", sa.Integer, nullable=False),
        sa.Column("people", sa.Integer, nullable=False),
        sa.Column("sum_mean", sa.Float, nullable=False),
        sa.Column("sum_square", sa.Float, nullable=False),
    )
    op.create_table(
        "rating_atom_orgs",
        sa.Column("network_id", sa.Integer, sa.ForeignKey("networks.id"), primary_key=True),
        *_atom_keys(),
        sa.Column(
            "organisation_id", sa.Integer, sa.ForeignKey("organisations.id"), primary_key=True
        ),
        sa.Column("sessions", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    """Drop every table."""
    for table in (
        "rating_atom_orgs",
        "rating_atoms",
        "idempotency_keys",
        "summaries",
        "tokens",
        "organisations",
        "networks",
    ):
        op.drop_table(table)
