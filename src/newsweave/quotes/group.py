"""Quotes of the same utterance across articles: grouping and collation.

Two quotes from different articles report the same utterance when most of the shorter one's
content words occur in the longer one in the same order (a fragment, or a transcription that
differs in a few words).  Groups are the connected components of that relation.

Collation follows the idea of CollateX's variant graph, kept simple: the fullest witness is the
base; every other witness is aligned to it word by word on comparison keys (difflib's
SequenceMatcher), within the stretch it covers; where they differ, the base range becomes a
point of variance with each reading and the articles that carry it.  Words equal once
normalised but printed differently ("honour"/"honor") are an orthographic variance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from itertools import pairwise

from newsweave.model import (
    Article,
    CollationSegment,
    Quote,
    QuoteGroup,
    Reading,
    ReusePair,
    Span,
    Witness,
)
from newsweave.reuse import independent_articles
from newsweave.text.normalize import fold_typography
from newsweave.text.tokens import STOPWORDS, Token, tokenize


def _surface(word: str) -> str:
    """Spelling as printed, ignoring case and typography (curly vs straight apostrophes)."""
    return fold_typography(word).lower()


def same_utterance(a: Sequence[Token], b: Sequence[Token], threshold: float = 0.6) -> bool:
    """Return True when two token sequences plausibly print the same utterance.

    The share of the shorter sequence's content words matched in order in the longer one must
    reach ``threshold``, with at least three content words matched.
    """
    ka = [t.key for t in a]
    kb = [t.key for t in b]
    if not ka or not kb:
        return False
    matcher = SequenceMatcher(None, ka, kb, autojunk=False)
    matched = [ka[m.a + k] for m in matcher.get_matching_blocks() for k in range(m.size)]
    content = [k for k in matched if k not in STOPWORDS]
    shorter = min(len([k for k in ka if k not in STOPWORDS]), len([k for k in kb
                                                                     if k not in STOPWORDS]))
    return len(content) >= 3 and shorter > 0 and len(content) / shorter >= threshold


def render_tokens(tokens: Sequence[Token], text: str | None) -> str:
    """Return the words of ``tokens`` as printed, with the punctuation between them.

    Where two tokens are not close in ``text`` (a quote resumed after "he said"), or no text is
    given, they are joined by a space.
    """
    if not tokens:
        return ""
    if text is None:
        return " ".join(t.text for t in tokens)
    out = [tokens[0].text]
    for prev, tok in pairwise(tokens):
        gap = text[prev.end : tok.start]
        close = 0 <= len(gap) <= 3 and not any(c in gap for c in "\n\"“”")
        out.append((gap if close else " ") + tok.text)
    return "".join(out)


def collate(
    witnesses: Sequence[tuple[str, list[Token]]],
    texts: Mapping[str, str] | None = None,
) -> tuple[str, tuple[CollationSegment, ...]]:
    """Collate witnesses ``(article_id, tokens)``; return the agreed text and the segments.

    ``texts`` maps article ids to their text, so readings keep the punctuation printed
    between words.  The fullest witness is the base.  Returns the agreed text (at each point
    of variance, the reading most articles carry) and the segments in base order.  Collating a
    witness with itself (or with identical copies) yields a single agreed segment.
    """
    if not witnesses:
        return "", ()
    base_index = max(range(len(witnesses)), key=lambda k: (len(witnesses[k][1]), -k))
    base_article, base = witnesses[base_index]
    texts = texts or {}
    base_text = texts.get(base_article)
    n = len(base)
    # variants[(i1, i2)] -> reading text -> articles; for base ranges where witnesses differ
    variants: dict[tuple[int, int], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    orthographic: set[tuple[int, int]] = set()
    coverage: dict[str, tuple[int, int]] = {}
    for k, (article_id, tokens) in enumerate(witnesses):
        if k == base_index:
            continue
        matcher = SequenceMatcher(None, [t.key for t in base], [t.key for t in tokens],
                                  autojunk=False)
        ops = [op for op in matcher.get_opcodes()]
        equal = [op for op in ops if op[0] == "equal"]
        if not equal:
            continue
        lo, hi = equal[0][1], equal[-1][2]
        # A word replaced at either edge is still covered by the witness (both print a word
        # there); only what one of them lacks altogether lies outside its coverage.
        if ops[0][0] == "replace":
            lo = ops[0][1]
        if ops[-1][0] == "replace":
            hi = ops[-1][2]
        coverage[f"{article_id}#{k}"] = (lo, hi)
        for tag, i1, i2, j1, j2 in ops:
            if i1 < lo or i2 > hi:
                continue
            if tag == "equal":
                for d in range(i2 - i1):
                    if _surface(base[i1 + d].text) != _surface(tokens[j1 + d].text):
                        key = (i1 + d, i1 + d + 1)
                        variants[key][tokens[j1 + d].text].append(article_id)
                        orthographic.add(key)
            else:
                own_text = texts.get(article_id)
                if i1 == i2:  # insertion: attach to the previous base word
                    key = (max(0, i1 - 1), max(1, i1))
                    reading = " ".join(
                        part for part in (render_tokens(base[key[0]:key[1]], base_text)
                                          if i1 > 0 else "",
                                          render_tokens(tokens[j1:j2], own_text)) if part)
                else:
                    key = (i1, i2)
                    reading = render_tokens(tokens[j1:j2], own_text) or "∅"
                variants[key][reading].append(article_id)
                orthographic.discard(key)
    segments: list[CollationSegment] = []
    agreed_words: list[str] = []
    cursor = 0
    all_articles = [a for a, _ in witnesses]
    for (i1, i2) in sorted(variants):
        if i1 < cursor:
            continue  # overlapping point of variance: the first one found stands
        if i1 > cursor:
            run = render_tokens(base[cursor:i1], base_text)
            segments.append(CollationSegment(agreed=True, readings=(
                Reading(text=run, articles=tuple(dict.fromkeys(all_articles))),)))
            agreed_words.append(run)
        others = variants[(i1, i2)]
        differing = {a for arts in others.values() for a in arts}
        base_reading = render_tokens(base[i1:i2], base_text)
        base_carriers = [base_article] + [
            a for a, (lo, hi) in ((key.split("#")[0], rng) for key, rng in coverage.items())
            if lo <= i1 and i2 <= hi and a not in differing
        ]
        readings = {base_reading: list(dict.fromkeys(base_carriers))}
        for text, arts in others.items():
            readings.setdefault(text, [])
            readings[text].extend(a for a in arts if a not in readings[text])
        ordered = sorted(readings.items(), key=lambda kv: (-len(kv[1]), kv[0] != base_reading))
        segments.append(CollationSegment(
            agreed=False, orthographic=(i1, i2) in orthographic,
            readings=tuple(Reading(text=t, articles=tuple(a)) for t, a in ordered),
        ))
        majority = ordered[0][0]
        if majority != "∅":
            agreed_words.append(majority)
        cursor = i2
    if cursor < n:
        run = render_tokens(base[cursor:], base_text)
        segments.append(CollationSegment(agreed=True, readings=(
            Reading(text=run, articles=tuple(dict.fromkeys(all_articles))),)))
        agreed_words.append(run)
    return " ".join(agreed_words), tuple(segments)


def group_quotes(
    quotes: Sequence[Quote], articles: Sequence[Article], reuse: Sequence[ReusePair] = (),
    threshold: float = 0.5,
) -> list[QuoteGroup]:
    """Group what several articles print of one utterance, and collate each group.

    The units compared are quote parts (a quote split by "he said" has two), so that an
    article that printed only the first half of a statement still joins the group of that half.
    Takes all quotes of a brief (any order), the articles and the reuse pairs (for independent
    support); returns groups with witnesses in at least two articles, ordered by the number of
    articles (most first), then by first appearance.
    """
    order = {a.id: k for k, a in enumerate(articles)}
    texts = {a.id: a.text for a in articles}
    units = sorted(
        ((q, p) for q in quotes for p in q.parts),
        key=lambda u: (order.get(u[0].article_id, 0), u[1].start),
    )
    tokens = [tokenize(p.text, p.start) for _, p in units]
    parent = list(range(len(units)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(len(units)):
        for j in range(i + 1, len(units)):
            qi, qj = units[i][0], units[j][0]
            if qi.article_id == qj.article_id:
                continue
            if qi.speaker and qj.speaker and qi.speaker != qj.speaker:
                continue
            if same_utterance(tokens[i], tokens[j], threshold):
                parent[find(j)] = find(i)
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(units)):
        components[find(i)].append(i)
    groups: list[QuoteGroup] = []
    for members in components.values():
        article_ids = list(dict.fromkeys(units[i][0].article_id for i in members))
        if len(article_ids) < 2:
            continue
        per_article: dict[str, list[Token]] = defaultdict(list)
        for i in members:
            per_article[units[i][0].article_id].extend(tokens[i])
        agreed, segments = collate([(a, per_article[a]) for a in article_ids], texts)
        speakers = [sp for i in members if (sp := units[i][0].speaker)]
        speaker = max(sorted(set(speakers)), key=speakers.count) if speakers else None
        evidence: dict[str, Span] = {}
        for i in members:
            evidence.setdefault(units[i][0].article_id, units[i][1])
        witnesses: list[Witness] = []
        for i in members:
            quote, part = units[i]
            if witnesses and witnesses[-1].quote_id == quote.id:
                previous = witnesses[-1]
                witnesses[-1] = previous.model_copy(update={
                    "parts": (*previous.parts, part),
                    "text": f"{previous.text} {part.text}",
                })
            else:
                witnesses.append(Witness(quote_id=quote.id, article_id=quote.article_id,
                                         text=part.text, parts=(part,)))
        groups.append(QuoteGroup(
            id="",
            speaker=speaker,
            witnesses=tuple(witnesses),
            agreed_text=agreed,
            segments=segments,
            independent_articles=independent_articles(article_ids, evidence, reuse),
        ))
    groups.sort(key=lambda g: (-len(g.articles), order.get(g.witnesses[0].article_id, 0),
                               g.witnesses[0].parts[0].start))
    return [g.model_copy(update={"id": f"g{k + 1}"}) for k, g in enumerate(groups)]
