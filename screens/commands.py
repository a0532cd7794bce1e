"""Provides the command palette's commands: every described key of the screen and the app.

Built from the bindings themselves, so nothing reachable by key is missing from the palette.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen

_SKIP_ACTIONS = {"command_palette", "app.command_palette"}
# Textual's generic movement and scrolling: every scrolling widget has them, so they only bury
# the screen's own actions in help and the palette.
_GENERIC_PREFIXES = ("scroll_", "cursor_", "page_", "select_")


@dataclass(frozen=True)
class KeyEntry:
    """One action as help and the palette show it, with every key that does it."""

    node: DOMNode
    binding: Binding
    key_display: str  # all of the action's keys: "f9 ^j"
    everywhere: bool  # an app-wide key rather than one of this screen


_COMMON_ACTIONS = {
    "app.focus_next",
    "app.focus_previous",
    "focus_next",
    "focus_previous",
    "screen.copy_text",
    "copy_text",
}


def _ours(node: DOMNode) -> bool:
    return type(node).__module__.startswith("screens")


def _generic(action: str) -> bool:
    name = action.rsplit(".", 1)[-1]
    return name.startswith(_GENERIC_PREFIXES) or name in {"home", "end", "first", "last"}


def collect_keys(screen: Screen[object]) -> list[KeyEntry]:
    """Described keys of the screen first, then of its focused widgets, then (unless modal) the app.

    Each action appears once, with all its keys; Textual's scrolling and cursor keys are left out.
    """
    app = screen.app
    nodes: list[DOMNode] = [screen]
    if screen.focused is not None:
        focused = [n for n in screen.focused.ancestors_with_self if n is not screen]
        nodes.extend(n for n in focused if _ours(n) and n is not app)
    if not screen.is_modal:
        nodes.append(app)
    taken = {  # the screen's priority keys, which reach it before any widget's
        key
        for key, b in screen._bindings
        if b.priority and screen.check_action(b.action.split("(")[0], ()) is not False
    }
    found: dict[str, tuple[DOMNode, Binding, list[str]]] = {}
    for node in nodes:
        for key, binding in node._bindings:
            action = binding.action
            if not binding.description or action in _SKIP_ACTIONS or _generic(action):
                continue
            if node is not screen and node is not app and key in taken:
                continue
            display = app.get_key_display(binding)
            if action not in found:
                found[action] = (node, binding, [display])
            elif found[action][0] is node and display not in found[action][2]:
                found[action][2].append(display)
    entries = [
        KeyEntry(node, binding, " ".join(displays), everywhere=node is app)
        for node, binding, displays in found.values()
    ]
    # The screen's own actions lead; focus movement and copying, common to all, follow them.
    return sorted(entries, key=lambda e: (e.everywhere, e.binding.action in _COMMON_ACTIONS))


class BindingCommands(Provider):
    """Offers every described key of the screen the palette was opened from."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str | None]]:
        """(text, callback, help) of every key of the screen, then the app's system commands.

        One provider yields both, in this order, so the palette lists them the same way every
        time (separate providers answer in whatever order they finish).
        """
        commands: list[tuple[str, Callable[[], object], str | None]] = [
            (
                f"{entry.binding.description} ({entry.key_display})",
                partial(self.app.run_action, entry.binding.action, entry.node),
                entry.binding.tooltip or None,
            )
            for entry in collect_keys(self.screen)
        ]
        for command in self.app.get_system_commands(self.screen):
            commands.append((command.title, command.callback, command.help or None))
        return commands

    async def discover(self) -> Hits:
        """All commands, for an empty query."""
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands whose description matches `query`."""
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)
