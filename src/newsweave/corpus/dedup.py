"""Duplicates in a stream: exact copies and near-duplicates, found once as articles arrive.

Candidates, then verification: each article's word shingles are sketched with MinHash (the
reuse stage's :class:`~newsweave.reuse.near_duplicates.Sketcher`, fixed seed) and looked up in
a MinHash LSH index of the articles seen before it; a candidate is a duplicate only when the
exact Jaccard similarity of the two shingle sets reaches the threshold.  An exact copy (the same
words, whatever the typography) is found by a hash of its words before any sketching.  The
first article of a set of copies is the original; later ones point to it.

Cost per article is one sketch and one LSH query, so a stream is processed in time linear in
its length; memory holds one sketch and one shingle set per distinct article.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from datasketch import MinHashLSH

from newsweave.model import Article
from newsweave.reuse.near_duplicates import (
    Hashes,
    Sketch,
    Sketcher,
    WordHasher,
    ngram_hashes,
    overlap,
)


@dataclass(frozen=True)
class Duplicate:
    """An article that repeats one seen before: the original's id and their exact Jaccard."""

    article_id: str
    original_id: str
    jaccard: float


class DuplicateFinder:
    """Finds, for each article added in stream order, the earlier article it duplicates.

    ``threshold`` is the least exact Jaccard similarity of word shingles (``shingle_words``
    long) for a near-duplicate; ``num_perm`` the MinHash permutations (seed fixed at 1).
    """

    def __init__(self, threshold: float = 0.8, shingle_words: int = 5, num_perm: int = 128
                 ) -> None:
        self.threshold = threshold
        self.shingle_words = shingle_words
        self.num_perm = num_perm
        self._hasher = WordHasher()
        self._sketcher = Sketcher(num_perm)
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._exact: dict[str, str] = {}
        self._sketches: dict[str, Sketch] = {}

    def _sketch(self, article: Article) -> tuple[str, Sketch]:
        keys = self._hasher.words(article)[0]
        exact = hashlib.blake2b(" ".join(keys).encode("utf-8"), digest_size=16).hexdigest()
        hashes: Hashes = ngram_hashes(self._hasher.hashes(keys), self.shingle_words)
        return exact, self._sketcher.sketch(hashes)

    def add(self, article: Article) -> Duplicate | None:
        """Add ``article``; return the duplicate record when it repeats an earlier article.

        A duplicate is not indexed itself (copies of copies point to the first original).
        Adding an id twice returns what the first add returned.
        """
        exact, sketch = self._sketch(article)
        original = self._exact.get(exact)
        if original is not None:
            return None if original == article.id else Duplicate(article.id, original, 1.0)
        if sketch.minhash is not None:
            best: tuple[float, str] | None = None
            for candidate in sorted(self._lsh.query(sketch.minhash)):
                figures = overlap(sketch, self._sketches[candidate])
                verified = figures.jaccard >= self.threshold
                if verified and (best is None or figures.jaccard > best[0]):
                    best = (figures.jaccard, candidate)
            if best is not None:
                return Duplicate(article.id, best[1], best[0])
        self._exact[exact] = article.id
        if sketch.minhash is not None and article.id not in self._sketches:
            self._lsh.insert(article.id, sketch.minhash, check_duplication=False)
            self._sketches[article.id] = sketch
        return None
