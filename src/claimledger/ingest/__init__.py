"""Ingest: turn a path, URL or stream into one article's text and metadata."""
