"""Shared passages between articles, found passim-style: n-gram seeds, then chains of seeds.

Every article's content is tokenised (comparison keys, so typography and spelling do not
matter); each run of ``seed_words`` tokens is a seed.  Seeds that two articles share are chained
along the alignment diagonal, tolerating small edits (a few inserted, dropped or changed words
between seeds), into passages.  A pair of articles is reported as reuse when the passages
outside quotation marks reach ``min_passage_words``: two reporters who heard the same speaker
print the same quote without copying each other, so a shared quote alone is not reuse.

Which pairs are aligned at all (candidates, then verification):

- up to ``exhaustive_max`` articles (a brief: 5-50 articles), every pair that shares two seeds;
- above (a corpus), the pairs that share two *sampled* seeds (those whose hash is 0 modulo
  ``seed_sample``: the same seeds in every article, so a shared passage of 30 words is all but
  certain to be sampled twice).  Nothing is compared all against all, so time and memory grow
  with the number of articles and of shared seeds;
- at both scales, the near-duplicate candidates of MinHash LSH over whole-article shingles
  (:mod:`newsweave.reuse.near_duplicates`).

Seeds printed by many articles (``stock`` phrases: a body's or an award's name) are ignored,
except between verified near-duplicates (several outlets printing one story).  Every reported
pair carries the exact Jaccard and containments of the two articles' shingle sets, and
MinHash's estimate beside them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from newsweave.model import Article, Passage, Quote, ReuseKind, ReusePair, Span
from newsweave.reuse.derivation import Provenance, decide, provenance, votes
from newsweave.reuse.near_duplicates import (
    Hashes,
    Offsets,
    Overlap,
    Sketch,
    Sketcher,
    WordHasher,
    lsh_candidates,
    ngram_hashes,
    overlap,
)
from newsweave.settings import ReuseSettings
from newsweave.text.tokens import tokenize


@dataclass(frozen=True)
class ReuseFeatures:
    """What reuse needs of one article, computed from that article alone (picklable).

    Its content words' comparison keys and offsets, the hash of the seed starting at each word,
    which words are quoted, the boilerplate block each word lies in, the whole-article
    shingle sketch (MinHash), and what the article says about when and how it was written
    (its :class:`~newsweave.reuse.derivation.Provenance`, for the direction of reuse).
    """

    article: Article
    keys: list[str]
    starts: Offsets
    ends: Offsets
    seeds: Hashes  # hash of the seed starting at each token
    quoted: npt.NDArray[np.bool_]
    block: npt.NDArray[np.int64]  # tokens with different numbers have removed boilerplate between
    sketch: Sketch
    provenance: Provenance


def reuse_features(
    article: Article, quotes: Sequence[Quote], settings: ReuseSettings | None = None,
    hasher: WordHasher | None = None,
) -> ReuseFeatures:
    """Return the reuse features of one article.

    Takes the article, its quotes (quoted words are told apart from copied text), the reuse
    settings (seed and shingle lengths, MinHash permutations) and optionally a word hasher to
    share its cache between articles of one thread.
    """
    settings = settings or ReuseSettings()
    hasher = hasher or WordHasher()
    keys, starts, ends = hasher.words(article)
    words = hasher.hashes(keys)
    quoted = np.zeros(len(keys), dtype=bool)
    for quote in quotes:  # token starts are in text order: each part is one slice of them
        for part in quote.parts:
            low, high = np.searchsorted(starts, (part.start, part.end), side="left")
            quoted[low:high] = True
    removed_starts = np.array(sorted(r.span.start for r in article.removed), dtype=np.int64)
    block = np.searchsorted(removed_starts, starts, side="right").astype(np.int64)
    sketch = _sketcher(settings.minhash_perm).sketch(ngram_hashes(words, settings.shingle_words))
    return ReuseFeatures(article, keys, starts, ends, ngram_hashes(words, settings.seed_words),
                         quoted, block, sketch, provenance(article, settings.date_line_lines))


@cache
def _sketcher(num_perm: int) -> Sketcher:
    # immutable once built: its permutations are drawn from the fixed seed
    return Sketcher(num_perm)


def _stock_seeds(docs: Sequence[ReuseFeatures], limit: int) -> Hashes:
    """Return (sorted) the seeds that more than ``limit`` articles print."""
    if not docs:
        return np.empty(0, dtype=np.uint64)
    values, counts = np.unique(np.concatenate([np.unique(d.seeds) for d in docs]),
                               return_counts=True)
    return values[counts > limit]


def _seed_candidates(
    docs: Sequence[ReuseFeatures], stock: Hashes, every: int, least: int
) -> set[tuple[int, int]]:
    """Return the index pairs of articles that share ``least`` (sampled) seeds.

    A seed is sampled when its hash is 0 modulo ``every`` (every seed when ``every`` is 1).
    Posting lists are formed by one sort over all sampled seeds; the pairs of each list are
    emitted per list length, vectorised.
    """
    hashes: list[Hashes] = []
    owners: list[npt.NDArray[np.int64]] = []
    for d, doc in enumerate(docs):
        unique = np.unique(doc.seeds)
        if every > 1:
            unique = unique[unique % np.uint64(every) == 0]
        unique = unique[~np.isin(unique, stock, assume_unique=True)]
        hashes.append(unique)
        owners.append(np.full(len(unique), d, dtype=np.int64))
    if not hashes:
        return set()
    all_hashes, all_owners = np.concatenate(hashes), np.concatenate(owners)
    order = np.argsort(all_hashes, kind="stable")
    all_hashes, all_owners = all_hashes[order], all_owners[order]
    if not len(all_hashes):
        return set()
    starts = np.flatnonzero(np.r_[True, all_hashes[1:] != all_hashes[:-1]])
    lengths = np.diff(np.r_[starts, len(all_hashes)])
    codes: list[npt.NDArray[np.int64]] = []
    n = np.int64(len(docs))
    for length in np.unique(lengths[lengths >= 2]).tolist():
        first = starts[lengths == length]
        for i, j in combinations(range(length), 2):
            # owners within a posting list are in document order (stable sort of sorted input)
            codes.append(all_owners[first + i] * n + all_owners[first + j])
    if not codes:
        return set()
    values, counts = np.unique(np.concatenate(codes), return_counts=True)
    chosen = values[counts >= least]
    return {(int(c // n), int(c % n)) for c in chosen}


@dataclass(frozen=True)
class _SeedIndex:
    """One article's non-stock seeds sorted by hash, with the token position of each."""

    hashes: Hashes
    positions: npt.NDArray[np.int64]


