"""Provides the sync server that pools anonymized summaries for networks of organisations.

Installed with the `server` extra; it never imports the terminal UI.
"""
