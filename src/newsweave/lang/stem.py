"""One light stemmer for comparison keys."""

from __future__ import annotations

import re

# Inflections ("'s", plural, past, participle) and the adverb ending "-ly", three letters kept.
_LIGHT = re.compile(r"(?<=\w{3})(?:'s|’s|s|es|ed|ing|ly)$")
# Inflections only, four letters kept.
_STRICT = re.compile(r"(?<=\w{4})(?:'s|’s|s|es|ed|ing)$")


def light_stem(word: str, strict: bool = False) -> str:
    """Return ``word`` without one common ending ("rejected" -> "reject", "deaths" -> "death");
    the caller folds case.

    The default also folds an adverb into its adjective ("recently" -> "recent") and keeps
    three letters: sentence similarity, where more rewordings should meet.  ``strict`` strips
    inflections only and keeps four letters: the keys values are compared by, where "annually"
    is not "annual sales" and "officially" not "officials".
    """
    return (_STRICT if strict else _LIGHT).sub("", word)
