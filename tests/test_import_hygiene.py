"""The core never loads the UI or the network; non-UI commands never load Textual."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import facilitator

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("textual", "requests", "screens", "sync", "fastapi", "sqlalchemy", "urllib3")
# The composition root is the one place allowed to wire screens and sync in.
COMPOSITION_ROOT = {"facilitator.cli.compose"}


def _output_then_modules(code: str, env: dict[str, str] | None = None) -> list[str]:
    """The lines `code` prints in a fresh interpreter, then one line: its loaded modules."""
    return subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    ).stdout.splitlines()


def _loaded_after(code: str) -> set[str]:
    return set(json.loads(_output_then_modules(code)[-1]))


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


# What the first screen never needs: the network, sync, reports, the vault's implementation
# (cryptography, TinyDB, the lock), sessions and templates. They load when first used. Nor
# the TOML parser while the catalogs' caches are fresh and no settings file exists, package
# resources (the catalogs are plain files) or the widgets of later screens.
STARTUP_FORBIDDEN = (
    "tomllib",
    "importlib.resources",
    "zipfile",
    "textual.widgets._data_table",
    "requests",
    "urllib3",
    "sync",
    "facilitator.reports",
    "cryptography",
    "tinydb",
    "filelock",
    "facilitator.vault.vault",
    "facilitator.codec",
    "facilitator.session",
    "facilitator.templates",
)
STARTUP_MODULES = (
    "facilitator.cli.main",
    "facilitator.cli.compose",
    "screens.factory",
    "screens.services",
    "screens.app",
    "screens.unlock",
    "screens.create_vault",
)


def _startup_leaks(loaded: set[str]) -> list[str]:
    return sorted(
        name
        for name in loaded
        if any(name == f or name.startswith(f + ".") for f in STARTUP_FORBIDDEN)
    )


def test_startup_modules_import_nothing_the_first_screen_does_not_need() -> None:
    loaded = _loaded_after("\n".join(f"import {name}" for name in STARTUP_MODULES))
    assert set(STARTUP_MODULES) <= loaded
    assert _startup_leaks(loaded) == []


def test_the_command_reaches_the_unlock_screen_without_them(tmp_path: Path) -> None:
    """`facilitator` with an existing vault, run up to its focused unlock screen (headless),
    the second time, as an installed command runs: with its bytecode and catalog caches."""
    from facilitator.vault import KdfParams, Vault

    vault, _ = Vault.create(tmp_path / "vault", "correct horse battery", kdf=KdfParams.MINIMUM)
    vault.close()
    code = (
        "import asyncio, sys\n"
        "from textual.app import App\n"
        "def run_until_focused(self, *args, **kwargs):\n"
        "    async def drive():\n"
        "        async with self.run_test(size=(100, 30)) as pilot:\n"
        "            while self.screen.focused is None:\n"
        "                await pilot.pause()\n"
        "            print(type(self.screen).__name__)\n"
        "    asyncio.run(drive())\n"
        "App.run = run_until_focused\n"
        "from facilitator.cli.main import main\n"
        f"main(['--vault', {str(tmp_path / 'vault')!r}, '--config', {str(tmp_path / 'config')!r}])"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for _run in ("warm-up", "measured"):
        out = _output_then_modules(code, env)
    assert out[-2] == "UnlockScreen"
    assert _startup_leaks(set(json.loads(out[-1]))) == []
