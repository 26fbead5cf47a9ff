"""Whole-article near-duplicates: MinHash LSH over word shingles, then exact verification.

Each article is reduced to the set of its word shingles (runs of ``shingle_words`` comparison
keys, so typography and spelling do not matter), hashed with stable 64-bit hashes (blake2b per
word, a polynomial over the words of a shingle: never Python's ``hash()``).  A datasketch
``MinHash`` with a fixed seed summarises each set; ``MinHashLSH`` proposes candidate pairs whose
estimated Jaccard similarity is near the threshold or above; every candidate is then verified on
the exact shingle sets: Jaccard, and the two containments, which are asymmetric (how much of A is
inside B is not how much of B is inside A: a short item lifted whole into a long article is
contained in it, not similar to it).

The per-article work (:func:`sketch`) is independent of every other article, and the candidate
pairs do not depend on the order the sketches are inserted in: the map + reduce shape that corpus
work needs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsweave.model import Article
from newsweave.text.normalize import match_key
from newsweave.text.tokens import iter_words

Hashes = npt.NDArray[np.uint64]
Offsets = npt.NDArray[np.int64]

_POLY = np.uint64(0x100000001B3)  # FNV-style odd multiplier: spreads word order into the hash
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)  # murmur3 finaliser constants
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_LOW32 = np.uint64(0xFFFFFFFF)


def _identity(value: int) -> int:
    """The MinHash ``hashfunc`` for values that are already stable 32-bit hashes."""
    return value


class WordHasher:
    """Comparison keys and stable 64-bit hashes of words, each computed once per distinct word.

    A corpus repeats its vocabulary endlessly, so caching the key (typography folded, British
    spellings mapped) and the blake2b hash of each distinct word makes tokenising a large stream
    several times faster than normalising every occurrence.
    """

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}
        self._hashes: dict[str, int] = {}

    def key(self, word: str) -> str:
        """Return the comparison key of ``word`` (what ``match_key`` gives, cached)."""
        found = self._keys.get(word)
        if found is None:
            found = self._keys[word] = match_key(word)
        return found

    def words(self, article: Article) -> tuple[list[str], Offsets, Offsets]:
        """Return the comparison keys of an article's content words and their start/end offsets.

        Takes an article; returns ``(keys, starts, ends)`` over its content paragraphs in order,
        offsets indexing ``article.text``.
        """
        keys: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for paragraph in article.paragraphs:
            for start, end, word in iter_words(paragraph.text, paragraph.start):
                keys.append(self.key(word))
                starts.append(start)
                ends.append(end)
        return keys, np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)

    def hashes(self, keys: Sequence[str]) -> Hashes:
        """Return the stable 64-bit hash of each key, in order."""
        out = np.empty(len(keys), dtype=np.uint64)
        for i, key in enumerate(keys):
            value = self._hashes.get(key)
            if value is None:
                digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
                value = self._hashes[key] = int.from_bytes(digest, "little")
            out[i] = value
        return out


def ngram_hashes(word_hashes: Hashes, n: int) -> Hashes:
    """Return the hash of every run of ``n`` consecutive words, in order of their first word.

    Takes the words' 64-bit hashes and ``n``; returns ``len(word_hashes) - n + 1`` hashes (none
    when there are fewer than ``n`` words).  The same words in the same order always give the
    same hash, in any process.
    """
    count = len(word_hashes) - n + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    out = np.zeros(count, dtype=np.uint64)
    for k in range(n):  # uint64 arithmetic wraps modulo 2**64 by design
        out = out * _POLY + word_hashes[k : k + count]
    out ^= out >> np.uint64(33)
    out *= _MIX1
    out ^= out >> np.uint64(33)
    out *= _MIX2
    out ^= out >> np.uint64(33)
    return out


@dataclass(frozen=True)
class Sketch:
    """One article's shingle set (sorted, unique 64-bit hashes) and its MinHash."""

    shingles: Hashes
    minhash: LeanMinHash | None  # None when the article has no shingle at all


