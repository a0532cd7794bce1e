"""`facilitator --lang sv` end to end: every screen in Swedish, snapshot and no English left.

Each stop of a Swedish journey is a snapshot at 100x30 and 80x24; the same screen as plain
text must hold no English interface phrase (from the English catalogs, where Swedish differs).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent

import facilitator
from facilitator.clock import FakeClock
from facilitator.session import Action, Note, ParticipantCounts, Rating, Session
from facilitator.templates.model import Template
from facilitator.vocabulary import NoteKind, RoleGroup, SessionStatus
from screens import export_dialog
from screens.factory import make_app
from screens.messages import TargetChecked
from screens.run import RunScreen
from screens.services import Services
from screens.summary import SummaryScreen
from tests.screens.conftest import PASSPHRASE, fixed_templates, make_services
from tests.screens.helpers import plain_screen_text, settle, type_text
from tests.screens.run.test_run_snapshots import _into_round_two
from tests.screens.sync.fakes import FakeSync
from tests.screens.test_plan import _plan
from tests.screens.test_recover_snapshots import _open_recovery

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((80, 24), id="80x24")]
Steps = Callable[[Pilot[None]], Awaitable[None]]

# Seeded user content -----------------------------------------------------------------------

PROJECT = "Tryggare utskrivning"
CAFE = "Esthercafé norr"
KICK_OFF = "Utskrivningsplanering, uppstart"
SECOND = "Utskrivningsplanering, andra träffen"
FOLLOW_UP = "Utskrivningsplanering, uppföljning"
HOME_CARE = "Hemtjänstmöten i nya former"
NOTES = [
    ("opening", NoteKind.OBSERVATION, None, "Esther vill hem före jul"),
    ("resources", NoteKind.OBSERVATION, RoleGroup.USERS_RELATIVES, "Mötet kl. 10 krockar med omvårdnaden"),
    ("resources", NoteKind.INSIGHT, None, "Anhöriga får informationen för sent"),
    ("attitudes", NoteKind.QUESTION, RoleGroup.PROFESSIONALS, "Väntar vi oss bara synpunkter?"),
    ("perceptions", NoteKind.PARKING_LOT, None, "Budget för färdtjänst: fråga regionen"),
]  # fmt: skip
ACTIONS = [
    ("a1", "Skicka kallelsen en vecka i förväg", RoleGroup.PROFESSIONALS, date(2026, 12, 10), "resources"),
    ("a2", "Anhörig leder nästa möte tillsammans med oss", RoleGroup.USERS_RELATIVES, date(2027, 1, 15), "perceptions"),
    ("a3", "Boka ett rum utan trappor", RoleGroup.MANAGERS, None, "attitudes"),
]  # fmt: skip
RATINGS = [
    ("resources", RoleGroup.PROFESSIONALS, 2, 3),
    ("resources", RoleGroup.USERS_RELATIVES, 1, 2),
    ("attitudes", RoleGroup.PROFESSIONALS, 3, 4),
    ("attitudes", RoleGroup.USERS_RELATIVES, 4, 2),
    ("attitudes", RoleGroup.MANAGERS, 3, 1),
    ("perceptions", RoleGroup.PROFESSIONALS, 2, 4),
    ("perceptions", RoleGroup.USERS_RELATIVES, 2, 2),
]
RUN_NOTES = [
    ("Anhöriga får papperen dagen före", NoteKind.OBSERVATION, RoleGroup.USERS_RELATIVES),
    ("Vem bokar rummet?", NoteKind.QUESTION, None),
]
TYPED = ["Esther", "fel", "Fallprevention", "Tolk behövs vid nästa möte"]
PROMPT = "Vad är bäst för Esther?"
SCALE = ("hos personalen", "hos brukare och närstående", "delad")


@cache
def swedish_template() -> Template:
    """The fixed Swedish template, its prompts and scale labels in Swedish as well."""
    template = fixed_templates("sv")[0]
    low, high, mid = SCALE
    rounds = tuple(
        replace(
            r,
            prompts=(PROMPT,),
            scale=None
            if r.scale is None
            else replace(r.scale, low_label=low, high_label=high, mid_label=mid),
        )
        for r in template.rounds
    )
    return replace(template, rounds=rounds)


def _finished(title: str, day: int, shift: int, with_content: bool) -> Session:
    template = swedish_template()
    created = datetime(2026, 10, day, 13, 0, tzinfo=UTC)
    session = Session.plan(
        title,
        template,
        created=created,
        project=PROJECT,
        participants=ParticipantCounts(4, 3, 1),
        users_speak_first=True,
        language="sv",
    )
    rounds = tuple(
        replace(r, actual_seconds=r.planned_minutes * 60 + (90 if i == 1 else -30))
        for i, r in enumerate(session.rounds)
    )
    session = replace(session, id=f"s{day}", rounds=rounds, status=SessionStatus.FINISHED)
    for dim, group, value, count in RATINGS:
        value = max(1, min(5, value + shift))
        rating = Rating(f"{dim}.{group.value}.{value}", dim, dim, group, value, count)
        session = session.with_rating(rating)
    if with_content:
        for i, (round_id, kind, group, text) in enumerate(NOTES):
            session = session.with_note(Note(f"n{i}", round_id, text, kind, group))
        for action_id, text, owner, due, dim in ACTIONS:
            session = session.with_action(Action(action_id, text, owner, due, dim))
    return session


def _planned(title: str, project: str, day: int) -> Session:
    template = swedish_template()
    created = datetime(2026, 11, day, 13, 0, tzinfo=UTC)
    session = Session.plan(
        title,
        template,
        created=created,
        project=project,
        participants=ParticipantCounts(4, 2, 1),
        users_speak_first=True,
        language="sv",
    )
    return replace(session, id=f"p{day}")


def swedish_services(clock: FakeClock, *, exists: bool = True, plain: bool = False) -> Services:
    """Swedish in-memory services; an unlocked vault with a Swedish project when `exists`."""
    services = make_services(clock, exists=exists, language="sv", plain=plain)
    services.templates = lambda language: [swedish_template()]
    services.settings.autolock_minutes = 0  # the fake clock jumps minutes; ctrl+l still locks
    if not exists:
        return services
    vault = services.unlock_vault(PASSPHRASE)
    services.vault = vault
    for session in (
        _finished(SECOND, 26, 1, with_content=False),
        _finished(KICK_OFF, 5, 0, with_content=True),
        _planned(FOLLOW_UP, PROJECT, 16),
        _planned(HOME_CARE, CAFE, 20),
    ):
        vault.save_session(session)
    services.sync = FakeSync()
    return services


def seeded_text() -> list[str]:
    """User and template content the journey shows; it is not interface text."""
    texts = [PROJECT, CAFE, KICK_OFF, SECOND, FOLLOW_UP, HOME_CARE, *TYPED, PROMPT, *SCALE]
    texts += [n[3] for n in NOTES] + [a[1] for a in ACTIONS] + [n[0] for n in RUN_NOTES]
    template = swedish_template()
    return [*texts, template.name, *(r.title for r in template.rounds)]


# English phrases that must not show in the Swedish interface ----------------------------------

_LOCALE = Path(facilitator.__file__).parent / "i18n" / "locale"
_CATALOGS = [(en, _LOCALE / "sv" / en.name) for en in sorted((_LOCALE / "en").glob("*.toml"))]
# Textual's own English that may show up around our screens.
TEXTUAL_ENGLISH = ["Search for commands", "palette", "Select", "Press ^", "Search"]


def _flat(path: Path) -> dict[str, str]:
    def walk(table: dict[str, Any], prefix: str) -> Iterable[tuple[str, str]]:
        for key, value in table.items():
            if isinstance(value, dict):
                yield from walk(value, f"{prefix}{key}.")
            else:
                yield f"{prefix}{key}", str(value)

    return dict(walk(tomllib.loads(path.read_text("utf-8")), ""))


@cache
def english_phrases() -> tuple[str, ...]:
    """Fragments (8+ letters, split at {placeholders}) of English texts Swedish words differently."""
    english: dict[str, str] = {}
    swedish: dict[str, str] = {}
    for en, sv in _CATALOGS:
        english.update(_flat(en))
        swedish.update(_flat(sv))
    all_swedish = "\n".join(swedish.values()).lower()
    phrases = set()
    for key, text in english.items():
        if swedish.get(key, text) == text:
            continue
        for part in re.split(r"\{[^}]*\}", text):
            fragment = part.strip(" \t\n:;,.()[]“”\"'…—–-·/")
            letters = sum(c.isalpha() for c in fragment)
            if letters >= 8 and fragment.lower() not in all_swedish:
                phrases.add(fragment)
    return tuple(sorted(phrases, key=len, reverse=True))


def english_in(text: str, seeded: Iterable[str]) -> list[str]:
    """English interface phrases, raw identifiers and Textual's own English in a screen's text."""
    flat = re.sub(r"[\s│┃║─━═▔▁▊▎▌▐█╭╮╰╯┌┐└┘├┤╔╗╚╝]+", " ", text)
    for content in sorted(seeded, key=len, reverse=True):
        flat = flat.replace(content, " ")
    words = [*english_phrases(), *TEXTUAL_ENGLISH]
    found = [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", flat, re.IGNORECASE)]
    return found + re.findall(r"(?<![\w/.-])[a-z]+_[a-z_]+(?![\w.])", flat)


def without_payload(text: str) -> str:
    """The screen without the framed payload: the exact bytes sent are data, not interface."""
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith("│"))


# The journey's stops --------------------------------------------------------------------------


async def _fill(pilot: Pilot[None], **values: str) -> None:
    for field, value in values.items():
        pilot.app.screen.query_one(f"#{field}", Input).value = value
    await pilot.pause()


async def _press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def _plan_errors(pilot: Pilot[None]) -> None:
    await _press(pilot, "n")
    await _fill(pilot, **{"minutes-0": "0"})
    await _press(pilot, "ctrl+s")


async def _follow_up(pilot: Pilot[None]) -> None:
    await _plan(pilot, TYPED[2], PROJECT)
    await _press(pilot, "d")  # marking moves on to the next action
    pilot.app.clear_notifications()


def _run_session() -> Session:
    session = _planned(FOLLOW_UP, PROJECT, 16)
    for i, (text, kind, group) in enumerate(RUN_NOTES):
        session = session.with_note(Note(f"r{i}", "resources", text, kind, group))
    rating = Rating(
        "resources.professionals.2", "resources", "resources", RoleGroup.PROFESSIONALS, 2, 3
    )
    return session.with_rating(rating)


def _run(clock: FakeClock, *keys: str, later: float = 0) -> Steps:
    """The run screen 7:25 into round two (`later` minutes more), then `keys`."""

    async def steps(pilot: Pilot[None]) -> None:
        pilot.app.push_screen(RunScreen(_run_session()))
        await settle(pilot)
        await _into_round_two(pilot, clock)
        run = pilot.app.screen
        assert isinstance(run, RunScreen)
        clock.advance(later * 60)
        run.tick()
        await pilot.pause()
        pilot.app.clear_notifications()
        await _press(pilot, *keys)

    return steps


def _ratings(clock: FakeClock) -> Steps:
    async def steps(pilot: Pilot[None]) -> None:
        await _run(clock, "ctrl+r")(pilot)
        await _fill(pilot, **{"rating-users_relatives": "2 3 3 4"})

    return steps


def _actions(clock: FakeClock) -> Steps:
    async def steps(pilot: Pilot[None]) -> None:
        await _run(clock, "ctrl+o")(pilot)
        await _fill(pilot, **{"action-what": TYPED[3]})

    return steps


def _parking_lot(clock: FakeClock) -> Steps:
    async def steps(pilot: Pilot[None]) -> None:
        await _run(clock, "ctrl+f")(pilot)
        assert pilot.app.screen.query_one(TabbedContent).active == "parking"

    return steps


def _summary(*keys: str) -> Steps:
    async def steps(pilot: Pilot[None]) -> None:
        vault = pilot.app.services.vault  # type: ignore[attr-defined]
        pilot.app.push_screen(SummaryScreen(vault.load_session("s5")))
        await _press(pilot, *keys)

    return steps


async def _themes(pilot: Pilot[None]) -> None:
    pilot.app.action_change_theme()  # what the palette's Theme command does
    await settle(pilot)


def _history() -> Steps:
    async def steps(pilot: Pilot[None]) -> None:
        from screens.history import HistoryScreen

        pilot.app.push_screen(HistoryScreen(PROJECT))
        await settle(pilot)

    return steps


@dataclass(frozen=True)
class Stop:
    """Where the journey stops: which services and what to do from the first screen."""

    services: str  # "new", "locked", "seeded" or "plain"
    steps: Callable[[FakeClock], Steps | None]
    payload: bool = False  # the screen frames the bytes a share sends (data, not interface)


def _keys(*keys: str) -> Callable[[FakeClock], Steps]:
    return lambda clock: lambda pilot: _press(pilot, *keys)


def _then(*parts: Callable[[Pilot[None]], Awaitable[None]]) -> Callable[[FakeClock], Steps]:
    async def steps(pilot: Pilot[None]) -> None:
        for part in parts:
            await part(pilot)

    return lambda clock: steps


STOPS: dict[str, Stop] = {
    "create_vault": Stop("new", _keys(*TYPED[0])),
    "recovery_key": Stop(
        "new",
        _then(
            lambda p: _fill(p, passphrase=PASSPHRASE, again=PASSPHRASE),
            lambda p: _press(p, "enter", "enter"),
        ),
    ),
    "unlock_wrong_passphrase": Stop("locked", _keys(*TYPED[1], "enter")),
    "recover": Stop(
        "locked",
        _then(
            _open_recovery,
            lambda p: _fill(p, **{"recovery-input": "ABCD EFGH"}),
            lambda p: _press(p, "enter", *"ljuslykta"),
        ),
    ),
    "home": Stop("seeded", lambda clock: None),
    "plan": Stop("seeded", _then(lambda p: _press(p, "n"), lambda p: type_text(p, TYPED[2]))),
    "plan_errors": Stop("seeded", lambda clock: _plan_errors),
    "follow_up": Stop("seeded", lambda clock: _follow_up),
    "run_notes": Stop("seeded", lambda clock: _run(clock)),
    "run_ratings": Stop("seeded", _ratings),
    "run_actions": Stop("seeded", _actions),
    "run_parking_lot": Stop("seeded", _parking_lot),
    "run_times_up": Stop("seeded", lambda clock: _run(clock, later=6)),
    "presenter": Stop("seeded", lambda clock: _run(clock, "f2", "right")),
    "rebalance": Stop("seeded", lambda clock: _run(clock, "ctrl+w", later=7.5)),
    "summary": Stop("seeded", lambda clock: _summary()),
    "export_dialog": Stop("seeded", lambda clock: _summary("e", "down", "down", "enter")),
    "export_warning": Stop("seeded", lambda clock: _summary("e", "ctrl+s")),
    "sync_preview": Stop("seeded", lambda clock: _summary("s"), payload=True),
    "network": Stop("seeded", _keys("w")),
    "history": Stop("seeded", lambda clock: _history()),
    "help": Stop("seeded", _keys("f1")),
    "command_palette": Stop("seeded", _keys("ctrl+p")),
    "theme_palette": Stop("seeded", lambda clock: _themes),
    "lock": Stop("seeded", _keys("ctrl+l")),
    "run_plain": Stop("plain", lambda clock: _run(clock, "ctrl+t")),
    "run_undo": Stop("seeded", lambda clock: _run(clock, "f9")),
    "finish_question": Stop("seeded", lambda clock: _run(clock, "f9", "f9", "f9", "f9")),
    "run_help": Stop("seeded", lambda clock: _run(clock, "f1")),
}


def _services(kind: str, clock: FakeClock) -> Services:
    if kind == "locked":
        return make_services(clock, language="sv")
    return swedish_services(clock, exists=kind != "new", plain=kind == "plain")


def _snapshot(
    snap_compare: Any, app: Any, size: tuple[int, int], steps: Steps | None
) -> tuple[bool, str]:
    """Compare the screen after `steps` with its snapshot; also return it as plain text."""
    seen: list[str] = []

    async def before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if steps is not None:
            await steps(pilot)
            await settle(pilot)
        seen.append(plain_screen_text(pilot.app))

    matched = bool(snap_compare(app, terminal_size=size, run_before=before))
    return matched, seen[-1]


@pytest.fixture(autouse=True)
def fixed_home(monkeypatch: pytest.MonkeyPatch) -> None:
    """The export dialog's default folder, and a free path for its plaintext warning."""
    monkeypatch.setenv("HOME", "/home/ingrid")
    monkeypatch.setattr(export_dialog, "check_target", lambda path, vault: TargetChecked(path))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("stop", list(STOPS))
