"""Adds immutable releases with stored noise, bounded per-session counters, and DP by default."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_SHARES = tuple(f"s{point}" for point in range(1, 8))
_KEYS = ("template", "dimension", "role_group", "care_setting", "phase", "month")


def upgrade() -> None:
    """Add per-session sums to atoms, the release tables, and switch unset noise on (1.0)."""
    with op.batch_alter_table("rating_atoms") as batch:
        batch.add_column(
            sa.Column("session_mean_sum", sa.Float, nullable=False, server_default="0")
        )
        for name in _SHARES:
            batch.add_column(sa.Column(name, sa.Float, nullable=False, server_default="0"))
    op.execute(
        "UPDATE rating_atoms SET session_mean_sum = "
        "CASE WHEN mean_people > 0 THEN sessions * sum_mean / mean_people ELSE 0 END"
    )
    op.execute("UPDATE networks SET dp_epsilon = 1.0 WHERE dp_epsilon IS NULL")
    op.create_table(
        "releases",
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
    op.create_table(
        "release_cells",
        sa.Column("release_id", sa.Integer, sa.ForeignKey("releases.id"), primary_key=True),
        *(sa.Column(k, sa.String(40), primary_key=True) for k in _KEYS),
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


def downgrade() -> None:
    """Drop releases and the per-session sums."""
    op.drop_table("release_cells")
    op.drop_table("releases")
    with op.batch_alter_table("rating_atoms") as batch:
        for name in ("session_mean_sum", *_SHARES):
            batch.drop_column(name)
