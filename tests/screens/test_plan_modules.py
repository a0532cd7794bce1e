"""Pilot tests of the plan screen's modules: the check-in first and the check-out last."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Checkbox, Input, Label, Static

from facilitator.clock import FakeClock
from facilitator.templates import load_builtin
from facilitator.templates.modules import CHECK_IN, CHECK_OUT
from facilitator.vocabulary import RoundKind
from screens.home import HomeScreen
from tests.screens.conftest import seeded
from tests.screens.helpers import settle, started, type_text


async def test_ticked_modules_frame_the_rounds_and_are_saved(clock: FakeClock) -> None:
    services = seeded(clock)
    async with started(services, "n") as (app, pilot):
        await type_text(pilot, "Safety first")
        screen = app.screen
        screen.query_one("#count-professionals", Input).value = "4"
        for module in (CHECK_IN, CHECK_OUT):
            screen.query_one(f"#{module}", Checkbox).scroll_visible(animate=False)
            await pilot.pause()
            await pilot.click(f"#{module}")
            await settle(pilot)
            assert screen.query_one(f"#{module}", Checkbox).value
        total = str(screen.query_one("#total", Static).content)
        assert "64 min" in total  # 51 for the template, 10 for the check-in, 3 for the check-out
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    vault = services.vault
    assert vault is not None
    listed = next(s for s in vault.list_sessions() if s.title == "Safety first")
    session = vault.load_session(listed.id)
    kinds = [r.kind for r in session.template.rounds]
    assert kinds[:4] == [RoundKind.CHECK_IN] * 4 and kinds[-1] is RoundKind.CHECK_OUT
    assert session.template.modules == (CHECK_IN, CHECK_OUT)
    assert [r.round_id for r in session.rounds] == [r.id for r in session.template.rounds]
    assert session.template.distribution_only_for("raising-problems")
    assert not session.template.distribution_only_for("resources")


async def test_unticked_modules_leave_the_template_as_it_is(clock: FakeClock) -> None:
    services = seeded(clock)
    async with started(services, "n") as (app, pilot):
        await type_text(pilot, "Plain")
        app.screen.query_one("#count-professionals", Input).value = "4"
        await pilot.press("ctrl+s")
        await settle(pilot)
    vault = services.vault
    assert vault is not None
    listed = next(s for s in vault.list_sessions() if s.title == "Plain")
    session = vault.load_session(listed.id)
    assert session.template.modules == ()
    assert all(r.module is None for r in session.template.rounds)


async def test_the_plan_names_role_groups_and_credits_as_the_template_does(
    clock: FakeClock,
) -> None:
    services = seeded(clock)
    own = replace(
        load_builtin("power-balance"),
        role_labels=(("users_relatives", "Residents and families"),),
    )
    services.templates = lambda language: [own]
    async with started(services, "n") as (app, _):
        label = app.screen.query_one("#label-users_relatives", Label)
        assert str(label.content) == "Residents and families"
        assert str(app.screen.query_one("#label-managers", Label).content) == "Managers"
        credit = str(app.screen.query_one("#template-credit", Static).content)
        assert credit.startswith("Source: The reflection model is by Ärleskog")
