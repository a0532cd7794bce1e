"""Provides PromptPanel: the round's dimension, purpose and the prompt being asked now."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from facilitator.templates.model import RoundTemplate
from screens.base import AppPart


class PromptPanel(AppPart, Vertical):
    """Shows what the room is talking about; set by the screen via `show`."""

    def compose(self) -> ComposeResult:
        yield Static("", id="prompt-title")
        yield Static("", id="prompt-cue")
        yield Static("", id="prompt-purpose")
        yield Static("", id="prompt-text")
        esther = Static("", id="prompt-esther", markup=False)
        esther.display = False
        yield esther

    def show(
        self,
        round_template: RoundTemplate,
        *,
        number: int,
        total: int,
        prompt_index: int,
        users_first: bool,
        esther: str | None = None,
    ) -> None:
        """Render a round and its current prompt, and Esther's card when given."""
        title = self.t("run.round_of", title=round_template.title, number=number, total=total)
        self.query_one("#prompt-title", Static).update(Text(title, style="bold"))
        cue = self.query_one("#prompt-cue", Static)
        cue.update(self.t("run.users_first") if users_first else "")
        cue.display = users_first
        self.query_one("#prompt-purpose", Static).update(Text(round_template.purpose))
        prompts = round_template.prompts
        if prompts:
            index = min(prompt_index, len(prompts) - 1)
            label = self.t("run.prompt_of", number=index + 1, total=len(prompts))
            text = Text.assemble((label + " ", "bold"), prompts[index])
        else:
            text = Text(self.t("run.no_prompts"))
        self.query_one("#prompt-text", Static).update(text)
        card = self.query_one("#prompt-esther", Static)
        card.update(esther or "")
        card.display = bool(esther)
        # The card takes the purpose's lines: the prompt and Esther matter more in the opening.
        self.query_one("#prompt-purpose", Static).display = not esther
