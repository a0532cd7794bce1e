"""Accessible mode keeps its promise: checkbox state in text, and no stale working line."""

from __future__ import annotations

from textual.widgets import Checkbox

from facilitator.clock import FakeClock
from screens.create_vault import RecoveryKeyScreen
from screens.home import HomeScreen
from screens.unlock import UnlockScreen
from tests.screens.conftest import PASSPHRASE, make_services
from tests.screens.helpers import settle, started, type_text
from tests.screens.run.harness import screen_text


async def test_plain_checkbox_says_its_state_in_text_by_key_and_click(clock: FakeClock) -> None:
    services = make_services(clock, exists=False, plain=True)
    async with started(services) as (app, pilot):
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecoveryKeyScreen)
        box = screen.query_one("#saved", Checkbox)
        assert str(box.label).startswith("[ ] ")
        await pilot.press("space")
        assert str(box.label).startswith("[x] ") and "[x] " in screen_text(app)
        await pilot.click("#saved")
        assert str(box.label).startswith("[ ] ") and not box.value
        assert "[x] [" not in str(box.label)  # the mark replaces, never piles up
        await pilot.click("#saved")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Creating your encrypted vault" not in screen_text(app)


async def test_checkbox_outside_plain_mode_keeps_its_bare_label(clock: FakeClock) -> None:
    services = make_services(clock, exists=False)
    async with started(services) as (app, pilot):
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("space")
        label = str(app.screen.query_one("#saved", Checkbox).label)
        assert not label.startswith("[")


async def test_unlocking_line_is_gone_once_unlocked_and_replaced_when_refused(
    clock: FakeClock,
) -> None:
    services = make_services(clock, plain=True)
    async with started(services) as (app, pilot):
        assert isinstance(app.screen, UnlockScreen)
        await type_text(pilot, "not the passphrase")
        await pilot.press("enter")
        await settle(pilot)
        assert "Unlocking" not in screen_text(app) and "does not open" in screen_text(app)
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Unlocking" not in screen_text(app)


async def test_plain_table_marks_the_cursor_row_with_an_arrow(clock: FakeClock) -> None:
    from textual.widgets import DataTable

    from screens.network import NetworkScreen
    from tests.screens.conftest import seeded
    from tests.screens.sync.fakes import FakeSync

    services = seeded(clock, plain=True)
    services.sync = FakeSync()
    async with started(services, "w") as (app, pilot):
        assert isinstance(app.screen, NetworkScreen)
        table = app.screen.query_one("#cells", DataTable)
        table.focus()
        await pilot.press("down")
        await pilot.pause()
        labels = [str(row.label) for row in table.ordered_rows]
        assert labels == [" ", "▶"]
        import re

        assert re.search(r"▶\s+Resources\s+Managers", screen_text(app))
        assert screen_text(app).count("▶") == 1
