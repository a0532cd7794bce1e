"""Tests of the sealed file codec, key wrapping, recovery keys and KDF parameters."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.vault.crypto import (
    OVERHEAD,
    FileAddress,
    FileCipher,
    FileKind,
    SealError,
    new_recovery_secret,
    parse_recovery_key,
    unwrap_key,
    wrap_key,
)
from facilitator.vault.kdf import KdfParams

KEY = bytes(range(32))
ADDRESS = FileAddress(b"v" * 16, FileKind.SESSION, b"f" * 16)
CIPHER = FileCipher(KEY)


@settings(max_examples=200)
@given(
    plaintext=st.binary(max_size=4096),
    vault_id=st.binary(min_size=16, max_size=16),
    file_id=st.binary(min_size=16, max_size=16),
    kind=st.sampled_from(list(FileKind)),
)
def test_seal_then_open_round_trips(
    plaintext: bytes, vault_id: bytes, file_id: bytes, kind: FileKind
) -> None:
    address = FileAddress(vault_id, kind, file_id)
    blob = CIPHER.seal(address, plaintext)
    assert len(blob) == len(plaintext) + OVERHEAD
    assert CIPHER.open(address, blob) == plaintext


@given(text=st.text(max_size=500))
def test_unicode_text_round_trips(text: str) -> None:
    blob = CIPHER.seal(ADDRESS, text.encode("utf-8"))
    assert CIPHER.open(ADDRESS, blob).decode("utf-8") == text


def test_every_write_uses_a_fresh_nonce() -> None:
    blobs = {CIPHER.seal(ADDRESS, b"same") for _ in range(50)}
    assert len(blobs) == 50


def test_every_flipped_byte_is_detected() -> None:
    blob = CIPHER.seal(ADDRESS, b"a short note about Esther")
    for position in range(len(blob)):
        damaged = bytearray(blob)
        damaged[position] ^= 0x01
        with pytest.raises(SealError):
            CIPHER.open(ADDRESS, bytes(damaged))


@pytest.mark.parametrize(
    "other",
    [
        FileAddress(b"w" * 16, FileKind.SESSION, b"f" * 16),
        FileAddress(b"v" * 16, FileKind.DOCUMENT, b"f" * 16),
        FileAddress(b"v" * 16, FileKind.SESSION, b"g" * 16),
    ],
)
def test_a_file_opened_under_another_name_is_refused(other: FileAddress) -> None:
    with pytest.raises(SealError):
        CIPHER.open(other, CIPHER.seal(ADDRESS, b"x"))


@pytest.mark.parametrize("size", [0, 1, OVERHEAD - 1])
def test_truncated_blobs_are_refused(size: int) -> None:
    with pytest.raises(SealError):
        CIPHER.open(ADDRESS, CIPHER.seal(ADDRESS, b"hello")[:size])


def test_wrong_key_is_refused() -> None:
    with pytest.raises(SealError, match="authentication failed"):
        FileCipher(os.urandom(32)).open(ADDRESS, CIPHER.seal(ADDRESS, b"x"))


def test_key_wrap_round_trips_and_binds_context() -> None:
    data_key, kek = os.urandom(32), os.urandom(32)
    wrapped = wrap_key(kek, data_key, b"ctx")
    assert unwrap_key(kek, wrapped, b"ctx") == data_key
    assert unwrap_key(kek, wrapped, b"other") is None
    assert unwrap_key(os.urandom(32), wrapped, b"ctx") is None


def test_recovery_key_has_at_least_128_bits_and_tolerates_typing() -> None:
    secret, text = new_recovery_secret()
    assert len(secret) * 8 >= 128
    groups = text.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert parse_recovery_key(text) == secret
    assert parse_recovery_key(" ".join(groups).lower()) == secret
    assert parse_recovery_key(text.replace("-", "")) == secret
    assert parse_recovery_key(text[:-1]) is None
    assert parse_recovery_key("not a key") is None


def test_kdf_minimum_is_64_mib_3_iterations() -> None:
    assert KdfParams(64 * 1024, 3, 1) == KdfParams.MINIMUM
    assert KdfParams(32 * 1024, 3, 1).is_below_minimum()
    assert KdfParams(64 * 1024, 2, 1).is_below_minimum()
    with pytest.raises(ValueError):
        KdfParams(1024, 1, 1).derive("passphrase", b"s" * 16)


def test_calibrate_never_goes_below_the_minimum() -> None:
    quick = KdfParams.calibrate(target_seconds=0.001)
    assert quick == KdfParams.MINIMUM


def test_calibrate_raises_cost_toward_the_target() -> None:
    params = KdfParams.calibrate(target_seconds=0.5)
    assert not params.is_below_minimum() and not params.is_implausible()
    assert params.memory_kib * params.iterations >= KdfParams.MINIMUM.memory_kib * 3


def test_passphrase_is_normalised_so_every_keyboard_matches() -> None:
    salt = b"s" * 16
    composed, decomposed = "lösenord-café", "lo\u0308senord-cafe\u0301"
    params = KdfParams.MINIMUM
    assert params.derive(composed, salt) == params.derive(decomposed, salt)
