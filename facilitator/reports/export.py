"""Provides `write_export`, the one way a session leaves the vault as plaintext.

It renders md, html, csv or json, refuses any path inside the vault directory and
writes atomically (temporary file in the target folder, then rename) with mode 0600.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from pathlib import Path

from facilitator.codec import export_session_json
from facilitator.errors import InvalidInput, os_reason
from facilitator.esther import EstherCard, card_to_dict
from facilitator.reports.csv_export import session_csv
from facilitator.reports.html import session_html
from facilitator.reports.markdown import session_markdown
from facilitator.session import Session

FORMATS = ("md", "html", "csv", "json")
UTF8_BOM = b"\xef\xbb\xbf"
PLAINTEXT_WARNING = "exports are not encrypted: {path} will hold the session's notes as plain text"


class ExportRefused(InvalidInput):
    """An export was asked for somewhere it must not go, or in an unknown format."""


def render_export(
    session: Session, fmt: str, *, bom: bool = False, esther: EstherCard | None = None
) -> bytes:
    """The export of `session` in `fmt` as UTF-8 bytes; `bom` prefixes a byte-order mark (CSV).

    `esther` is the improvement work's Esther card, included (md, html, json) only when the
    facilitator asked for it; CSV holds the session's rows only.
    """
    # md and html are reports for people: dates and decimals in the session's language.
    # csv and json are for machines: ISO 8601 dates and dot decimals. json is the complete
    # session (it is imported again), so unlike the reports it withholds nothing.
    renderers = {
        "md": session_markdown,
        "html": session_html,
        "csv": session_csv,
        "json": export_session_json,
    }
    if fmt not in renderers:
        raise ExportRefused("errors.export.unknown_format", format=fmt, choices=", ".join(FORMATS))
    if esther is not None and not esther.empty and fmt in ("md", "html"):
        text = (session_markdown if fmt == "md" else session_html)(session, esther)
    elif esther is not None and not esther.empty and fmt == "json":
        document = json.loads(export_session_json(session))
        document["esther"] = card_to_dict(esther)
        text = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    else:
        text = renderers[fmt](session)
    data = text.encode("utf-8")
    return UTF8_BOM + data if bom else data


def ensure_outside(path: Path, vault_dir: Path | None) -> None:
    """Refuse a target inside the vault directory, where only ciphertext may live."""
    if vault_dir is None:
        return
    target = path.expanduser().resolve()
    vault = vault_dir.expanduser().resolve()
    if target == vault or vault in target.parents:
        raise ExportRefused("errors.export.inside_vault", path=path, vault=vault_dir)


def _is_special_file(path: Path) -> bool:
    """True for an existing device, pipe or socket: written in place, never renamed over."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically with owner-only permissions (0600)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportRefused("errors.export.no_folder", path=path, folder=folder)
    if _is_special_file(path):
        with open(path, "wb") as device:
            device.write(data)
        return
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def write_export(
    session: Session,
    fmt: str,
    path: Path,
    *,
    vault_dir: Path | None,
    bom: bool = False,
    esther: EstherCard | None = None,
) -> Path:
    """Render and write one export; refuses the vault directory. The caller warns first."""
    data = render_export(session, fmt, bom=bom, esther=esther)
    return write_plaintext(path, data, vault_dir=vault_dir)


def write_plaintext(path: Path, data: bytes, *, vault_dir: Path | None) -> Path:
    """Write rendered export bytes outside the vault; a disk failure is one ExportRefused line."""
    ensure_outside(path, vault_dir)
    try:
        write_private(path, data)
    except OSError as error:
        raise ExportRefused(
            "errors.export.write_failed", path=path, reason=os_reason(error)
        ) from None
    return path