def _seed_index(doc: ReuseFeatures, stock: Hashes) -> _SeedIndex:
    positions = np.flatnonzero(~np.isin(doc.seeds, stock))
    order = np.argsort(doc.seeds[positions], kind="stable")
    return _SeedIndex(doc.seeds[positions][order], positions[order])


def _matches(a: _SeedIndex, b: _SeedIndex) -> list[tuple[int, int]]:
    """Return the positions ``(i, j)`` where A and B start the same (non-stock) seed."""
    common = np.intersect1d(a.hashes, b.hashes)
    if not len(common):
        return []
    a_lo, a_hi = (np.searchsorted(a.hashes, common, side=s) for s in ("left", "right"))
    b_lo, b_hi = (np.searchsorted(b.hashes, common, side=s) for s in ("left", "right"))
    once = ((a_hi - a_lo) == 1) & ((b_hi - b_lo) == 1)
    matches = list(zip(a.positions[a_lo[once]].tolist(), b.positions[b_lo[once]].tolist(),
                       strict=True))
    for k in np.flatnonzero(~once).tolist():  # a seed repeated inside one article
        for i in a.positions[a_lo[k] : a_hi[k]].tolist():
            matches.extend((i, j) for j in b.positions[b_lo[k] : b_hi[k]].tolist())
    return matches


def _chains(
    matches: list[tuple[int, int]], seed: int, max_gap: int, a: ReuseFeatures, b: ReuseFeatures
) -> list[tuple[int, int, int, int]]:
    """Chain seed matches (i in A, j in B) into passages (a_start, a_end, b_start, b_end).

    Seeds of one passage lie at most ``max_gap`` words apart (words inserted, dropped or
    changed); a passage never runs over removed boilerplate in either article.
    """
    passages: list[list[int]] = []
    for i, j in sorted(matches):
        if a.block[i] != a.block[i + seed - 1] or b.block[j] != b.block[j + seed - 1]:
            continue
        for chain in reversed(passages[-8:]):
            a_end, b_end = chain[1], chain[3]
            if i - a_end <= max_gap and j - b_end <= max_gap and i >= chain[0] and (
                j >= chain[2]
            ) and abs((i - a_end) - (j - b_end)) <= max_gap and (
                a.block[i] == a.block[chain[0]] and b.block[j] == b.block[chain[2]]
            ):
                chain[1] = max(a_end, i + seed)
                chain[3] = max(b_end, j + seed)
                break
        else:
            passages.append([i, i + seed, j, j + seed])
    return [(a, b, c, d) for a, b, c, d in passages]


