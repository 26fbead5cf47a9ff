"""Extractive multi-document summary over aligned facts: budgeted concept coverage.

The content units are *concepts*, the word bigrams of the cluster (stemmed comparison keys;
bigrams of two stopwords are not concepts), as in ICSISumm (Gillick & Favre 2009).  A
concept's weight is the number of articles that print it *independently*: a sentence that an
article took from another (its fact lists the article as not independent, see
``newsweave.reuse.independent_articles``) adds nothing, so a wire story syndicated five times
counts once.  Concepts that too few articles print are dropped: what several reporters found
worth saying is what the event is about (and a concept printed by many is central to it).

Sentences are chosen by the budgeted greedy of Lin & Bilmes (2010) for a monotone submodular
objective: at each step the sentence with the most weight of concepts not yet covered per
``words ** length_scale`` (a concept counts once however many sentences hold it, which is the
redundancy control), scaled by a position prior (news puts the event in its first sentences),
until nothing more fits in the word budget.  A candidate too similar to a chosen sentence
(TF-IDF cosine) is passed over even if it adds a few concepts.  Sentences that read badly out
of context are held back: very short or very long ones, questions, pieces of a longer quotation,
quoted words whose attribution lies in another sentence; and those that open on a pronoun or a
connective, or quote a speaker named only by a pronoun, are weighed down.

The chosen sentences are put in reading order (the earliest date of the articles that report
them, then how early those articles tell it), and each cites every article of its fact: all the
articles that report that content, not only the one it was taken from.  A sentence that carries
a quotation names its speaker as the quote stage resolved it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from newsweave.align.facts import SentenceIndex
from newsweave.lang import FIRST_PERSON, light_stem, pronoun_pattern
from newsweave.model import Article, Fact, Quote, Span, SummarySentence
from newsweave.settings import SummarySettings
from newsweave.text.tokens import STOPWORDS, tokenize

_DANGLING_START = re.compile(
    r"^[\"“‘']?(He|She|They|It|This|That|These|Those|But|And|So|Also|However|Still|Yet)\b"
)
_PRONOUN = re.compile(rf"^{pronoun_pattern()}$", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“”][^\"“”]*[\"“”]?")
# first-person forms, "I" and "us"/"me" only as written (a capital "US" is the country)
_FIRST_PERSON = re.compile(
    r"\b(" + pronoun_pattern(FIRST_PERSON - {"us", "me"}) + r"|us|me)\b"
)
_MIN_WORDS, _MAX_WORDS = 8, 55


@dataclass(frozen=True, slots=True)
class _QuoteMark:
    """Where a quote lies in its article, where it is attributed, and to whom."""

    start: int
    end: int
    anchor: Span | None
    pronoun: bool
    speaker: str | None


def _concepts(text: str) -> set[str]:
    """Return the concepts of a sentence: bigrams of stemmed keys, not both stopwords."""
    keys = [t.key for t in tokenize(text)]
    return {
        f"{light_stem(a)} {light_stem(b)}"
        for a, b in pairwise(keys)
        if not (a in STOPWORDS and b in STOPWORDS)
    }


def _readable(text: str) -> bool:
    """Return whether ``text`` can stand alone: length, not a question, no stray quotation."""
    n_words = len(text.split())
    if not _MIN_WORDS <= n_words <= _MAX_WORDS or text.rstrip("\"”’' ").endswith(("?", ":")):
        return False
    # A quote mark without its pair: the sentence is one piece of a longer quotation.
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return False
    # Quoted words need words outside the marks (the attribution), and first person outside
    # the marks is speech that lost them.
    outside = _QUOTED.sub(" ", text)
    return (outside == text or len(outside.split()) >= 2) and not _FIRST_PERSON.search(outside)


class _ArticleMarks:
    """One article's quote marks by start, to find those a sentence overlaps in log time."""

    def __init__(self, marks: Sequence[_QuoteMark]) -> None:
        self.marks = sorted(marks, key=lambda m: m.start)
        self.starts = [m.start for m in self.marks]
        self.reach: list[int] = []  # the furthest end of the marks up to each one
        for mark in self.marks:
            self.reach.append(max(mark.end, self.reach[-1] if self.reach else mark.end))

    def overlapping(self, start: int, end: int) -> list[_QuoteMark]:
        """The marks that share a character with ``[start, end)``, in text order."""
        high = bisect_left(self.starts, end)
        low = high
        while low > 0 and self.reach[low - 1] > start:
            low -= 1
        return [m for m in self.marks[low:high] if m.end > start]


