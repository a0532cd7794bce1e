"""Provides the encrypted vault: sessions and small documents in AES-256-GCM sealed TinyDB files.

Everything a facilitator writes about real people is stored here and nowhere else.
"""

from facilitator.vault.kdf import KdfParams
from facilitator.vault.model import SessionSummary, VaultProblem
from facilitator.vault.vault import Vault

__all__ = ["KdfParams", "SessionSummary", "Vault", "VaultProblem"]
