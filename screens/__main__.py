"""Runs the app with the CLI's composition root: `python -m screens` equals bare `facilitator`."""

from __future__ import annotations

import sys

from facilitator.cli.main import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
