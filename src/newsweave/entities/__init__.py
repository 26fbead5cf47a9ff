"""Entities stage: people, organisations, works and places, with their mentions per article.

The rule-based core (no model needed):

- **people** (:mod:`newsweave.people`: the resolver the quote stage attributed with): every
  surface form of a person merged into one entity: the full name, the surname alone, a titled
  surname, the first name opening a clause, a definite role description ("the actor", "the
  52-year-old"), the speaker phrase of a quote.  Across articles a person is one entity by
  full name; a surname alone in an article that never gives the full name joins the brief's
  only person of that surname;
- **works, organisations, places** (:mod:`newsweave.entities.rules`): titles in quote marks
  or after a work noun, acronyms and names ending in an organisation word, capitalised spans
  after locative prepositions and "City, State"; each name is mentioned wherever the articles'
  content writes it.

With the ``nlp`` extra (a loaded spaCy pipeline), named-entity recognition adds what the rules
missed: its PERSON names help the person rules (surnames, descriptions), and its PERSON, ORG,
GPE, LOC, FAC and WORK_OF_ART spans join the entity of the same surface form, or make new
entities; they never replace or relabel a rule entity or mention.

Every mention is a :class:`~newsweave.model.Span` over its article's text; a character belongs
to one mention at most (the longer span wins).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from newsweave.entities.rules import (
    KNOWN_PLACES,
    organisations,
    pattern_works,
    places,
    quoted_works,
)
from newsweave.lang import COMMON_CAPITALISED
from newsweave.model import Article, Entity, Span
from newsweave.people.mentions import PersonMention, article_people
from newsweave.people.speakers import is_titled
from newsweave.quotes.extract import QuoteExtraction, quote_extraction
from newsweave.text.spans import SpanSet
from newsweave.text.tokens import STOPWORDS

Kind = Literal["person", "organisation", "work", "place", "other"]
# Which kind wins when one name is found as two (a title in quotes is a work, not a person).
_PRIORITY: dict[str, int] = {"person": 1, "work": 0, "organisation": 2, "place": 3, "other": 4}
_NER_KINDS: dict[str, Kind] = {"PERSON": "person", "ORG": "organisation", "GPE": "place",
                               "LOC": "place", "FAC": "place", "WORK_OF_ART": "work"}

__all__ = ["EntityFeatures", "entity_features", "find_entities", "merge_entities"]


@dataclass(frozen=True)
class _Found:
    """A mention before merging: where, which entity (kind and name), and from which source."""

    article: int
    start: int
    end: int
    kind: Kind
    name: str
    ner: bool = False


@dataclass(frozen=True)
class _NerSpan:
    start: int
    end: int
    label: str
    text: str


def _trimmed(start: int, text: str) -> tuple[int, int]:
    """The span of a named-entity text without a leading article or a trailing possessive
    ("an Emmy Award" -> "Emmy Award", "Dominick’s" -> "Dominick")."""
    lead = re.match(r"(?:[Tt]he|[Aa]n?)\s+", text)
    cut = lead.end() if lead else 0
    tail = re.search(r"['’]s?$", text)
    return start + cut, start + (tail.start() if tail else len(text))


def _ner_spans(article: Article, docs: Sequence[Any]) -> list[_NerSpan]:
    out: list[_NerSpan] = []
    for paragraph, doc in zip(article.paragraphs, docs, strict=True):
        for ent in doc.ents:
            if ent.label_ in _NER_KINDS:
                out.append(_NerSpan(paragraph.start + ent.start_char,
                                    paragraph.start + ent.end_char, ent.label_, ent.text))
    return out


def _occurrences(article: Article, name: str, place: bool = False) -> list[tuple[int, int]]:
    """Where ``name`` is written in the article's paragraphs (a place not followed by another
    capitalised word: "New York" is not in "New York Times")."""
    tail = r"(?![\w'’]*\s+[A-Z])" if place else ""
    pattern = re.compile(rf"(?<![\w\-]){re.escape(name)}(?![\w\-]){tail}")
    out: list[tuple[int, int]] = []
    for paragraph in article.paragraphs:
        for match in pattern.finditer(paragraph.text):
            out.append((paragraph.start + match.start(), paragraph.start + match.end()))
    return out


@dataclass(frozen=True)
class EntityFeatures:
    """What the entity stage needs of one article, found in that article alone (picklable).

    The names of works, organisations and places the rules find; the article's person mentions
    (names of its own works, organisations and known places are not people); and the parser's
    named entities when the ``nlp`` extra is on.
    """

    works: frozenset[str]
    organisations: frozenset[str]
    places: frozenset[str]
    people: tuple[PersonMention, ...]
    ner: tuple[_NerSpan, ...] = ()


def entity_features(extraction: QuoteExtraction) -> EntityFeatures:
    """Return the entity features of one article from what its quote stage found.

    Takes the article's :class:`~newsweave.quotes.extract.QuoteExtraction`: its quotes (speakers
    are people), its quote regions, the person resolver that attributed the quotes (the one
    resolver of the article: the entity stage reads its people rather than finding them a
    second time) and, with the ``nlp`` extra, the parse of each paragraph (named entities).
    """
    article = extraction.article
    works = quoted_works(article, extraction.regions) | pattern_works(article)
    orgs = organisations(article)
    ner: list[_NerSpan] = []
    if extraction.parser is not None:
        ner = _ner_spans(article, [extraction.doc(i) for i in range(len(article.paragraphs))])
    people = article_people(extraction.resolver, extraction.quotes, works | orgs | KNOWN_PLACES)
    return EntityFeatures(frozenset(works), frozenset(orgs), frozenset(places(article)),
                          tuple(people), tuple(ner))


def find_entities(articles: Sequence[Article], nlp: Any | None = None) -> list[Entity]:
    """Return the people, organisations, works and places of ``articles`` with their mentions.

    Takes the articles and, optionally, a loaded spaCy pipeline (the ``nlp`` extra), whose
    named entities join the rule ones.  Runs the quote stage on each article (its speakers
    are people; its resolver finds them), computes each article's :func:`entity_features`
    and returns :func:`merge_entities` of them.
    """
    return merge_entities(articles, [entity_features(quote_extraction(article, nlp=nlp))
                                     for article in articles])


def merge_entities(
    articles: Sequence[Article], features: Sequence[EntityFeatures]
) -> list[Entity]:
    """Return the entities of a set of articles from each article's :func:`entity_features`.

    Returns entities, each with its mentions (spans, in article then text order) and its merged
    surface forms (most frequent first), ordered by the number of articles that mention them,
    then by mentions, then by name.  A name that one article writes as a work, organisation or
    place is no person in any article.
    """
    works = frozenset().union(*(f.works for f in features))
    orgs = frozenset().union(*(f.organisations for f in features))
    place_names = frozenset().union(*(f.places for f in features))
    not_people = works | orgs | KNOWN_PLACES
    people_of = [[m for m in f.people if m.name not in not_people] for f in features]
    ner_of = [f.ner for f in features]
    with_ner = any(ner_of)

    full_names = {m.name for mentions in people_of for m in mentions if len(m.name.split()) >= 2
                  and not is_titled(m.name)} - works
    by_surname: dict[str, set[str]] = defaultdict(set)
    for name in full_names:
        by_surname[name.split()[-1]].add(name)
    name_words = {w for n in full_names for w in (n.split()[0], n.split()[-1])}

    found: list[_Found] = []
    for a_index, (article, mentions) in enumerate(zip(articles, people_of, strict=True)):
        written = {m.name for m in mentions}
        for m in mentions:
            found.append(_Found(a_index, m.start, m.end, "person", _canonical(m.name, by_surname)))
        for name in sorted(full_names - written):
            found.extend(_Found(a_index, s, e, "person", name) for s, e in
                         _occurrences(article, name))
        # A surname alone, in an article that never gives its full name, when the brief
        # has one person of that surname.
        written_surnames = {w.split()[-1] for w in written if w.split()}
        for surname, names in sorted(by_surname.items()):
            if len(names) == 1 and surname not in written_surnames:
                found.extend(_Found(a_index, s, e, "person", next(iter(names)))
                             for s, e in _occurrences(article, surname, place=True))
        named: list[tuple[Kind, set[str]]] = [
            ("work", set(works)), ("organisation", set(orgs - full_names - works)),
            ("place", set(place_names - full_names - works - orgs - name_words))]
        for kind, names in named:
            for name in sorted(names):
                found.extend(_Found(a_index, s, e, kind, name)
                             for s, e in _occurrences(article, name, place=kind == "place"))
    found = _without_overlaps(found)
    if with_ner:
        found = _without_overlaps(found + _from_ner(articles, found, ner_of))
    return _entities(articles, found)


def _canonical(name: str, by_surname: dict[str, set[str]]) -> str:
    """A single or titled surname ("Mr. Clarke") as the brief's only person of that surname."""
    if len(name.split()) == 1 or is_titled(name):
        names = by_surname.get(name.split()[-1], set())
        if len(names) == 1:
            return next(iter(names))
    return name


