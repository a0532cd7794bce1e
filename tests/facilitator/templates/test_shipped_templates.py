"""Every shipped template loads, passes the check, and says the same in English and Swedish."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from facilitator.templates import BUILTIN_IDS, builtin_source, check_template_file, load_builtin
from facilitator.templates.builtin import builtin_file_name
from facilitator.vocabulary import RoundKind


def _shipped_path(template_id: str) -> Path:
    files = resources.files("facilitator.templates.shipped")
    return Path(str(files.joinpath(builtin_file_name(template_id))))


@pytest.mark.parametrize("template_id", BUILTIN_IDS)
def test_passes_check(template_id: str) -> None:
    assert check_template_file(_shipped_path(template_id)) == []


@pytest.mark.parametrize("template_id", BUILTIN_IDS)
def test_english_and_swedish_match(template_id: str) -> None:
    source = builtin_source(template_id)
    assert source.languages == ("en", "sv")
    en, sv = load_builtin(template_id, "en"), load_builtin(template_id, "sv")
    assert en.name != sv.name
    assert [(r.id, r.kind, r.minutes, r.dimension) for r in en.rounds] == [
        (r.id, r.kind, r.minutes, r.dimension) for r in sv.rounds
    ]
    for a, b in zip(en.rounds, sv.rounds, strict=True):
        assert len(a.prompts) == len(b.prompts)
        assert (a.scale is None) == (b.scale is None)
        if a.scale and b.scale:
            assert (a.scale.minimum, a.scale.maximum) == (b.scale.minimum, b.scale.maximum)
            assert len(a.scale.step_labels) == len(b.scale.step_labels)
            assert a.scale.low_label != b.scale.low_label
        assert a.title != b.title
    assert [(v.id, v.minutes) for v in en.variants] == [(v.id, v.minutes) for v in sv.variants]


def test_esther_cafe_has_seven_steps() -> None:
    cafe = load_builtin("esther-cafe", "sv")
    assert cafe.name == "Esthercafé"
    assert len(cafe.rounds) == 7
    assert [r.minutes for r in cafe.rounds] == [5, 15, 10, 10, 10, 15, 5]
    assert cafe.rounds[1].kind is RoundKind.STORY
    assert cafe.rounds[5].kind is RoundKind.PLENARY
    assert [r.minutes for r in load_builtin("esther-cafe", "en", "short").rounds][1] == 10


def test_psych_safety_statements_and_threshold() -> None:
    psych = load_builtin("psych-safety")
    assert psych.min_respondents == 3
    assert psych.distribution_only
    statements = [r for r in psych.rounds if r.kind is RoundKind.CHECK_IN and r.scale]
    assert len(statements) == 3
    assert all(r.scale and (r.scale.minimum, r.scale.maximum) == (1, 7) for r in statements)
    assert any("speak freely" in p for r in psych.rounds for p in r.prompts)
    check_out = psych.round("check-out")
    assert check_out.kind is RoundKind.CHECK_OUT
    assert check_out.scale and (check_out.scale.minimum, check_out.scale.maximum) == (1, 5)


def test_ladder_has_seven_labelled_steps() -> None:
    ladder = load_builtin("ladder")
    (placement,) = ladder.rounds
    assert placement.kind is RoundKind.PLACEMENT
    assert placement.scale is not None
    assert placement.scale.step_labels[0] == "Coercion"
    assert placement.scale.step_labels[-1] == "Co-production"
    assert placement.scale.step_labels[4 - placement.scale.minimum] == "Consultation"
    assert load_builtin("ladder", "sv").rounds[0].scale.step_labels[-1] == "Samskapande"  # type: ignore[union-attr]
