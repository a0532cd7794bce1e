"""`--help`, `--version` and `templates` start fast: no cryptography, TinyDB or Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HEAVY = ("cryptography", "tinydb", "textual", "filelock", "requests")


def _loaded_after(argv: list[str], tmp_path: Path) -> set[str]:
    code = (
        "import json, sys\n"
        "from facilitator.cli.main import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "FACILITATOR_VAULT": str(tmp_path / "vault"),
        "FACILITATOR_CONFIG": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "argv", [["--help"], ["--version"], ["templates"], ["--lang", "sv", "export", "--help"]]
)
def test_light_commands_do_not_import_the_vault(argv: list[str], tmp_path: Path) -> None:
    loaded = _loaded_after(argv, tmp_path)
    assert "facilitator.cli.main" in loaded
    assert sorted(m for m in loaded if m.split(".")[0] in HEAVY) == []
    assert "facilitator.vault" not in loaded
