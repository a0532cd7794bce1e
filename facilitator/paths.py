"""Provides every path facilitator uses, created on demand and overridable.

One module decides where data lives, so tests point it at a temporary directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "facilitator"


@dataclass(frozen=True)
class Locations:
    """Where the vault and the user's configuration live."""

    vault: Path
    config: Path

    @property
    def user_templates(self) -> Path:
        """The folder of the user's own templates."""
        return self.config / "templates"

    @property
    def high_water_file(self) -> Path:
        """The newest index save seen per vault, kept outside the vault to detect rollback."""
        return self.config / "high-water.json"

    @property
    def settings_file(self) -> Path:
        """Plain, non-secret preferences (language, accessible mode); never user content."""
        return self.config / "settings.toml"

    @classmethod
    def resolve(
        cls,
        vault: str | os.PathLike[str] | None = None,
        config: str | os.PathLike[str] | None = None,
        environ: dict[str, str] | None = None,
    ) -> Locations:
        """Locations from flags, then FACILITATOR_VAULT / FACILITATOR_CONFIG, then platform dirs."""
        env = dict(os.environ) if environ is None else environ
        vault_path = vault or env.get("FACILITATOR_VAULT") or platformdirs.user_data_dir(APP_NAME)
        config_path = (
            config or env.get("FACILITATOR_CONFIG") or platformdirs.user_config_dir(APP_NAME)
        )
        return cls(vault=Path(vault_path).expanduser(), config=Path(config_path).expanduser())
