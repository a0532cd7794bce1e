"""Adds one rate-limit bucket per token, shared by every server process on PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the bucket table."""
    op.create_table(
        "rate_limits",
        sa.Column(
            "token_id",
            sa.Integer,
            sa.ForeignKey("tokens.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("allowance", sa.Float, nullable=False),
        sa.Column("updated", sa.Float, nullable=False),
        sa.Column("granted", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    """Drop the bucket table."""
    op.drop_table("rate_limits")
