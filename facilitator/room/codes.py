"""Provides the room's secrets: the join secret, the six-character code and random tokens.

Every value comes from `secrets`, so nothing a participant sees can be guessed from another.
"""

from __future__ import annotations

import base64
import hmac
import secrets
from dataclasses import dataclass
from enum import StrEnum

# No 0/O, 1/I/L: a code read off a projector is typed without guessing.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
SECRET_BYTES = 20  # 160 bits, at least the 128 the join address must carry
MAX_CODE_MISSES = 10  # wrong codes before the code locks until the facilitator makes a new one


def new_secret() -> str:
    """A random join secret: 160 bits as 32 upper-case base32 characters (QR alphanumeric)."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def new_code() -> str:
    """A random six-character room code from an alphabet with no look-alike characters."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    """A random 128-bit token for a device or a vote."""
    return secrets.token_urlsafe(16)


def normalise_code(typed: str) -> str:
    """A typed code as stored: upper case, spaces and dashes dropped."""
    return "".join(c for c in typed.upper() if c not in " -\t")[: CODE_LENGTH * 2]


def format_code(code: str) -> str:
    """A code as shown on the projector: two groups of three ("K7M Q2P")."""
    return f"{code[:3]} {code[3:]}"


def same(given: str, expected: str) -> bool:
    """Whether two secrets match, compared in constant time."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class JoinOutcome(StrEnum):
    """What became of one try to join with the room code."""

    JOINED = "joined"
    WRONG = "wrong"
    LOCKED = "locked"
    FULL = "full"


@dataclass
class CodeLock:
    """Counts wrong codes and locks the code after `limit` of them."""

    limit: int = MAX_CODE_MISSES
    misses: int = 0

    @property
    def locked(self) -> bool:
        """Whether the code takes no more tries."""
        return self.misses >= self.limit

    def miss(self) -> None:
        """Count one wrong code."""
        self.misses += 1
