"""Measure extraction against hand-made answer keys (gold-v1)."""
