"""Writes the committed vault-file, header and backup test vectors and their manifest.

Run once (`python -m tests.facilitator.vault.vectors.make_vectors`); the files are committed
and checked by test_vectors.py, so a change in the format shows up as a changed outcome.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from facilitator.backup import Credentials, create_backup, verify_backup
from facilitator.errors import FacilitatorError, Text
from facilitator.vault import KdfParams, Vault
from facilitator.vault.crypto import FileAddress, FileCipher, FileKind, SealError, subkey
from facilitator.vault.header import HEADER_NAME, parse_header, read_header
from tests.facilitator.fixtures import sample_session

HERE = Path(__file__).resolve().parent
PASSPHRASE = "vector passphrase"
KEY = bytes(range(32))
VAULT_ID = bytes.fromhex("5ec0de5ec0de5ec0de5ec0de5ec0de00")
FILE_ID = bytes.fromhex("00112233445566778899aabbccddeeff")
OTHER_ID = bytes.fromhex("ffeeddccbbaa99887766554433221100")
PLAIN = b'{"_meta":{"1":{"generation":1}},"session":{"1":{"vector":true}}}'


def _settings() -> dict[str, Any]:
    return {
        "key_hex": KEY.hex(),
        "vault_id_hex": VAULT_ID.hex(),
        "file_id_hex": FILE_ID.hex(),
        "passphrase": PASSPHRASE,
    }


def _reason_key(error: FacilitatorError) -> str:
    """The most specific catalog key of an error: its reason when it has one."""
    if error.text is None:
        return type(error).__name__
    reason = dict(error.text.params).get("reason")
    return reason.key if isinstance(reason, Text) else error.text.key


def outcome(entry: dict[str, object], settings: dict[str, Any]) -> str:
    """What opening one vector gives: "ok", or the catalog key of its one-line error."""
    path = HERE / str(entry["file"])
    try:
        if entry["kind"] == "sealed":
            cipher = FileCipher(subkey(bytes.fromhex(settings["key_hex"]), "files"))
            address = FileAddress(
                bytes.fromhex(settings["vault_id_hex"]),
                FileKind.SESSION,
                bytes.fromhex(settings["file_id_hex"]),
            )
            try:
                cipher.open(address, path.read_bytes())
            except SealError as error:
                return error.reason.key
        elif entry["kind"] == "header":
            parse_header(path.read_bytes(), Path(HEADER_NAME))
        else:
            passphrase = str(entry.get("passphrase", settings["passphrase"]))
            verify_backup(path, Credentials(passphrase))
    except FacilitatorError as error:
        return _reason_key(error)
    return "ok"


def _sealed(manifest: list[dict[str, object]]) -> None:
    cipher = FileCipher(subkey(KEY, "files"))
    address = FileAddress(VAULT_ID, FileKind.SESSION, FILE_ID)
    valid = cipher.seal(address, PLAIN)
    version_at, magic_len = 4, 4
    cases = {
        "valid": valid,
        "truncated": valid[: len(valid) // 2],
        "truncated_prefix": valid[:20],
        "extended": valid + b"\x00extra",
        "swapped": cipher.seal(FileAddress(VAULT_ID, FileKind.SESSION, OTHER_ID), PLAIN),
        "wrong_key": FileCipher(subkey(bytes(32), "files")).seal(address, PLAIN),
        "wrong_header": b"XXXX" + valid[magic_len:],
        "newer_version": valid[:version_at] + b"\x09" + valid[version_at + 1 :],
        "other_vault": cipher.seal(FileAddress(bytes(16), FileKind.SESSION, FILE_ID), PLAIN),
        "empty": b"",
    }
    for name, blob in cases.items():
        (HERE / f"file-{name}.fcv").write_bytes(blob)
        entry: dict[str, object] = {"file": f"file-{name}.fcv", "kind": "sealed"}
        manifest.append({**entry, "expect": outcome(entry, _settings())})


def _vault(root: Path) -> Path:
    directory = root / "vault"
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=KdfParams.MINIMUM)
    with vault:
        vault.save_session(sample_session())
        vault.save_document("settings", {"language": "sv"})
    return directory


def _headers(directory: Path, manifest: list[dict[str, object]]) -> None:
    raw = (directory / HEADER_NAME).read_bytes()
    header = read_header(directory)
    cases = {
        "valid": raw,
        "truncated": raw[: len(raw) // 2],
        "extended": raw + b"{}",
        "checksum": raw.replace(b'"argon2id"', b'"argon2iD"'),
        "newer_version": replace(header, version=99).render(),
        "wrong_header": b"not a header at all",
    }
    for name, blob in cases.items():
        (HERE / f"header-{name}.json").write_bytes(blob)
        entry: dict[str, object] = {"file": f"header-{name}.json", "kind": "header"}
        manifest.append({**entry, "expect": outcome(entry, _settings())})


def _backups(directory: Path, root: Path, manifest: list[dict[str, object]]) -> None:
    valid_path = root / "valid.fcvbak"
    create_backup(directory, Credentials(PASSPHRASE), valid_path)
    valid = valid_path.read_bytes()
    header_len = int.from_bytes(valid[9:13], "big")
    manifest_at = 13 + header_len
    manifest_len = int.from_bytes(valid[manifest_at : manifest_at + 4], "big")
    parts_at = manifest_at + 4 + manifest_len
    parts = valid[parts_at:]
    swapped = valid[:parts_at] + parts[len(parts) // 2 :] + parts[: len(parts) // 2]
    cases = {
        "valid": valid,
        "truncated": valid[: len(valid) - 7],
        "extended": valid + b"\x00",
        "swapped": swapped,
        "wrong_key": valid,
        "wrong_header": b"NOTABACK" + valid[8:],
        "newer_version": valid[:8] + b"\x09" + valid[9:],
    }
    for name, blob in cases.items():
        (HERE / f"backup-{name}.fcvbak").write_bytes(blob)
        entry: dict[str, object] = {"file": f"backup-{name}.fcvbak", "kind": "backup"}
        if name == "wrong_key":
            entry["passphrase"] = "not the vector passphrase"
        manifest.append({**entry, "expect": outcome(entry, _settings())})


def main() -> None:
    """Write every vector and manifest.json next to this file."""
    manifest: list[dict[str, object]] = []
    _sealed(manifest)
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        directory = _vault(root)
        _headers(directory, manifest)
        _backups(directory, root, manifest)
        shutil.rmtree(directory)
    document = {**_settings(), "plaintext": PLAIN.decode(), "vectors": manifest}
    (HERE / "manifest.json").write_text(json.dumps(document, indent=2) + "\n")


if __name__ == "__main__":
    main()
