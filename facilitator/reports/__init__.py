"""Provides exports and reports of sessions and projects: Markdown, HTML, CSV, JSON and SVG.

Exports are the only plaintext facilitator writes, so every writer here goes through
`facilitator.reports.export.write_export`, which refuses the vault directory.
"""
