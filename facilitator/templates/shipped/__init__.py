"""Provides the shipped template files (`*.toml`); a package so they ship as package data."""
