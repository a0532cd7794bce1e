"""Provides how sessions and named documents sit inside their TinyDB files.

A session file holds one table `session` with one document; it is rewritten in one storage write.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB
from tinydb.table import Document

from facilitator.errors import InvalidInput
from facilitator.vault.storage import VaultStorage, damaged

if TYPE_CHECKING:  # the codec loads with the first session read or written, not to list
    from facilitator.session import Session

SESSION_TABLE = "session"
DOCUMENT_TABLE = "document"
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


def open_db(storage: VaultStorage) -> TinyDB:
    """An ordinary TinyDB over an already built vault storage."""
    return TinyDB(storage=lambda: storage)


def check_name(name: str, what: str) -> None:
    """Refuse document and table names outside `^[a-z][a-z0-9_-]{0,31}$`."""
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise InvalidInput(
            f"{what} name {name!r} is not allowed; use 1-32 lowercase letters, digits, _ or -, "
            "starting with a letter"
        )


def _single(storage: VaultStorage, table: str) -> dict[str, Any] | None:
    document = open_db(storage).table(table).get(doc_id=1)
    if document is None:
        return None
    if not isinstance(document, dict):
        raise damaged(storage.display, "several_records", table=table)
    return dict(document)


def _replace(storage: VaultStorage, table: str, data: dict[str, Any]) -> None:
    db = open_db(storage)
    with storage.deferred():
        db.drop_tables()
        db.table(table).insert(Document(data, doc_id=1))


def write_session(storage: VaultStorage, session: Session) -> None:
    """Replace the session file's contents with `session` (one encryption, one fsync)."""
    from facilitator.codec import session_to_dict

    _replace(storage, SESSION_TABLE, session_to_dict(session))


def read_session(storage: VaultStorage, session_id: str | None) -> Session:
    """The session in a file; VaultDamaged when it is absent, invalid or another session."""
    from facilitator.codec import session_from_dict

    data = _single(storage, SESSION_TABLE)
    if data is None:
        raise damaged(storage.display, "no_session")
    try:
        session = session_from_dict(data)
    except InvalidInput as error:
        raise damaged(storage.display, "invalid_contents", detail=error) from None
    if session_id is not None and session.id != session_id:
        raise damaged(storage.display, "other_session")
    return session


def write_document(storage: VaultStorage, name: str, data: dict[str, Any]) -> None:
    """Replace a named document."""
    if not isinstance(data, dict):
        raise InvalidInput(f"document {name!r} must be a JSON object")
    _replace(storage, DOCUMENT_TABLE, {"name": name, "data": data})


def read_document(storage: VaultStorage, name: str | None) -> dict[str, Any]:
    """A named document's data, {} when it has never been saved."""
    record = _single(storage, DOCUMENT_TABLE)
    if record is None:
        if storage.read() is None:
            return {}
        raise damaged(storage.display, "no_document")
    data = record.get("data")
    if not isinstance(data, dict) or (name is not None and record.get("name") != name):
        raise damaged(storage.display, "other_document")
    return data
