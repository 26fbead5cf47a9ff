"""Sentence segmentation with character offsets (pysbd), keeping quoted sentences whole.

pysbd handles abbreviations, initials and numbers; on top of it two repairs keep a quotation
and its attribution in one sentence: a piece that starts in lower case (``“…people?” he
continued.``) continues the sentence before it, and a piece made only of closing quote marks
or punctuation is glued to the sentence before it.

Two caps keep the cost linear in the length of a paragraph.  pysbd rescans its whole input for
each abbreviation it meets (quadratic on a long paragraph), so a paragraph longer than
``WINDOW_CHARS`` is given to it a window at a time, each window starting after the last
sentence pysbd saw whole in the one before; and a sentence of more than ``max_sentence_words``
words (a transcript without full stops, a scraped list) is cut into pieces of that many words,
each cut counted so the caller can say so.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence

import pysbd

from newsweave.model import Article, Sentence
from newsweave.text.spans import SpanSet

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


WINDOW_CHARS = 4000
MAX_SENTENCE_WORDS = 150
_WORD_RUN = re.compile(r"\S+")
# One sentence for sure: no sentence punctuation or line break but at the very end (most news
# paragraphs, and every headline); pysbd is not needed to say so.
_ONE_SENTENCE = re.compile(r"[^.!?…\n\r]*[.!?…]*[\"'”’)\]]*\s*")


def _raw_pieces(text: str, window: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """Return pysbd's sentence ranges over ``text``, re-anchored on the text itself.

    A text longer than ``window`` is given to pysbd a window at a time: of each window's
    sentences all but the last are kept (the last may run on past the window) and the next
    window starts where they end, so every boundary is one pysbd chose with the sentence
    after it in view.  A single sentence longer than a window is cut at its last space.
    """
    if len(text) <= window:
        if _ONE_SENTENCE.fullmatch(text):
            start = len(text) - len(text.lstrip())
            return [(start, len(text.rstrip()))]
        return _pysbd_pieces(text)
    pieces: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + window)
        chunk = text[start:end]
        found = _pysbd_pieces(chunk)
        if end < len(text) and len(found) > 1:
            # the last piece may run on past the window, and so may any piece inside a
            # quotation the window does not close (pysbd keeps a closed one whole)
            found = found[:-1]
            while len(found) > 1 and _open_quote(chunk[: found[-1][1]]):
                found.pop()
        if not found:  # only spaces here
            start = end
            continue
        if end < len(text) and len(found) == 1:  # one sentence fills the window: cut it at
            first, last = found[0]               # its last space, never inside a word
            space = max(chunk.rfind(c, first + 1, last) for c in " \t\n")
            if space > first:
                found = [(first, len(chunk[:space].rstrip()))]
        pieces.extend((start + s, start + e) for s, e in found)
        start += found[-1][1]
    return pieces


def _open_quote(text: str) -> bool:
    """Whether ``text`` leaves a quotation open (an odd number of straight double quotes, or
    more opening curly quotes than closing ones)."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def _pysbd_pieces(text: str) -> list[tuple[int, int]]:
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


def segment_paragraph(
    text: str, offset: int = 0, max_words: int = MAX_SENTENCE_WORDS
) -> list[tuple[int, int]]:
    """Return the sentence ranges ``(start, end)`` of one paragraph, shifted by ``offset``.

    The ranges cover the paragraph's non-space text in order and never overlap; leading and
    trailing whitespace is excluded.  A sentence of more than ``max_words`` words is cut into
    pieces of ``max_words`` words (see :func:`segment_paragraph_counted` for how many).
    """
    return segment_paragraph_counted(text, offset, max_words)[0]


def segment_paragraph_counted(
    text: str, offset: int = 0, max_words: int = MAX_SENTENCE_WORDS
) -> tuple[list[tuple[int, int]], int]:
    """Return :func:`segment_paragraph`'s ranges and the number of sentences that were cut
    for being longer than ``max_words`` words."""
    if not text.strip():
        return [], 0
    merged: list[list[int]] = []
    for start, end in _raw_pieces(text):
        piece = text[start:end]
        if merged and (_ONLY_CLOSERS.match(piece) or _LOWER_START.match(piece)):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    ranges: list[tuple[int, int]] = []
    cut = 0
    for start, end in merged:
        pieces = _cut_long(text, start, end, max_words)
        cut += len(pieces) > 1
        ranges.extend((s + offset, e + offset) for s, e in pieces)
    return ranges, cut


def _cut_long(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    """``(start, end)`` whole, or cut into runs of ``max_words`` words when it is longer."""
    words = [m.span() for m in _WORD_RUN.finditer(text, start, end)]
    if len(words) <= max_words:
        return [(start, end)]
    return [(words[k][0], words[min(k + max_words, len(words)) - 1][1])
            for k in range(0, len(words), max_words)]


def segment_article(
    article: Article, max_words: int = MAX_SENTENCE_WORDS
) -> tuple[Sentence, ...]:
    """Return the sentences of an article's content paragraphs, in document order (sentences
    longer than ``max_words`` words cut, see :func:`segment_article_counted`)."""
    return segment_article_counted(article, max_words)[0]


def segment_article_counted(
    article: Article, max_words: int = MAX_SENTENCE_WORDS
) -> tuple[tuple[Sentence, ...], int]:
    """Return the sentences of an article and how many of its sentences were cut into
    pieces of ``max_words`` words."""
    sentences: list[Sentence] = []
    cut = 0
    for p_index, paragraph in enumerate(article.paragraphs):
        ranges, cut_here = segment_paragraph_counted(paragraph.text, paragraph.start, max_words)
        cut += cut_here
        for start, end in ranges:
            sentences.append(
                Sentence(span=article.span(start, end), paragraph=p_index, index=len(sentences))
            )
    return tuple(sentences), cut


# Where a sentence that packs two claims divides: a semicolon, a lone dash, or a coordinator
# after a comma when a new subject follows ("…, and the city closed…"; not a list "A, B, and C").
_CLAUSE_BREAK = re.compile(
    # (?<!\s): from the first space of a run only, or a long run of spaces is re-read from
    # each of them (quadratic)
    r";\s+|(?<!\s)\s+[—–]\s+|(?<!\s)\s+--\s+|,\s+(?:and|but|while|whereas|although|though|yet)\s+"
    r"(?=(?:the|a|an|he|she|they|it|we|his|her|their|its|this|that|officials?|police|"
    r"[A-Z][a-z]+\s+(?:[A-Z][a-z]+\s+)?[a-z]+)\b)"
)
_QUOTE_MARKS = re.compile(r"[\"“”]")
CLAUSE_MIN_WORDS = 7


def split_clauses(
    sentence: Sentence, quoted: SpanSet | Sequence[tuple[int, int]] = ()
) -> tuple[Sentence, ...]:
    """Return the clauses of a sentence that packs several claims, or the sentence itself.

    Takes a sentence and the ``(start, end)`` article offsets of quoted text in its article
    (a :class:`~newsweave.text.spans.SpanSet`, built once per article, or a sequence);
    returns sentences (same paragraph and index) whose spans cover its clauses in order.  A
    sentence that holds quoted words stays whole (a quotation is collated as a unit), and a
    break that would leave a part of fewer than ``CLAUSE_MIN_WORDS`` words is not used, so
    most sentences come back whole.
    """
    text = sentence.span.text
    span = sentence.span
    if not isinstance(quoted, SpanSet):
        quoted = SpanSet(quoted)
    if quoted.overlaps(span.start, span.end):
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