def _quote_marks(quotes: Sequence[Quote]) -> dict[str, _ArticleMarks]:
    """Return the quotes of each article as :class:`_QuoteMark`, keyed by article id."""
    out: dict[str, list[_QuoteMark]] = {}
    for quote in quotes:
        if not quote.parts:
            continue
        speaker_span = quote.speaker_span
        out.setdefault(quote.article_id, []).append(_QuoteMark(
            start=quote.parts[0].start,
            end=quote.parts[-1].end,
            anchor=speaker_span or quote.cue,
            pronoun=speaker_span is not None and bool(_PRONOUN.match(speaker_span.text)),
            speaker=quote.speaker,
        ))
    return {article: _ArticleMarks(marks) for article, marks in out.items()}


def _attribution(
    span: Span, marks: Sequence[_QuoteMark], dangling_factor: float
) -> tuple[float, str | None]:
    """Return the score factor of a sentence for the quotes it holds, and their speaker.

    The factor is 0 when the sentence holds quoted words whose attribution lies elsewhere, 1
    when it holds no quote or names its speaker, ``dangling_factor`` when the speaker is only
    a pronoun.
    """
    factor, speaker = 1.0, None
    for mark in marks:
        if mark.end <= span.start or span.end <= mark.start:
            continue
        if mark.anchor is None or not span.start <= mark.anchor.start < span.end:
            return 0.0, None
        if mark.pronoun:
            factor = dangling_factor
        speaker = speaker or mark.speaker
    return factor, speaker


@dataclass
class _Candidates:
    """The sentences of a cluster prepared for selection (rows index the sentence index)."""

    rows: list[int]
    prior: dict[int, float]
    concepts: dict[int, set[str]]
    weight: dict[str, int]
    speaker: dict[int, str | None]
    position: list[int]
    count: dict[str, int]


def _prepare(index: SentenceIndex, fact_of: dict[tuple[str, int], Fact],
             quotes: Sequence[Quote], settings: SummarySettings) -> _Candidates:
    """Return the readable sentences with their prior, weighted concepts and speakers."""
    marks = _quote_marks(quotes)
    count: dict[str, int] = {}
    position: list[int] = []
    support: dict[str, set[str]] = {}
    found: dict[int, set[str]] = {}
    prior: dict[int, float] = {}
    speaker: dict[int, str | None] = {}
    for row, sentence in enumerate(index.sentences):
        span = sentence.span
        rank = count.get(span.article_id, 0)
        count[span.article_id] = rank + 1
        position.append(rank)
        fact = fact_of.get((span.article_id, span.start))
        if fact is None:
            continue
        concepts = _concepts(span.text)
        if span.article_id in fact.independent_articles:
            for concept in concepts:
                support.setdefault(concept, set()).add(span.article_id)
        held = marks.get(span.article_id)
        factor, speaker[row] = _attribution(
            span, held.overlapping(span.start, span.end) if held else (),
            settings.dangling_factor)
        if factor == 0 or not _readable(span.text):
            continue
        if _DANGLING_START.match(span.text):
            factor *= settings.dangling_factor
        found[row] = concepts
        prior[row] = factor * (1 + settings.position_weight / (1 + rank))
    # Articles that print something on their own: a pure copy does not make a cluster larger.
    n_articles = len({a for printed_by in support.values() for a in printed_by})
    least = min(settings.min_support, max(1, n_articles - 1))
    weight = {c: len(a) for c, a in support.items() if len(a) >= least}
    if not weight:  # nothing is shared: every concept counts by its own frequency
        weight = {c: len(a) for c, a in support.items()}
    concepts_of = {row: {c for c in cs if c in weight} for row, cs in found.items()}
    return _Candidates(sorted(found), prior, concepts_of, weight, speaker, position, count)


