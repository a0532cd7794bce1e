"""Provides `write_export`, the one way a session leaves the vault as plaintext.

It renders md, html, csv or json and hands the bytes to `write_plaintext` of the vault
layer, which refuses any path inside the vault directory and writes atomically with mode 0600.
"""

from __future__ import annotations

import json
from pathlib import Path

from facilitator.codec import export_session_json
from facilitator.esther import EstherCard, card_to_dict
from facilitator.reports.csv_export import session_csv
from facilitator.reports.html import session_html
from facilitator.reports.markdown import session_markdown
from facilitator.session import Session
from facilitator.vault.files import ExportRefused, write_plaintext

FORMATS = ("md", "html", "csv", "json")
UTF8_BOM = b"\xef\xbb\xbf"
PLAINTEXT_WARNING = "exports are not encrypted: {path} will hold the session's notes as plain text"


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
