"""Provides IdentifierReview: each possible identifier in context, ticked to keep it as written.

It dismisses with the texts to keep (case-folded comparison happens in the core), or None
when cancelled; the export dialog redacts everything else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from facilitator.identifiers.normalise import key
from facilitator.identifiers.session import Located
from screens.base import AppModal


def distinct(findings: Iterable[Located]) -> list[tuple[Located, int]]:
    """One entry per distinct flagged text (compared case-folded) and how often it occurs."""
    counts: dict[str, int] = {}
    first: dict[str, Located] = {}
    for located in findings:
        name = key(located.excerpt)
        counts[name] = counts.get(name, 0) + 1
        first.setdefault(name, located)
    return [(first[name], counts[name]) for name in first]


class IdentifierReview(AppModal[frozenset[str] | None]):
    """The review list: space ticks a finding to keep it; ctrl+s is done, escape cancels."""

    CSS_PATH = "identifier_review.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "done", "identifiers.done"),
    ]

    def __init__(self, findings: Sequence[Located], kept: Iterable[str]) -> None:
        super().__init__(id="identifier-review")
        self.entries = distinct(findings)
        self.kept = {key(k) for k in kept}

    def _prompt(self, located: Located, count: int) -> Text:
        before, excerpt, after = located.finding.context(located.text, 24)
        kind = self.t(f"identifiers.kind.{located.finding.kind.value}")
        line = Text()
        line.append(f"{kind}: ", style="italic")
        line.append(f"…{before} " if before else "")
        line.append(excerpt, style="bold reverse")
        line.append(f" {after}…" if after else "")
        if count > 1:
            line.append(f"  {self.t('identifiers.times', count=count)}", style="dim")
        return line

    def compose(self) -> ComposeResult:
        """A title, what ticking means, the list and two buttons."""
        with Vertical(classes="dialog"):
            yield Label(self.t("identifiers.review_title"), classes="dialog-title")
            yield Static(self.t("identifiers.review_hint"), classes="hint")
            yield SelectionList[int](
                *(
                    Selection(
                        self._prompt(located, count), index, key(located.excerpt) in self.kept
                    )
                    for index, (located, count) in enumerate(self.entries)
                ),
                id="review-list",
            )
            with Horizontal(classes="buttons"):
                yield Button(self.t("confirm.cancel"), id="review-cancel")
                yield Button(self.t("identifiers.done"), id="review-done", variant="primary")

    def on_mount(self) -> None:
        """Start in the list."""
        self.query_one("#review-list", SelectionList).focus()

    @on(Button.Pressed, "#review-cancel")
    def action_cancel(self) -> None:
        """Close and change nothing."""
        self.dismiss(None)

    @on(Button.Pressed, "#review-done")
    def action_done(self) -> None:
        """Close with the texts ticked to keep."""
        chosen = self.query_one("#review-list", SelectionList).selected
        self.dismiss(frozenset(self.entries[index][0].excerpt for index in chosen))
