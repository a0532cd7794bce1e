"""Provides make_app, the one way to build the app, and in-memory services for tests and demos.

The CLI's composition root and the tests both call make_app, so what is tested is what runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.clock import Clock, SystemClock
from facilitator.errors import VaultExists, VaultNotFound, WrongPassphrase
from screens.services import Services, UiSettings

if TYPE_CHECKING:
    from facilitator.templates.model import Template
    from facilitator.vault import Vault
    from screens.app import FacilitatorApp

MEMORY_RECOVERY_KEY = "MEMORY-RECOVERY-KEY-0000"  # the in-memory vault's fixed recovery key


def _squeezed(key: str) -> str:
    """A typed key without spaces, dashes or case, as the real vault reads it."""
    return "".join(c for c in key.upper() if not c.isspace() and c not in "-_.")


def make_app(services: Services) -> FacilitatorApp:
    """The app, built around `services`."""
    from screens.app import FacilitatorApp

    return FacilitatorApp(services)


def passphrase_checker(directory: Path) -> Callable[[str], None]:
    """Checks a passphrase against the vault header without opening (or locking) the vault."""

    def check(passphrase: str) -> None:
        from facilitator.vault.header import read_header
        from facilitator.vault.keys import unwrap_with_passphrase

        if unwrap_with_passphrase(read_header(directory), passphrase) is None:
            raise WrongPassphrase("the passphrase does not open this vault")

    return check


def builtin_templates(language: str) -> list[Template]:
    """The shipped templates in `language`."""
    from facilitator.templates.builtin import builtin_sources, load_builtin

    return [load_builtin(source.id, language) for source in builtin_sources()]


def memory_services(
    *,
    clock: Clock | None = None,
    settings: UiSettings | None = None,
    templates: Callable[[str], list[Template]] | None = None,
    passphrase: str | None = None,
) -> Services:
    """Services over an in-memory vault; with `passphrase` the vault already exists, locked.

    The vault module is imported on first use, as with a real vault, so startup stays light.
    """
    clock = clock or SystemClock()
    state: dict[str, object] = {}
    if passphrase is not None:
        state["passphrase"] = passphrase

    def opened() -> Vault:
        if "vault" not in state:
            from facilitator.vault import Vault

            state["vault"] = Vault.in_memory(clock=clock)
        return state["vault"]  # type: ignore[return-value]

    def create(secret: str) -> tuple[Vault, str]:
        if "passphrase" in state:
            raise VaultExists("a vault already exists here")
        state["passphrase"] = secret
        return opened(), MEMORY_RECOVERY_KEY

    def unlock(secret: str) -> Vault:
        if secret != state.get("passphrase"):
            raise WrongPassphrase("the passphrase does not open this vault")
        return opened()

    def verify(secret: str) -> None:
        unlock(secret)

    def recover(key: str, new_passphrase: str) -> Vault:
        from facilitator.vault.keys import check_passphrase

        check_passphrase(new_passphrase)
        if "passphrase" not in state:
            raise VaultNotFound("there is no vault to recover yet")
        if _squeezed(key) != _squeezed(MEMORY_RECOVERY_KEY):
            raise WrongPassphrase("the recovery key does not open this vault")
        state["passphrase"] = new_passphrase
        return opened()

    return Services(
        clock=clock,
        settings=settings or UiSettings(),
        vault_dir=None,
        create_vault=create,
        unlock_vault=unlock,
        vault_exists=lambda: "passphrase" in state,
        templates=templates or builtin_templates,
        verify_passphrase=verify,
        recover_vault=recover,
    )
