"""A light check that an article is English, from the share of common English function words."""

from __future__ import annotations

import re

from newsweave.lang import FREQUENT_WORDS as _ENGLISH_FUNCTION_WORDS

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def english_share(text: str) -> tuple[float, int]:
    """Return (share of words that are common English function words, number of words)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return 0.0, 0
    hits = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS)
    return hits / len(words), len(words)


def looks_english(text: str, min_words: int = 30, min_share: float = 0.12) -> bool:
    """Return False only when ``text`` has enough words and too few English function words.

    English news prose runs at 35-45 % function words; other languages using the Latin script
    score under 8 %, so the threshold leaves a wide margin.  Short texts are given the benefit of
    the doubt.
    """
    share, count = english_share(text)
    return count < min_words or share >= min_share
