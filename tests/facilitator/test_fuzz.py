"""Fuzzing of every parser that reads untrusted bytes: only the documented one-line errors.

Hypothesis runs derandomized (a fixed seed) with a bounded number of examples, so CI always
runs the same inputs in bounded time. Inputs are valid files with bytes flipped, cut,
inserted or replaced, plus arbitrary data.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.backup import Credentials, create_backup, verify_backup
from facilitator.codec import export_session_json, import_session_json
from facilitator.errors import FacilitatorError
from facilitator.templates.files import read_template_file
from facilitator.vault import KdfParams, Vault
from facilitator.vault.crypto import FileAddress, FileCipher, FileKind, SealError, subkey
from facilitator.vault.header import HEADER_NAME, parse_header
from tests.facilitator.fixtures import sample_session

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "fuzzing passphrase"


def _make() -> tuple[bytes, bytes]:
    """A real vault header and backup, made once (one key derivation each)."""
    with tempfile.TemporaryDirectory() as temp:
        directory = Path(temp) / "vault"
        vault, _ = Vault.create(directory, PASSPHRASE, kdf=KdfParams.MINIMUM)
        with vault:
            vault.save_session(sample_session())
        create_backup(directory, Credentials(PASSPHRASE), Path(temp) / "b.fcvbak")
        return (directory / HEADER_NAME).read_bytes(), (Path(temp) / "b.fcvbak").read_bytes()


HEADER, BACKUP = _make()
CIPHER = FileCipher(subkey(bytes(32), "files"))
ADDRESS = FileAddress(bytes(16), FileKind.SESSION, bytes(range(16)))
SEALED = CIPHER.seal(ADDRESS, b'{"session":{}}')
EXPORT = export_session_json(sample_session()).encode("utf-8")
TEMPLATE = (ROOT / "facilitator/templates/shipped/ladder.toml").read_bytes()


def mutated(seed: bytes) -> st.SearchStrategy[bytes]:
    """`seed` with one edit: a flipped byte, a cut, an insertion or a replaced run."""
    position = st.integers(min_value=0, max_value=max(len(seed) - 1, 0))
    flip = st.tuples(position, st.integers(1, 255)).map(
        lambda p: seed[: p[0]] + bytes([seed[p[0]] ^ p[1]]) + seed[p[0] + 1 :]
    )
    cut = position.map(lambda p: seed[:p])
    insert = st.tuples(position, st.binary(min_size=1, max_size=64)).map(
        lambda p: seed[: p[0]] + p[1] + seed[p[0] :]
    )
    replace = st.tuples(position, st.binary(min_size=1, max_size=16)).map(
        lambda p: seed[: p[0]] + p[1] + seed[p[0] + len(p[1]) :]
    )
    return st.one_of(flip, cut, insert, replace, st.binary(max_size=256))


def _one_line(error: FacilitatorError) -> None:
    message = str(error)
    assert message and "\n" not in message and "Traceback" not in message


@FUZZ
@given(mutated(HEADER))
def test_header_parser(raw: bytes) -> None:
    try:
        parse_header(raw, Path(HEADER_NAME))
    except FacilitatorError as error:
        _one_line(error)


@FUZZ
@given(mutated(SEALED))
def test_file_decryption(blob: bytes) -> None:
    try:
        assert CIPHER.open(ADDRESS, blob) == b'{"session":{}}'
        assert blob == SEALED
    except SealError as error:
        assert "\n" not in str(error.reason)


@settings(FUZZ, max_examples=40)  # each example with an intact header derives a key
@given(mutated(BACKUP))
def test_backup_verification(blob: bytes) -> None:
    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / "b.fcvbak"
        path.write_bytes(blob)
        try:
            verify_backup(path, Credentials(PASSPHRASE))
            assert blob == BACKUP
        except FacilitatorError as error:
            _one_line(error)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=20,
)


@FUZZ
@given(st.one_of(mutated(EXPORT), JSON_VALUES.map(lambda v: json.dumps(v).encode())))
def test_json_import(raw: bytes) -> None:
    try:
        import_session_json(raw, "import.json")
    except FacilitatorError as error:
        _one_line(error)


@FUZZ
@given(mutated(TEMPLATE))
def test_template_toml(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / "template.toml"
        path.write_bytes(raw)
        template, problems = read_template_file(path)
    assert template is not None or problems
    for problem in problems:
        assert "\n" not in problem.format("en")
