"""No screen handler waits for a screen switch: that waits on itself and freezes the app.

Removing a screen waits for its message loop to end; a handler of that screen that awaits
the removal keeps the loop from ending, so no key is answered again. Screens ask for a
switch (`app.switch_screen(...)`, `push_screen(..., callback)`, `app.replace_screen`)
without awaiting it; only the app's own handlers in screens/app.py may await one.
"""

from __future__ import annotations

import ast
from pathlib import Path

SCREENS = Path(__file__).resolve().parents[2] / "screens"
SWITCHES = {"switch_screen", "push_screen", "pop_screen", "replace_screen", "go_home"}


def _awaited_switches(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        call = node.value if isinstance(node, ast.Await) else None
        attribute = call.func if isinstance(call, ast.Call) else None
        if isinstance(attribute, ast.Attribute) and attribute.attr in SWITCHES:
            found.append(f"{path.name}:{node.lineno} awaits {attribute.attr}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            waits = any(k.arg == "wait_for_dismiss" for k in node.keywords)
            if node.func.attr == "push_screen" and waits:
                found.append(f"{path.name}:{node.lineno} pushes with wait_for_dismiss")
    return found


def test_screens_never_await_a_screen_switch() -> None:
    files = [p for p in SCREENS.rglob("*.py") if p.name != "app.py" or p.parent != SCREENS]
    assert files
    problems = [problem for path in files for problem in _awaited_switches(path)]
    assert problems == []


def test_the_check_finds_the_pattern(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "async def action_saved(self):\n"
        "    await self.facilitator.go_home()\n"
        "    await self.app.push_screen(Other(), wait_for_dismiss=True)\n",
        encoding="utf-8",
    )
    assert _awaited_switches(sample) == [
        "sample.py:2 awaits go_home",
        "sample.py:3 awaits push_screen",
        "sample.py:3 pushes with wait_for_dismiss",
    ]
