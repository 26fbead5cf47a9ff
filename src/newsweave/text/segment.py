"""Sentence segmentation with character offsets (pysbd), keeping quoted sentences whole.

pysbd handles abbreviations, initials and numbers; on top of it two repairs keep a quotation
and its attribution in one sentence: a piece that starts in lower case (``“…people?” he
continued.``) continues the sentence before it, and a piece made only of closing quote marks
or punctuation is glued to the sentence before it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

from newsweave.model import Article, Sentence

_ONLY_CLOSERS = re.compile(r"^[\s\"'”’»)\].,;:!?…]*$")
_LOWER_START = re.compile(r"^[\s\"'“”‘’(]*[a-z]")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _raw_pieces(text: str) -> list[tuple[int, int]]:
    """Return pysbd's sentence ranges over ``text``, re-anchored on the text itself."""
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for piece in _segmenter().segment(text):
        sent = piece.sent.strip()
        if not sent:
            continue
        found = text.find(sent, cursor)
        if found < 0:  # pysbd altered the text; fall back to its own offsets
            found = max(cursor, min(piece.start, len(text)))
            end = min(len(text), max(found, piece.end))
        else:
            end = found + len(sent)
        pieces.append((found, end))
        cursor = end
    return pieces


def segment_paragraph(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Return the sentence ranges ``(start, end)`` of one paragraph, shifted by ``offset``.

    The ranges cover the paragraph's non-space text in order and never overlap; leading and
    trailing whitespace is excluded.
    """
    if not text.strip():
        return []
    merged: list[list[int]] = []
    for start, end in _raw_pieces(text):
        piece = text[start:end]
        if merged and (_ONLY_CLOSERS.match(piece) or _LOWER_START.match(piece)):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(s + offset, e + offset) for s, e in merged]


def segment_article(article: Article) -> tuple[Sentence, ...]:
    """Return the sentences of an article's content paragraphs, in document order."""
    sentences: list[Sentence] = []
    for p_index, paragraph in enumerate(article.paragraphs):
        for start, end in segment_paragraph(paragraph.text, paragraph.start):
            sentences.append(
                Sentence(span=article.span(start, end), paragraph=p_index, index=len(sentences))
            )
    return tuple(sentences)