class Sketcher:
    """Builds :class:`Sketch` objects with one fixed MinHash scheme (``num_perm``, ``seed``).

    The permutations are drawn once from the seed, so every sketch of a run (and of any other run
    with the same parameters) is comparable and identical for identical text.
    """

    def __init__(self, num_perm: int = 128, seed: int = 1) -> None:
        self.num_perm = num_perm
        self.seed = seed
        self._permutations = MinHash(num_perm=num_perm, seed=seed).permutations

    def sketch(self, shingle_hashes: Hashes) -> Sketch:
        """Return the sketch of one article from the hashes of its shingles (any order)."""
        unique = np.unique(shingle_hashes)
        if not len(unique):
            return Sketch(unique, None)
        minhash = MinHash(num_perm=self.num_perm, seed=self.seed, hashfunc=_identity,
                          permutations=self._permutations, scheme="affine32")
        minhash.update_batch((unique & _LOW32).tolist())
        return Sketch(unique, LeanMinHash(minhash))


@dataclass(frozen=True)
class Overlap:
    """Exact overlap of two shingle sets, and MinHash's estimate of their Jaccard similarity.

    ``containment_of_a`` is the share of A's shingles that B also has (how much of A is inside
    B); ``containment_of_b`` the converse.
    """

    jaccard: float
    containment_of_a: float
    containment_of_b: float
    jaccard_estimate: float | None


def overlap(a: Sketch, b: Sketch) -> Overlap:
    """Return the exact Jaccard similarity and both containments of two sketches' shingle sets."""
    shared = len(np.intersect1d(a.shingles, b.shingles, assume_unique=True))
    union = len(a.shingles) + len(b.shingles) - shared
    estimate = (
        round(float(a.minhash.jaccard(b.minhash)), 4)
        if a.minhash is not None and b.minhash is not None else None
    )
    return Overlap(
        jaccard=round(shared / union, 4) if union else 0.0,
        containment_of_a=round(shared / len(a.shingles), 4) if len(a.shingles) else 0.0,
        containment_of_b=round(shared / len(b.shingles), 4) if len(b.shingles) else 0.0,
        jaccard_estimate=estimate,
    )


def lsh_candidates(
    sketches: Sequence[Sketch], threshold: float, num_perm: int = 128
) -> set[tuple[int, int]]:
    """Return the index pairs ``(i, j)``, ``i < j``, that MinHash LSH puts in a common bucket.

    Takes the sketches (all made by one :class:`Sketcher`), the Jaccard threshold and the number
    of permutations; returns candidates to verify, not verified pairs.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for i, item in enumerate(sketches):
        if item.minhash is not None:
            lsh.insert(i, item.minhash, check_duplication=False)
    pairs: set[tuple[int, int]] = set()
    for i, item in enumerate(sketches):
        if item.minhash is None:
            continue
        found: Iterable[Any] = lsh.query(item.minhash)
        for j in found:
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


@dataclass(frozen=True)
class NearDuplicate:
    """A verified near-duplicate pair of articles (ids in input order) and its overlap."""

    a: str
    b: str
    overlap: Overlap


def near_duplicates(
    articles: Sequence[Article],
    *,
    shingle_words: int = 5,
    threshold: float = 0.5,
    num_perm: int = 128,
    seed: int = 1,
) -> list[NearDuplicate]:
    """Return the pairs of whole articles whose word shingles have Jaccard >= ``threshold``.

    Takes the articles, the shingle length, the Jaccard threshold and the MinHash parameters;
    returns every LSH candidate pair that the exact shingle sets confirm, with its Jaccard and
    containments, in input order.  Deterministic: the same input gives the same pairs and figures.
    """
    hasher = WordHasher()
    sketcher = Sketcher(num_perm, seed)
    sketches = [
        sketcher.sketch(ngram_hashes(hasher.hashes(hasher.words(a)[0]), shingle_words))
        for a in articles
    ]
    out: list[NearDuplicate] = []
    for i, j in sorted(lsh_candidates(sketches, threshold, num_perm)):
        figures = overlap(sketches[i], sketches[j])
        if figures.jaccard >= threshold:
            out.append(NearDuplicate(articles[i].id, articles[j].id, figures))
    return out