def test_swedish_journey(
    snap_compare: Any, clock: FakeClock, stop: str, size: tuple[int, int]
) -> None:
    """Each screen in Swedish looks as it did, and no English interface text is on it."""
    spec = STOPS[stop]
    app = make_app(_services(spec.services, clock))
    matched, text = _snapshot(snap_compare, app, size, spec.steps(clock))
    text = without_payload(text) if spec.payload else text
    assert english_in(text, seeded_text()) == [], text
    assert matched


def test_the_check_sees_english_and_passes_swedish() -> None:
    """The leak check is not blind: English lines, raw ids and Textual's own text are found."""
    english = "n New session  r Resume │ Unlock your\n│ sessions  🔎 Search for commands…"
    assert {"New session", "Unlock your sessions", "Search for commands"} <= set(
        english_in(english, [])
    )
    assert english_in("Personal  users_relatives", []) == ["users_relatives"]
    swedish = "n Nytt samtal  r Fortsätt  Lås upp dina samtal  🔎 Sök efter ett kommando …"
    assert english_in(swedish + " " + KICK_OFF, [KICK_OFF]) == []


def test_swedish_too_small(snap_compare: Any, clock: FakeClock) -> None:
    """Below 80x24 the polite notice is in Swedish too."""
    app = make_app(swedish_services(clock))
    matched, text = _snapshot(snap_compare, app, (70, 20), None)
    assert english_in(text, seeded_text()) == [], text
    assert matched


