"""Provides FiledList: filed notes, ratings or actions to select, with Edit and Delete.

Enter or the Edit button asks to edit the selected item, Delete or the Delete button asks
to delete it; the screen does the change, so it can be undone with ctrl+z.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList
from textual.widgets.option_list import Option

from screens.base import AppPart, localize_bindings
from screens.run.messages import DeleteRequested, EditRequested


class FiledOptions(AppPart, OptionList):
    """The list itself: arrows move, Enter edits, Delete deletes (keys named in help)."""

    _inherit_bindings = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", show=False),
        Binding("up", "cursor_up", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("enter", "select", "capture.key.edit", show=False),
        Binding("delete", "delete_item", "capture.key.delete", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)
        localize_bindings(self, self.facilitator.translator)

    def action_delete_item(self) -> None:
        """Ask to delete the highlighted item."""
        parent = self.parent
        if isinstance(parent, FiledList):
            parent.request_delete()


class FiledList(AppPart, Vertical):
    """Filed items as rows (newest last), the highlighted one edited or deleted on request."""

    DEFAULT_CSS = """
    FiledList { height: 1fr; }
    FiledList > FiledOptions { height: 1fr; }
    FiledList > .filed-buttons { height: 1; }
    FiledList > .filed-buttons > Button { margin-right: 2; }
    """

    def __init__(self, empty_key: str, *, id: str) -> None:
        super().__init__(id=id)
        self.empty_key = empty_key
        self._ids: tuple[str, ...] = ()
        self._lines: tuple[str, ...] = ()
        self._rows: dict[str, Text] = {}
        self._marked: str | None = None

    def compose(self) -> ComposeResult:
        yield FiledOptions(id=f"{self.id}-options")
        with Horizontal(classes="filed-buttons"):
            yield Button(self.t("capture.edit"), id=f"{self.id}-edit", compact=True)
            yield Button(self.t("capture.delete"), id=f"{self.id}-delete", compact=True)

    @property
    def options(self) -> FiledOptions:
        """The list of rows."""
        return self.query_one(FiledOptions)

    def show(self, rows: Sequence[tuple[str, Text]]) -> None:
        """Show (item id, line) rows; keep the selection, or select the newest item added."""
        self._rows = dict(rows)
        ids = tuple(item_id for item_id, _ in rows)
        lines = tuple(line.plain for _, line in rows)
        if ids == self._ids and rows:
            if lines != self._lines:
                for item_id, line in rows:
                    self.options.replace_option_prompt(item_id, line)
                self._lines, self._marked = lines, None
                self._mark()
            return
        options = self.options
        selected = self.selected
        added = [i for i in ids if i not in self._ids]
        self._ids, self._lines, self._marked = ids, lines, None
        options.clear_options()
        if not rows:
            options.add_option(Option(Text(self.t(self.empty_key), style="italic"), disabled=True))
        else:
            options.add_options(Option(line, id=item_id) for item_id, line in rows)
            keep = added[-1] if added else selected
            index = ids.index(keep) if keep in ids else len(ids) - 1
            options.highlighted = index
            options.scroll_to_highlight()
        for button in self.query(Button):
            button.disabled = not rows
        self._mark()

    def _mark(self) -> None:
        """In accessible mode, mark the selected row with ▶ in its text, not by colour alone."""
        if not self.services.settings.plain:
            return
        selected = self.selected
        if selected == self._marked:
            return
        if self._marked in self._rows:
            self.options.replace_option_prompt(self._marked, self._rows[self._marked])
        if selected is not None:
            self.options.replace_option_prompt(selected, Text("▶ ") + self._rows[selected])
        self._marked = selected

    def on_resize(self) -> None:
        """Keep the selected row in view when the list gets shorter (a smaller terminal)."""
        self.options.call_after_refresh(self.options.scroll_to_highlight)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._mark()

    @property
    def selected(self) -> str | None:
        """The id of the highlighted item, if any."""
        option = self.options.highlighted_option
        return None if option is None or option.disabled else option.id

    def request_edit(self) -> None:
        """Tell the screen to edit the highlighted item."""
        if self.selected is not None:
            self.post_message(EditRequested(self.selected))

    def request_delete(self) -> None:
        """Tell the screen to delete the highlighted item."""
        if self.selected is not None:
            self.post_message(DeleteRequested(self.selected))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.request_edit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == f"{self.id}-edit":
            self.request_edit()
        else:
            self.request_delete()
