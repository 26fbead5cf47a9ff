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
import numpy.typing as npt
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
    # the pairs above a floor, computed on first use per floor: facts and conflicts both read
    # them, and at corpus scale they are the largest object of a brief
    _pairs: dict[float, sparse.coo_matrix] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def similar_pairs(self, floor: float) -> sparse.coo_matrix:
        """Return the cosines of the sentence pairs of *different* articles that reach
        ``floor``, as an n x n upper-triangular sparse matrix (row < column).

        Computed one article against the articles after it, each block filtered as it is made,
        so memory holds only the pairs kept.  Shared between callers: do not modify it.
        """
        if floor not in self._pairs:
            self._pairs[floor] = _cross_article_pairs(self, floor)
        return self._pairs[floor]

    def cosines(self, rows: Sequence[int]) -> npt.NDArray[np.float64]:
        """Return the dense matrix of cosines between the sentences at ``rows``."""
        block = self.vectors[list(rows)]
        return np.asarray((block @ block.T).toarray(), dtype=np.float64)


def _cross_article_pairs(index: SentenceIndex, floor: float) -> sparse.coo_matrix:
    n = len(index.sentences)
    rows_of: dict[str, list[int]] = {}
    for row, sentence in enumerate(index.sentences):
        rows_of.setdefault(sentence.span.article_id, []).append(row)
    groups = [np.asarray(rows, dtype=np.int64) for rows in rows_of.values()]
    parts_row: list[npt.NDArray[np.int64]] = []
    parts_col: list[npt.NDArray[np.int64]] = []
    parts_val: list[npt.NDArray[np.float64]] = []
    for k in range(len(groups) - 1):
        later = np.concatenate(groups[k + 1:])
        block = (index.vectors[groups[k]] @ index.vectors[later].T).tocoo()
        keep = block.data >= floor
        first, second = groups[k][block.row[keep]], later[block.col[keep]]
        parts_row.append(np.minimum(first, second))
        parts_col.append(np.maximum(first, second))
        parts_val.append(block.data[keep])
    if not parts_val:
        return sparse.coo_matrix((n, n))
    rows, cols, values = (np.concatenate(parts_row), np.concatenate(parts_col),
                          np.concatenate(parts_val))
    order = np.lexsort((cols, rows))  # row-major, whatever order the products came in
    return sparse.coo_matrix((values[order], (rows[order], cols[order])), shape=(n, n))


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
    sims = index.similar_pairs(threshold)
    articles = [s.span.article_id for s in index.sentences]
    candidates = [
        (float(v), int(i), int(j)) for i, j, v in zip(sims.row, sims.col, sims.data, strict=True)
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
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
            block = index.cosines(group)
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
