"""Extractive multi-document summary over aligned facts.

Each fact is a candidate, represented by its most central sentence.  Its salience adds up
independent support (how many articles report it on their own, not by copying), centrality
(cosine to the centroid of all sentences) and position (lead sentences carry the news).
Sentences are chosen greedily by salience with maximal marginal relevance (a candidate too
similar to one already chosen is passed over) until the word budget is spent, then put in
reading order: by article date, article order and position.  Every summary sentence cites all
articles that report its fact.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from newsweave.align.facts import SentenceIndex
from newsweave.model import Article, Fact, SummarySentence

_DANGLING_START = re.compile(r"^[\"“‘']?(He|She|They|It|This|That|These|Those|But|And|So)\b")
_MIN_WORDS, _MAX_WORDS = 8, 60


def summarize(
    facts: Sequence[Fact],
    index: SentenceIndex,
    articles: Sequence[Article],
    words: int = 100,
    redundancy: float = 0.5,
) -> list[SummarySentence]:
    """Return summary sentences within a budget of ``words`` words, in reading order.

    Takes the facts, the sentence index they were aligned on (for similarities), the articles
    (for dates and order), the word budget and the cosine above which a candidate repeats a
    chosen sentence.
    """
    if not facts or not index.sentences:
        return []
    row_of = {(s.span.article_id, s.span.start): k for k, s in enumerate(index.sentences)}
    # Rank of each sentence in its own article, and the article's sentence count.
    rank: dict[tuple[str, int], int] = {}
    count: dict[str, int] = {}
    for s in index.sentences:
        rank[(s.span.article_id, s.span.start)] = count.get(s.span.article_id, 0)
        count[s.span.article_id] = count.get(s.span.article_id, 0) + 1
    vectors = index.vectors
    centroid = np.asarray(vectors.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid)) or 1.0
    centrality = np.asarray(vectors @ (centroid / norm)).ravel()
    n_articles = max(1, len({s.span.article_id for s in index.sentences}))

    candidates: list[tuple[float, int, Fact]] = []
    for fact in facts:
        key = (fact.representative.article_id, fact.representative.start)
        row = row_of.get(key)
        if row is None:
            continue
        n_words = len(fact.representative.text.split())
        if not _MIN_WORDS <= n_words <= _MAX_WORDS or fact.representative.text.endswith("?"):
            continue
        support = len(fact.independent_articles)
        first = min(rank.get((e.article_id, e.start), 0) for e in fact.evidence)
        score = (
            math.log2(1 + support) / math.log2(1 + n_articles)
            + float(centrality[row])
            + 0.6 / (1 + first)
        )
        if _DANGLING_START.match(fact.representative.text):
            score *= 0.6
        candidates.append((score, row, fact))
    candidates.sort(key=lambda c: (-c[0], c[1]))

    chosen: list[tuple[int, Fact]] = []
    used = 0
    for _, row, fact in candidates:
        n_words = len(fact.representative.text.split())
        if chosen and used + n_words > words:
            continue
        if chosen:
            sims = (vectors[row] @ vectors[[r for r, _ in chosen]].T).toarray().ravel()
            if sims.max() > redundancy:
                continue
        chosen.append((row, fact))
        used += n_words
        if used >= words:
            break

    order = {a.id: k for k, a in enumerate(articles)}
    dates = {a.id: a.date.toordinal() if a.date else 0 for a in articles}
    def relative_position(fact: Fact) -> float:
        rep = fact.representative
        total = count.get(rep.article_id, 1)
        return rank.get((rep.article_id, rep.start), 0) / max(1, total - 1)

    chosen.sort(key=lambda rf: (
        relative_position(rf[1]),
        dates.get(rf[1].representative.article_id, 0),
        order.get(rf[1].representative.article_id, 0),
    ))
    return [
        SummarySentence(span=fact.representative, citations=fact.articles, fact_id=fact.id)
        for _, fact in chosen
    ]


