"""People: the mentions of each person in one article, every surface form resolved to a name.

The forms merged into one person, per article:

- the full name ("Mark Ruffalo", also inside quotes), and the surname alone after it
  ("Ruffalo"), as :func:`newsweave.quotes.speakers.person_mentions` finds them;
- a titled surname ("Mr. Clarke"), kept as written where the article never gives the full name;
- the first name alone ("Mark began") where exactly one person of the article has it and it
  opens a clause (a verb follows);
- a definite role description ("the actor", "the mayor", "the 52-year-old"): the person whose
  title matches its head (:meth:`Resolver.by_role`), else the last person mentioned before it
  who is compatible: not of the other gender where both are known, not holding another office
  when the head is an office, not of another age when the head is an age;
- the speaker phrase of a quote attributed to the person ("said the actor"), pronouns aside.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from newsweave.lang import COMMON_CAPITALISED, CUE_VERBS, OFFICES, ROLE_NOUNS
from newsweave.lang import SUBJECT_PRONOUNS as PRONOUNS
from newsweave.model import Article, Quote
from newsweave.quotes.speakers import Mention, Resolver, is_description, is_titled
from newsweave.text.spans import SpanSet, WordPositions
from newsweave.text.tokens import STOPWORDS

# Offices: a description headed by one refers to a holder of that office, never to a person the
# article gives another title.
_OFFICES = OFFICES
# Nouns that may follow an age ("the 52-year-old man") and belong to the description.
_AGE_NOUNS = r"man|woman|boy|girl|mother|father"
_AGE = r"\d{1,3}-year-old"
_MODIFIER_STOP = STOPWORDS | {"said", "says"}
_MODIFIER = rf"(?!(?:{'|'.join(sorted(_MODIFIER_STOP))})\s)[\w’'\-]+\s+"
_DESCRIPTION = re.compile(
    rf"\b[Tt]he\s+(?P<mods>(?:{_MODIFIER}){{0,3}})"
    rf"(?P<head>(?:{'|'.join(sorted(ROLE_NOUNS, key=len, reverse=True))})(?![\w\-])"
    rf"|{_AGE}(?:\s+(?:{_AGE_NOUNS})\b)?(?![\w\-]))"
)
# After an age alone the description must end: "the 52-year-old said", not "the 52-year-old law".
_AFTER_AGE = re.compile(
    rf"\s*(?:[,.;:!?)”\"]|$|(?:\w+ly\s+)?(?:{CUE_VERBS}|was|is|has|had|who|will|would)\b)"
)
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
    found.extend(_descriptions(article, resolver, inside_quotes, outside))
    return _without_overlaps(found)


def _is_name(name: str) -> bool:
    words = name.split()
    return bool(words) and not all(w in COMMON_CAPITALISED for w in words)


def _surnames(
    article: Article, full_names: set[str], found: Sequence[PersonMention],
    quoted: SpanSet, words: WordPositions,
) -> list[PersonMention]:
    """A surname alone outside quotes after the full name (written anywhere, quotes too),
    where no other person of the article has that surname."""
    by_surname: dict[str, list[str]] = {}
    for name in full_names:
        by_surname.setdefault(name.split()[-1], []).append(name)
    out: list[PersonMention] = []
    first_at = _first_mentions(found)
    paragraphs = _ranges(article)
    for surname, names in by_surname.items():
        first_seen = first_at.get(names[0])
        if len(names) != 1 or first_seen is None:
            continue
        pattern = re.compile(rf"\b{re.escape(surname)}\b(?!\s+[A-Z])")
        for match in words.matches(pattern, surname, paragraphs):
            pos = match.start()
            if pos > first_seen and not _inside(pos, quoted):
                out.append(PersonMention(pos, pos + len(surname), names[0]))
    return out


def _first_names(
    article: Article, full_names: set[str], found: Sequence[PersonMention],
    quoted: SpanSet, words: WordPositions,
) -> list[PersonMention]:
    """First names alone that open a clause ("Mark began"), after the person's full name."""
    by_first: dict[str, list[str]] = {}
    surnames = {n.split()[-1] for n in full_names}
    for name in full_names:
        by_first.setdefault(name.split()[0], []).append(name)
    out: list[PersonMention] = []
    first_at = _first_mentions(found)
    paragraphs = _ranges(article)
    for first, names in by_first.items():
        if len(names) != 1 or first in surnames or first.lower() in STOPWORDS or len(first) < 3:
            continue
        first_seen = first_at.get(names[0])
        if first_seen is None:
            continue
        pattern = re.compile(rf"\b{re.escape(first)}\b(?!\s+[A-Z])")
        for match in words.matches(pattern, first, paragraphs):
            pos = match.start()
            # the clause verb is read within the paragraph, as the match was made
            if pos > first_seen and not _inside(pos, quoted) and _CLAUSE_VERB.match(
                article.text, match.end(), match.endpos
            ):
                out.append(PersonMention(pos, pos + len(first), names[0]))
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


def _descriptions(
    article: Article, resolver: Resolver, quoted: SpanSet,
    names: Sequence[PersonMention],
) -> list[PersonMention]:
    """Definite role descriptions outside quotes, each resolved to a person (module docstring)."""
    text = article.text
    # An article keeps one epithet for one person: a head noun once resolved (or written as a
    # quote's speaker, "said the actor") refers to the same person later on.
    epithets: dict[str, str] = {}
    for m in names:
        if m.source == 1 and is_description(text[m.start : m.end]):
            epithets.setdefault(text[m.start : m.end].split()[-1].lower(), m.name)
    out: list[PersonMention] = []
    for paragraph in article.paragraphs:
        for match in _DESCRIPTION.finditer(paragraph.text):
            start, end = paragraph.start + match.start(), paragraph.start + match.end()
            head = match.group("head")
            if _inside(start, quoted):
                continue
            if re.search(r"\b(?:for|as)\s+$", paragraph.text[: match.start()]):
                continue  # "nominated for the best actor", "as the host": a role, not a person
            rest = paragraph.text[match.end():]
            if re.match(r",?\s+(?:[A-Z][a-z]{1,3}\.\s+)?[A-Z][a-z]", rest):
                continue  # "the actor Mark Ruffalo": the name is the mention
            if re.fullmatch(_AGE, head) and not _AFTER_AGE.match(rest):
                continue
            name = _resolve(resolver, match.group(), start, names)
            if head in epithets and (name is None or head not in _OFFICES):
                name = epithets[head]
            if name is not None:
                epithets[head] = name
                out.append(PersonMention(start, end, name, 2))
    return out


def _resolve(
    resolver: Resolver, description: str, position: int, names: Sequence[PersonMention],
) -> str | None:
    """The person a description refers to (:meth:`Resolver.referent`), as this article's
    person mentions name them (a titled surname as written)."""
    found = resolver.referent(description, position, ((m.start, m.name) for m in names))
    if found is None:
        return None
    return next((m.name for m in names if m.name == found
                 or m.name.split()[-1] == found.split()[-1]), found)
