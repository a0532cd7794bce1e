"""Provides the passphrase strength hint: a rough, honest estimate, not a guarantee."""

from __future__ import annotations

import math
import string

MIN_LENGTH = 8


def strength(passphrase: str) -> int:
    """0 too short, 1 weak, 2 fair, 3 strong; from length, character variety and words."""
    if len(passphrase) < MIN_LENGTH:
        return 0
    pools = [
        (string.ascii_lowercase, 26),
        (string.ascii_uppercase, 26),
        (string.digits, 10),
        (string.punctuation + " ", 33),
    ]
    size = sum(n for chars, n in pools if any(c in chars for c in passphrase))
    size += 40 if any(not c.isascii() for c in passphrase) else 0
    bits = len(set(passphrase)) / max(len(passphrase), 1) * len(passphrase) * math.log2(size)
    words = len([w for w in passphrase.replace("-", " ").split() if len(w) >= 3])
    if bits >= 70 or words >= 4:
        return 3
    if bits >= 45 or words >= 3:
        return 2
    return 1
