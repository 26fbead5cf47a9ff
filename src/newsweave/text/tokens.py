"""Word tokens with character offsets into the text they come from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsweave.text.normalize import match_key

# A word: letters/digits, with inner apostrophes (it's, it’s), hyphens (co-executive) and
# number punctuation (1,000 / 3.5).
_WORD = re.compile(r"\w+(?:(?:['’\-]|[.,](?=\d))\w+)*", re.UNICODE)

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told mr mrs ms s t it's that's
    who's he's she's we're they're i'm i've we've don't didn't won't can't isn't""".split()
)


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


def iter_words(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, word)`` for each word of ``text``, as :func:`tokenize` finds them.

    Takes a string and the offset of its first character; yields offsets into the enclosing
    text and the word itself (no comparison key: callers that see a word many times cache it).
    """
    for m in _WORD.finditer(text):
        yield m.start() + offset, m.end() + offset, m.group()
