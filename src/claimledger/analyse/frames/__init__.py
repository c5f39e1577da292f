"""Reporting frames, one module per construction family, per parser scheme: for Universal
Dependencies parses (French), verbs (verbs.py), infinitives (infinitives.py), prepositions
(prepositions.py) and reporting nouns (nominal.py); for ClearNLP parses (English), clear.py.
Importing the package registers them all."""

from . import clear, infinitives, nominal, prepositions, verbs  # noqa: F401  (each module registers its finders)
from .core import FRAME_FINDERS, Context, Frame, find_frames, frame_finder, frame_finder_for

__all__ = ["FRAME_FINDERS", "Context", "Frame", "find_frames", "frame_finder", "frame_finder_for"]
