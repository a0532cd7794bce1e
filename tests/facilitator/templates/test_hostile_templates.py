"""Templates with escape sequences, bells or absurd numbers are refused with a located line."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.templates import check_template_file
from facilitator.templates.problems import format_problems
from tests.facilitator.templates.test_broken_templates import VALID, _lines


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('name = "Mine"', 'name = "Mine\\u001b]0;owned\\u0007"', "en.name"),
        ('name = "Min"', 'name = "Min\\u0007"', "sv.name"),
        ('title = "First"', 'title = "Fi\\u009brst"', "rounds[0].en.title"),
        (
            'prompts = ["One?", "Two?"]',
            'prompts = ["One?\\u001b[2J", "Two?"]',
            "rounds[0].en.prompts[0]",
        ),
    ],
)
def test_control_characters_in_template_text_are_refused(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    lines = _lines(tmp_path, VALID.replace(old, new))
    assert any(f" {field}: holds control characters" in line for line in lines), lines
    assert not any("\x1b" in line or "\x07" in line for line in lines)


def test_a_five_thousand_digit_number_is_one_located_problem(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(VALID.replace("minutes = 10", "minutes = " + "9" * 5000), encoding="utf-8")
    lines = format_problems(check_template_file(path))
    assert len(lines) >= 1
    assert all(len(line) < 400 for line in lines), lines
    assert "number too long" in lines[0]
