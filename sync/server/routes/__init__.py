"""Provides the route handlers of API v1; thin layers over ingest, aggregates and auth."""