def _share(words_in_passages: int, total: int) -> float:
    return round(words_in_passages / total, 4) if total else 0.0


def find_reuse(
    articles: Sequence[Article],
    quotes: Sequence[Quote] = (),
    settings: ReuseSettings | None = None,
) -> list[ReusePair]:
    """Return the pairs of articles that share text, with their passages and direction.

    Takes the articles, their quotes (to tell shared quotations from copied text) and the reuse
    settings; computes each article's :func:`reuse_features` and returns
    :func:`reuse_pairs` of them.
    """
    settings = settings or ReuseSettings()
    by_article: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_article[quote.article_id].append(quote)
    hasher = WordHasher()
    return reuse_pairs(
        [reuse_features(a, by_article[a.id], settings, hasher) for a in articles], settings)


def reuse_pairs(
    docs: Sequence[ReuseFeatures], settings: ReuseSettings | None = None
) -> list[ReusePair]:
    """Return the pairs of articles that share text, from the articles' reuse features.

    Takes the features (in article order) and the settings (passage sizes, LSH threshold, the
    size above which candidates are sampled: see the module docstring); returns one
    :class:`ReusePair` per pair whose unquoted shared passages reach ``min_passage_words``
    words, in article order.  What is learnt from the whole set (stock seeds) is counted from
    the features, so the result does not depend on where each article was analysed.
    """
    settings = settings or ReuseSettings()
    # A seed printed by most articles of the set is a stock phrase (an award's or a body's
    # name), not evidence of copying.
    stock = _stock_seeds(docs, max(2, min(settings.stock_seed_articles, len(docs) // 2)))
    corpus = len(docs) > settings.exhaustive_max
    candidates = _seed_candidates(docs, stock, settings.seed_sample if corpus else 1,
                                  settings.min_shared_seeds)
    # Whole-article near-duplicates are aligned without the stock filter: five outlets printing
    # one wire story make every one of its seeds "common", yet they are copies of one text.
    near = lsh_candidates([d.sketch for d in docs], settings.lsh_threshold, settings.minhash_perm)
    no_stock: Hashes = np.empty(0, dtype=np.uint64)
    indexes: dict[tuple[int, bool], _SeedIndex] = {}
    pairs: list[ReusePair] = []
    for da, db in sorted(candidates | near):
        figures = overlap(docs[da].sketch, docs[db].sketch)
        whole = (da, db) in near and figures.jaccard >= settings.lsh_threshold
        for d in (da, db):
            if (d, whole) not in indexes:
                indexes[d, whole] = _seed_index(docs[d], no_stock if whole else stock)
        matches = _matches(indexes[da, whole], indexes[db, whole])
        if not matches:
            continue
        pair = _pair(docs[da], docs[db], matches, settings, figures)
        if pair is not None:
            pairs.append(pair)
    return pairs


def _split_by_quotes(
    a: ReuseFeatures, chain: tuple[int, int, int, int], matches: list[tuple[int, int]]
) -> list[tuple[int, int, int, int]]:
    """Split a passage where it passes from quoted into unquoted text (in article A)."""
    a0, a1, b0, b1 = chain
    runs: list[tuple[int, int]] = []
    start = a0
    for k in range(a0 + 1, a1 + 1):
        if k == a1 or a.quoted[k] != a.quoted[start]:
            runs.append((start, k))
            start = k
    if len(runs) == 1:
        return [chain]
    pieces = []
    inside = [(i, j) for i, j in matches if a0 <= i < a1 and b0 <= j < b1]
    for s, e in runs:
        js = [j - i for i, j in inside if s <= i < e]  # diagonal offsets of this run
        if not js:
            continue
        shift = js[0]
        pieces.append((s, e, max(b0, s + shift), min(b1, e + shift)))
    return pieces


def _pair(
    a: ReuseFeatures, b: ReuseFeatures, matches: list[tuple[int, int]],
    settings: ReuseSettings, figures: Overlap,
) -> ReusePair | None:
    min_words = settings.min_passage_words
    passages: list[Passage] = []
    a_covered: set[int] = set()
    b_covered: set[int] = set()
    unquoted_words = 0
    pieces = [
        piece
        for chain in _chains(matches, settings.seed_words, settings.max_gap_words, a, b)
        for piece in _split_by_quotes(a, chain, matches)
    ]
    for a0, a1, b0, b1 in pieces:
        words = a1 - a0
        if words < min(min_words, 8) or b1 <= b0:
            continue
        span_a = a.article.span(int(a.starts[a0]), int(a.ends[a1 - 1]))
        span_b = b.article.span(int(b.starts[b0]), int(b.ends[b1 - 1]))
        quoted = bool(
            a.quoted[a0:a1].sum() > 0.8 * words and b.quoted[b0:b1].sum() > 0.8 * (b1 - b0)
        )
        similarity = round(fuzz.ratio(" ".join(a.keys[a0:a1]), " ".join(b.keys[b0:b1])) / 100, 4)
        passages.append(Passage(a=span_a, b=span_b, words=words, similarity=similarity,
                                quoted=quoted))
        a_covered.update(range(a0, a1))
        b_covered.update(range(b0, b1))
        if not quoted and words >= min_words:
            unquoted_words += words
    if unquoted_words < min_words:
        return None
    share_a = _share(len(a_covered), len(a.keys))
    share_b = _share(len(b_covered), len(b.keys))
    kind: ReuseKind = (
        "exact_duplicate" if a.keys == b.keys
        else "near_duplicate" if min(share_a, share_b) >= settings.near_duplicate_share
        else "partial_reuse"
    )
    derived, evidence = decide(a.provenance, b.provenance, votes(
        a.provenance, b.provenance, settings.direction_decisive_days,
        settings.direction_min_minutes))
    return ReusePair(a=a.article.id, b=b.article.id, kind=kind, share_of_a=share_a,
                     share_of_b=share_b, passages=tuple(passages), derived=derived,
                     direction_evidence=evidence, jaccard=figures.jaccard,
                     containment_of_a=figures.containment_of_a,
                     containment_of_b=figures.containment_of_b,
                     jaccard_estimate=figures.jaccard_estimate)


def direction(
    a: Article, b: Article, settings: ReuseSettings | None = None
) -> tuple[str | None, str]:
    """Decide which of two articles that share text is derived, and say why.

    Takes the two articles and the reuse settings (how far apart dates decide, how many top
    lines may hold a date line); returns the derived (later) article's id, or ``None`` when
    the signals disagree or there are none, and the evidence: the vote of publication dates,
    wire write-through and update notes, credit lines and later-version wording described in
    :mod:`newsweave.reuse.derivation`.
    """
    settings = settings or ReuseSettings()
    pa = provenance(a, settings.date_line_lines)
    pb = provenance(b, settings.date_line_lines)
    return decide(pa, pb, votes(pa, pb, settings.direction_decisive_days,
                                settings.direction_min_minutes))


def independent_articles(
    article_ids: Sequence[str], evidence: Mapping[str, Span], reuse: Sequence[ReusePair]
) -> tuple[str, ...]:
    """Return the ids among ``article_ids`` that report independently.

    Takes the articles that report something, each one's evidence span, and the reuse pairs.
    Of a reuse pair that both report it, the derived one (or, where direction is unknown, the
    second) is a copy there when its evidence lies inside a passage the two share, or when it
    prints the same words as the other (a copied quote or sentence): it adds no independent
    support.  A copy of a copy is a copy too; at least one article always remains.
    """
    present = set(article_ids)
    dropped: set[str] = set()
    for pair in reuse:
        if pair.a not in present or pair.b not in present:
            continue
        copied = pair.derived or pair.b
        source = pair.a if copied == pair.b else pair.b
        if copied in dropped:
            continue
        span = evidence.get(copied)
        if span is None:
            continue
        other = evidence.get(source)
        if other is not None and fuzz.ratio(
            " ".join(t.key for t in tokenize(span.text)),
            " ".join(t.key for t in tokenize(other.text)),
        ) >= 95:
            dropped.add(copied)
            continue
        for passage in pair.passages:
            side = passage.a if passage.a.article_id == copied else passage.b
            overlap = min(side.end, span.end) - max(side.start, span.start)
            if overlap > 0.5 * (span.end - span.start):
                dropped.add(copied)
                break
    kept = tuple(i for i in article_ids if i not in dropped)
    return kept or tuple(article_ids[:1])