# `facilitator --lang sv`: the real command-line path to the first screen --------------------

_LANGUAGE_VARIABLES = ("FACILITATOR_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def _tui_services(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    clock: FakeClock,
    argv: list[str],
    environ: dict[str, str],
    saved: str | None = None,
) -> Services:
    """Run `facilitator <argv>` up to the TUI and return the services it would start with."""
    from facilitator.cli import compose
    from facilitator.cli.main import main

    for name in _LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    config = tmp_path / "config"
    if saved is not None:
        config.mkdir()
        (config / "settings.toml").write_text(f'language = "{saved}"\n', encoding="utf-8")
    built: list[Services] = []

    def run_tui(args: Any, ctx: Any) -> int:
        built.append(compose.build_services(args, ctx, clock))
        return 0

    monkeypatch.setattr(compose, "run_tui", run_tui)
    places = ["--vault", str(tmp_path / "vault"), "--config", str(config)]
    assert main([*places, *argv]) == 0
    return built[0]


async def _first_screen_text(services: Services) -> str:
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        return plain_screen_text(app)


def test_lang_sv_opens_the_swedish_interface(
    snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    """`facilitator --lang sv` with a fresh vault: Swedish whatever was saved and the locale say."""
    environ = {"LANG": "en_GB.UTF-8"}
    services = _tui_services(tmp_path, monkeypatch, clock, ["--lang", "sv"], environ, saved="en")
    assert services.settings.language == "sv"
    assert not services.vault_exists()
    matched, text = _snapshot(snap_compare, make_app(services), (100, 30), None)
    assert "Välkommen – skydda dina samtal" in text
    assert english_in(text, []) == [], text
    assert matched


@pytest.mark.parametrize(("saved", "locale"), [("sv", "en_US.UTF-8"), ("en", "sv_SE.UTF-8")])
async def test_the_saved_setting_comes_before_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock, saved: str, locale: str
) -> None:
    services = _tui_services(tmp_path, monkeypatch, clock, [], {"LC_ALL": locale}, saved=saved)
    assert services.settings.language == saved
    text = await _first_screen_text(services)
    welcome = "Välkommen – skydda dina samtal" if saved == "sv" else "Welcome: protect"
    assert welcome in text


async def test_the_locale_when_nothing_is_chosen_or_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    services = _tui_services(tmp_path, monkeypatch, clock, [], {"LANG": "sv_SE.UTF-8"})
    assert services.settings.language == "sv"
    assert "Välkommen – skydda dina samtal" in await _first_screen_text(services)
