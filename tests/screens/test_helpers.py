"""The Pilot helpers themselves: after `settle`, the next press of a button is taken."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Button

from tests.screens.helpers import settle


class OneButton(App[None]):
    """A button that counts its presses."""

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def compose(self) -> ComposeResult:
        yield Button("Save", id="save")

    def on_button_pressed(self) -> None:
        self.presses += 1


async def test_a_button_pressed_again_right_after_settle_takes_every_press() -> None:
    app = OneButton()
    async with app.run_test() as pilot:
        for expected in (1, 2, 3):
            await pilot.click("#save")
            await settle(pilot)
            assert app.presses == expected
        for expected in (4, 5):
            app.query_one(Button).focus()
            await pilot.press("enter")
            await settle(pilot)
            assert app.presses == expected
