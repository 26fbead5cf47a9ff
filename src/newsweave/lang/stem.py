"""One light stemmer for comparison keys."""

from __future__ import annotations

import re

_SUFFIX = re.compile(r"(?<=\w{3})(?:'s|’s|s|es|ed|ing|ly)$")


def light_stem(word: str) -> str:
    """Return ``word`` without one common inflection ("rejected" -> "reject", "deaths" ->
    "death"), at least three characters kept; the caller folds case."""
    return _SUFFIX.sub("", word)
