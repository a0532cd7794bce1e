"""Provides the vault's file names and whether a folder holds a vault, without cryptography.

The app asks whether a vault exists before its first screen; this answers without loading
the vault's modules.
"""

from __future__ import annotations

from pathlib import Path

HEADER_NAME = "vault.json"


def vault_exists(directory: Path) -> bool:
    """True when `directory` holds a vault header."""
    return (Path(directory) / HEADER_NAME).is_file()
