"""Provides a real encrypted vault on disk for run-screen tests, and reopening it as after a crash."""

from __future__ import annotations

from pathlib import Path

from facilitator.clock import FakeClock
from facilitator.session import Session
from facilitator.vault import Vault
from facilitator.vault.kdf import KdfParams

PASSPHRASE = "correct horse battery staple"


def create_vault(directory: Path, clock: FakeClock) -> Vault:
    """A new encrypted vault in `directory` (the smallest key derivation the vault accepts)."""
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=KdfParams.MINIMUM, clock=clock)
    return vault


def reopen(directory: Path, clock: FakeClock, session_id: str) -> Session:
    """The session as a fresh process finds it on disk."""
    with Vault.unlock(directory, PASSPHRASE, clock=clock) as vault:
        return vault.load_session(session_id)
