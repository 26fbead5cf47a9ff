"""Entities stage (rule-based first version): people, works and organisations with mentions.

People are the capitalised multi-word names found outside quotes (see
:func:`newsweave.quotes.speakers.person_mentions`) plus every quote speaker; a person's mentions
are the occurrences of the full name, and of the surname alone where no other person of the
brief shares it ("Mark Ruffalo", "Ruffalo").  Works are Title Case stretches in quote marks
that are not speech ("I Know This Much Is True").  Organisations are acronyms and names ending
in an organisation word (Council, Academy, Service, ...).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from newsweave.model import Article, Entity, Quote, Span
from newsweave.quotes.extract import find_regions
from newsweave.quotes.speakers import person_mentions

_ORG = re.compile(
    r"\b(?:[A-Z][\w&'’-]+\s+){0,4}(?:Council|Academy|Service|Services|University|Trust|"
    r"Department|Ministry|Agency|Association|Club|Company|Corporation|Party|Committee|"
    r"Commission|Court|Police|Hospital|Network|Group|Institute|Foundation|Union|Office)\b"
    r"|\b[A-Z]{2,6}\b"
)
_ACRONYM_STOP = frozenset({"I", "A", "OK", "TV", "US", "UK", "PM", "AM", "ALSO", "READ", "BY"})
_ORG_LEAD = frozenset({"The", "A", "An", "In", "At", "On", "For", "From", "By", "Of"})


def _spans_of(article: Article, pattern: re.Pattern[str]) -> list[Span]:
    spans = []
    for paragraph in article.paragraphs:
        for match in pattern.finditer(paragraph.text):
            spans.append(article.span(paragraph.start + match.start(),
                                      paragraph.start + match.end()))
    return spans


def find_entities(articles: Sequence[Article], quotes: Sequence[Quote] = ()) -> list[Entity]:
    """Return the people, works and organisations of ``articles`` with their mentions.

    Takes the articles and their quotes (speakers are people); returns entities ordered by the
    number of articles that mention them, then by mentions, then by name.
    """
    people: set[str] = {q.speaker for q in quotes if q.speaker and " " in q.speaker}
    works: set[str] = set()
    orgs: set[str] = set()
    for article in articles:
        ranges = [(p.start, p.end) for p in article.paragraphs]
        regions = find_regions(article.text, ranges)
        people.update(m.name for m in person_mentions(
            article, [(r.open_at, r.close_end) for r in regions]))
        for region in regions:
            content = article.text[region.start : region.end].strip(" ,.")
            words = content.split()
            if 1 <= len(words) <= 10 and all(w[:1].isupper() or len(w) <= 3 for w in words) and (
                words[0][:1].isupper()
            ):
                works.add(content)
        for paragraph in article.paragraphs:
            for match in _ORG.finditer(paragraph.text):
                name = match.group().strip()
                first = name.split()[0]
                if first in _ORG_LEAD:
                    name = name[len(first):].strip()
                if name and name not in _ACRONYM_STOP and len(name) > 1:
                    orgs.add(name)
    people -= works
    orgs = {o for o in orgs if " " in o or o.isupper()}
    surnames: dict[str, list[str]] = defaultdict(list)
    for person in people:
        surnames[person.split()[-1]].append(person)
    entities: list[Entity] = []
    for person in sorted(people):
        forms = [re.escape(person)]
        if len(surnames[person.split()[-1]]) == 1:
            forms.append(re.escape(person.split()[-1]))
        pattern = re.compile(rf"\b(?:{'|'.join(forms)})\b")
        mentions = [s for a in articles for s in _spans_of(a, pattern)]
        if mentions:
            entities.append(Entity(name=person, kind="person", mentions=tuple(mentions)))
    for kind, names in (("work", works), ("organisation", orgs - people - works)):
        for name in sorted(names):
            pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
            mentions = [s for a in articles for s in _spans_of(a, pattern)]
            if mentions:
                entities.append(Entity(name=name, kind=kind,
                                       mentions=tuple(mentions)))
    entities.sort(key=lambda e: (-len(e.articles), -len(e.mentions), e.name))
    return entities
