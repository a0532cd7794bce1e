"""Pilot tests of Home: grouping, filter by typing, duplicate, delete with confirmation, open."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, OptionList
from textual.widgets._footer import FooterKey

from facilitator.clock import FakeClock
from facilitator.session import Session
from screens.commands import collect_keys
from screens.confirm import ConfirmScreen
from screens.history import HistoryScreen
from screens.home import HomeScreen
from screens.network import NetworkScreen
from screens.plan import PlanScreen
from tests.screens.conftest import PASSPHRASE, fixed_templates, make_services, seeded
from tests.screens.helpers import settle, started, type_text
from tests.screens.run.harness import screen_text
from tests.screens.summary.harness import notices
from tests.screens.sync.fakes import FakeSync


def _texts(app: object) -> list[str]:
    option_list = app.screen.query_one("#sessions", OptionList)  # type: ignore[attr-defined]
    return [str(option.prompt) for option in option_list.options]


async def test_sessions_grouped_by_project_newest_first(clock: FakeClock) -> None:
    async with started(seeded(clock)) as (app, _pilot):
        texts = _texts(app)
        assert texts[0].strip() == "▸ Safer discharge"
        assert "Medication review" in texts[1] and "planned" in texts[1]
        assert "follow-up" in texts[2] and "in progress" in texts[2]
        assert "kick-off" in texts[3] and "finished" in texts[3]
        assert texts[4].strip() == "▸ Esther café north"


async def test_typing_filters_and_escape_clears(clock: FakeClock) -> None:
    async with started(seeded(clock)) as (app, pilot):
        await type_text(pilot, "home")
        assert app.screen.query_one("#filter", Input).value == "home"
        texts = _texts(app)
        assert len(texts) == 2 and "Home care meeting formats" in texts[1]
        await pilot.press("escape")
        assert len(_texts(app)) == 6


async def test_duplicate_then_delete_with_confirmation(clock: FakeClock) -> None:
    services = seeded(clock)
    async with started(services, "c") as (app, pilot):  # duplicate the highlighted (newest) session
        vault = services.vault
        assert vault is not None
        titles = [s.title for s in vault.list_sessions()]
        assert "Medication review with relatives (copy)" in titles
        assert len(titles) == 5
        highlighted = app.screen.query_one("#sessions", OptionList).highlighted_option
        copy = next(s for s in vault.list_sessions() if s.title.endswith("(copy)"))
        assert highlighted is not None and highlighted.id == copy.id
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # changed my mind
        assert len(vault.list_sessions()) == 5
        await pilot.press("x")
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        titles = [s.title for s in vault.list_sessions()]
        assert len(titles) == 4 and not any("(copy)" in t for t in titles)


async def test_new_session_is_one_key_away(clock: FakeClock) -> None:
    async with started(seeded(clock), "n") as (app, _pilot):
        assert isinstance(app.screen, PlanScreen)


async def test_resume_opens_the_session_in_progress(clock: FakeClock) -> None:
    async with started(seeded(clock), "r") as (app, _pilot):
        assert type(app.screen).__name__ == "RunScreen"
        assert app.screen.session.title == "Discharge planning, follow-up"  # type: ignore[attr-defined]


async def test_trends_open_the_history_of_the_highlighted_project(clock: FakeClock) -> None:
    async with started(seeded(clock), "t") as (app, pilot):
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.project == "Safer discharge"
        assert "History · Safer discharge" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_trends_without_a_project_say_why(clock: FakeClock) -> None:
    services = make_services(clock)
    vault = services.unlock_vault(PASSPHRASE)
    services.vault = vault
    template = fixed_templates("en")[0]
    vault.save_session(Session.plan("Loose ends", template, created=clock.now()))
    async with started(services, "t") as (app, _pilot):
        assert isinstance(app.screen, HomeScreen)
        assert any("“Loose ends” belongs to no improvement work" in n for n in notices(app))


async def test_trends_with_nothing_highlighted_say_so(clock: FakeClock) -> None:
    services = make_services(clock)
    services.vault = services.unlock_vault(PASSPHRASE)
    async with started(services, "t") as (app, _pilot):
        assert isinstance(app.screen, HomeScreen)
        assert "Choose a session in the list first." in notices(app)


async def test_network_opens_with_the_sync_port(clock: FakeClock) -> None:
    services = seeded(clock)
    services.sync = FakeSync()
    async with started(services, "w") as (app, _pilot):
        assert isinstance(app.screen, NetworkScreen)
        table = app.screen.query_one("#cells", DataTable)
        assert table.row_count == 2 and table.get_row_at(1)[2] == "too few to show"


async def test_network_without_sync_says_how_to_set_it_up(clock: FakeClock) -> None:
    async with started(seeded(clock, language="sv"), "w") as (app, _pilot):
        assert isinstance(app.screen, HomeScreen)
        [notice] = notices(app)
        assert notice.startswith("Delning med ett nätverk är inte inställd.")
        assert "`facilitator sync config --server URL --token-file FILE`" in notice


async def test_new_keys_are_in_help_and_palette_in_swedish(clock: FakeClock) -> None:
    async with started(seeded(clock, language="sv")) as (app, _pilot):
        described = {e.binding.action: e.binding.description for e in collect_keys(app.screen)}
        assert described["trends"] == "Trender" and described["network"] == "Nätverk"


@pytest.mark.parametrize(("language", "help_label"), [("en", "Help"), ("sv", "Hjälp")])
async def test_f1_help_fits_the_home_footer_at_80_columns(
    clock: FakeClock, language: str, help_label: str
) -> None:
    async with started(seeded(clock, language=language), size=(80, 24)) as (app, _pilot):
        keys = {k.description: k.region for k in app.screen.query(FooterKey)}
        palette = keys.pop(app.translator.t("key.palette"))
        assert help_label in keys
        assert all(region.right <= palette.x for region in keys.values())
        described = {e.binding.action for e in collect_keys(app.screen)}
        assert {"duplicate", "network", "delete"} <= described  # out of the footer, still in F1
