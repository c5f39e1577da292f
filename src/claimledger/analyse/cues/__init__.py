"""Reporting cues learned from annotated news: features (features.py), the shipped model
(model.py) and the pipeline component that scores every candidate token (tagger.py)."""
