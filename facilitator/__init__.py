"""Provides the headless core of facilitator: domain, vault, templates, summaries.

The core knows nothing of the UI or the network, so it can be used and tested alone.
"""

__version__ = "0.1.0"
