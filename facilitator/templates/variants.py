"""Provides the check of a template's timing variants (short, long) against its rounds."""

from __future__ import annotations

from collections.abc import Mapping

from facilitator.templates.fields import FieldCheck

MAX_VARIANTS = 20
MAX_MINUTES = 600
MAX_NAME = 200


def check_variants(
    c: FieldCheck, data: Mapping[str, object], languages: list[str], round_ids: list[str]
) -> list[tuple[str, dict[str, str], tuple[tuple[str, int], ...]]]:
    """Each variant's id, name per language and minutes per round; findings noted in `c`."""
    items = c.array(data, "variants", "variants", limit=MAX_VARIANTS, required=False) or []
    variants: list[tuple[str, dict[str, str], tuple[tuple[str, int], ...]]] = []
    for i, item in enumerate(items):
        path = f"variants[{i}]"
        if not isinstance(item, Mapping):
            c.add(path, "must_be_table")
            continue
        c.only(item, path, ("id", "minutes", *languages))
        variant_id = c.identifier(item, "id", f"{path}.id")
        if variant_id is not None and variant_id in {v[0] for v in variants}:
            c.add(f"{path}.id", "duplicate_id", id=variant_id)
        names = {}
        for lang in languages:
            table = c.table(item, lang, f"{path}.{lang}")
            if table is not None:
                c.only(table, f"{path}.{lang}", ("name",))
                names[lang] = c.text(table, "name", f"{path}.{lang}.name", max_len=MAX_NAME) or ""
        minutes: list[tuple[str, int]] = []
        table = c.table(item, "minutes", f"{path}.minutes") or {}
        for round_id in table:
            where = f"{path}.minutes.{round_id}"
            value = c.integer(table, round_id, where, low=0, high=MAX_MINUTES)
            if round_id not in round_ids:
                c.add(where, "unknown_round", id=round_id)
            elif value is not None:
                minutes.append((round_id, value))
        if variant_id is not None:
            variants.append((variant_id, names, tuple(minutes)))
    return variants
