"""Pools mean ratings, spreads and per-point distributions apart (wire format v2)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_POINTS = tuple(f"p{point}" for point in range(1, 8))


def upgrade() -> None:
    """Add the split counters; existing atoms were all sent as means with spreads."""
    with op.batch_alter_table("rating_atoms") as batch:
        batch.add_column(sa.Column("mean_people", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("spread_people", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("spread_sum_mean", sa.Float, nullable=False, server_default="0"))
        for name in _POINTS:
            batch.add_column(sa.Column(name, sa.Integer, nullable=False, server_default="0"))
    op.execute(
        "UPDATE rating_atoms SET mean_people = people, spread_people = people, "
        "spread_sum_mean = sum_mean"
    )


def downgrade() -> None:
    """Drop the split counters."""
    with op.batch_alter_table("rating_atoms") as batch:
        for name in ("mean_people", "spread_people", "spread_sum_mean", *_POINTS):
            batch.drop_column(name)
