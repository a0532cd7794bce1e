"""A language added from a folder alone: registered, it speaks in the CLI help and on screen.

The pseudo-language `xx` is English with accented letters between guillemets, so every
string that reaches the user through the catalog is recognisable at a glance.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.clock import FakeClock
from facilitator.i18n import language_codes, load_catalog, native_names, translator
from facilitator.i18n.catalog import flatten
from facilitator.i18n.format import format_date, format_number
from facilitator.i18n.languages import ENTRY_FILE, entry, register_folder, unregister
from facilitator.settings import load_settings

LOCALE = Path(__file__).resolve().parent.parent / "facilitator" / "i18n" / "locale"
ACCENTS = str.maketrans("aeiouAEIOUnNcCsSyY", "áéíóúÁÉÍÓÚñÑçÇšŠýÝ")
# Placeholders, Rich markup and code spans pass through unchanged, so they keep working.
UNTOUCHED = re.compile(r"(\{[^{}]*\}|\[[^\[\]]*\]|`[^`]*`|%\([a-z_]+\)[sd]|%[sd])")

ENTRY = """code = "xx"
native_name = "Pšéúdó"

[formats]
months = ["Jáñ", "Féb", "Már", "Ápr", "Máý", "Júñ", "Júl", "Áúg", "Šép", "Óçt", "Ñóv", "Déç"]
hour_unit = "ĥ"
datetime_separator = " @ "
decimal_mark = "·"
group_separator = "'"
"""


def pseudo(text: str) -> str:
    """English made recognisable: accented letters between guillemets, parameters kept."""
    parts = UNTOUCHED.split(text)
    return "«" + "".join(p if UNTOUCHED.fullmatch(p) else p.translate(ACCENTS) for p in parts) + "»"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_pseudo_language(folder: Path) -> Path:
    """A language folder for `xx`: its registry entry and a catalog copied from English."""
    folder.mkdir()
    (folder / ENTRY_FILE).write_text(ENTRY, encoding="utf-8")
    for english in sorted((LOCALE / "en").glob("*.toml")):
        if english.name == ENTRY_FILE:
            continue
        keys = flatten(tomllib.loads(english.read_text("utf-8")))
        lines = [f"{_quoted(key)} = {_quoted(pseudo(text))}" for key, text in keys.items()]
        (folder / english.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def xx(tmp_path: Path) -> Iterator[str]:
    """The pseudo-language, registered from a temporary folder for the length of a test."""
    register_folder(write_pseudo_language(tmp_path / "xx"))
    try:
        yield "xx"
    finally:
        unregister("xx")


def test_the_folder_registers_a_language(xx: str, tmp_path: Path) -> None:
    assert language_codes()[-1] == xx
    assert native_names()[xx] == "Pšéúdó"
    assert translator(xx).language == xx
    assert translator(xx).t("home.title") == pseudo("Sessions")
    assert load_catalog(xx)["vocab.note_kind.parking_lot"] == pseudo("Parking lot")
    assert load_catalog(xx)["run.kind.parking_lot"] == pseudo("Parking lot")  # an alias
    assert entry(xx).formats.hour_unit == "ĥ"
    assert format_number(1234.5, xx, 1) == "1'234·5"
    assert format_date(FakeClock().now().date(), xx).split()[1] in entry(xx).formats.months
    (tmp_path / "settings.toml").write_text(f'language = "{xx}"\n', encoding="utf-8")
    assert load_settings(tmp_path / "settings.toml").language == xx


def test_unregistered_it_is_gone(tmp_path: Path) -> None:
    register_folder(write_pseudo_language(tmp_path / "xx"))
    unregister("xx")
    assert "xx" not in language_codes()
    assert translator("xx").language == "en"
    with pytest.raises(KeyError):
        load_catalog("xx")


def test_cli_help_in_the_pseudo_language(
    xx: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from facilitator.cli.main import main

    monkeypatch.setenv("FACILITATOR_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("FACILITATOR_VAULT", str(tmp_path / "vault"))
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "FACILITATOR_LANG"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(SystemExit) as exited:
        main(["--lang", xx, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    english = load_catalog("en")
    for key in ("cli.help.description", "cli.help.vault", "cli.help.init"):
        assert pseudo(english[key]) in out, key
    assert "{en,sv,xx}" in out  # `--lang` offers every registered language
    assert "show this help" not in out


async def test_a_screen_in_the_pseudo_language(xx: str) -> None:
    from tests.screens.conftest import make_services
    from tests.screens.helpers import plain_screen_text, started

    english = load_catalog("en")
    async with started(make_services(FakeClock(), language=xx)) as (app, _pilot):
        assert type(app.screen).__name__ == "UnlockScreen"
        text = plain_screen_text(app)
    for key in ("unlock.title", "unlock.forgot"):
        assert pseudo(english[key]) in text, key
    assert english["unlock.title"] not in text
