"""Duplicates in a stream: exact copies and near-duplicates, found once as articles arrive.

Candidates, then verification: each article's word shingles are sketched with MinHash (the
reuse stage's scheme: affine permutations drawn from seed 1) and cut into LSH bands (the band
count and width MinHash LSH chooses for the threshold); an earlier article sharing a band is a
candidate, and a candidate is a duplicate only when the exact Jaccard similarity of the two
shingle sets reaches the threshold.  An exact copy (the same words, whatever the typography)
is found by a hash of its words before any band is looked up.  The first article of a set of
copies is the original; later ones point to it.

Two kinds of work, so that the costly half can run anywhere:

- per article (pure, picklable): :meth:`DedupSketcher.sketch` tokenises, hashes the shingles,
  computes the MinHash and the band keys (:class:`DedupSketch`);
- in stream order (in one place): :meth:`DuplicateFinder.add_sketch` looks the sketch up in an
  index of the originals seen before (:class:`MemoryIndex`, or the corpus store, which keeps
  the index so that a later run only adds to it) and adds it when it is an original.

Cost per article is one sketch and one lookup, so a stream is processed in time linear in its
length; the index holds the band keys and the shingle set of each original.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsweave.model import Article
from newsweave.reuse.near_duplicates import Hashes, WordHasher, ngram_hashes
from newsweave.text.tokens import words

_SEED = 1
_HASHER = WordHasher()  # the comparison key and stable hash of a word, as the reuse stage has
_LOW32 = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True)
class Duplicate:
    """An article that repeats one seen before: the original's id and their exact Jaccard."""

    article_id: str
    original_id: str
    jaccard: float


@dataclass(frozen=True)
class DedupSketch:
    """What the duplicate finder keeps of one article: the hash of its words (``exact``), its
    shingle set (sorted unique 64-bit hashes) and its LSH band keys (none without shingles)."""

    exact: str
    shingles: Hashes
    bands: tuple[int, ...]


class DedupIndex(Protocol):
    """Where the originals seen so far are kept: their word hashes, band keys and shingles."""

    def dedup_original(self, exact: str) -> str | None:
        """Return the id of the original whose words hash to ``exact``, or None."""
        ...

    def dedup_candidates(self, bands: Iterable[int]) -> set[str]:
        """Return the ids of the originals sharing at least one of ``bands``."""
        ...

    def dedup_shingles(self, article_id: str) -> Hashes:
        """Return the shingle set of the original ``article_id``."""
        ...

    def dedup_insert(self, article_id: str, sketch: DedupSketch) -> None:
        """Index ``article_id`` as an original with ``sketch``."""
        ...


class MemoryIndex:
    """A :class:`DedupIndex` in this process's memory (a finder used without a store)."""

    def __init__(self) -> None:
        self._exact: dict[str, str] = {}
        self._bands: dict[int, list[str]] = {}
        self._shingles: dict[str, Hashes] = {}

    def dedup_original(self, exact: str) -> str | None:
        """Return the id of the original whose words hash to ``exact``, or None."""
        return self._exact.get(exact)

    def dedup_candidates(self, bands: Iterable[int]) -> set[str]:
        """Return the ids of the originals sharing at least one of ``bands``."""
        return {i for key in bands for i in self._bands.get(key, ())}

    def dedup_shingles(self, article_id: str) -> Hashes:
        """Return the shingle set of the original ``article_id``."""
        return self._shingles[article_id]

    def dedup_insert(self, article_id: str, sketch: DedupSketch) -> None:
        """Index ``article_id`` as an original with ``sketch``."""
        self._exact.setdefault(sketch.exact, article_id)
        if sketch.bands and article_id not in self._shingles:
            self._shingles[article_id] = sketch.shingles
            for key in sketch.bands:
                self._bands.setdefault(key, []).append(article_id)


