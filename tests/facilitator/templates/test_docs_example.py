"""The complete example in docs/templates.md is a valid template."""

from __future__ import annotations

import re
from pathlib import Path

from facilitator.templates import check_template_file, load_template_file

DOCS = Path(__file__).resolve().parents[3] / "docs" / "templates.md"


def test_docs_example_passes_check(tmp_path: Path) -> None:
    (example,) = re.findall(r"```toml\n(.*?)```", DOCS.read_text("utf-8"), flags=re.S)
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    assert check_template_file(path) == []
    assert load_template_file(path).resolve("sv", "short").total_minutes == 20
