"""Align stage: sentences of different articles that report the same content, as facts,
and where such content disagrees (conflicts)."""

from newsweave.align.conflicts import find_conflicts
from newsweave.align.facts import SentenceIndex, align_facts, build_sentence_index

__all__ = ["SentenceIndex", "align_facts", "build_sentence_index", "find_conflicts"]
