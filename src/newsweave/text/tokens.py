"""Word tokens with character offsets into the text they come from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsweave.lang import STOPWORDS
from newsweave.text.normalize import match_key

__all__ = ["STOPWORDS", "Token", "content_keys", "iter_words", "tokenize", "words"]

# A word: letters/digits, with inner apostrophes (it's, it’s), hyphens (co-executive) and
# number punctuation (1,000 / 3.5).
_WORD = re.compile(r"\w+(?:(?:['’\-]|[.,](?=\d))\w+)*", re.UNICODE)

@dataclass(frozen=True, slots=True)
class Token:
    """A word at ``[start, end)`` of some text, with its comparison key."""

    start: int
    end: int
    text: str
    key: str


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Return the word tokens of ``text``; offsets are shifted by ``offset``.

    Takes a string and the offset of its first character in the enclosing text; returns tokens
    whose ``start``/``end`` index the enclosing text.
    """
    return [
        Token(m.start() + offset, m.end() + offset, m.group(), match_key(m.group()))
        for m in _WORD.finditer(text)
    ]


def content_keys(text: str) -> list[str]:
    """Return the comparison keys of the non-stopword tokens of ``text``, in order."""
    return [t.key for t in tokenize(text) if t.key not in STOPWORDS]


def words(text: str) -> list[str]:
    """Return the words of ``text`` in order, as :func:`tokenize` finds them (no offsets)."""
    found: list[str] = _WORD.findall(text)
    return found


def iter_words(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, word)`` for each word of ``text``, as :func:`tokenize` finds them.

    Takes a string and the offset of its first character; yields offsets into the enclosing
    text and the word itself (no comparison key: callers that see a word many times cache it).
    """
    for m in _WORD.finditer(text):
        yield m.start() + offset, m.end() + offset, m.group()
