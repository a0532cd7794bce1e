"""Pilot tests of exporting from the summary: format, BOM, path, plaintext warning, refusals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Label, Static

from facilitator.clock import FakeClock
from facilitator.reports.export import PLAINTEXT_WARNING, UTF8_BOM, render_export
from facilitator.session import Session
from screens.commands import collect_keys
from screens.confirm import ConfirmScreen
from screens.export_dialog import ExportDialog, default_export_path, slug
from screens.summary import SummaryScreen
from tests.screens.conftest import seeded
from tests.screens.helpers import settle, started
from tests.screens.run.harness import MemoryVault, finished_session, make_services
from tests.screens.summary.harness import TranslatedApp

NAME = "esther-discharge-planning"
FORMATS = ["md", "html", "csv", "json"]


def _app(session: Session, vault_dir: Path | None = None) -> TranslatedApp:
    services = make_services(MemoryVault(), FakeClock(), language="en")
    services.vault_dir = vault_dir
    return TranslatedApp(services, lambda: SummaryScreen(session))


def _session() -> Session:
    return finished_session(FakeClock())


def _day(session: Session) -> str:
    assert session.created is not None
    return session.created.date().isoformat()


async def _open_dialog(pilot: Pilot[None], fmt: str = "md") -> ExportDialog:
    await pilot.press("e")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    await pilot.press(*["down"] * FORMATS.index(fmt), "enter")
    return dialog


def _status(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-status", Static).render())


def _question(app: TranslatedApp) -> str:
    assert isinstance(app.screen, ConfirmScreen)
    return str(app.screen.query_one("#question", Label).render())


@pytest.mark.parametrize("fmt", FORMATS)
async def test_export_writes_each_format_after_the_warning(home: Path, fmt: str) -> None:
    session = _session()
    app = _app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _open_dialog(pilot, fmt)
        expected = home / f"{NAME}-{_day(session)}.{fmt}"
        assert dialog.query_one("#path", Input).value == str(expected)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert PLAINTEXT_WARNING.format(path=expected).casefold() in _question(app).casefold()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert expected.read_bytes() == render_export(session, fmt)
        assert expected.stat().st_mode & 0o777 == 0o600
        assert app.announced == [f"Exported to {expected}."]


async def test_csv_with_a_byte_order_mark_for_excel(home: Path) -> None:
    session = _session()
    app = _app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _open_dialog(pilot, "csv")
        bom = dialog.query_one("#bom", Checkbox)
        assert not bom.disabled
        bom.value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        written = (home / f"{NAME}-{_day(session)}.csv").read_bytes()
        assert written.startswith(UTF8_BOM) and written == render_export(session, "csv", bom=True)


async def test_bom_is_only_offered_for_csv(home: Path) -> None:
    app = _app(_session())
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _open_dialog(pilot, "html")
        assert dialog.query_one("#bom", Checkbox).disabled


async def test_headings_follow_the_session_language(home: Path) -> None:
    session = replace(_session(), language="sv")
    app = _app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_dialog(pilot, "md")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        text = (home / f"{NAME}-{_day(session)}.md").read_text(encoding="utf-8")
        assert text.startswith("# Rapport från reflektionssamtalet: Esther")


async def test_declining_the_warning_or_cancelling_writes_nothing(home: Path) -> None:
    app = _app(_session())
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _open_dialog(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is dialog and _status(dialog) == ""
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert list(home.iterdir()) == [] and app.announced == []


async def test_a_path_in_the_vault_directory_is_refused_with_the_reason(
    home: Path, tmp_path: Path
) -> None:
    vault_dir = tmp_path / "vault"
    vault_dir.mkdir()
    app = _app(_session(), vault_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _open_dialog(pilot)
        dialog.query_one("#path", Input).value = str(vault_dir / "notes.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "inside the vault folder" in _status(dialog)
        assert list(vault_dir.iterdir()) == []


async def test_an_existing_file_is_replaced_only_after_asking(home: Path) -> None:
    session = _session()
    target = home / f"{NAME}-{_day(session)}.md"
    target.write_text("keep me", encoding="utf-8")
    app = _app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_dialog(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "already exists" in _question(app)
        await pilot.press("n")  # keep the old file
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "not encrypted" in _question(app)
        await pilot.press("y")
        await settle(pilot)
        assert target.read_bytes() == render_export(session, "md")


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        (
            "~/nowhere/export.md",
            "The folder {home}/nowhere does not exist. Create it first or choose another place.",
        ),
        ("  ", "Type where to save the export."),
    ],
    ids=["missing-folder-is-named", "empty-path-asks-for-one"],
)
async def test_a_path_that_cannot_be_written_says_why(home: Path, typed: str, status: str) -> None:
    app = _app(_session())
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await _open_dialog(pilot)
        dialog.query_one("#path", Input).value = typed
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _status(dialog) == status.format(home=home)
        assert list(home.iterdir()) == []


def test_default_path_is_a_slug_with_the_date_never_in_the_vault(tmp_path: Path) -> None:
    day = date(2026, 3, 4)
    assert slug("Esther: Höglandet, vår 2026!") == "esther-hoglandet-var-2026"
    assert slug("???") == "session"
    path = default_export_path("Falls", day, "csv", tmp_path, None)
    assert path == tmp_path / "falls-2026-03-04.csv"
    inside = default_export_path("Falls", day, "md", tmp_path / "vault", tmp_path / "vault")
    assert inside == tmp_path / "falls-2026-03-04.md"


async def test_export_from_the_full_app_reaches_the_dialog_and_the_palette(
    home: Path, clock: FakeClock, tmp_path: Path
) -> None:
    services = seeded(clock)
    services.vault_dir = tmp_path / "vault"
    async with started(services, "down", "down", "enter") as (app, pilot):  # finished kick-off
        assert isinstance(app.screen, SummaryScreen)
        assert "export" in {e.binding.action for e in collect_keys(app.screen)}
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        [written] = list(home.iterdir())
        assert written.name == "discharge-planning-kick-off-2026-11-02.md"
        assert f"Exported to {written}." in app.announcements
