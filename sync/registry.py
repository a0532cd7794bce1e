"""Provides the client's view of the network's template registry, kept in the vault for offline use.

Preview and approval refuse a session whose template version the network has not registered,
so a facilitator learns before pushing what the network admin must do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from facilitator.anonymize import SummaryRefused
from facilitator.errors import FacilitatorError
from facilitator.outbox import DocumentStore
from facilitator.templates.model import Template
from sync.client import SyncClient

DOCUMENT = "sync_registry"
TemplateKey = tuple[str, int]


def _keys(answer: dict[str, Any]) -> set[TemplateKey] | None:
    """Return the (id, version) pairs of a GET /v1/templates answer; None when unreadable."""
    listed = answer.get("templates")
    if not isinstance(listed, list):
        return None
    keys = set()
    for item in listed:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            version = item.get("version")
            if isinstance(version, int) and not isinstance(version, bool):
                keys.add((item["id"], version))
    return keys


def _cached(store: DocumentStore) -> set[TemplateKey] | None:
    """Return the registry last read from the network, or None when it was never read."""
    data = store.load_document(DOCUMENT) or {}
    return _keys(data) if data else None


def known_templates(
    store: DocumentStore, client: Callable[[], SyncClient]
) -> set[TemplateKey] | None:
    """Return the network's registered template versions (cached when offline), or None."""
    try:
        session_client = client()
        try:
            answer = session_client.templates()
        finally:
            session_client.close()
    except FacilitatorError:
        return _cached(store)
    keys = _keys(answer)
    if keys is None:
        return _cached(store)
    store.save_document(DOCUMENT, {"templates": [{"id": i, "version": v} for i, v in sorted(keys)]})
    return keys


def check_known(template: Template, known: set[TemplateKey] | None) -> None:
    """Refuse a template version the network does not know, naming what its admin must run."""
    if known is not None and (template.id, template.version) not in known:
        raise SummaryRefused(
            "errors.pooling.unknown_template", id=template.id, version=template.version
        )
