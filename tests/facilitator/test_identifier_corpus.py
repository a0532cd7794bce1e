"""Tests the identifier detector against a corpus of realistic session notes, by kind."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest

from facilitator.identifiers import Kind, detect, redact

CORPUS = Path(__file__).parent / "identifier_corpus.tsv"


class Case(NamedTuple):
    kind: str
    language: str
    text: str


def _cases() -> list[Case]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [Case(*line.split("\t")) for line in lines if line and not line.startswith("#")]


CASES = _cases()
IDENTIFYING = [c for c in CASES if c.kind != "none"]
HARMLESS = [c for c in CASES if c.kind == "none"]


def test_the_corpus_is_large_bilingual_balanced_and_labelled() -> None:
    assert len(CASES) >= 400
    assert {c.language for c in CASES} == {"sv", "en"}
    assert 0.4 <= len(IDENTIFYING) / len(CASES) <= 0.6
    assert {c.kind for c in IDENTIFYING} == {k.value for k in Kind}
    assert len({c.text for c in CASES}) == len(CASES)


def test_recall_per_kind_and_false_positive_rate(capsys: pytest.CaptureFixture[str]) -> None:
    totals = Counter(c.kind for c in IDENTIFYING)
    caught = Counter(c.kind for c in IDENTIFYING if redact(c.text, c.language) != c.text)
    changed = [c.text for c in HARMLESS if redact(c.text, c.language) != c.text]
    missed = [c for c in IDENTIFYING if c.kind != Kind.RARE_DETAIL and not detect(c.text)]
    rate = len(changed) / len(HARMLESS)
    with capsys.disabled():
        print("\nidentifier recall per kind:")
        for kind in Kind:
            print(f"  {kind.value:16} {caught[kind]:3}/{totals[kind]:3}")
        print(f"harmless sentences changed: {len(changed)}/{len(HARMLESS)} ({rate:.1%})")
    assert not missed, missed
    assert rate <= 0.05, changed
