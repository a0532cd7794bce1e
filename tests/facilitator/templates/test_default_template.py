"""The default template: power balance reflection, as domain.md describes it."""

from __future__ import annotations

import pytest

from facilitator.templates import default_template, load_builtin
from facilitator.vocabulary import RoundKind


@pytest.mark.parametrize("language", ["en", "sv"])
def test_rounds_kinds_and_dimensions(language: str) -> None:
    template = default_template(language)
    assert template.id == "power-balance"
    assert template.language == language
    assert [r.id for r in template.rounds] == [
        "opening",
        "resources",
        "attitudes",
        "perceptions",
        "interplay",
    ]
    assert [r.kind for r in template.rounds] == [
        RoundKind.OPENING,
        RoundKind.DIMENSION,
        RoundKind.DIMENSION,
        RoundKind.DIMENSION,
        RoundKind.INTERPLAY,
    ]
    assert template.dimensions == ("resources", "attitudes", "perceptions")
    assert [r.minutes for r in template.rounds] == [5, 12, 12, 12, 10]
    for dimension in template.dimensions:
        scale = template.round(dimension).scale
        assert scale is not None
        assert (scale.minimum, scale.maximum) == (1, 5)
        assert scale.low_label and scale.mid_label and scale.high_label
        assert len(template.round(dimension).prompts) == 5


def test_names_and_swedish_wording_from_domain() -> None:
    assert default_template("en").name == "Power balance reflection"
    sv = default_template("sv")
    assert sv.name == "Maktbalans i samskapande"
    assert [sv.round(d).title for d in sv.dimensions] == ["Resurser", "Attityder", "Uppfattningar"]
    assert sv.round("opening").prompts[0] == (
        "Vilken Esther tänker vi på i dag, och vad är bäst för henne i just det här arbetet?"
    )
    assert sv.round("interplay").prompts[-1].endswith("Är detta det bästa för Esther?")
    scale = sv.round("resources").scale
    assert scale is not None
    assert scale.low_label == "Nästan helt hos personalen eller organisationen"
    assert scale.mid_label == "Delvis delade"
    assert scale.high_label == "Delade på lika villkor"


def test_actions_question_lives_in_interplay() -> None:
    interplay = default_template().round("interplay")
    assert any("One action per corner" in p for p in interplay.prompts)


@pytest.mark.parametrize(
    ("variant", "low", "high"), [(None, 45, 55), ("short", 28, 32), ("long", 70, 80)]
)
def test_variants_scale_the_rounds(variant: str | None, low: int, high: int) -> None:
    template = load_builtin("power-balance", "sv", variant)
    assert low <= template.total_minutes <= high
    assert template.variant == variant
    assert {v.id for v in template.variants} == {"short", "long"}
