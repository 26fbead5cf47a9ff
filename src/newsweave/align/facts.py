"""Facts: sentences of different articles that say the same thing, grouped.

Sentences are compared by TF-IDF cosine over comparison keys (typography folded, US spelling,
light suffix stripping, stopwords dropped), so rewordings that keep the content words align.
Groups are built greedily from the most similar pair down (average linkage), one sentence per
article at most: a fact is what several articles each say once.

Cost: only sentences of different articles are ever compared, so the similarity matrix is
computed one article against the others (sparse): one very long article beside a few normal ones
costs time linear in its length, where comparing all pairs would be quadratic.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from newsweave.lang import light_stem
from newsweave.model import Fact, ReusePair, Sentence
from newsweave.reuse import independent_articles
from newsweave.settings import FactSettings
from newsweave.text.tokens import STOPWORDS, tokenize


def sentence_terms(text: str) -> list[str]:
    """Return the terms of a sentence used for similarity: stemmed content keys."""
    return [light_stem(t.key) for t in tokenize(text) if t.key not in STOPWORDS]


@dataclass(frozen=True)
class SentenceIndex:
    """Sentences of all articles with their TF-IDF vectors (rows L2-normalised)."""

    sentences: tuple[Sentence, ...]
    vectors: sparse.csr_matrix
    # the similarity matrix, computed on first use: facts and conflicts both read it, and at
    # corpus scale it is the largest object of a brief
    _similarity: list[sparse.csr_matrix] = field(
        default_factory=list, init=False, repr=False, compare=False
    )

    def similarity(self) -> sparse.csr_matrix:
        """Return the sparse cosine similarity of every pair of sentences from *different*
        articles, as an n x n matrix (pairs within one article and the diagonal are absent).

        Computed once per index and shared: do not modify it.
        """
        if not self._similarity:
            self._similarity.append(_cross_article_similarity(self))
        return self._similarity[0]


def _cross_article_similarity(index: SentenceIndex) -> sparse.csr_matrix:
    """The cosines between sentences of different articles: each article's rows against the
    rows of the articles after it (one sparse product each), mirrored."""
    n = len(index.sentences)
    rows_of: dict[str, list[int]] = {}
    for row, sentence in enumerate(index.sentences):
        rows_of.setdefault(sentence.span.article_id, []).append(row)
    groups = [np.asarray(rows, dtype=np.int64) for rows in rows_of.values()]
    parts_row: list[np.ndarray] = []
    parts_col: list[np.ndarray] = []
    parts_val: list[np.ndarray] = []
    for k in range(len(groups) - 1):
        later = np.concatenate(groups[k + 1:])
        block = (index.vectors[groups[k]] @ index.vectors[later].T).tocoo()
        parts_row.append(groups[k][block.row])
        parts_col.append(later[block.col])
        parts_val.append(block.data)
    if not parts_val:
        return sparse.csr_matrix((n, n))
    upper = sparse.coo_matrix(
        (np.concatenate(parts_val), (np.concatenate(parts_row), np.concatenate(parts_col))),
        shape=(n, n))
    return (upper + upper.T).tocsr()


def document_frequencies(terms: Iterable[Sequence[str]]) -> Counter[str]:
    """Return, for each term, the number of units (sentences) of ``terms`` that contain it.

    Counts of disjoint sets of sentences add up (``Counter`` addition), so each article's
    counts can be computed where the article is analysed and merged later.
    """
    counts: Counter[str] = Counter()
    for unit in terms:
        counts.update(set(unit))
    return counts


def build_sentence_index(
    sentences: Sequence[Sentence],
    terms: Sequence[Sequence[str]] | None = None,
    frequencies: Mapping[str, int] | None = None,
) -> SentenceIndex:
    """Return the TF-IDF index of ``sentences``.

    Takes the sentences and, optionally, their terms (:func:`sentence_terms`, computed where
    each article was analysed) and the document frequencies of those terms over the sentences
    (merged :func:`document_frequencies`).  Weights are scikit-learn's TF-IDF with sublinear
    term frequency and smoothed idf (``1 + ln((1 + n) / (1 + df))``), rows L2-normalised.
    """
    if not sentences:
        return SentenceIndex((), sparse.csr_matrix((0, 0)))
    if terms is None:
        terms = [sentence_terms(s.span.text) for s in sentences]
    if frequencies is None:
        frequencies = document_frequencies(terms)
    vocabulary = {term: k for k, term in enumerate(sorted(frequencies))}
    if not vocabulary:  # no terms at all
        return SentenceIndex(tuple(sentences), sparse.csr_matrix((len(sentences), 1)))
    total = len(sentences)
    idf = np.array([1.0 + math.log((1 + total) / (1 + frequencies[t])) for t in vocabulary])
    rows: list[int] = []
    cols: list[int] = []
    weights: list[float] = []
    for row, unit in enumerate(terms):
        for term, count in Counter(unit).items():
            rows.append(row)
            cols.append(vocabulary[term])
            weights.append(1.0 + math.log(count))
    matrix = sparse.csr_matrix((np.array(weights, dtype=np.float64), (rows, cols)),
                               shape=(total, len(vocabulary)))
    matrix = matrix.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix(matrix.multiply(1.0 / norms[:, None]))
    matrix.sort_indices()
    return SentenceIndex(tuple(sentences), matrix)


def align_facts(
    index: SentenceIndex, reuse: Sequence[ReusePair] = (), settings: FactSettings | None = None
) -> list[Fact]:
    """Group sentences that report the same content into facts.

    Takes the sentence index, the reuse pairs (for independent support) and the fact settings
    (the cosine threshold, the average linkage share); returns facts ordered by support (most
    articles first), then document order.  Each sentence is in exactly one fact; a fact holds
    at most one sentence per article.
    """
    settings = settings or FactSettings()
    threshold = settings.similarity
    least = threshold * settings.linkage
    n = len(index.sentences)
    if n == 0:
        return []
    sims = index.similarity().tocoo()
    articles = [s.span.article_id for s in index.sentences]
    candidates = [
        (float(v), int(i), int(j))
        for i, j, v in zip(sims.row, sims.col, sims.data, strict=True)
        if i < j and v >= threshold and articles[i] != articles[j]
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    sim_csr = sims.tocsr()
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    group_articles: dict[int, set[str]] = {i: {articles[i]} for i in range(n)}
    # Average linkage from vector sums: with unit rows, the sum of all cosines between two
    # groups is the dot product of their vector sums, so no block of the matrix is sliced.
    vector_sum: dict[int, sparse.csr_matrix] = {}
    for cosine, i, j in candidates:
        gi, gj = group_of[i], group_of[j]
        if gi == gj or group_articles[gi] & group_articles[gj]:
            continue
        size = len(members[gi]) * len(members[gj])
        if size > 1:
            sum_i = vector_sum.get(gi, index.vectors[i])
            sum_j = vector_sum.get(gj, index.vectors[j])
            if float(sum_i.multiply(sum_j).sum()) / size < least:
                continue
        elif cosine < least:
            continue
        keep, drop = (gi, gj) if gi < gj else (gj, gi)
        vector_sum[keep] = (vector_sum.get(gi, index.vectors[members[gi][0]])
                            + vector_sum.get(gj, index.vectors[members[gj][0]]))
        vector_sum.pop(drop, None)
        for k in members[drop]:
            group_of[k] = keep
        members[keep].extend(members.pop(drop))
        group_articles[keep] |= group_articles.pop(drop)
    facts: list[Fact] = []
    for _, group in sorted(members.items()):
        group.sort()
        sentences = [index.sentences[k] for k in group]
        if len(group) > 1:
            block = sim_csr[group][:, group].toarray()
            # rounded, so that a tie goes to the first sentence whatever the float noise
            representative = sentences[int(np.argmax(np.round(block.sum(axis=1), 9)))]
        else:
            representative = sentences[0]
        article_ids = tuple(s.span.article_id for s in sentences)
        evidence = {s.span.article_id: s.span for s in sentences}
        facts.append(Fact(
            id="",
            representative=representative.span,
            evidence=tuple(s.span for s in sentences),
            articles=article_ids,
            independent_articles=independent_articles(article_ids, evidence, reuse),
        ))
    order = {s.span.article_id: k for k, s in enumerate(index.sentences)}
    facts.sort(key=lambda f: (-len(f.articles), order[f.representative.article_id],
                              f.representative.start))
    return [f.model_copy(update={"id": f"f{k + 1}"}) for k, f in enumerate(facts)]
