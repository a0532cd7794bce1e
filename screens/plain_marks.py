"""Provides the text marks of accessible (plain) mode: [x]/[ ], (•)/( ) and ▶ for the selection.

Checkbox, radio and highlighted-row state is otherwise shown by colour alone.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from textual.content import Content
from textual.dom import DOMNode
from textual.widgets import DataTable, OptionList, RadioButton
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import Option

_BASE_LABELS: WeakKeyDictionary[ToggleButton, Content] = WeakKeyDictionary()
_MARKED_ROWS: WeakKeyDictionary[OptionList, tuple[Option, object]] = WeakKeyDictionary()
ROW_MARK = "▶ "


def toggle_mark(on: bool, radio: bool) -> str:
    """The state in text: (•) or ( ) for a radio button, [x] or [ ] for a checkbox."""
    if radio:
        return "(•) " if on else "( ) "
    return "[x] " if on else "[ ] "


def mark_toggle(button: ToggleButton, plain: bool) -> None:
    """Put the button's state in front of its label in plain mode; the bare label otherwise."""
    base = _BASE_LABELS.get(button)
    if base is None:
        base = Content(str(button.label))
        _BASE_LABELS[button] = base
    mark = toggle_mark(button.value, isinstance(button, RadioButton)) if plain else ""
    button.label = Content(mark) + base


def mark_toggles(root: DOMNode, plain: bool) -> None:
    """Mark every checkbox and radio button under `root`."""
    for button in root.query(ToggleButton):
        mark_toggle(button, plain)


def mark_highlighted(option_list: OptionList, plain: bool) -> None:
    """In plain mode, put ▶ before the highlighted row and take it off the row before."""
    previous = _MARKED_ROWS.pop(option_list, None)
    if previous is not None:
        option, prompt = previous
        for index in range(option_list.option_count):
            if option_list.get_option_at_index(index) is option:
                option_list.replace_option_prompt_at_index(index, prompt)  # type: ignore[arg-type]
                break
    highlighted = option_list.highlighted
    if not plain or highlighted is None or highlighted >= option_list.option_count:
        return
    option = option_list.get_option_at_index(highlighted)
    if option.disabled:
        return
    prompt = option.prompt
    _MARKED_ROWS[option_list] = (option, prompt)
    content = _as_content(prompt)
    if content.plain.startswith("  "):  # an indented row keeps its width
        content = content[2:]
    option_list.replace_option_prompt_at_index(highlighted, Content(ROW_MARK) + content)


def _as_content(prompt: object) -> Content:
    if isinstance(prompt, Content):
        return prompt
    if isinstance(prompt, str):
        return Content(prompt)
    from rich.text import Text

    if isinstance(prompt, Text):
        return Content.from_rich_text(prompt)
    return Content(str(prompt))


def mark_cursor_row(table: DataTable[object], plain: bool) -> None:
    """In plain mode, a row-cursor table shows ▶ in a label column beside the cursor row."""
    if not plain or table.cursor_type != "row" or not table.row_count:
        return
    from rich.text import Text

    cursor = table.cursor_row
    for index, row in enumerate(table.ordered_rows):
        row.label = Text(ROW_MARK.strip() if index == cursor else " ")
    table.show_row_labels = True
    table._labelled_row_exists = True
    label_column = table._label_column  # sized when rows are added; these labels came later
    label_column.content_width = max(label_column.content_width, 1)
    table._clear_caches()  # row labels are cached with the rendered rows
    table._require_update_dimensions = True
    table.refresh()
