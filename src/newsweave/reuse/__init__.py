"""Reuse stage: which articles share text, where, how much, and which one is derived."""

from newsweave.reuse.graph import reuse_graph
from newsweave.reuse.near_duplicates import NearDuplicate, Overlap, near_duplicates
from newsweave.reuse.passages import direction, find_reuse, independent_articles

__all__ = [
    "NearDuplicate",
    "Overlap",
    "direction",
    "find_reuse",
    "independent_articles",
    "near_duplicates",
    "reuse_graph",
]
