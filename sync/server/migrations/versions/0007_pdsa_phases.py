"""Renames first-edition phases in stored uploads and rating atoms to the PDSA phases they became.

Since the second edition the server stores every upload under its PDSA phase, so an atom can
exist under both names (`during` and `do`); such pairs are merged: counters add up and each
atom's distinct organisations are counted again from the merged per-organisation rows.
Releases are left as published; queries read their old names as the new ones.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The renaming as it stood when this revision was written (facilitator.vocabulary).
_RENAMED = {"before_planning": "before_start", "during": "do", "evaluation": "study"}
_KEYS = ("network_id", "template", "dimension", "role_group", "care_setting", "month")


def _merge(
    conn: sa.Connection, table: sa.Table, keys: Sequence[str], skip: set[str]
) -> list[dict[str, object]]:
    """Move every row under an old phase to the new one, adding it to a row already there.

    Returns the keys (new phase included) of the rows something was added to.
    """
    counters = [c.name for c in table.columns if c.name not in {*keys, "phase", *skip}]
    merged: list[dict[str, object]] = []
    for old, new in _RENAMED.items():
        for row in conn.execute(sa.select(table).where(table.c.phase == old)).mappings().all():
            same = [table.c[k] == row[k] for k in keys]
            twin = sa.and_(*same, table.c.phase == new)
            if conn.execute(sa.select(sa.literal(1)).where(twin)).first() is None:
                conn.execute(sa.update(table).where(*same, table.c.phase == old).values(phase=new))
                continue
            conn.execute(
                sa.update(table).where(twin).values({c: table.c[c] + row[c] for c in counters})
            )
            conn.execute(sa.delete(table).where(*same, table.c.phase == old))
            merged.append({**{k: row[k] for k in keys}, "phase": new})
    return merged


def _recount_organisations(
    conn: sa.Connection, atoms: sa.Table, orgs: sa.Table, merged: Sequence[dict[str, object]]
) -> None:
    """Count each merged atom's organisations again: those with sessions left in it."""
    keys = (*_KEYS, "phase")
    counted = (
        sa.select(sa.func.count())
        .where(*(orgs.c[k] == atoms.c[k] for k in keys), orgs.c.sessions > 0)
        .scalar_subquery()
    )
    for key in merged:
        conn.execute(
            sa.update(atoms)
            .where(*(atoms.c[k] == key[k] for k in keys))
            .values(organisations=counted)
        )


def _rename_in_figures(conn: sa.Connection) -> None:
    """Rewrite the phase of every stored upload's figures that still holds an old name."""
    summaries = sa.table("summaries", sa.column("id", sa.Integer), sa.column("figures", sa.Text))
    old_names = sa.or_(*(summaries.c.figures.contains(f'"{old}"') for old in _RENAMED))
    for row_id, text in conn.execute(sa.select(summaries).where(old_names)).all():
        figures = json.loads(text)
        if figures.get("phase") not in _RENAMED:
            continue
        figures["phase"] = _RENAMED[figures["phase"]]
        conn.execute(
            sa.update(summaries)
            .where(summaries.c.id == row_id)
            .values(figures=json.dumps(figures, sort_keys=True, separators=(",", ":")))
        )


def upgrade() -> None:
    """Rename old phases in uploads, per-organisation counters and atoms, merging twins."""
    conn = op.get_bind()
    meta = sa.MetaData()
    atoms = sa.Table("rating_atoms", meta, autoload_with=conn)
    orgs = sa.Table("rating_atom_orgs", meta, autoload_with=conn)
    _rename_in_figures(conn)
    _merge(conn, orgs, (*_KEYS, "organisation_id"), set())
    merged = _merge(conn, atoms, _KEYS, {"organisations"})
    _recount_organisations(conn, atoms, orgs, merged)


def downgrade() -> None:
    """Keep the new names: which rows once had an old one is not recorded, and both are read."""
