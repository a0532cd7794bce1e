"""Provides Argon2id key derivation with parameters that never fall below a safe minimum.

The parameters live in the vault header, so a vault made on a fast machine opens on a slow one.
"""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass
from typing import ClassVar

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

KEY_BYTES = 32
SALT_BYTES = 16
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB: above this a header is refused as implausible
MAX_ITERATIONS = 64
MAX_LANES = 16
CALIBRATION_MEMORY_CAP_KIB = 256 * 1024  # beyond this, add iterations instead of memory


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters, stored in the vault header."""

    memory_kib: int
    iterations: int
    lanes: int

    MINIMUM: ClassVar[KdfParams]

    def is_below_minimum(self) -> bool:
        """True when any parameter is weaker than `MINIMUM`; such headers are refused."""
        m = KdfParams.MINIMUM
        return self.memory_kib < m.memory_kib or self.iterations < m.iterations or self.lanes < 1

    def is_implausible(self) -> bool:
        """True when a parameter is so large that deriving would exhaust the machine."""
        return (
            self.memory_kib > MAX_MEMORY_KIB
            or self.iterations > MAX_ITERATIONS
            or self.lanes > MAX_LANES
            or self.memory_kib < 8 * self.lanes
        )

    def derive(self, secret: str, salt: bytes) -> bytes:
        """A 256-bit key from a passphrase (NFC-normalised, so every keyboard types the same)."""
        if self.is_below_minimum():
            raise ValueError("key-derivation parameters below the minimum")
        normalised = unicodedata.normalize("NFC", secret).encode("utf-8")
        kdf = Argon2id(
            salt=salt,
            length=KEY_BYTES,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(normalised)

    def timed(self) -> float:
        """Seconds one derivation takes on this machine."""
        start = time.perf_counter()
        self.derive("calibration passphrase", b"\x00" * SALT_BYTES)
        return time.perf_counter() - start

    @classmethod
    def calibrate(cls, target_seconds: float = 0.5) -> KdfParams:
        """Parameters from the minimum upward so one derivation takes about `target_seconds`."""
        base = cls.MINIMUM
        elapsed = base.timed()
        factor = target_seconds / max(elapsed, 1e-6)
        if factor <= 1.0:
            return base
        memory = min(int(base.memory_kib * factor), CALIBRATION_MEMORY_CAP_KIB)
        memory = max(base.memory_kib, memory - memory % 1024)
        remaining = factor * base.memory_kib / memory
        iterations = max(base.iterations, round(base.iterations * remaining))
        return cls(memory_kib=memory, iterations=min(iterations, MAX_ITERATIONS), lanes=base.lanes)


KdfParams.MINIMUM = KdfParams(memory_kib=64 * 1024, iterations=3, lanes=1)
