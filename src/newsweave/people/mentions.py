"""The mentions of each person in one article, every surface form resolved to a name.

The entity stage's view of the article's people, read from the same
:class:`~newsweave.people.speakers.Resolver` that attributed the quotes.  The forms merged
into one person, per article:

- the full name ("Mark Ruffalo", also inside quotes), and the surname alone after it
  ("Ruffalo"), as :func:`newsweave.people.speakers.person_mentions` and
  :func:`~newsweave.people.speakers.lone_name_parts` find them;
- a titled surname ("Mr. Clarke"), kept as written where the article never gives the full name;
- the first name alone ("Mark began") where exactly one person of the article has it and it
  opens a clause (a verb follows);
- a definite role description ("the actor", "the mayor", "the 52-year-old"), resolved by
  :meth:`~newsweave.people.speakers.Resolver.role_descriptions` (the titled person, else the
  last compatible one), the rule that also resolves a quote's "said the actor";
- the speaker phrase of a quote attributed to the person ("said the actor"), pronouns aside.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from newsweave.lang import COMMON_CAPITALISED, CUE_VERBS
from newsweave.lang import SUBJECT_PRONOUNS as PRONOUNS
from newsweave.model import Article, Quote
from newsweave.people.speakers import (
    Mention,
    Resolver,
    is_description,
    is_titled,
    lone_name_parts,
)
from newsweave.text.spans import SpanSet, WordPositions
from newsweave.text.tokens import STOPWORDS

_CLAUSE_VERB = re.compile(rf"\s+(?:\w+ly\s+)?(?:{CUE_VERBS}|was|is|has|had|\w+ed)\b")


@dataclass(frozen=True)
class PersonMention:
    """One mention of a person in an article: ``[start, end)``, the person's name, and how it
    was found (0 a name, 1 a quote's speaker phrase, 2 a description: the lower wins a tie)."""

    start: int
    end: int
    name: str
    source: int = 0


def _first_mentions(found: Iterable[PersonMention]) -> dict[str, int]:
    """Where each person is first mentioned."""
    first: dict[str, int] = {}
    for m in found:
        first[m.name] = min(m.start, first.get(m.name, m.start))
    return first


def _ranges(article: Article) -> list[tuple[int, int]]:
    """The article's paragraphs as ``(start, end)`` offsets, in order."""
    return [(p.start, p.end) for p in article.paragraphs]


def _inside(pos: int, ranges: SpanSet) -> bool:
    return ranges.covers(pos)


def _name_span(text: str, mention: Mention) -> tuple[int, int]:
    """The span the mention covers: the name, the surname or the first name as written, with
    a title that directly precedes it ("Mr. Clarke")."""
    pos = mention.position
    words = mention.name.split()
    written = next((form for form in (mention.name, words[-1], words[0])
                    if text.startswith(form, pos)), words[-1])
    start = pos
    if mention.title:
        before = re.search(rf"{re.escape(mention.title.rstrip('.'))}\.?\s+$", text[:pos][-40:])
        if before:
            start = pos - (len(before.group()))
    return start, pos + len(written)


def article_people(
    resolver: Resolver, quotes: Sequence[Quote], not_people: Collection[str] = (),
) -> list[PersonMention]:
    """Return the person mentions of one article, in text order, each with its person's name.

    Takes the article's person resolver (the one that attributed its quotes: its mentions,
    quote spans, genders and titles), the article's quotes (their speakers and speaker
    phrases) and names known not to be people (titles of works, organisations, places: "Low
    Tide"); returns non-overlapping mentions.  A name is the full name where the article gives
    it (found inside quotes too), else the titled surname as written ("Mr. Clarke"), else the
    single name.
    """
    article = resolver.article
    quoted = resolver.quoted
    text = article.text
    paragraphs = SpanSet((p.start, p.end) for p in article.paragraphs)
    inside_quotes = SpanSet(quoted)
    found: list[PersonMention] = []
    for mention in resolver.mentions:
        if not _inside(mention.position, paragraphs) or not _is_name(mention.name) or (
            mention.name in not_people
        ) or not (mention.title or resolver.is_person(mention.name)):
            continue
        start, end = _name_span(text, mention)
        name = mention.name
        if len(name.split()) == 1 and mention.title:
            name = " ".join(text[start:end].split())
        found.append(PersonMention(start, end, name))
    full_names = {m.name for m in found if len(m.name.split()) >= 2 and not is_titled(m.name)}
    full_names |= {q.speaker for q in quotes if q.speaker and len(q.speaker.split()) >= 2
                   and not is_description(q.speaker) and q.speaker not in not_people}
    words = WordPositions(text)  # one pass over the text, not one per name
    for name in sorted(full_names):
        for match in words.matches(re.compile(rf"(?<!\w){re.escape(name)}(?!\w)"), name):
            if _inside(match.start(), paragraphs):
                found.append(PersonMention(match.start(), match.end(), name))
    found.extend(_surnames(article, full_names, found, inside_quotes, words))
    found.extend(_first_names(article, full_names, found, inside_quotes, words))
    for quote in quotes:
        span = quote.speaker_span
        if quote.speaker is None or span is None or span.text.strip().lower() in PRONOUNS:
            continue
        if quote.speaker in full_names:
            found.append(PersonMention(span.start, span.end, quote.speaker, 1))
    found = _without_overlaps(found)
    outside = [m for m in found if not _inside(m.start, inside_quotes)]
    found.extend(_descriptions(resolver, outside))
    return _without_overlaps(found)


def _is_name(name: str) -> bool:
    words = name.split()
    return bool(words) and not all(w in COMMON_CAPITALISED for w in words)


def _surnames(
    article: Article, full_names: set[str], found: Sequence[PersonMention],
    quoted: SpanSet, words: WordPositions,
) -> list[PersonMention]:
    """A surname alone outside quotes after the full name (written anywhere, quotes too)
    (:func:`~newsweave.people.speakers.lone_name_parts`)."""
    first_at = _first_mentions(found)
    first_seen = {name: first_at[name] for name in sorted(full_names) if name in first_at}
    return [PersonMention(start, end, name) for start, end, name
            in lone_name_parts(words, first_seen, -1, quoted, _ranges(article))]


def _first_names(
    article: Article, full_names: set[str], found: Sequence[PersonMention],
    quoted: SpanSet, words: WordPositions,
) -> list[PersonMention]:
    """First names alone that open a clause ("Mark began"), after the person's full name."""
    surnames = {n.split()[-1] for n in full_names}
    shared = Counter(name.split()[0] for name in full_names)
    first_at = _first_mentions(found)
    # a first name two people share names neither
    first_seen = {name: first_at[name] for name in sorted(full_names) if name in first_at
                  and shared[first := name.split()[0]] == 1 and first not in surnames
                  and first.lower() not in STOPWORDS and len(first) >= 3}
    paragraphs = _ranges(article)
    ends = [e for _, e in paragraphs]
    out: list[PersonMention] = []
    for start, end, name in lone_name_parts(words, first_seen, 0, quoted, paragraphs):
        # the clause verb is read within the paragraph, as the match was made
        if _CLAUSE_VERB.match(article.text, end, ends[bisect_right(ends, start)]):
            out.append(PersonMention(start, end, name))
    return out


def _without_overlaps(mentions: Iterable[PersonMention]) -> list[PersonMention]:
    """Keep the first of overlapping mentions, longest first at one start."""
    kept: list[PersonMention] = []
    end = -1
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end, m.source, m.name)):
        if mention.start >= end:
            kept.append(mention)
            end = mention.end
    return kept


def _descriptions(resolver: Resolver, names: Sequence[PersonMention]) -> list[PersonMention]:
    """The article's role descriptions (:meth:`Resolver.role_descriptions`), each as a mention
    of its person as ``names`` (this article's person mentions) name them.  A quote's speaker
    phrase that is a description ("said the actor") seeds the epithets."""
    text = resolver.text
    epithets: dict[str, str] = {}
    for m in names:
        if m.source == 1 and is_description(text[m.start : m.end]):
            epithets.setdefault(text[m.start : m.end].split()[-1].lower(), m.name)
    out: list[PersonMention] = []
    for found in resolver.role_descriptions([(m.start, m.name) for m in names], epithets):
        name = next((m.name for m in names if m.name == found.name
                     or m.name.split()[-1] == found.name.split()[-1]), found.name)
        out.append(PersonMention(found.start, found.end, name, 2))
    return out
