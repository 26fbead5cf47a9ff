"""Shared passages between articles, found passim-style: n-gram seeds, then chains of seeds.

Every article's content is tokenised (comparison keys, so typography and spelling do not
matter); each run of ``seed_words`` tokens is a seed.  Seeds that two articles share are chained
along the alignment diagonal, tolerating small edits (a few inserted, dropped or changed words
between seeds), into passages.  A pair of articles is reported as reuse when the passages
outside quotation marks reach ``min_passage_words``: two reporters who heard the same speaker
print the same quote without copying each other, so a shared quote alone is not reuse.

The cost is linear in the total number of tokens for indexing, plus the number of shared seeds.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from newsweave.model import Article, Passage, Quote, ReusePair, Span
from newsweave.text.tokens import Token, tokenize

_MAX_GAP = 4  # words inserted/dropped/changed between two seeds of one passage
_SEED_FREQ_LIMIT = 50  # a seed in more articles than this is a stock phrase, not evidence


@dataclass(frozen=True)
class _Doc:
    article: Article
    tokens: list[Token]
    quoted: list[bool]
    block: list[int]  # tokens with different numbers have removed boilerplate between them


def _prepare(article: Article, quotes: Sequence[Quote]) -> _Doc:
    tokens: list[Token] = []
    for paragraph in article.paragraphs:
        tokens.extend(tokenize(paragraph.text, paragraph.start))
    ranges = sorted((p.start, p.end) for q in quotes for p in q.parts)
    quoted = [any(s <= t.start < e for s, e in ranges) for t in tokens]
    removed_starts = sorted(r.span.start for r in article.removed)
    block = [bisect_right(removed_starts, t.start) for t in tokens]
    return _Doc(article, tokens, quoted, block)


def _chains(
    matches: list[tuple[int, int]], seed: int, a: _Doc, b: _Doc
) -> list[tuple[int, int, int, int]]:
    """Chain seed matches (i in A, j in B) into passages (a_start, a_end, b_start, b_end).

    A passage never runs over removed boilerplate in either article.
    """
    passages: list[list[int]] = []
    for i, j in sorted(matches):
        if a.block[i] != a.block[i + seed - 1] or b.block[j] != b.block[j + seed - 1]:
            continue
        for chain in reversed(passages[-8:]):
            a_end, b_end = chain[1], chain[3]
            if i - a_end <= _MAX_GAP and j - b_end <= _MAX_GAP and i >= chain[0] and (
                j >= chain[2]
            ) and abs((i - a_end) - (j - b_end)) <= _MAX_GAP and (
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
    *,
    seed_words: int = 6,
    min_passage_words: int = 15,
    near_duplicate_share: float = 0.6,
) -> list[ReusePair]:
    """Return the pairs of articles that share text, with their passages and direction.

    Takes the articles and their quotes (to tell shared quotations from copied text) and the
    seed/passage sizes; returns one :class:`ReusePair` per pair whose unquoted shared passages
    reach ``min_passage_words`` words, in article order.
    """
    docs = [_prepare(a, [q for q in quotes if q.article_id == a.id]) for a in articles]
    index: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for d, doc in enumerate(docs):
        keys = [t.key for t in doc.tokens]
        for i in range(len(keys) - seed_words + 1):
            index[tuple(keys[i : i + seed_words])].append((d, i))
    # A seed printed by most articles of the set is a stock phrase (an award's or a body's
    # name), not evidence of copying.
    stock_limit = max(2, min(_SEED_FREQ_LIMIT, len(docs) // 2))
    pair_matches: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for postings in index.values():
        docs_here = {d for d, _ in postings}
        if len(docs_here) < 2 or len(docs_here) > stock_limit:
            continue
        by_doc: dict[int, list[int]] = defaultdict(list)
        for d, i in postings:
            by_doc[d].append(i)
        for da, db in combinations(sorted(by_doc), 2):
            for i in by_doc[da]:
                for j in by_doc[db]:
                    pair_matches[(da, db)].append((i, j))
    pairs: list[ReusePair] = []
    for (da, db), matches in sorted(pair_matches.items()):
        pair = _pair(docs[da], docs[db], matches, seed_words, min_passage_words,
                     near_duplicate_share)
        if pair is not None:
            pairs.append(pair)
    return pairs


def _split_by_quotes(
    a: _Doc, chain: tuple[int, int, int, int], matches: list[tuple[int, int]]
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
    a: _Doc, b: _Doc, matches: list[tuple[int, int]], seed: int, min_words: int,
    near_duplicate_share: float,
) -> ReusePair | None:
    passages: list[Passage] = []
    a_covered: set[int] = set()
    b_covered: set[int] = set()
    unquoted_words = 0
    pieces = [
        piece
        for chain in _chains(matches, seed, a, b)
        for piece in _split_by_quotes(a, chain, matches)
    ]
    for a0, a1, b0, b1 in pieces:
        words = a1 - a0
        if words < min(min_words, 8) or b1 <= b0:
            continue
        span_a = a.article.span(a.tokens[a0].start, a.tokens[a1 - 1].end)
        span_b = b.article.span(b.tokens[b0].start, b.tokens[b1 - 1].end)
        quoted = (
            sum(a.quoted[a0:a1]) > 0.8 * words and sum(b.quoted[b0:b1]) > 0.8 * (b1 - b0)
        )
        similarity = round(fuzz.ratio(
            " ".join(t.key for t in a.tokens[a0:a1]), " ".join(t.key for t in b.tokens[b0:b1])
        ) / 100, 4)
        passages.append(Passage(a=span_a, b=span_b, words=words, similarity=similarity,
                                quoted=quoted))
        a_covered.update(range(a0, a1))
        b_covered.update(range(b0, b1))
        if not quoted and words >= min_words:
            unquoted_words += words
    if unquoted_words < min_words:
        return None
    share_a = _share(len(a_covered), len(a.tokens))
    share_b = _share(len(b_covered), len(b.tokens))
    kind = "near_duplicate" if min(share_a, share_b) >= near_duplicate_share else "partial_reuse"
    derived, evidence = _direction(a.article, b.article, share_a, share_b)
    return ReusePair(a=a.article.id, b=b.article.id, kind=kind, share_of_a=share_a,
                     share_of_b=share_b, passages=tuple(passages), derived=derived,
                     direction_evidence=evidence)


def _direction(a: Article, b: Article, share_a: float, share_b: float) -> tuple[str | None, str]:
    """Decide which article is derived: by publication date, else by containment."""
    if a.date and b.date and a.date != b.date:
        later, earlier = (a, b) if a.date > b.date else (b, a)
        return later.id, f"published later ({later.date} vs {earlier.date})"
    if abs(share_a - share_b) >= 0.1:
        more, less = (a, b) if share_a > share_b else (b, a)
        more_share, less_share = max(share_a, share_b), min(share_a, share_b)
        return more.id, (
            f"{more_share:.0%} of {more.id} lies in the shared passages against "
            f"{less_share:.0%} of {less.id}: {more.id} reads as a cut-down or edited copy"
        )
    return None, "the evidence does not decide (no publication dates, similar containment)"


def independent_articles(
    article_ids: Sequence[str], evidence: Mapping[str, Span], reuse: Sequence[ReusePair]
) -> tuple[str, ...]:
    """Return the ids among ``article_ids`` that report independently.

    Takes the articles that report something, each one's evidence span, and the reuse pairs.
    Of a reuse pair that both report it, the derived one (or, where direction is unknown, the
    second) is a copy there when its evidence lies inside a passage the two share, or when it
    prints the same words as the other (a copied quote or sentence): it adds no independent
    support.
    """
    present = set(article_ids)
    dropped: set[str] = set()
    for pair in reuse:
        if pair.a not in present or pair.b not in present:
            continue
        if pair.a in dropped or pair.b in dropped:
            continue
        copied = pair.derived or pair.b
        source = pair.a if copied == pair.b else pair.b
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
    return tuple(i for i in article_ids if i not in dropped)
