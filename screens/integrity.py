"""Provides the app's side of visible recovery: warnings about earlier saves, never silence.

When the vault served a file from its previous save, the user is told before editing: the
index on the home screen as a lasting notice, a session in a question before it opens.
"""

from __future__ import annotations

from facilitator.terminal import printable
from facilitator.vault import Vault


def fresh_warnings(vault: Vault, language: str) -> tuple[str, ...]:
    """Warnings about earlier saves the app has not shown yet, printable, in `language`."""
    return tuple(printable(notice.render(language)) for notice in vault.unannounced())
