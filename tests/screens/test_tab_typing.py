"""Keys typed right after Tab land in the field Tab moved to, on every screen, as a fast typist
or a slow machine delivers them: in one burst, with no pause for the app to catch up."""

from __future__ import annotations

from textual.widgets import Input

from facilitator.clock import FakeClock
from screens.create_vault import CreateVaultScreen
from tests.screens.conftest import PASSPHRASE, make_services, seeded
from tests.screens.helpers import settle, started
from tests.screens.run.harness import burst, keys_of


async def test_typing_right_after_tab_on_the_plan_screen_fills_the_next_field(
    clock: FakeClock,
) -> None:
    async with started(seeded(clock), "n") as (app, pilot):
        screen = app.screen
        screen.query_one("#title", Input).focus()
        await settle(pilot)
        await burst(pilot, *keys_of("Ward 5"), "tab", *keys_of("Esther"))
        assert screen.query_one("#title", Input).value == "Ward 5"
        assert screen.query_one("#project", Input).value == "Esther"
        await burst(pilot, "shift+tab", *keys_of("Ward 6"))  # Tab into a field selects its text
        assert screen.query_one("#title", Input).value == "Ward 6"
        assert screen.query_one("#project", Input).value == "Esther"


async def test_the_first_runs_passphrase_typed_with_tab_in_one_burst_fills_both_fields(
    clock: FakeClock,
) -> None:
    async with started(make_services(clock, exists=False)) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, CreateVaultScreen)
        await burst(pilot, *keys_of(PASSPHRASE), "tab", *keys_of(PASSPHRASE))
        assert screen.query_one("#passphrase", Input).value == PASSPHRASE
        assert screen.query_one("#again", Input).value == PASSPHRASE