def _select(cands: _Candidates, index: SentenceIndex, fact_of: dict[tuple[str, int], Fact],
            settings: SummarySettings) -> list[int]:
    """Return the rows chosen by the budgeted greedy of concept coverage (choice order)."""
    def fact_id(row: int) -> str:
        span = index.sentences[row].span
        return fact_of[(span.article_id, span.start)].id

    length = {row: len(index.sentences[row].span.text.split()) for row in cands.rows}
    chosen: list[int] = []
    used_facts: set[str] = set()
    covered: set[str] = set()
    used = 0
    remaining = list(cands.rows)
    while remaining:
        best_row, best_score = -1, 0.0
        for row in remaining:
            if chosen and used + length[row] > settings.words:
                continue
            gain = sum(cands.weight[c] for c in cands.concepts[row] - covered)
            score = cands.prior[row] * gain / length[row] ** settings.length_scale
            if score > best_score:
                best_row, best_score = row, score
        if best_row < 0:
            break
        remaining.remove(best_row)
        if fact_id(best_row) in used_facts:
            continue
        if chosen:
            sims = (index.vectors[best_row] @ index.vectors[chosen].T).toarray().ravel()
            if sims.max() > settings.redundancy:
                continue
        chosen.append(best_row)
        used_facts.add(fact_id(best_row))
        covered |= cands.concepts[best_row]
        used += length[best_row]
    if not chosen and cands.rows:  # no concept anywhere: the best-placed readable sentence
        chosen = [max(cands.rows, key=lambda row: (cands.prior[row], -row))]
    return chosen


def _fact_of_sentences(
    facts: Sequence[Fact], index: SentenceIndex
) -> dict[tuple[str, int], Fact]:
    """Return, per sentence (article id, start), the fact it is evidence of.

    Facts may be aligned on clauses: a sentence that packs two claims is evidence of each of
    its clauses' facts, and stands for the one most articles report.
    """
    starts: dict[str, list[int]] = {}
    for sentence in index.sentences:
        starts.setdefault(sentence.span.article_id, []).append(sentence.span.start)
    for values in starts.values():
        values.sort()
    fact_of: dict[tuple[str, int], Fact] = {}
    for fact in facts:
        for span in fact.evidence:
            article_starts = starts.get(span.article_id, [])
            at = bisect_right(article_starts, span.start) - 1
            if at < 0:
                continue
            key = (span.article_id, article_starts[at])
            if key not in fact_of or fact.support > fact_of[key].support:
                fact_of[key] = fact
    return fact_of


def summarize(
    facts: Sequence[Fact],
    index: SentenceIndex,
    articles: Sequence[Article],
    settings: SummarySettings | None = None,
    quotes: Sequence[Quote] = (),
) -> list[SummarySentence]:
    """Return summary sentences within a budget of ``words`` words, in reading order.

    Takes the facts, the sentence index they were aligned on (its sentences are the
    candidates, its vectors give similarities), the articles (for dates), the summary settings
    (word budget, the cosine above which a candidate repeats a chosen sentence, concept support,
    position prior, length scaling), and the quotes of the articles (a
    sentence with quoted words is kept only with their attribution, and names their speaker).
    Each sentence returned is evidence of one fact and cites all of that fact's articles; no
    two come from one fact.  The budget is exceeded only when no readable sentence fits it,
    and then by one sentence alone.
    """
    if not facts or not index.sentences:
        return []
    fact_of = _fact_of_sentences(facts, index)
    settings = settings or SummarySettings()
    cands = _prepare(index, fact_of, quotes, settings)
    chosen = _select(cands, index, fact_of, settings)

    # Reading order: what was reported first comes first (the earliest date of the articles
    # that report a fact), then what articles tell early (relative position in them).
    dates = {a.id: a.date.toordinal() if a.date else 0 for a in articles}
    row_of = {(s.span.article_id, s.span.start): k for k, s in enumerate(index.sentences)}

    def reading_key(row: int) -> tuple[int, float, int]:
        span = index.sentences[row].span
        evidence = [e for e in fact_of[(span.article_id, span.start)].evidence
                    if (e.article_id, e.start) in row_of]
        date = min(dates.get(e.article_id, 0) for e in evidence)
        relative = min(cands.position[row_of[(e.article_id, e.start)]]
                       / max(1, cands.count[e.article_id] - 1) for e in evidence)
        return date, relative, row

    out: list[SummarySentence] = []
    for row in sorted(chosen, key=reading_key):
        span = index.sentences[row].span
        fact = fact_of[(span.article_id, span.start)]
        out.append(SummarySentence(span=span, citations=fact.articles, fact_id=fact.id,
                                   speaker=cands.speaker.get(row)))
    return out
