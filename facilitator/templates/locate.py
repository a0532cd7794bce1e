"""Provides where each field of a template's TOML sits: line and column of its key and value.

tomllib decodes the template but keeps no positions; only when there are problems to point
at is the text parsed again with tree-sitter's TOML grammar, which keeps every node's place.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node, Parser

_INDEX_END = "]"


@cache
def _parser() -> Parser:
    """The TOML parser, built on first use (a valid template never needs it)."""
    import tree_sitter_toml
    from tree_sitter import Language, Parser

    return Parser(Language(tree_sitter_toml.language()))


class KeyPositions:
    """Where each table, key and value of a TOML text sits (1-based line and column)."""

    def __init__(self, text: str) -> None:
        self._raw = text.encode("utf-8")
        self._keys: dict[str, tuple[int, int]] = {}
        self._values: dict[str, tuple[int, int]] = {}
        arrays: dict[str, int] = {}
        for node in _parser().parse(self._raw).root_node.named_children:
            if node.type == "pair":
                self._pair(node, "")
            elif node.type in ("table", "table_array_element"):
                key, *pairs = (c for c in node.named_children if c.type != "comment")
                table = _table_path(node.type == "table_array_element", self._parts(key), arrays)
                self._keys.setdefault(table, self._where(node))
                self._values.setdefault(table, self._where(node))
                for pair in pairs:
                    self._pair(pair, table)

    def _where(self, node: Node) -> tuple[int, int]:
        """Line and column (in characters, not bytes) where `node` starts."""
        start = node.start_byte
        line_start = self._raw.rfind(b"\n", 0, start) + 1
        column = len(self._raw[line_start:start].decode("utf-8", "replace")) + 1
        return node.start_point.row + 1, column

    def _parts(self, key: Node) -> list[str]:
        """The parts of a bare, quoted or dotted key."""
        if key.type == "dotted_key":
            return [p for child in key.named_children for p in self._parts(child)]
        text = self._raw[key.start_byte : key.end_byte].decode("utf-8", "replace")
        return [text[1:-1] if key.type == "quoted_key" else text]

    def _pair(self, node: Node, table: str) -> None:
        key, value = node.named_children[0], node.named_children[-1]
        path = table
        for part in self._parts(key):
            path = f"{path}.{part}" if path else part
            self._keys.setdefault(path, self._where(key))
            self._values.setdefault(path, self._where(key))
        self._values[path] = self._where(value)
        self._value(value, path)

    def _value(self, node: Node, path: str) -> None:
        self._values[path] = self._where(node)
        if node.type == "array":
            items = (c for c in node.named_children if c.type != "comment")
            for i, item in enumerate(items):
                self._value(item, f"{path}[{i}]")
        elif node.type == "inline_table":
            for pair in node.named_children:
                if pair.type == "pair":
                    self._pair(pair, path)

    def find(self, field: str, *, key: bool = False) -> tuple[int, int]:
        """Where `field`'s value (or `key`) is, else its nearest enclosing table's; else 1:1."""
        path = field
        while path:
            found = (self._keys if key and path == field else self._values).get(path)
            if found is not None:
                return found
            path = _parent(path)
        return 1, 1


def _table_path(is_array: bool, parts: list[str], arrays: dict[str, int]) -> str:
    """The field path of a `[table]` or `[[array]]` header, with each array's current index."""
    path = ""
    for i, part in enumerate(parts):
        path = f"{path}.{part}" if path else part
        if i == len(parts) - 1 and is_array:
            arrays[path] = arrays.get(path, -1) + 1
        if path in arrays:
            path = f"{path}[{arrays[path]}]"
    return path


def _parent(path: str) -> str:
    if path.endswith(_INDEX_END) and "[" in path:
        return path[: path.rindex("[")]
    return path.rpartition(".")[0]
