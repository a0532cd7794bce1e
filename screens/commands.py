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


@dataclass(frozen=True)
class KeyEntry:
    """One key as help and the palette show it."""

    node: DOMNode
    binding: Binding
    key_display: str
    everywhere: bool  # an app-wide key rather than one of this screen


def _ours(node: DOMNode) -> bool:
    return type(node).__module__.startswith("screens")


def collect_keys(screen: Screen[object]) -> list[KeyEntry]:
    """Described keys of the focused widgets, the screen and (unless modal) the app."""
    app = screen.app
    nodes: list[DOMNode] = []
    if screen.focused is not None:
        nodes.extend(n for n in screen.focused.ancestors_with_self if n is not screen)
        nodes = [n for n in nodes if _ours(n) and n is not app]
    nodes.append(screen)
    if not screen.is_modal:
        nodes.append(app)
    entries: list[KeyEntry] = []
    seen: set[str] = set()
    for node in nodes:
        for _key, binding in node._bindings:
            if not binding.description or binding.action in _SKIP_ACTIONS:
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            display = app.get_key_display(binding)
            entries.append(KeyEntry(node, binding, display, everywhere=node is app))
    return entries


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
