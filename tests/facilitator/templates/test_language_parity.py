"""Tests that every shipped template says the same in Swedish and English, only in other words."""

from __future__ import annotations

import pytest

from facilitator.templates import BUILTIN_IDS, builtin_source
from facilitator.templates.model import Template
from facilitator.vocabulary import RoleGroup


def _structure(template: Template) -> object:
    """Everything but the words: rounds, kinds, dimensions, scales, timings and variants."""
    return (
        template.id,
        template.version,
        template.min_respondents,
        template.distribution_only,
        [
            (
                r.id,
                r.kind,
                r.dimension,
                r.minutes,
                len(r.prompts),
                None
                if r.scale is None
                else (
                    r.scale.minimum,
                    r.scale.maximum,
                    bool(r.scale.mid_label),
                    len(r.scale.step_labels),
                ),
            )
            for r in template.rounds
        ],
        [(v.id, v.minutes) for v in template.variants],
        [group for group, _ in template.role_labels],
        bool(template.credit),
    )


@pytest.mark.parametrize("template_id", BUILTIN_IDS)
def test_swedish_and_english_have_the_same_shape(template_id: str) -> None:
    source = builtin_source(template_id)
    assert source.languages == ("en", "sv")
    en, sv = source.in_language("en"), source.in_language("sv")
    assert _structure(en) == _structure(sv)
    for variant in en.variants:
        assert source.resolve("en", variant.id).total_minutes == (
            source.resolve("sv", variant.id).total_minutes
        )


@pytest.mark.parametrize("template_id", BUILTIN_IDS)
def test_every_shipped_template_names_all_role_groups_and_credits_its_source(
    template_id: str,
) -> None:
    for language in ("en", "sv"):
        template = builtin_source(template_id).in_language(language)
        assert [g for g, _ in template.role_labels] == [g.value for g in RoleGroup]
        assert template.credit
        assert template.version == 2


def test_role_group_defaults() -> None:
    en = builtin_source("power-balance").in_language("en")
    sv = builtin_source("power-balance").in_language("sv")
    assert dict(en.role_labels) == {
        "professionals": "Professionals",
        "users_relatives": "Patients, users and relatives",
        "managers": "Managers",
    }
    assert dict(sv.role_labels) == {
        "professionals": "Personal",
        "users_relatives": "Patienter, brukare och närstående",
        "managers": "Chefer",
    }


def test_every_corner_reads_one_sided_to_shared() -> None:
    sv = builtin_source("power-balance").in_language("sv")
    anchors = {d: sv.round(d).scale for d in sv.dimensions}
    assert len({(s.low_label, s.high_label) for s in anchors.values() if s}) == 3
    assert anchors["resources"] is not None
    assert anchors["resources"].high_label == "Delade på lika villkor"
    assert anchors["attitudes"] is not None
    assert anchors["attitudes"].low_label.startswith("Inflytandet vaktas")


def _checked(text: str) -> list[str]:
    from facilitator.templates.files import read_template_bytes

    _, problems = read_template_bytes(text.encode(), "mine.toml")
    return [f"{p.field}: {p.key}" for p in problems]


_MINIMAL = """
id = "mine"
version = 1
languages = ["en", "sv"]
[en]
name = "Mine"
credit = "After someone"
[en.role_groups]
users_relatives = "Residents"
{extra}
[sv]
name = "Min"
[[rounds]]
id = "a"
kind = "opening"
minutes = 5
[rounds.en]
title = "A"
[rounds.sv]
title = "A"
"""


def test_role_groups_and_credit_are_checked_like_every_text() -> None:
    assert sorted(_checked(_MINIMAL.format(extra=""))) == [
        "sv.credit: missing_translation",
        "sv.role_groups.users_relatives: missing_translation",
    ]
    assert "en.role_groups.residents: unknown_field" in _checked(
        _MINIMAL.format(extra='residents = "Residents"')
    )
