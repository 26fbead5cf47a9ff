"""Reuse stage: which articles share text, where, how much, and which one is derived."""

from newsweave.reuse.passages import find_reuse, independent_articles

__all__ = ["find_reuse", "independent_articles"]
