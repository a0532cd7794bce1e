"""The complete examples in docs/templates.md and the README are valid templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from facilitator.templates import check_template_file, load_template_file

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs" / "templates.md"
README = ROOT / "README.md"


@pytest.mark.parametrize("document", [DOCS, README], ids=["docs", "readme"])
def test_docs_example_passes_check(tmp_path: Path, document: Path) -> None:
    (example,) = re.findall(r"```toml\n(.*?)```", document.read_text("utf-8"), flags=re.S)
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    assert check_template_file(path) == []
    assert load_template_file(path).resolve("sv", "short").total_minutes == 20
