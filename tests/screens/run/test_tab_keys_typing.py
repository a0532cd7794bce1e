"""Pilot tests that keys typed right after a tab key land in the field that key switched to."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from screens.run.notes import NoteEditor
from tests.screens.run.harness import burst, keys_of
from tests.screens.run.test_capture_edits import running


async def test_typing_right_after_ctrl_o_lands_in_the_action_field() -> None:
    async with running() as (pilot, run, _):
        await burst(pilot, *keys_of("seen"), "ctrl+o", *keys_of("call them"))
        assert run.query_one("#action-what", Input).value == "call them"
        assert run.query_one(NoteEditor).text == "seen"
        assert run.query_one("#capture").active == "actions"


async def test_typing_right_after_ctrl_f_lands_in_the_parking_field() -> None:
    async with running() as (pilot, run, _):
        await burst(pilot, "ctrl+f", *keys_of("budget"))
        assert run.query_one("#parking-input", Input).value == "budget"
        assert run.query_one(NoteEditor).text == ""


async def test_typing_right_after_ctrl_r_lands_in_the_first_rating_field() -> None:
    async with running() as (pilot, run, _):
        await pilot.press("f9")  # the first rated round
        await burst(pilot, "ctrl+r", "3")
        assert run.query_one("#rating-professionals", Input).value == "3"
        assert run.query_one(NoteEditor).text == ""


@pytest.mark.parametrize("away", ["ctrl+o", "ctrl+f"])
async def test_typing_right_after_ctrl_n_lands_in_the_note_draft(away: str) -> None:
    async with running() as (pilot, run, _):
        await pilot.press(away)
        await burst(pilot, "ctrl+n", *keys_of("back"))
        assert run.query_one(NoteEditor).text == "back"
        assert run.query_one("#capture").active == "notes"
        field = "#action-what" if away == "ctrl+o" else "#parking-input"
        assert run.query_one(field, Input).value == ""