def _from_ner(articles: Sequence[Article], found: Sequence[_Found],
              ner_of: Sequence[Sequence[_NerSpan]]) -> list[_Found]:
    """NER spans not covered by a rule mention, joined to the entity of the same surface form
    (its name, or the first name or surname of only one person), whatever the NER label; else
    to an entity of the NER kind named by the form, unless the form is only common
    capitalised words ("Outstanding Lead Actor")."""
    forms: dict[str, tuple[Kind, str]] = {}
    single: dict[str, set[str]] = defaultdict(set)
    for f in found:
        forms.setdefault(f.name, (f.kind, f.name))
        words = f.name.split()
        if f.kind == "person" and len(words) >= 2:
            single[words[0]].add(f.name)
            single[words[-1]].add(f.name)
    for word, names in single.items():
        if len(names) == 1:
            forms.setdefault(word, ("person", next(iter(names))))
    spans_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for f in found:
        spans_of[f.article].append((f.start, f.end))
    taken = {a_index: SpanSet(spans) for a_index, spans in spans_of.items()}
    out: list[_Found] = []
    for a_index, spans in enumerate(ner_of):
        text = articles[a_index].text
        for span in spans:
            start, end = _trimmed(span.start, span.text)
            surface = " ".join(text[start:end].split())
            if not surface or (a_index in taken and taken[a_index].overlaps(start, end)):
                continue
            if surface in forms:
                kind, name = forms[surface]
            elif all(w in COMMON_CAPITALISED or w.lower() in STOPWORDS for w in surface.split()):
                continue
            else:
                kind, name = _NER_KINDS[span.label], surface
                forms[surface] = (kind, name)
            out.append(_Found(a_index, start, end, kind, name, ner=True))
    return out


