"""The Settings screen: reached by key and palette, every change applies at once and is saved
to the settings file the command line reads; buttons pressed as well as keys."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Input, RadioButton, Select

from facilitator.clock import FakeClock
from facilitator.settings import UiSettings, load_settings, save_settings
from screens.home import HomeScreen
from screens.services import Services
from screens.settings_screen import SettingsScreen
from tests.screens.conftest import seeded
from tests.screens.helpers import settle, started
from tests.screens.run.harness import screen_text


def saving(services: Services, path: Path) -> Services:
    services.save_settings = lambda s: save_settings(path, s)
    return services


async def test_settings_by_key_and_buttons_apply_at_once_and_persist(
    clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    services = saving(seeded(clock), path)
    async with started(services, "s") as (app, pilot):
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        await pilot.click("#bell")
        assert services.settings.bell is False and load_settings(path).bell is False
        await pilot.click("#auto-advance")
        assert load_settings(path).auto_advance is True
        await pilot.click("#plain")
        assert services.settings.plain and app.has_class("-plain")
        assert str(screen.query_one("#plain", Checkbox).label).startswith("[x] ")
        assert str(screen.query_one("#bell", Checkbox).label).startswith("[ ] ")
        assert str(screen.query_one("#lang-en", RadioButton).label) == "(•) English"
        field = screen.query_one("#autolock", Input)
        field.value = ""
        await pilot.click("#autolock")
        await pilot.press("2", "0", "0", "0")
        assert "Auto-lock takes a number of minutes from 0 to 1440" in screen_text(app)
        assert load_settings(path).autolock_minutes == 200.0  # the last valid number
        await pilot.press("backspace", "backspace", "backspace")
        assert load_settings(path).autolock_minutes == 2.0
        assert "Auto-lock takes" not in screen_text(app)
        screen.query_one("#theme", Select).value = "nord"
        await pilot.pause()
        assert app.theme == "nord" and load_settings(path).theme == "nord"
        await pilot.click("#lang-sv")
        await settle(pilot)
        assert services.settings.language == "sv" and load_settings(path).language == "sv"
        assert "Tillgängligt läge" in screen_text(app) and "(•) Svenska" in screen_text(app)
        await pilot.click("#close")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Fortsätt" in screen_text(app) and "Discharge planning" in screen_text(app)
    assert load_settings(path) == UiSettings(
        language="sv", plain=True, autolock_minutes=2.0, auto_advance=True, bell=False, theme="nord"
    )


async def test_settings_from_the_palette_and_escape_back(clock: FakeClock) -> None:
    services = seeded(clock, language="sv")
    async with started(services) as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.press(*"Inställningar")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert "Inställningar" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert services.settings.language == "sv"


async def test_plain_mode_marks_the_highlighted_session_with_an_arrow(clock: FakeClock) -> None:
    services = seeded(clock, plain=True)
    async with started(services) as (app, pilot):
        await pilot.press("down")
        assert screen_text(app).count("▶ ") == 1
        assert "▶ Discharge planning, follow-up" in screen_text(app)
        await pilot.press("down")
        assert screen_text(app).count("▶ ") == 1
        assert "▶ Discharge planning, kick-off" in screen_text(app)
