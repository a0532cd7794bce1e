"""Provides the `facilitator` command line; the TUI and sync are loaded only when asked for."""
