"""Core errors shown by screens read in the interface language, not in English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, Label

from facilitator.clock import FakeClock
from facilitator.errors import FacilitatorError, Text, VaultLocked, VaultWriteFailed
from screens.history import HistoryScreen
from screens.lock import LockScreen
from tests.screens.conftest import PASSPHRASE, seeded
from tests.screens.helpers import settle, started, type_text
from tests.screens.run.harness import MemoryVault, ScreenApp, screen_text
from tests.screens.run.harness import make_services as harness_services

LOCKED = VaultLocked("errors.vault.locked", path=Path("/data/vault"))


async def test_the_lock_screen_explains_a_refusal_in_swedish(clock: FakeClock) -> None:
    services = seeded(clock, language="sv")
    async with started(services) as (app, pilot):
        app.action_lock()
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)

        def refuse(_passphrase: str) -> None:
            raise LOCKED

        services.verify_passphrase = refuse
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        status = str(app.screen.query_one("#status", Label).content)
        assert status == LOCKED.render("sv")
        assert status.startswith("valvet i /data/vault är öppet i ett annat facilitator-fönster")


class ClosedVault(MemoryVault):
    """A vault that was closed under the screen's feet."""

    def list_sessions(self) -> list[Any]:
        raise FacilitatorError("errors.vault.closed")


async def test_history_says_why_it_cannot_read_in_swedish() -> None:
    clock = FakeClock()
    services = harness_services(ClosedVault(), clock, language="sv")
    app = ScreenApp(services, lambda: HistoryScreen("Höglandet"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "valvet har stängts; lås upp det igen för att fortsätta" in screen_text(app)


async def test_a_failed_save_while_planning_is_reported_in_swedish(clock: FakeClock) -> None:
    services = seeded(clock, language="sv")
    failure = VaultWriteFailed(
        "errors.vault.save_failed", file="s1.json", reason=Text.of("errors.os.disk_full")
    )

    def refuse(_session: Any) -> None:
        raise failure

    async with started(services) as (app, pilot):
        services.vault.save_session = refuse  # type: ignore[union-attr, method-assign]
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Fallprevention")
        app.screen.query_one("#count-professionals", Input).value = "4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert failure.render("sv") in messages
        assert any(m.startswith("kunde inte spara s1.json (disken är full)") for m in messages)
