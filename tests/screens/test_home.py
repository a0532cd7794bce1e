"""Pilot tests of Home: grouping, filter by typing, duplicate, delete with confirmation, open."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from facilitator.clock import FakeClock
from screens.confirm import ConfirmScreen
from screens.factory import make_app
from screens.home import HomeScreen
from screens.plan import PlanScreen
from tests.screens.conftest import make_services, seed
from tests.screens.helpers import settle, type_text


def _texts(app: object) -> list[str]:
    option_list = app.screen.query_one("#sessions", OptionList)  # type: ignore[attr-defined]
    return [str(option.prompt) for option in option_list.options]


async def test_sessions_grouped_by_project_newest_first(clock: FakeClock) -> None:
    services = make_services(clock)
    seed(services, clock)
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        texts = _texts(app)
        assert texts[0].strip() == "▸ Safer discharge"
        assert "Medication review" in texts[1] and "planned" in texts[1]
        assert "follow-up" in texts[2] and "in progress" in texts[2]
        assert "kick-off" in texts[3] and "finished" in texts[3]
        assert texts[4].strip() == "▸ Esther café north"


async def test_typing_filters_and_escape_clears(clock: FakeClock) -> None:
    services = make_services(clock)
    seed(services, clock)
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "home")
        assert app.screen.query_one("#filter", Input).value == "home"
        texts = _texts(app)
        assert len(texts) == 2 and "Home care meeting formats" in texts[1]
        await pilot.press("escape")
        assert len(_texts(app)) == 6


async def test_duplicate_then_delete_with_confirmation(clock: FakeClock) -> None:
    services = make_services(clock)
    seed(services, clock)
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")  # duplicate the highlighted (newest) session
        await settle(pilot)
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
    services = make_services(clock)
    seed(services, clock)
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)


async def test_resume_opens_the_session_in_progress(clock: FakeClock) -> None:
    services = make_services(clock)
    seed(services, clock)
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert type(app.screen).__name__ == "RunScreen"
        assert app.screen.session.title == "Discharge planning, follow-up"  # type: ignore[attr-defined]
