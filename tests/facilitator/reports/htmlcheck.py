"""A strict HTML well-formedness and self-containment checker for report tests."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
EXTERNAL = re.compile(r"^\s*(https?:|//|ftp:)", re.IGNORECASE)
CSS_URL = re.compile(r"url\(|@import", re.IGNORECASE)


class StrictChecker(HTMLParser):
    """Collects problems: unbalanced tags, scripts, handlers, external references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._check(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)
        self.in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._check(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.in_style and CSS_URL.search(data):
            self.problems.append("CSS refers to an external resource")

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "link", "iframe", "object", "embed", "img"}:
            self.problems.append(f"<{tag}> is not allowed in a report")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
            linked = name in {"src", "href", "xlink:href", "action", "srcset"}
            if linked and value is not None and EXTERNAL.match(value):
                self.problems.append(f"external reference {value!r}")
            if name == "style" and value and CSS_URL.search(value):
                self.problems.append("inline style refers to an external resource")


def problems(html: str) -> list[str]:
    """Everything wrong with `html` as a self-contained, well-formed report."""
    checker = StrictChecker()
    checker.feed(html)
    checker.close()
    found = list(checker.problems)
    if checker.stack:
        found.append(f"unclosed tags: {checker.stack}")
    if not html.startswith("<!DOCTYPE html>"):
        found.append("missing doctype")
    return found
