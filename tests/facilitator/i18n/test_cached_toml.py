"""The TOML cache: the files stay the one source; a cache is used only while it matches them."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from facilitator.i18n.cached_toml import cache_path, load_toml
from facilitator.i18n.catalog import flatten
from facilitator.i18n.languages import ENTRY_FILE, entries

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _caches_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Write caches here even where the test run switches bytecode writing off."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def _write(path: Path, text: str, mtime_ns: int) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime_ns, mtime_ns))


def test_a_file_is_parsed_once_and_then_read_from_its_cache(tmp_path: Path) -> None:
    path = tmp_path / "app.toml"
    _write(path, '[home]\ntitle = "Sessions"\n', 1_000_000_000)
    assert load_toml(path) == {"home": {"title": "Sessions"}}
    cached = json.loads(cache_path(path).read_text(encoding="utf-8"))
    assert cached["table"] == {"home": {"title": "Sessions"}}
    assert cache_path(path).parent == tmp_path / "__pycache__"
    # A cache that matches the file's stamp is what is read: change only the cache to see it.
    cached["table"] = {"home": {"title": "from the cache"}}
    cache_path(path).write_text(json.dumps(cached), encoding="utf-8")
    assert load_toml(path) == {"home": {"title": "from the cache"}}


def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "app.toml"
    _write(path, 'title = "One"\n', 1_000_000_000)
    assert load_toml(path) == {"title": "One"}
    _write(path, 'title = "Two"\n', 1_000_000_000)  # same size and time: cache still used
    assert load_toml(path) == {"title": "One"}
    os.utime(path, ns=(2_000_000_000, 2_000_000_000))  # an edit moves the modification time
    assert load_toml(path) == {"title": "Two"}
    _write(path, 'title = "Three!"\n', 2_000_000_000)  # or the size
    assert load_toml(path) == {"title": "Three!"}


def test_a_broken_or_foreign_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "app.toml"
    _write(path, 'title = "One"\n', 1_000_000_000)
    cache_path(path).parent.mkdir()
    for garbage in (b"\x00\xff not json", b"[1, 2]", b'{"stamp": [1, 2, 3], "table": {}}'):
        cache_path(path).write_bytes(garbage)
        assert load_toml(path) == {"title": "One"}
    assert json.loads(cache_path(path).read_bytes())["table"] == {"title": "One"}


def test_an_unwritable_folder_or_switched_off_writing_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "app.toml"
    _write(path, 'title = "One"\n', 1_000_000_000)
    (tmp_path / "__pycache__").write_text("a file where the cache folder would go")
    assert load_toml(path) == {"title": "One"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["__pycache__", "app.toml"]
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    _write(other / "app.toml", 'title = "Two"\n', 1_000_000_000)
    assert load_toml(other / "app.toml") == {"title": "Two"}
    assert not (other / "__pycache__").exists()


def test_invalid_toml_raises_and_what_json_cannot_hold_is_not_cached(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('title = "unterminated\n', encoding="utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        load_toml(broken)
    dated = tmp_path / "dated.toml"
    dated.write_text("day = 2026-12-06\n", encoding="utf-8")
    assert load_toml(dated) == {"day": datetime.date(2026, 12, 6)}
    assert not cache_path(broken).exists() and not cache_path(dated).exists()


def test_every_shipped_catalog_reads_the_same_through_its_cache(tmp_path: Path) -> None:
    for item in entries():
        copy = Path(shutil.copytree(item.catalog, tmp_path / item.code))  # the tree stays clean
        for path in sorted(copy.glob("*.toml")):
            from_toml = tomllib.loads(path.read_text(encoding="utf-8"))
            assert load_toml(path) == from_toml, path  # parsed, or from a fresh cache
            assert load_toml(path) == from_toml, path  # from the cache just written
            if path.name != ENTRY_FILE:
                assert flatten(load_toml(path)) == flatten(from_toml)


def test_a_fresh_cache_is_read_without_loading_the_toml_parser(tmp_path: Path) -> None:
    path = tmp_path / "app.toml"
    _write(path, 'title = "One"\n', 1_000_000_000)
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from facilitator.i18n.cached_toml import load_toml\n"
        f"table = load_toml(Path({str(path)!r}))\n"
        "print(table['title'], 'tomllib' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["One True", "One False"]
