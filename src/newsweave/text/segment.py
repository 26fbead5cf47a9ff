"""Sentence segmentation with character offsets (pysbd), keeping quoted sentences whole.

pysbd handles abbreviations, initials and numbers; on top of it two repairs keep a quotation
and its attribution in one sentence: a piece that starts in lower case (``“…people?” he
continued.``) continues the sentence before it, and a piece made only of closing quote marks
or punctuation is glued to the sentence before it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence

import pysbd

from newsweave.model import Article, Sentence

_ONLY_CLOSERS = re.compile(r"^[\s\"'”’»)\].,;:!?…]*$")
_LOWER_START = re.compile(r"^[\s\"'“”‘’(]*[a-z]")


# pysbd's Segmenter keeps the text it segments on the instance (to compute offsets), so one
# shared instance gives wrong sentences when threads segment at once: one per thread.
_PER_THREAD = threading.local()


def _segmenter() -> pysbd.Segmenter:
    segmenter: pysbd.Segmenter | None = getattr(_PER_THREAD, "segmenter", None)
    if segmenter is None:
        segmenter = _PER_THREAD.segmenter = pysbd.Segmenter(
            language="en", clean=False, char_span=True)
    return segmenter


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


# Where a sentence that packs two claims divides: a semicolon, a lone dash, or a coordinator
# after a comma when a new subject follows ("…, and the city closed…"; not a list "A, B, and C").
_CLAUSE_BREAK = re.compile(
    r";\s+|\s+[—–]\s+|\s+--\s+|,\s+(?:and|but|while|whereas|although|though|yet)\s+"
    r"(?=(?:the|a|an|he|she|they|it|we|his|her|their|its|this|that|officials?|police|"
    r"[A-Z][a-z]+\s+(?:[A-Z][a-z]+\s+)?[a-z]+)\b)"
)
_QUOTE_MARKS = re.compile(r"[\"“”]")
CLAUSE_MIN_WORDS = 7


def split_clauses(
    sentence: Sentence, quoted: Sequence[tuple[int, int]] = ()
) -> tuple[Sentence, ...]:
    """Return the clauses of a sentence that packs several claims, or the sentence itself.

    Takes a sentence and the ``(start, end)`` article offsets of quoted text in its article;
    returns sentences (same paragraph and index) whose spans cover its clauses in order.  A
    sentence that holds quoted words stays whole (a quotation is collated as a unit), and a
    break that would leave a part of fewer than ``CLAUSE_MIN_WORDS`` words is not used, so
    most sentences come back whole.
    """
    text = sentence.span.text
    span = sentence.span
    if any(start < span.end and span.start < end for start, end in quoted):
        return (sentence,)
    cuts: list[tuple[int, int]] = []
    for match in _CLAUSE_BREAK.finditer(text):
        if len(_QUOTE_MARKS.findall(text, 0, match.start())) % 2:
            continue  # inside a quotation
        if match.group().strip() in ("—", "–", "--") and len(re.findall(r"\s[—–]\s|\s--\s",
                                                                        text)) != 1:
            continue  # a pair of dashes sets off an aside, not a second claim
        cuts.append(match.span())
    pieces: list[tuple[int, int]] = []
    start = 0
    for cut_start, cut_end in cuts:
        if len(text[start:cut_start].split()) >= CLAUSE_MIN_WORDS and len(
            text[cut_end:].split()
        ) >= CLAUSE_MIN_WORDS:
            pieces.append((start, cut_start))
            start = cut_end
    if not pieces:
        return (sentence,)
    pieces.append((start, len(text.rstrip())))
    base = sentence.span.start
    return tuple(
        sentence.model_copy(update={"span": sentence.span.model_copy(update={
            "start": base + s, "end": base + e, "text": text[s:e]})})
        for s, e in pieces
    )