def _without_overlaps(found: Sequence[_Found]) -> list[_Found]:
    """One mention per character: the longer span wins, then the rule one, then by kind."""
    kept: list[_Found] = []
    by_article: dict[int, list[_Found]] = defaultdict(list)
    for f in found:
        by_article[f.article].append(f)
    for a_index in sorted(by_article):
        ranked = sorted(by_article[a_index],
                        key=lambda f: (-(f.end - f.start), f.ner, _PRIORITY[f.kind], f.start,
                                       f.name))
        chosen: list[_Found] = []
        starts: list[int] = []  # of the chosen, which never overlap: ends sort the same way
        ends: list[int] = []
        for f in ranked:
            at = bisect_right(ends, f.start)
            if at < len(starts) and starts[at] < f.end:
                continue
            chosen.append(f)
            starts.insert(at, f.start)
            ends.insert(at, f.end)
        kept.extend(sorted(chosen, key=lambda f: f.start))
    return kept


def _entities(articles: Sequence[Article], found: Sequence[_Found]) -> list[Entity]:
    grouped: dict[tuple[str, str], list[_Found]] = defaultdict(list)
    for f in found:
        grouped[(f.kind, f.name)].append(f)
    entities: list[Entity] = []
    for (kind, name), items in grouped.items():
        items.sort(key=lambda f: (f.article, f.start))
        spans: list[Span] = [articles[f.article].span(f.start, f.end) for f in items]
        counts = Counter(" ".join(s.text.split()) for s in spans)
        # Counter keeps first-seen order, so equal counts stay in text order.
        forms = sorted(counts, key=lambda form: -counts[form])
        entities.append(Entity(name=name, kind=kind, mentions=tuple(spans),
                               forms=tuple(forms)))
    entities.sort(key=lambda e: (-len(e.articles), -len(e.mentions), e.name, e.kind))
    return entities
