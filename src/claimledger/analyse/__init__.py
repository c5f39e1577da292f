"""Analyse: spaCy pipeline components that add claims, quantities and entities to a Doc."""
