"""Keeps only what releases and withdrawal need of each upload: its month and its ratings.

The whole body (region, rounds, note and action counts, tags, head-counts) and the upload's
timestamp are dropped; the body's hash stays so a replay can be told from a conflict.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_RATING_FIELDS = ("dimension", "role_group", "mean", "spread", "count", "distribution")


def _figures(body: str) -> tuple[str, str]:
    """Return the month and the figures JSON a stored body reduces to."""
    data = json.loads(body)
    figures = {
        "template": data["template"]["id"],
        "care_setting": data["care_setting"],
        "phase": data["phase"],
        "ratings": [{k: r.get(k) for k in _RATING_FIELDS} for r in data["ratings"]],
    }
    return data["month"], json.dumps(figures, sort_keys=True, separators=(",", ":"))


def upgrade() -> None:
    """Reduce every stored summary to month and figures; drop bodies and timestamps."""
    with op.batch_alter_table("summaries") as batch:
        batch.add_column(sa.Column("month", sa.String(7), nullable=True))
        batch.add_column(sa.Column("figures", sa.Text, nullable=True))
    conn = op.get_bind()
    table = sa.table(
        "summaries",
        sa.column("id", sa.Integer),
        sa.column("body", sa.Text),
        sa.column("month", sa.String),
        sa.column("figures", sa.Text),
    )
    for row_id, body in conn.execute(sa.select(table.c.id, table.c.body)).all():
        month, figures = _figures(body)
        conn.execute(
            sa.update(table).where(table.c.id == row_id).values(month=month, figures=figures)
        )
    with op.batch_alter_table("summaries") as batch:
        batch.alter_column("month", existing_type=sa.String(7), nullable=False)
        batch.alter_column("figures", existing_type=sa.Text, nullable=False)
        batch.drop_column("body")
        batch.drop_column("created_at")
    with op.batch_alter_table("idempotency_keys") as batch:
        batch.drop_column("created_at")


def downgrade() -> None:
    """Restore the columns; the dropped bodies cannot come back, so figures stand in for them."""
    with op.batch_alter_table("idempotency_keys") as batch:
        batch.add_column(
            sa.Column(
                "created_at",
                sa.DateTime(timezone=True),
                nullable=False,
                server_default=sa.func.current_timestamp(),
            )
        )
    with op.batch_alter_table("summaries") as batch:
        batch.add_column(sa.Column("body", sa.Text, nullable=False, server_default="{}"))
        batch.add_column(
            sa.Column(
                "created_at",
                sa.DateTime(timezone=True),
                nullable=False,
                server_default=sa.func.current_timestamp(),
            )
        )
    op.execute("UPDATE summaries SET body = figures")
    with op.batch_alter_table("summaries") as batch:
        batch.drop_column("figures")
        batch.drop_column("month")
