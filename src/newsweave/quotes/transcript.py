"""Transcripts: per speaker, one text of everything the articles print of that speaker.

The utterances are the quote groups (each already one alignment of its witnesses: groups are
closed under overlap, so a phrase printed by several outlets, whole or cut at different places,
lies in one group and the transcript never repeats it) and the quotes only one article prints.
Each quote's words have one place: the group that holds them, or a segment of their own.

Order: where articles print two utterances of one speaker, each article votes for the order in
which it prints them, and the majority decides (adjacent utterances are swapped until no vote
says otherwise); utterances that no article prints together keep the order of their mean
relative position among the speaker's quotes in the articles that carry them, ties going to
first appearance.

A fragment (four words or fewer, or a quote woven into the article's own sentence) attaches,
in ``quotes.group``, to the one place of its speaker's transcript that holds its words word for
word, becoming a witness there; one that stays alone says why: its words stand in no place of
the speaker's transcript, or in several (ambiguous).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from newsweave.model import Article, Quote, QuoteGroup, Transcript, TranscriptSegment
from newsweave.quotes.group import is_fragment, phrase_places
from newsweave.text.tokens import tokenize


def order_by_votes(nodes: Sequence[str], sequences: Sequence[Sequence[str]]) -> list[str]:
    """Order ``nodes`` (given in a fallback order) so that, for any two adjacent nodes, no
    majority of ``sequences`` (each the order one article prints them in) puts them the other
    way round.  Returns a new list; nodes never printed together keep the fallback order."""
    before: Counter[tuple[str, str]] = Counter()
    for sequence in sequences:
        for k, first in enumerate(sequence):
            for second in sequence[k + 1 :]:
                if first != second:
                    before[first, second] += 1
    out = list(nodes)
    for _ in range(len(out)):
        swapped = False
        for k in range(len(out) - 1):
            a, b = out[k], out[k + 1]
            if before[b, a] > before[a, b]:
                out[k], out[k + 1] = b, a
                swapped = True
        if not swapped:
            break
    return out


def _fragment_note(quote: Quote, groups: Sequence[QuoteGroup], text: str) -> str | None:
    """Why a fragment of the speaker (:func:`~newsweave.quotes.group.is_fragment`) stays alone:
    its words stand in no place of the speaker's transcript, or in several (None for a
    quote that is no fragment)."""
    if not is_fragment(quote.parts, text):
        return None
    keys = [t.key for t in tokenize(quote.text)]
    places = phrase_places(keys, [[t.key for t in tokenize(g.agreed_text)] for g in groups])
    if not places:
        return "fragment: its words are nowhere else in the speaker's transcript (no place)"
    if len(places) > 1:
        return (f"fragment: ambiguous, its words stand in {len(places)} places of the "
                "speaker's transcript")
    return f"fragment: its words stand in {groups[places[0]].id}, but its attribution differs"


def build_transcripts(
    quotes: Sequence[Quote], groups: Sequence[QuoteGroup], articles: Sequence[Article]
) -> list[Transcript]:
    """Return one transcript per named speaker, speakers ordered by how much they are quoted.

    Takes all quotes, their groups and the articles (for document order).  A group is in the
    transcript of its speaker only; a quote in no group in that of its own speaker.
    """
    order = {a.id: k for k, a in enumerate(articles)}
    texts = {a.id: a.text for a in articles}
    group_of: dict[str, list[str]] = defaultdict(list)
    for group in groups:
        for witness in group.witnesses:
            if group.id not in group_of[witness.quote_id]:
                group_of[witness.quote_id].append(group.id)
    by_id = {g.id: g for g in groups}
    by_speaker: dict[str, list[tuple[Quote, str]]] = defaultdict(list)
    for quote in quotes:
        for node in group_of.get(quote.id, []):
            speaker = by_id[node].speaker or quote.speaker
            if speaker:
                by_speaker[speaker].append((quote, node))
        if quote.id not in group_of and quote.speaker:
            by_speaker[quote.speaker].append((quote, quote.id))
    transcripts: list[Transcript] = []
    for speaker, spoken in by_speaker.items():
        positions: dict[str, list[float]] = defaultdict(list)
        first_seen: dict[str, tuple[int, int]] = {}
        members: dict[str, list[Quote]] = defaultdict(list)
        per_article: dict[str, list[tuple[Quote, str]]] = defaultdict(list)
        for quote, node in spoken:
            per_article[quote.article_id].append((quote, node))
        sequences: list[list[str]] = []
        for article_id, items in per_article.items():
            items.sort(key=lambda item: _start(item[0], item[1], by_id))
            sequences.append(list(dict.fromkeys(node for _, node in items)))
            for rank, (quote, node) in enumerate(items):
                positions[node].append(rank / max(1, len(items) - 1))
                members[node].append(quote)
                seen = (order.get(article_id, 0), _start(quote, node, by_id))
                first_seen[node] = min(first_seen.get(node, seen), seen)
        fallback = sorted(positions, key=lambda n: (sum(positions[n]) / len(positions[n]),
                                                    first_seen[n]))
        speaker_groups = [by_id[n] for n in fallback if n in by_id]
        segments: list[TranscriptSegment] = []
        for node in order_by_votes(fallback, sequences):
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
                    note=_fragment_note(quote, speaker_groups, texts.get(quote.article_id, "")),
                ))
        transcripts.append(Transcript(speaker=speaker, segments=tuple(segments)))
    transcripts.sort(key=lambda t: (-sum(s.support for s in t.segments), t.speaker))
    return transcripts


def _start(quote: Quote, node: str, groups: dict[str, QuoteGroup]) -> int:
    """Where a quote's words of one utterance start in its article."""
    group = groups.get(node)
    if group is not None:
        starts = [p.start for w in group.witnesses if w.quote_id == quote.id for p in w.parts]
        if starts:
            return min(starts)
    return quote.parts[0].start
