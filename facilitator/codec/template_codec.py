"""Provides conversion of a session's template snapshot to and from a JSON-safe dict."""

from __future__ import annotations

from typing import Any

from facilitator.reader import MAX_SHORT, FieldInvalid, Reader, text_item
from facilitator.templates.model import RatingScale, RoundTemplate, Template, TemplateVariant
from facilitator.vocabulary import MIN_GROUP_SIZE, RoleGroup, RoundKind


def template_to_dict(template: Template) -> dict[str, Any]:
    """A template as a JSON-safe dict."""
    return {
        "id": template.id,
        "version": template.version,
        "language": template.language,
        "name": template.name,
        "description": template.description,
        "rounds": [
            {
                "id": r.id,
                "kind": r.kind.value,
                "title": r.title,
                "purpose": r.purpose,
                "prompts": list(r.prompts),
                "minutes": r.minutes,
                "dimension": r.dimension,
                "scale": None
                if r.scale is None
                else {
                    "minimum": r.scale.minimum,
                    "maximum": r.scale.maximum,
                    "low_label": r.scale.low_label,
                    "high_label": r.scale.high_label,
                    "mid_label": r.scale.mid_label,
                    "step_labels": list(r.scale.step_labels),
                },
                **({"module": r.module} if r.module else {}),
            }
            for r in template.rounds
        ],
        "variants": [
            {"id": v.id, "name": v.name, "minutes": {k: m for k, m in v.minutes}}
            for v in template.variants
        ],
        "min_respondents": template.min_respondents,
        "distribution_only": template.distribution_only,
        "variant": template.variant,
        "credit": template.credit,
        "role_labels": {group: label for group, label in template.role_labels},
        "modules": list(template.modules),
    }


def _scale(data: object, path: str) -> RatingScale | None:
    if data is None:
        return None
    r = Reader(data, path)
    scale = RatingScale(
        minimum=r.integer("minimum", low=-100, high=100),
        maximum=r.integer("maximum", low=-100, high=100),
        low_label=r.text("low_label", default=""),
        high_label=r.text("high_label", default=""),
        mid_label=r.text("mid_label", default=""),
        step_labels=r.items("step_labels", text_item(MAX_SHORT), limit=100),
    )
    if scale.minimum >= scale.maximum:
        raise FieldInvalid("scale_order", path)
    return scale


def _round_template(data: object, path: str) -> RoundTemplate:
    r = Reader(data, path)
    return RoundTemplate(
        id=r.text("id", max_len=64),
        kind=r.enum("kind", RoundKind),
        title=r.text("title"),
        purpose=r.text("purpose", max_len=5_000, default=""),
        prompts=r.items("prompts", text_item(5_000), limit=100),
        minutes=r.integer("minutes", low=0, high=600),
        dimension=r.opt_text("dimension", max_len=64),
        scale=_scale(r.raw("scale", None), f"{path}.scale"),
        module=r.opt_text("module", max_len=64),
    )


def _variant(data: object, path: str) -> TemplateVariant:
    r = Reader(data, path)
    minutes_raw = r.raw("minutes", {})
    minutes = Reader(minutes_raw, f"{path}.minutes")
    return TemplateVariant(
        id=r.text("id", max_len=64),
        name=r.text("name"),
        minutes=tuple(
            (str(key), minutes.integer(str(key), low=0, high=600)) for key in minutes.data
        ),
    )


def template_from_dict(data: object, path: str = "template") -> Template:
    """A template from a dict written by `template_to_dict`; InvalidInput when malformed."""
    r = Reader(data, path)
    return Template(
        id=r.text("id", max_len=64),
        version=r.integer("version", low=1, high=1_000_000),
        language=r.text("language", max_len=16),
        name=r.text("name"),
        description=r.text("description", max_len=5_000, default=""),
        rounds=r.items("rounds", _round_template, limit=200),
        variants=r.items("variants", _variant, limit=20),
        min_respondents=r.integer("min_respondents", low=1, high=1000, default=MIN_GROUP_SIZE),
        distribution_only=r.flag("distribution_only"),
        variant=r.opt_text("variant", max_len=64),
        credit=r.text("credit", max_len=5_000, default=""),
        role_labels=_role_labels(r.raw("role_labels", {}), f"{path}.role_labels"),
        modules=r.items("modules", text_item(64), limit=10),
    )


def _role_labels(data: object, path: str) -> tuple[tuple[str, str], ...]:
    r = Reader(data, path)
    return tuple((group.value, r.text(group.value)) for group in RoleGroup if group.value in r.data)
