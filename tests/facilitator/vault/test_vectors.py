"""The committed vault-file, header and backup vectors each still give their recorded outcome.

A vector that changes outcome means the on-disk format or its checks changed: regenerate only
on purpose (tests/facilitator/vault/vectors/make_vectors.py) and review the manifest's diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.facilitator.vault.vectors.make_vectors import HERE, outcome

MANIFEST: dict[str, Any] = json.loads((HERE / "manifest.json").read_text())
KINDS = {"sealed", "header", "backup"}
SHAPES = {"valid", "truncated", "extended", "swapped", "wrong_key", "wrong_header", "newer_version"}


def test_the_corpus_has_every_shape_of_each_kind() -> None:
    names = {(v["kind"], Path(v["file"]).stem.split("-", 1)[1]) for v in MANIFEST["vectors"]}
    for kind in ("sealed", "backup"):
        assert {(kind, shape) for shape in SHAPES} <= names
    assert all(v["kind"] in KINDS for v in MANIFEST["vectors"])
    assert [v["expect"] == "ok" for v in MANIFEST["vectors"]].count(True) == 3  # the valid ones


@pytest.mark.parametrize("vector", MANIFEST["vectors"], ids=lambda v: v["file"])
def test_each_vector_gives_its_recorded_outcome(vector: dict[str, Any]) -> None:
    assert outcome(vector, MANIFEST) == vector["expect"]
