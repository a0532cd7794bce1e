"""End-to-end first run in tmux against the installed command, as a new user goes through it.

An empty vault, a passphrase typed twice, the recovery key ticked as saved, Tab to Continue
and Enter: the session list must then answer every key (plan, help, quit). This froze once.
"""

from __future__ import annotations

from pathlib import Path

from tests.screens.e2e.test_tmux_journey import PASSPHRASE, Tmux, _command, _env, tmux

__all__ = ["tmux"]  # the fixture, shared with the journey


def test_first_run_continue_with_tab_and_enter_then_every_key_works(
    tmux: Tmux, tmp_path: Path
) -> None:
    command, env = _command(), _env(tmp_path)
    assert not (tmp_path / "vault").exists()
    tmux.start(command, env)

    tmux.wait_for("Welcome: protect your sessions")
    tmux.type(PASSPHRASE)
    tmux.wait_for("Strength: strong")
    tmux.keys("Tab")
    tmux.settle()
    tmux.type(PASSPHRASE)
    tmux.keys("Enter")
    tmux.wait_for("Your recovery key")
    tmux.keys("Space")  # tick "I have saved the recovery key"
    tmux.settle()
    tmux.keys("Tab")  # to the Continue button
    tmux.settle()
    tmux.keys("Enter")
    tmux.wait_for("No sessions yet")

    tmux.keys("n")
    tmux.wait_for("Plan a session")
    tmux.keys("Escape")
    tmux.wait_for("No sessions yet")
    tmux.keys("F1")
    tmux.wait_for("On this screen")
    tmux.keys("Escape")
    tmux.settle()
    tmux.keys("C-q")
    tmux.wait_for("FACILITATOR-EXIT-0")
