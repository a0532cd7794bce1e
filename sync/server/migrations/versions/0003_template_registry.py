"""Adds each network's registry of custom template shapes (ids, rounds, scales; no texts)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the registry table."""
    op.create_table(
        "network_templates",
        sa.Column("network_id", sa.Integer, sa.ForeignKey("networks.id"), primary_key=True),
        sa.Column("template_id", sa.String(40), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("shape", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the registry table."""
    op.drop_table("network_templates")
