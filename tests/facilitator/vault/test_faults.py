"""A save that fails at the OS boundary (disk full, read-only) keeps the previous state readable."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from facilitator.errors import VaultWriteFailed
from facilitator.session import Note
from tests.facilitator.fixtures import sample_session
from tests.facilitator.vault.conftest import Opener, file_hashes


def _failing(code: int) -> Callable[..., Any]:
    def fail(*args: object, **kwargs: object) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("target", "code", "reason"),
    [
        ("write", errno.ENOSPC, "the disk is full"),
        ("fsync", errno.ENOSPC, "the disk is full"),
        ("open", errno.EROFS, "the disk is read-only"),
        ("replace", errno.EROFS, "the disk is read-only"),
        ("link", errno.EIO, "an input/output error"),
    ],
)
@pytest.mark.parametrize("what", ["session", "new session", "document"])
def test_failed_save_keeps_previous_state(
    vault_dir: Path,
    open_vault: type[Opener],
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    code: int,
    reason: str,
    what: str,
) -> None:
    vault = open_vault.at(vault_dir)
    session = sample_session()
    vault.save_session(session)
    vault.save_session(session)  # so a previous generation exists and link() is reached
    vault.save_document("settings", {"v": 1})
    before = file_hashes(vault_dir)
    edited = session.with_note(Note("n9", "resources", "typed just now"))
    if what == "new session":
        edited = replace(edited, id="d" * 32)
    monkeypatch.setattr(os, target, _failing(code))
    with pytest.raises(VaultWriteFailed) as caught:
        if what == "document":
            vault.save_document("settings", {"v": 2})
        else:
            vault.save_session(edited)
    monkeypatch.undo()
    message = str(caught.value)
    assert reason in message and "\n" not in message and "typed just now" not in message
    assert file_hashes(vault_dir) == before  # no temp file left, nothing replaced
    assert vault.load_session(session.id) == session
    assert vault.load_document("settings") == {"v": 1}
    vault.close()
    reopened = open_vault.at(vault_dir)
    assert [s.id for s in reopened.list_sessions()] == [session.id]
    assert reopened.check() == []
    reopened.save_session(edited)  # once the disk is back, the same save succeeds
    assert reopened.load_session(edited.id) == edited


def test_failed_index_write_is_retried_with_the_same_file(
    vault_dir: Path, open_vault: type[Opener], monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = open_vault.at(vault_dir)
    session = sample_session()
    real_open = os.open

    def open_but_not_index(path: str, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        if str(path).endswith(("index.fcv", "index.journal")) and flags & os.O_WRONLY:
            raise OSError(errno.ENOSPC, "full")
        return real_open(path, flags, mode, **kwargs)

    monkeypatch.setattr(os, "open", open_but_not_index)
    with pytest.raises(VaultWriteFailed):
        vault.save_session(session)
    monkeypatch.undo()
    vault.save_session(session)
    assert len(list((vault_dir / "sessions").glob("*.fcv"))) == 1
    assert vault.load_session(session.id) == session
    assert vault.check() == []
