"""Provides the encrypted vault: sessions and small documents in AES-256-GCM sealed TinyDB files.

Everything a facilitator writes about real people is stored here and nowhere else. The names
below load on first use, so checking for a vault (facilitator.vault.layout) before the unlock
screen imports no cryptography.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from facilitator.vault.kdf import KdfParams
    from facilitator.vault.model import SessionSummary, VaultProblem
    from facilitator.vault.vault import Vault

__all__ = ["KdfParams", "SessionSummary", "Vault", "VaultProblem"]

_HOMES = {
    "KdfParams": "facilitator.vault.kdf",
    "SessionSummary": "facilitator.vault.model",
    "Vault": "facilitator.vault.vault",
    "VaultProblem": "facilitator.vault.model",
}


def __getattr__(name: str) -> Any:
    """Import one of the package's names from its module when it is first asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value