class DedupSketcher:
    """Makes :class:`DedupSketch` objects for one scheme: the Jaccard ``threshold`` (which fixes
    the LSH bands), ``shingle_words`` and ``num_perm`` MinHash permutations (seed fixed at 1).
    Picklable, so that sketches can be made on other processes."""

    def __init__(self, threshold: float = 0.8, shingle_words: int = 5, num_perm: int = 128
                 ) -> None:
        self.threshold = threshold
        self.shingle_words = shingle_words
        self.num_perm = num_perm
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.bands: int = lsh.b
        self.rows: int = lsh.r
        self._permutations = MinHash(num_perm=num_perm, seed=_SEED).permutations
        self._words: dict[str, tuple[str, int]] = {}

    def scheme(self) -> dict[str, Any]:
        """Return what the band keys depend on (an index built with another scheme is void)."""
        return {"threshold": self.threshold, "shingle_words": self.shingle_words,
                "num_perm": self.num_perm, "seed": _SEED, "bands": self.bands,
                "rows": self.rows}

    def __getstate__(self) -> dict[str, Any]:
        # the word caches are rebuilt where the sketcher goes: they are large and cheap to redo
        return {**self.__dict__, "_words": {}}

    def _word(self, word: str) -> tuple[str, int]:
        # a stream repeats its vocabulary: each distinct word is keyed and hashed once
        found = self._words.get(word)
        if found is None:
            key = _HASHER.key(word)
            found = self._words[word] = (key, int(_HASHER.hashes([key])[0]))
        return found

    def sketch(self, article: Article) -> DedupSketch:
        """Return the sketch of one article (a function of its text alone)."""
        known = self._words.get
        pairs = [known(word) or self._word(word) for paragraph in article.paragraphs
                 for word in words(paragraph.text)]
        exact = hashlib.blake2b(" ".join(k for k, _ in pairs).encode("utf-8"),
                                digest_size=16).hexdigest()
        hashes = np.array([h for _, h in pairs], dtype=np.uint64)
        shingles = np.unique(ngram_hashes(hashes, self.shingle_words))
        if not len(shingles):
            return DedupSketch(exact, shingles, ())
        minhash = MinHash(num_perm=self.num_perm, seed=_SEED, hashfunc=_identity,
                          permutations=self._permutations, scheme="affine32")
        minhash.update_batch((shingles & _LOW32).tolist())
        values = np.asarray(minhash.hashvalues, dtype=np.uint64)
        bands = []
        for band in range(self.bands):
            chunk = values[band * self.rows : (band + 1) * self.rows].tobytes()
            digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
            bands.append(int.from_bytes(digest, "little", signed=True))
        return DedupSketch(exact, shingles, tuple(bands))


def _identity(value: int) -> int:
    """The MinHash ``hashfunc`` for values that are already stable 32-bit hashes."""
    return value


def jaccard(a: Hashes, b: Hashes) -> float:
    """Return the exact Jaccard similarity of two sorted unique hash sets (rounded to 4)."""
    shared = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - shared
    return round(shared / union, 4) if union else 0.0


class DuplicateFinder:
    """Finds, for each article added in stream order, the earlier article it duplicates.

    ``threshold`` is the least exact Jaccard similarity of word shingles (``shingle_words``
    long) for a near-duplicate; ``num_perm`` the MinHash permutations (seed fixed at 1);
    ``index`` where the originals are kept (default: in memory).
    """

    def __init__(self, threshold: float = 0.8, shingle_words: int = 5, num_perm: int = 128,
                 index: DedupIndex | None = None) -> None:
        self.sketcher = DedupSketcher(threshold, shingle_words, num_perm)
        self.threshold = threshold
        self.index: DedupIndex = index if index is not None else MemoryIndex()

    def add(self, article: Article) -> Duplicate | None:
        """Add ``article``; return the duplicate record when it repeats an earlier article.

        A duplicate is not indexed itself (copies of copies point to the first original).
        Adding an id twice returns what the first add returned.
        """
        return self.add_sketch(article.id, self.sketcher.sketch(article))

    def add_sketch(self, article_id: str, sketch: DedupSketch) -> Duplicate | None:
        """As :meth:`add`, from the article's id and its sketch (made by :attr:`sketcher`, here
        or elsewhere)."""
        original = self.index.dedup_original(sketch.exact)
        if original is not None:
            return None if original == article_id else Duplicate(article_id, original, 1.0)
        if sketch.bands:
            best: tuple[float, str] | None = None
            for candidate in sorted(self.index.dedup_candidates(sketch.bands) - {article_id}):
                similarity = jaccard(sketch.shingles, self.index.dedup_shingles(candidate))
                if similarity >= self.threshold and (best is None or similarity > best[0]):
                    best = (similarity, candidate)
            if best is not None:
                return Duplicate(article_id, best[1], best[0])
        self.index.dedup_insert(article_id, sketch)
        return None
