"""Reporting frames, one module per construction family: verbs (verbs.py), prepositions
(prepositions.py) and reporting nouns (nominal.py). Importing the package registers them all."""

from . import nominal, prepositions, verbs  # noqa: F401  (each module registers its finders)
from .core import FRAME_FINDERS, Context, Frame, find_frames, frame_finder

__all__ = ["FRAME_FINDERS", "Context", "Frame", "find_frames", "frame_finder"]
