"""Ingest: format probes, transcript parsers and the ingest run (the evidence vault is :mod:`overheard.store.vault`)."""
