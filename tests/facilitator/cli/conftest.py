"""The command-line fixtures (a vault in a temporary folder, one with the demo) for every file here."""

from tests.facilitator.cli.test_cli import env, vault_with_demo

__all__ = ["env", "vault_with_demo"]
