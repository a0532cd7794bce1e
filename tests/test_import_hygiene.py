"""The core never loads the UI or the network; non-UI commands never load Textual."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import facilitator

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("textual", "requests", "screens", "sync", "fastapi", "sqlalchemy", "urllib3")
# The composition root is the one place allowed to wire screens and sync in.
COMPOSITION_ROOT = {"facilitator.cli.compose"}


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def _core_modules() -> list[str]:
    names = [
        m.name
        for m in pkgutil.walk_packages(facilitator.__path__, "facilitator.")
        if m.name not in COMPOSITION_ROOT and not m.name.endswith("__main__")
    ]
    assert len(names) > 10, names
    return names


def test_every_core_module_imports_without_ui_or_network() -> None:
    modules = _core_modules()
    code = "\n".join(f"import {name}" for name in modules)
    loaded = _loaded_after(code)
    leaked = sorted(m for m in loaded if m.split(".")[0] in FORBIDDEN)
    assert leaked == []


def test_non_ui_commands_do_not_load_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from facilitator.cli.main import build_parser, main\n"
        "build_parser()\n"
        f"try:\n    main(['--vault', {str(tmp_path)!r}, 'templates'])\nexcept SystemExit:\n    pass\n"
    )
    loaded = _loaded_after(code)
    assert "textual" not in loaded
    assert "requests" not in loaded
