"""Provides each network's template registry: the only template and dimension ids it accepts.

A registered template is reduced to its shape (ids, version, dimension ids, round kinds and
scales; never its texts). The shipped templates are registered in every network, derived from
the files in the installed package; a network admin adds custom ones from their TOML.
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import sqlalchemy as sa

from facilitator.templates.builtin import builtin_source, builtin_sources
from facilitator.templates.model import Template
from facilitator.templates.modules import MODULE_TEMPLATE
from facilitator.templates.source import TemplateSource
from sync.server.db import read_transaction
from sync.server.models import network_templates
from sync.server.schemas import SummaryV2

ShapeKey = tuple[str, int]


@dataclass(frozen=True)
class TemplateShape:
    """What the server knows of a template: ids, version, round kinds and scales, no text."""

    id: str
    version: int
    distribution_only: bool
    dimensions: tuple[str, ...]
    round_kinds: tuple[str, ...]
    scales: tuple[tuple[str, int, int], ...]  # (dimension, minimum, maximum)

    @property
    def key(self) -> ShapeKey:
        """Return (id, version), the registry's key."""
        return (self.id, self.version)

    def to_json(self) -> dict[str, object]:
        """Return the shape as the JSON object stored and listed to members."""
        return {
            "id": self.id,
            "version": self.version,
            "distribution_only": self.distribution_only,
            "dimensions": list(self.dimensions),
            "round_kinds": list(self.round_kinds),
            "scales": [{"dimension": d, "minimum": lo, "maximum": hi} for d, lo, hi in self.scales],
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> TemplateShape:
        """Rebuild a stored shape."""
        scales = data["scales"]
        assert isinstance(scales, list)
        return cls(
            id=str(data["id"]),
            version=int(str(data["version"])),
            distribution_only=bool(data["distribution_only"]),
            dimensions=tuple(str(d) for d in data["dimensions"]),  # type: ignore[attr-defined]
            round_kinds=tuple(str(k) for k in data["round_kinds"]),  # type: ignore[attr-defined]
            scales=tuple(
                (str(s["dimension"]), int(s["minimum"]), int(s["maximum"])) for s in scales
            ),
        )


def shape_of(template: Template) -> TemplateShape:
    """Reduce a template to its shape, dropping every text."""
    scales = {}
    for r in template.rounds:
        if r.dimension and r.scale is not None and r.dimension not in scales:
            scales[r.dimension] = (r.scale.minimum, r.scale.maximum)
    return TemplateShape(
        id=template.id,
        version=template.version,
        distribution_only=template.distribution_only,
        dimensions=template.dimensions,
        round_kinds=tuple(sorted({r.kind.value for r in template.rounds})),
        scales=tuple((d, lo, hi) for d, (lo, hi) in sorted(scales.items())),
    )


def _source_shape(source: TemplateSource) -> TemplateShape:
    """Return the shape of a template source (its languages share ids and rounds)."""
    return shape_of(source.templates[0])


@cache
def shipped_shapes() -> dict[ShapeKey, TemplateShape]:
    """Return the shapes of the templates shipped in this installation, registered everywhere.

    Every earlier version of a shipped template is registered too: new editions change
    texts only, never ids, rounds or scales, so sessions run with an old one still sync.
    """
    shapes: dict[ShapeKey, TemplateShape] = {}
    for source in builtin_sources():
        shape = _source_shape(source)
        for version in range(1, shape.version + 1):
            earlier = replace(shape, version=version)
            shapes[earlier.key] = earlier
    return shapes


def shape_of_file(path: Path) -> TemplateShape:
    """Read a template's TOML (checked like `facilitator templates check`) and return its shape."""
    from facilitator.templates.files import load_template_file

    return _source_shape(load_template_file(path))


_REGISTERED: weakref.WeakKeyDictionary[sa.Engine, dict[tuple[int, str, int], TemplateShape]] = (
    weakref.WeakKeyDictionary()
)


def remembered(
    engine: sa.Engine, network_id: int, template: str, version: int
) -> TemplateShape | None:
    """Return the shape if it is shipped or already found, without asking the database."""
    shipped = shipped_shapes().get((template, version))
    if shipped is not None:
        return shipped
    return _REGISTERED.get(engine, {}).get((network_id, template, version))


def lookup(engine: sa.Engine, network_id: int, template: str, version: int) -> TemplateShape | None:
    """Return the network's shape of a template version, or None when it is not registered.

    Registered shapes never change, so a found one is cached for the process's lifetime.
    """
    cached = remembered(engine, network_id, template, version)
    if cached is not None:
        return cached
    known = _REGISTERED.setdefault(engine, {})
    with read_transaction(engine) as conn:
        stored = conn.execute(
            sa.select(network_templates.c.shape).where(
                network_templates.c.network_id == network_id,
                network_templates.c.template_id == template,
                network_templates.c.version == version,
            )
        ).scalar()
    if stored is None:
        return None
    shape = TemplateShape.from_json(json.loads(stored))
    known[(network_id, template, version)] = shape
    return shape


def registered(conn: sa.Connection, network_id: int) -> list[TemplateShape]:
    """Return every template version a network accepts: shipped first, then its own."""
    rows = conn.execute(
        sa.select(network_templates.c.shape)
        .where(network_templates.c.network_id == network_id)
        .order_by(network_templates.c.template_id, network_templates.c.version)
    ).scalars()
    own = [TemplateShape.from_json(json.loads(r)) for r in rows]
    return [*shipped_shapes().values(), *own]


def insert_shape(conn: sa.Connection, network_id: int, shape: TemplateShape) -> bool:
    """Register a shape; False when this id and version are already registered identically."""
    if shape.key in shipped_shapes():
        if shipped_shapes()[shape.key] == shape:
            return False
        raise ValueError(f"template {shape.id} version {shape.version} is a shipped template")
    found = conn.execute(
        sa.select(network_templates.c.shape).where(
            network_templates.c.network_id == network_id,
            network_templates.c.template_id == shape.id,
            network_templates.c.version == shape.version,
        )
    ).scalar()
    if found is not None:
        if TemplateShape.from_json(json.loads(found)) == shape:
            return False
        raise ValueError(
            f"template {shape.id} version {shape.version} is registered with other rounds; "
            "raise the template's version"
        )
    conn.execute(
        sa.insert(network_templates).values(
            network_id=network_id,
            template_id=shape.id,
            version=shape.version,
            shape=json.dumps(shape.to_json(), sort_keys=True, separators=(",", ":")),
            created_at=datetime.now(UTC),
        )
    )
    return True


@cache
def module_shape() -> TemplateShape:
    """Return the shape of the check-in and check-out modules any template may carry."""
    return _source_shape(builtin_source(MODULE_TEMPLATE))


def problems(summary: SummaryV2, shape: TemplateShape) -> list[tuple[tuple[str | int, ...], str]]:
    """Return (location, fixed message) for every part of a summary its template does not have.

    The check-in and check-out modules' dimensions and round kinds belong to every template;
    their ratings always travel as distributions.
    """
    out: list[tuple[tuple[str | int, ...], str]] = []
    module = module_shape()
    counted = set(module.dimensions) - set(shape.dimensions)
    dims = set(shape.dimensions) | counted
    for i, d in enumerate(summary.dimensions):
        if d not in dims:
            out.append((("dimensions", i), "dimension is not in the registered template"))
    scales = {d: (lo, hi) for d, lo, hi in (*module.scales, *shape.scales)}
    for i, r in enumerate(summary.ratings):
        distribution_only = shape.distribution_only or r.dimension in counted
        if (r.distribution is None) == distribution_only:
            shape_name = "a distribution" if distribution_only else "a mean"
            out.append((("ratings", i), f"this template's ratings travel as {shape_name}"))
        lo, hi = scales.get(r.dimension, (1, 7))
        if r.mean is not None and not lo <= r.mean <= hi:
            out.append((("ratings", i, "mean"), "mean is outside the template's scale"))
        if r.distribution is not None and any(
            n for point, n in enumerate(r.distribution, start=1) if not lo <= point <= hi
        ):
            out.append((("ratings", i, "distribution"), "counts outside the template's scale"))
    kinds = set(shape.round_kinds) | set(module.round_kinds)
    for i, rnd in enumerate(summary.rounds):
        if rnd.kind.value not in kinds:
            out.append((("rounds", i, "kind"), "round kind is not in the registered template"))
        if rnd.dimension is not None and rnd.dimension not in dims:
            out.append((("rounds", i, "dimension"), "dimension is not in the registered template"))
    tied: list[tuple[str, int, str | None]] = [
        *(("note_counts", i, n.dimension) for i, n in enumerate(summary.note_counts)),
        *(("action_counts", i, a.dimension) for i, a in enumerate(summary.action_counts)),
    ]
    for field, i, dimension in tied:
        if dimension is not None and dimension not in dims:
            out.append(((field, i, "dimension"), "dimension is not in the registered template"))
    return out
