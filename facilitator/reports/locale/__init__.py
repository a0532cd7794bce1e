"""Provides the report label catalogs (en.toml, sv.toml) as package data."""
