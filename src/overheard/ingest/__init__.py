"""Ingest: the evidence vault, format probes, transcript parsers and the ingest run."""
