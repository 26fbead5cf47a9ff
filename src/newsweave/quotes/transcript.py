"""Transcripts: per speaker, the utterances ordered into the most complete reconstruction.

Each article prints a speaker's words in the order it chose, usually the order they were said.
A stretch (a collated quote group, or a quote only one article prints) is placed by its mean
relative position among that speaker's quotes in the articles that carry it; ties go to first
appearance.  Each segment keeps its support (articles, and independent ones).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from newsweave.model import Article, Quote, QuoteGroup, Transcript, TranscriptSegment


def build_transcripts(
    quotes: Sequence[Quote], groups: Sequence[QuoteGroup], articles: Sequence[Article]
) -> list[Transcript]:
    """Return one transcript per named speaker, speakers ordered by how much they are quoted.

    Takes all quotes, their groups and the articles (for document order).
    """
    order = {a.id: k for k, a in enumerate(articles)}
    group_of: dict[str, str] = {}
    for group in groups:
        for witness in group.witnesses:
            group_of.setdefault(witness.quote_id, group.id)
    by_id = {g.id: g for g in groups}
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker:
            by_speaker[quote.speaker].append(quote)
    transcripts: list[Transcript] = []
    for speaker, spoken in by_speaker.items():
        positions: dict[str, list[float]] = defaultdict(list)
        first_seen: dict[str, tuple[int, int]] = {}
        members: dict[str, list[Quote]] = defaultdict(list)
        per_article: dict[str, list[Quote]] = defaultdict(list)
        for quote in spoken:
            per_article[quote.article_id].append(quote)
        for article_id, items in per_article.items():
            items.sort(key=lambda q: q.parts[0].start)
            for rank, quote in enumerate(items):
                node = group_of.get(quote.id, quote.id)
                positions[node].append(rank / max(1, len(items) - 1))
                members[node].append(quote)
                seen = (order.get(article_id, 0), quote.parts[0].start)
                first_seen[node] = min(first_seen.get(node, seen), seen)
        nodes = sorted(positions, key=lambda n: (sum(positions[n]) / len(positions[n]),
                                                 first_seen[n]))
        segments: list[TranscriptSegment] = []
        for node in nodes:
            quote_ids = tuple(dict.fromkeys(q.id for q in members[node]))
            if node in by_id:
                group = by_id[node]
                segments.append(TranscriptSegment(
                    text=group.agreed_text, group_id=group.id, quote_ids=quote_ids,
                    articles=group.articles, independent_articles=group.independent_articles,
                ))
            else:
                quote = members[node][0]
                segments.append(TranscriptSegment(
                    text=quote.text, group_id=None, quote_ids=quote_ids,
                    articles=(quote.article_id,), independent_articles=(quote.article_id,),
                ))
        transcripts.append(Transcript(speaker=speaker, segments=tuple(segments)))
    transcripts.sort(key=lambda t: (-sum(s.support for s in t.segments), t.speaker))
    return transcripts
