"""Conflicts: where articles that report the same thing give different values.

Each sentence's comparable values are read by :mod:`newsweave.align.values` (counts and
measures, ages, records, dates and times, ordinals, roles, home towns, directions), each with the
*frame* of its clause (subject names, the words around it, scope, reference point, year).  Two
values of different articles are compared only when they fill the same *slot* (the same unit
family and counted noun, the same person's age, the same role of the same named work) and their
frames say they answer the same question (:func:`same_question`): not another year's event, not
a distance from another place, not a career total against a season's.  What the frames share
gives the conflict its *confidence*, with the signals that decided it; below
``conflicts.min_confidence`` a conflict is shown apart, as possible.  A disagreement is then read
before it is shouted:

- *compatible* when the text allows both: a bound ("at least 17" and 20), an approximation
  ("about 200" and 205), a rounding ("$4 billion" and "$4.2 billion"), a unit conversion
  ("135 km" and "85 miles"), a qualified ordinal ("second Emmy" and "first *acting* Emmy"), a
  more specific title ("producer" and "executive producer"), a spelling variant of a place;
- *update* when the quantity is one that changes as news comes in (a toll, a count of arrests)
  or a claim is denied and later reported, and every article of one side is dated before every
  article of the other;
- *contradiction* otherwise: both cannot hold of the same thing at the same time.

Sentences that say nearly the same thing but one of them negates it ("the bill passed" / "the
bill did not pass") are a *negation* conflict.

Cost: values are bucketed by slot and compared only within a bucket, so the work grows with the
number of values that share a slot, not with the square of all sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from itertools import pairwise

import networkx as nx
from rapidfuzz import fuzz

from newsweave.align.facts import SentenceIndex
from newsweave.align.values import RANK_MODIFIERS, Value, extract_values
from newsweave.lang import (
    HEDGES,
    HONORIFIC_ABBREVIATIONS,
    LOCATIVE_PREPOSITIONS,
    MONTH_NAMES,
    PLACE_NOUNS,
    RANK_WORDS,
    TENURE_WORDS,
    TITLE_WORDS,
    WEEKDAYS,
    light_stem,
)
from newsweave.lang.dates import date_line
from newsweave.model import Article, Conflict, ConflictKind, ConflictLabel, ConflictSide
from newsweave.settings import ConflictSettings
from newsweave.text.normalize import fold_typography
from newsweave.text.tokens import STOPWORDS

_KIND_OF: dict[str, ConflictKind] = {
    "number": "number", "age": "number", "record": "number", "day": "date", "month": "date",
    "year": "date", "weekday": "date", "clock": "date", "ordinal": "ordinal", "role": "role",
    "home": "place", "direction": "place",
}


@dataclass(frozen=True)
class _Mention:
    value: Value
    row: int
    article: str
    date: dt.date | None


@dataclass(frozen=True)
class Comparison:
    """How two values of the same slot relate: ``same``, ``compatible`` or ``differ``."""

    relation: str
    reason: str = ""


def compare_values(a: Value, b: Value) -> Comparison:
    """Return how value ``a`` relates to value ``b`` of the same slot.

    Takes two values (see :func:`newsweave.align.values.extract_values`); returns ``same`` when
    they state the same thing, ``compatible`` with the reason when both can hold, ``differ``
    when they cannot.
    """
    if a.amount is not None and b.amount is not None:
        return _compare_amounts(a, b)
    if a.kind == "role":
        if a.mods == b.mods:
            return Comparison("same")
        if (a.mods & RANK_MODIFIERS) != (b.mods & RANK_MODIFIERS):
            return Comparison("differ")
        return Comparison("compatible", "one title is a more specific form of the other")
    if a.label == b.label:
        return Comparison("same")
    if a.kind in ("day", "month", "year") and _dates_agree(a.label, b.label):
        return Comparison("same")
    if a.kind == "home" and (
        a.label in b.label or b.label in a.label or fuzz.ratio(a.label, b.label) >= 80
    ):
        return Comparison("compatible", "a spelling variant or a wider place")
    return Comparison("differ")


def _dates_agree(a: str, b: str) -> bool:
    return all(x == y or "?" in (x, y) for x, y in zip(a.split("-"), b.split("-"), strict=False))


def _admits(bounded: Value, other: float) -> bool:
    assert bounded.amount is not None
    bound, kind = bounded.amount, HEDGES.get(bounded.hedge)
    if kind == "at least":
        return other >= bound
    if kind == "at most":
        return other <= bound
    if kind == "just under":
        return 0.9 * bound <= other <= bound
    if kind == "about":
        return abs(other - bound) <= 0.1 * max(abs(bound), abs(other))
    return False


def _compare_amounts(a: Value, b: Value) -> Comparison:
    assert a.amount is not None and b.amount is not None
    x, y = a.amount, b.amount
    if a.kind == "clock":
        tolerance = 15.0 if (a.hedge or b.hedge) else 0.0
        return Comparison("same") if abs(x - y) <= tolerance else Comparison("differ")
    if abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1.0):
        return Comparison("same")
    if a.kind == "ordinal":
        if a.mods != b.mods:
            return Comparison("compatible", "the ordinals count different things: "
                              + ", ".join(sorted(a.mods ^ b.mods)) + " qualifies one")
        return Comparison("differ")
    if a.kind in ("age", "record"):
        return Comparison("differ")
    if a.text.lower() != b.text.lower() and a.slot[1] in ("length", "weight") and (
        abs(x - y) <= 0.08 * max(x, y)
    ):
        return Comparison("compatible", "the same measure in different units")
    for bounded, other in ((a, y), (b, x)):
        if bounded.hedge and _admits(bounded, other):
            return Comparison("compatible", f"'{bounded.text}' admits the other figure")
    step = max(a.precision, b.precision)
    if step >= 100 and abs(x - y) < step / 2:
        return Comparison("compatible", "one figure is a rounding of the other")
    return Comparison("differ")


def _comparable(m: _Mention, n: _Mention, similarity: float) -> bool:
    """Return True when two values of one slot may be about the same thing (a cheap first
    filter on sentence similarity and the words around the values; see :func:`same_question`)."""
    shared = len(m.value.context & n.value.context)
    kind = m.value.kind
    if kind in ("age", "home", "record"):
        return bool(m.value.mods & n.value.mods)  # the same person
    if kind == "direction":
        return similarity >= 0.05 or shared >= 1
    if kind == "role":
        return shared >= 1 and similarity >= 0.1
    if kind in ("day", "month", "year", "weekday", "clock"):
        return similarity >= 0.3 and (shared >= 2 or (shared >= 1 and similarity >= 0.45))
    if kind == "ordinal":
        qualified = m.value.mods != n.value.mods  # at most a compatible qualification
        return similarity >= 0.15 or shared >= 2 or (qualified and shared >= 1)
    if m.value.slot[1] == "duration":
        return similarity >= 0.2 and shared >= 1
    if m.value.slot[1] in ("count", "percent"):
        # counts of a common noun are the noisiest: the words around them must agree too
        return similarity >= 0.2 or (similarity >= 0.05 and shared >= 2)
    return similarity >= 0.2 or (similarity >= 0.05 and shared >= 1)


@dataclass(frozen=True)
class Evidence:
    """Whether two values answer the same question, and how sure that is.

    ``same`` is False when their frames show two different questions (``reason`` says which
    part differs); otherwise ``confidence`` (0 to 1) weighs what the frames share and
    ``signals`` lists it, for the reader.
    """

    same: bool
    confidence: float = 0.0
    signals: tuple[str, ...] = ()
    reason: str = ""


_PERSON_KINDS = frozenset({"age", "home", "record"})
_DATE_KINDS = frozenset({"day", "month", "year", "weekday"})
_DEPTH_WORDS = frozenset({"depth", "deep"})
# Verbs (stems, as frames hold them) that date the start or the end of something: "began on
# Monday" and "ended on Thursday" are two dates of one trial, not a disagreement.
_START_VERBS = frozenset({"began", "begin", "start", "opened", "open", "launch", "arriv",
                          "depart"})
_END_VERBS = frozenset({"ended", "end", "finish", "closed", "close", "conclud", "complet",
                        "return"})
# What a slot alone says about two values being one question: a person's age is one question;
# a count of a common noun ("games", "yards") is many.
_SLOT_PRIOR = {"age": 0.45, "home": 0.45, "record": 0.45, "direction": 0.4, "ordinal": 0.25,
               "role": 0.2, "day": 0.2, "month": 0.2, "year": 0.2, "weekday": 0.2, "clock": 0.2}
_SPECIFIC_FAMILIES = {"magnitude": 0.4, "percent": 0.25, "money": 0.25, "length": 0.25,
                      "weight": 0.25, "duration": 0.25, "degrees": 0.25}


def _names_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """Return True when two sets of name words share one ("Korea" meets "Korean")."""
    return any(x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)))
               for x in a for y in b)


def _closeness(m: Value, n: Value) -> str:
    """Return ``close`` for two figures that look like two reports of one quantity, ``far``
    for figures too far apart to be that, else ''."""
    if m.amount is None or n.amount is None or m.kind in ("clock", "ordinal"):
        return ""
    if m.slot[1:2] == ("magnitude",):
        # reports of one quake differ by tenths; a whole point is another quake
        gap = abs(m.amount - n.amount)
        return "close" if gap <= 0.35 else "far" if gap >= 0.8 else ""
    low, high = sorted((abs(m.amount), abs(n.amount)))
    if high == 0:
        return ""
    return "close" if low / high >= 0.6 else "far" if low / high < 0.2 else ""


def _era_in_past(era: str, date: dt.date | None) -> bool:
    if not era:
        return False
    if era.isdigit():
        return date is None or int(era) < date.year
    return True  # "last year", "two years ago"


def same_question(m: Value, n: Value, similarity: float, date_m: dt.date | None = None,
                  date_n: dt.date | None = None) -> Evidence:
    """Return whether the values ``m`` and ``n`` (of one slot, different articles) answer the
    same question, with the confidence and the signals that decided it.

    Takes the two values (with their frames, see :class:`~newsweave.align.values.Frame`), the
    TF-IDF cosine of their sentences and their articles' dates.  Two values are different
    questions when their frames differ in era (another year's event in a background
    paragraph), reference point ("from the port" / "from the warship") or scope ("career" /
    "season", "the first quake" / "the second"); when one is a depth and the other a distance,
    or one dates a start and the other an end ("began" / "ended"); when alike sentences name
    different subjects; or when both are weekdays of articles written on different days.
    Otherwise the confidence adds up what they share: a specific slot (a person's age, a
    magnitude), a name, the words around the value, similar sentences, close figures; and
    takes off for what only one of them has (an earlier year, a qualifier) or for clauses that
    name different people or places.
    """
    fm, fn = m.frame, n.frame
    if (m.kind == "day" and date_m != date_n and m.text.lower() in WEEKDAYS
            and n.text.lower() in WEEKDAYS):
        # "on Monday" in articles of different days: each names a day near its own date
        return Evidence(False, reason="weekdays of articles written on different days")
    if m.kind in _DATE_KINDS | {"clock"} and (
            (fm.predicate & _START_VERBS and fn.predicate & _END_VERBS)
            or (fm.predicate & _END_VERBS and fn.predicate & _START_VERBS)):
        return Evidence(False, reason="the start of something and its end")
    if m.kind in _DATE_KINDS:
        # a date is its own era: "in 1998" against "in 1999" is the disagreement itself
        fm, fn = replace(fm, era=""), replace(fn, era="")
    if fm.era != fn.era and fm.era.isdigit() and fn.era.isdigit():
        return Evidence(False, reason=f"different years ({fm.era} / {fn.era})")
    if fm.reference and fn.reference and not _names_meet(frozenset({fm.reference}),
                                                         frozenset({fn.reference})):
        return Evidence(False, reason=f"measured from different places ({fm.reference} / "
                        f"{fn.reference})")
    if fm.scope and fn.scope and fm.scope != fn.scope:
        return Evidence(False, reason="different scopes (" + ", ".join(
            sorted(fm.scope ^ fn.scope)) + ")")
    if m.slot[:2] == ("number", "length") and bool(fm.predicate & _DEPTH_WORDS) != bool(
            fn.predicate & _DEPTH_WORDS):
        return Evidence(False, reason="a depth and a distance")
    person = m.kind in _PERSON_KINDS
    if (not person and similarity >= 0.5 and fm.subject and fn.subject
            and not _names_meet(fm.subject, fn.subject)):
        # the same words about another company or person: two subjects, not two figures
        return Evidence(False, reason="the same sentence about different named subjects")
    signals: list[str] = []
    if m.kind == "number":
        confidence = _SPECIFIC_FAMILIES.get(m.slot[1], 0.25 if m.evolving else 0.15)
    else:
        confidence = _SLOT_PRIOR.get(m.kind, 0.2)
    signals.append(f"slot: {' '.join(m.slot)}")
    if m.kind == "role" and m.context & n.context:
        # the same title held on the same named work ("producer of The Normal Heart")
        confidence += 0.15
        signals.append("the same named work: " + ", ".join(sorted(m.context & n.context)))
    if person or _names_meet(fm.subject, fn.subject):
        confidence += 0.2
        shared = sorted(m.mods & n.mods) if person else sorted(
            x for x in fm.subject if _names_meet(frozenset({x}), fn.subject))
        signals.append("same subject: " + ", ".join(shared))
    # the counted noun is the slot itself: only the other words around the value are evidence
    slot_words = {w for part in m.slot for w in part.split()}
    words = {w for w in fm.predicate & fn.predicate if not any(
        w.startswith(x) or x.startswith(w) for x in slot_words)}
    if words:
        confidence += 0.08 * min(len(words), 3)
        signals.append("same words around the value: " + ", ".join(sorted(words)[:4]))
    confidence += 0.3 * min(similarity, 1.0)
    signals.append(f"sentence similarity {similarity:.2f}")
    closeness = _closeness(m, n)
    if closeness == "close":
        confidence += 0.1
        signals.append("close figures")
    elif closeness == "far":
        confidence -= 0.2
        signals.append("figures far apart")
    if (fm.era == "") != (fn.era == "") and (
            _era_in_past(fm.era, date_m) or _era_in_past(fn.era, date_n)):
        confidence -= 0.2
        signals.append("only one is placed in an earlier year")
    if fm.scope != fn.scope:
        confidence -= 0.2
        signals.append("only one is qualified: " + ", ".join(sorted(fm.scope ^ fn.scope)))
    if not person and fm.subject and fn.subject and not _names_meet(fm.subject, fn.subject):
        confidence -= 0.2
        signals.append("no name in common around the values")
    return Evidence(True, round(max(0.0, min(1.0, confidence)), 3), tuple(signals))


def _states_both(values: Sequence[Value], other: Value) -> bool:
    """Return True when a sentence's own values of ``other``'s slot include ``other``'s value.

    A sentence that states both figures counts two different things; the other article's
    figure is then no disagreement with it.
    """
    return any((v.slot == other.slot and compare_values(v, other).relation == "same")
               # "65 people, among them 40 children": the other's figure, of another noun
               or (v.kind == other.kind == "number" and v.slot[:2] == other.slot[:2]
                   and v.amount == other.amount)
               for v in values)


def _topic(value: Value) -> str:
    slot = value.slot
    if value.kind == "number":
        family, what = slot[1], slot[2]
        if family in ("count", "percent", "money"):
            return f"{'amount' if family == 'money' else 'number'} of {what}".strip()
        return f"{family} ({what})" if what != family else family
    if value.kind in ("age", "home", "record"):
        return f"{value.kind} of " + " ".join(sorted(w.capitalize() for w in value.mods))
    if value.kind == "direction":
        return f"direction from {slot[1].capitalize()}"
    if value.kind == "ordinal":
        return f"ordinal of {slot[1]}"
    if value.kind == "role":
        return f"title ({slot[1]})"
    context = ", ".join(sorted(value.context)[:3])
    return f"{value.kind}" + (f" ({context})" if context else "")


def publication_date(article: Article) -> dt.date | None:
    """Return the article's date, else the date of the date line at the top of its text
    (:func:`newsweave.lang.dates.date_line`: "July 03, 2013 6:22AM"), else ``None``."""
    if article.date is not None:
        return article.date
    printed = date_line(article.text)
    return printed.date if printed is not None else None


def _find_sets(pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Return the connected sets of the items joined by ``pairs``, each sorted, in order."""
    graph = nx.Graph()
    graph.add_edges_from(pairs)
    return sorted(sorted(members) for members in nx.connected_components(graph))


def find_conflicts(
    index: SentenceIndex, articles: Sequence[Article], settings: ConflictSettings | None = None,
    values: Sequence[Sequence[Value]] | None = None,
) -> list[Conflict]:
    """Return the disagreements between articles, each labelled.

    Takes the sentence index (sentences and their TF-IDF vectors), the articles (for their
    dates), the conflict settings (the cosine above which two sentences are compared as a
    minimal pair: names, places, negation, rank; how many values of a slot are compared) and,
    optionally, the values of
    each sentence of the index (:func:`~newsweave.align.values.extract_values`, computed where
    the article was analysed).  Returns conflicts in order of first appearance, each with its
    sides (value, articles, evidence sentences), its kind and label and the reason.
    """
    settings = settings or ConflictSettings()
    sentences = index.sentences
    if len(sentences) < 2:
        return []
    dates = {a.id: publication_date(a) for a in articles}
    buckets: dict[tuple[str, ...], list[_Mention]] = defaultdict(list)
    row_values: dict[int, list[Value]] = {}
    for row, sentence in enumerate(sentences):
        article = sentence.span.article_id
        row_values[row] = (list(values[row]) if values is not None
                           else extract_values(sentence.span.text, dates.get(article)))
        for value in row_values[row]:
            bucket = buckets[value.slot]
            if len(bucket) < settings.max_values_per_slot:
                bucket.append(_Mention(value, row, article, dates.get(article)))
    found: list[tuple[int, Conflict]] = []
    for mentions in buckets.values():
        found.extend(_bucket_conflicts(mentions, index, row_values, settings))
    # a value conflict already says what a minimal pair of the same two sentences would say
    covered = {frozenset((x, y)) for _, c in found for side in c.sides for x in side.evidence
               for other in c.sides if other is not side for y in other.evidence}
    found.extend((row, c) for row, c in _minimal_pair_conflicts(index, dates, settings)
                 if frozenset((c.sides[0].evidence[0], c.sides[1].evidence[0])) not in covered)
    found.sort(key=lambda item: item[0])
    return [c.model_copy(update={"id": f"c{k + 1}"}) for k, (_, c) in enumerate(found)]


def _ambiguous(values: Sequence[Value], value: Value) -> bool:
    """Return True when a sentence states several different values of ``value``'s slot."""
    return sum(1 for v in values if v.slot == value.slot and v.text != value.text) > 0


_PLAIN_NUMBER = re.compile(r"(?<![\w.,$])\d{1,3}(?:,\d{3})*(?![\w.,]\d)")


def _part_of_total(values: Sequence[Value], text: str, other: Value) -> bool:
    """Return True when two figures of a sentence add up to ``other``: its values of
    ``other``'s slot, or plain numbers for a count ("140 aboard and 6 on the ground" against
    "146 killed")."""
    amounts = [v.amount for v in values if v.slot == other.slot and v.amount is not None]
    if other.slot[:2] == ("number", "count"):
        amounts += [float(n.replace(",", "")) for n in _PLAIN_NUMBER.findall(text)]
    if other.amount is None or len(amounts) < 2:
        return False
    return any(abs(x + y - other.amount) < 1e-9 * max(other.amount, 1.0)
               for k, x in enumerate(amounts) for y in amounts[k + 1:])


def _bucket_conflicts(
    mentions: list[_Mention], index: SentenceIndex,
    row_values: Mapping[int, Sequence[Value]], settings: ConflictSettings,
) -> list[tuple[int, Conflict]]:
    rows = [m.row for m in mentions]
    # one dense block per slot: single-cell lookups in a sparse matrix are slow at scale
    sims = index.cosines(rows)
    disagree: list[tuple[int, int]] = []
    agree: list[tuple[int, int]] = []
    relation: dict[tuple[int, int], Comparison] = {}
    evidence: dict[tuple[int, int], Evidence] = {}
    for i, m in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            n = mentions[j]
            if m.article == n.article:
                continue
            cosine = float(sims[i, j])
            if not _comparable(m, n, cosine):
                continue
            found = same_question(m.value, n.value, cosine, m.date, n.date)
            if not found.same:
                continue
            comparison = compare_values(m.value, n.value)
            if comparison.relation == "same":
                agree.append((i, j))
                continue
            if (_states_both(row_values[m.row], n.value)
                    or _states_both(row_values[n.row], m.value)
                    or _part_of_total(row_values[m.row], index.sentences[m.row].span.text,
                                      n.value)
                    or _part_of_total(row_values[n.row], index.sentences[n.row].span.text,
                                      m.value)):
                continue
            if m.value.kind not in _PERSON_KINDS and (
                    _ambiguous(row_values[m.row], m.value)
                    or _ambiguous(row_values[n.row], n.value)):
                found = replace(found, confidence=max(0.0, found.confidence - 0.15),
                                signals=(*found.signals, "a sentence gives several such figures"))
            disagree.append((i, j))
            relation[(i, j)] = comparison
            evidence[(i, j)] = found
    conflicts: list[tuple[int, Conflict]] = []
    # Confident disagreements first, each set of them one conflict; the weaker ones among the
    # mentions left make the possible conflicts.  Joining all at once would chain a strong pair
    # to every weak look-alike of the slot.
    confident = [p for p in disagree if evidence[p].confidence >= settings.min_confidence]
    used = {k for p in confident for k in p}
    weaker = [p for p in disagree if settings.min_possible <= evidence[p].confidence
              < settings.min_confidence and not (set(p) & used)]
    # the mentions one weaker step from a confident one are taken by its conflict
    used |= {k for p in disagree if set(p) & used
             and evidence[p].confidence >= settings.min_possible for k in p}
    weaker = [p for p in weaker if not (set(p) & used)]
    joined: set[int] = set()
    for edges in (confident, weaker):
        for members in _find_sets(edges):
            member_set = set(members)
            if edges is confident:
                # a weaker disagreement with a confident conflict's value joins it as one more
                # side (one step only: chains of weak look-alikes stay out), once
                extra = {k for p in disagree if (set(p) & set(members))
                         and evidence[p].confidence >= settings.min_possible for k in p}
                member_set |= extra - joined - used.difference(extra)
                joined |= member_set
            # mentions that agree with a member join its side (more articles, same value)
            for i, j in agree:
                if (i in member_set) != (j in member_set):
                    member_set.add(i if j in member_set else j)
            conflict = _bucket_conflict(mentions, members, member_set, agree, relation,
                                        evidence, index, settings)
            if conflict is not None:
                conflicts.append(conflict)
    return conflicts


def _bucket_conflict(
    mentions: list[_Mention], members: list[int], member_set: set[int],
    agree: list[tuple[int, int]], relation: Mapping[tuple[int, int], Comparison],
    evidence: Mapping[tuple[int, int], Evidence], index: SentenceIndex,
    settings: ConflictSettings,
) -> tuple[int, Conflict] | None:
    """Return the conflict made of one set of disagreeing mentions, with its first row."""
    sides = _sides([mentions[k] for k in sorted(member_set)], agree, mentions)
    if len(sides) < 2:
        return None
    inside = [p for p in relation if p[0] in member_set and p[1] in member_set]
    # the confidence is that of the strongest disagreement between two sides as shown (an
    # article on two sides was dropped with its mentions)
    side_of = {id(m): k for k, side in enumerate(sides) for m in side}
    shown = [p for p in inside if id(mentions[p[0]]) in side_of and id(mentions[p[1]]) in side_of
             and side_of[id(mentions[p[0]])] != side_of[id(mentions[p[1]])]]
    if not shown:
        return None
    best = max((evidence[p] for p in shown), key=lambda e: e.confidence)
    if best.confidence < settings.min_possible:
        return None
    texts = [index.sentences[m.row].span.text for side in sides for m in side]
    label, explanation, sides = _label(sides, [relation[p] for p in inside], texts)
    first = min(mentions[k].row for k in member_set)
    value = mentions[members[0]].value
    return first, Conflict(
        id="", kind=_conflict_kind(value), label=label, topic=_topic(value),
        sides=tuple(
            ConflictSide(
                value=side[0].value.text,
                articles=tuple(dict.fromkeys(m.article for m in side)),
                evidence=tuple(dict.fromkeys(index.sentences[m.row].span for m in side)),
                date=_side_date(side),
            )
            for side in sides
        ),
        explanation=explanation, confidence=best.confidence,
        possible=best.confidence < settings.min_confidence, signals=best.signals,
    )


def _side_date(side: Sequence[_Mention]) -> dt.date | None:
    dates = [m.date for m in side]
    return None if any(d is None for d in dates) else min(d for d in dates if d is not None)


def _conflict_kind(value: Value) -> ConflictKind:
    return _KIND_OF.get(value.kind, "number")


def _sides(
    members: list[_Mention], agree: list[tuple[int, int]], mentions: list[_Mention]
) -> list[list[_Mention]]:
    """Group mentions into sides: values that state the same thing share a side."""
    sides: list[list[_Mention]] = []
    for mention in members:
        for side in sides:
            if compare_values(side[0].value, mention.value).relation == "same":
                if mention.article not in {m.article for m in side}:
                    side.append(mention)
                break
        else:
            sides.append([mention])
    # an article on two sides either contradicts itself or states two figures of different
    # things ("40 kilometres (25 miles)", "up from 90"): it is no evidence for either side
    sides_of: Counter[str] = Counter(a for side in sides for a in {m.article for m in side})
    cleaned = [[m for m in side if sides_of[m.article] == 1] for side in sides]
    return [side for side in cleaned if side]


def _dated_order(sides: list[list[_Mention]]) -> bool:
    """Return True when every side's articles are dated and the sides do not overlap in time."""
    spans = []
    for side in sides:
        side_dates = [m.date for m in side]
        if any(d is None for d in side_dates):
            return False
        known = [d for d in side_dates if d is not None]
        spans.append((min(known), max(known)))
    spans.sort()
    return all(earlier[1] < later[0] for earlier, later in pairwise(spans))


def _median_date(side: Sequence[_Mention]) -> dt.date | None:
    dates = sorted(m.date for m in side if m.date is not None)
    return dates[len(dates) // 2] if dates and len(dates) == len(side) else None


def _over_time(sides: list[list[_Mention]]) -> list[list[_Mention]] | None:
    """Return the sides in date order when every article is dated and the sides fall on
    different dates; else None.

    A count that changes as news comes in (a toll, arrests) is raised or revised from one day
    to the next; two articles of one day may still disagree (one has the newer count), so each
    side is placed at the median date of its articles.
    """
    dated = [(_median_date(side), side) for side in sides]
    if any(d is None for d, _ in dated) or len({d for d, _ in dated}) < 2:
        return None
    return [side for _, side in sorted(dated, key=lambda item: (
        item[0], item[1][0].value.amount or 0.0))]


def _sequence(sides: Sequence[Sequence[_Mention]]) -> str:
    # each side at its earliest date, as its ConflictSide shows it
    return " → ".join(f"{side[0].value.text} ({_side_date(side)})" for side in sides)


def _label(
    sides: list[list[_Mention]], comparisons: list[Comparison], texts: Sequence[str]
) -> tuple[ConflictLabel, str, list[list[_Mention]]]:
    """Return the label of a conflict, its explanation and its sides (updates: in date order)."""
    values = [side[0].value for side in sides]
    pairwise_ = [compare_values(a, b) for k, a in enumerate(values) for b in values[k + 1:]]
    if pairwise_ and all(c.relation == "compatible" for c in pairwise_ + comparisons):
        reasons = dict.fromkeys(c.reason for c in pairwise_ + comparisons if c.reason)
        return "compatible", "; ".join(reasons), sides
    if values[0].evolving:
        ordered = _over_time(sides)
        if ordered is not None:
            return "update", ("a count that changes as news comes in, by date: "
                              + _sequence(ordered)), ordered
    if _dated_order(sides):
        ordered = sorted(sides, key=lambda side: min(m.date for m in side if m.date))
        if values[0].evolving or values[0].kind in ("age", "ordinal"):
            return "update", ("every article of one figure is dated after every article of "
                              "the other: a figure that changes over time: "
                              + _sequence(ordered)), ordered
        if any(_CHANGE.search(index_text) or _FUTURE_PLAN.search(index_text)
               for index_text in texts):
            return "update", ("the later article reports a changed plan or a correction: "
                              + _sequence(ordered)), ordered
    return "contradiction", "articles give different values for the same thing", sides


_ANTONYMS = {
    frozenset(pair) for pair in (
        ("confirmed", "denied"), ("accepted", "rejected"), ("agreed", "refused"),
        ("won", "lost"), ("convicted", "acquitted"), ("approved", "rejected"),
        ("passed", "failed"), ("rose", "fell"), ("increased", "decreased"),
        ("opened", "closed"), ("guilty", "innocent"), ("alive", "dead"),
        ("confirms", "denies"), ("wins", "loses"), ("before", "after"),
    )
}
_NEGATORS = frozenset({"not", "never", "no", "n't", "nobody", "none", "nothing", "neither",
                       "nor", "cannot"})
# words before a name that make it a place ("in Ostmere", "the road to Ostmere")
_LOCATIVE = LOCATIVE_PREPOSITIONS | {"to", "of", "off"}
_CHANGE = re.compile(r"\b(?:now|new|newly|corrected|instead|moved|changed|replaced|revised|"
                     r"later|latest|no longer|after all|postponed|rescheduled|has since|"
                     r"was found|were found|resigned|appointed|named|elected|"
                     r"estimated?|estimates|projected|forecasts?|predicted)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[\w’'-]+|n[’']t")


def _words(text: str) -> list[str]:
    return _TOKEN.findall(fold_typography(text))


def _minimal_pair_conflicts(
    index: SentenceIndex, dates: Mapping[str, dt.date | None], settings: ConflictSettings,
) -> list[tuple[int, Conflict]]:
    """Return conflicts between sentences that differ in one short stretch only.

    Two sentences of different articles that are the same but for one stretch of at most
    three words are a *minimal pair*: the stretch is what they disagree on.  A different name
    (after a locative preposition: a place) is a ``name`` or ``place`` conflict, compatible when
    the two are spellings of one name or one contains the other ("Maria Castillo" / "Maria
    Elena Castillo"); a negation or an antonym on one side only is a ``negation`` conflict; a
    rank word on one side only ("deputy", "assistant") is a ``role`` conflict, another modifier
    a compatible qualification ("Chief Judge" / "Judge").  Numbers and dates are left to the
    value comparison.  The confidence grows with the two sentences' similarity: the more of
    the sentence they share, the surer it is that they make the same claim.
    """
    sims = index.similar_pairs(settings.min_similarity)
    sentences = index.sentences
    words: dict[int, list[str]] = {}
    keys: dict[int, frozenset[str]] = {}
    conflicts: list[tuple[int, Conflict]] = []
    # pairs of different articles only, row < column, at least min_similarity
    for i, j, cosine in zip(sims.row, sims.col, sims.data, strict=True):
        a, b = sentences[int(i)], sentences[int(j)]
        for row, sentence in ((int(i), a), (int(j), b)):
            if row not in words:
                words[row] = _words(sentence.span.text)
                keys[row] = frozenset(w.lower() for w in words[row])
        # a minimal pair differs in at most three words each way: most pairs fail this at once
        if keys[int(i)] == keys[int(j)] or len(keys[int(i)] ^ keys[int(j)]) > 6:
            continue
        found = _minimal_difference(words[int(i)], words[int(j)])
        if found is None:
            continue
        kind, left, right, reason = found
        date_a, date_b = dates.get(a.span.article_id), dates.get(b.span.article_id)
        label: ConflictLabel = "compatible" if reason else "contradiction"
        if label == "contradiction" and date_a and date_b and date_a != date_b:
            later = b if date_b > date_a else a
            if _CHANGE.search(later.span.text) or _FUTURE_PLAN.search(a.span.text + b.span.text):
                label, reason = "update", "the later article reports a change"
        topic = {"negation": "a claim and its denial", "role": "title",
                 "place": "place", "name": "name"}[kind]
        confidence = round(min(1.0, 0.2 + 0.6 * float(cosine)), 3)
        conflicts.append((min(int(i), int(j)), Conflict(
            id="", kind=kind, label=label, topic=topic,
            sides=(
                ConflictSide(value=left or "(not said)", articles=(a.span.article_id,),
                             evidence=(a.span,)),
                ConflictSide(value=right or "(not said)", articles=(b.span.article_id,),
                             evidence=(b.span,)),
            ),
            explanation=reason or {
                "negation": "one article states what the other denies",
                "role": "the articles give the person different ranks",
                "place": "the articles place it in different places",
                "name": "the articles name different people or bodies",
            }[kind],
            confidence=confidence, possible=confidence < settings.min_confidence,
            signals=(f"the sentences are the same but for '{left}' / '{right}'",
                     f"sentence similarity {float(cosine):.2f}"),
        )))
    return conflicts


_FUTURE_PLAN = re.compile(r"\b(?:will|scheduled|planned|plans|set for|expected)\b",
                          re.IGNORECASE)
# words one article adds without changing the claim ("will now be played")
_FILLER = frozenset({"now", "also", "still", "reportedly", "again", "already", "just",
                     "officially", "instead", "finally", "later"})
# a minimal pair that differs by a rank or tenure word ("the former mayor") is a role conflict:
# the two sentences are otherwise the same claim, made of the same time
_RANK_WORDS = RANK_WORDS | TENURE_WORDS


def _minimal_difference(
    left: list[str], right: list[str]
) -> tuple[ConflictKind, str, str, str] | None:
    """Return (kind, left words, right words, compatibility reason) of a minimal pair.

    The reason is empty for a real disagreement; ``None`` means the two are no minimal pair
    (several differences, a long one, or one of numbers).
    """
    if min(len(left), len(right)) < 4 or _headline(left) or _headline(right):
        return None
    lower_l, lower_r = [w.lower() for w in left], [w.lower() for w in right]
    blocks = [op for op in SequenceMatcher(a=lower_l, b=lower_r, autojunk=False).get_opcodes()
              if op[0] != "equal" and not (
                  op[0] in ("insert", "delete")
                  and set(lower_l[op[1]:op[2]] + lower_r[op[3]:op[4]]) <= _FILLER)]
    if len(blocks) != 1:
        return None
    tag, i1, i2, j1, j2 = blocks[0]
    got_l, got_r = left[i1:i2], right[j1:j2]
    if max(len(got_l), len(got_r)) > 3 or any(re.search(r"\d", w) for w in got_l + got_r):
        return None
    # "co-executive": a rank written as a prefix counts as the rank word
    keys_l = {k for w in got_l for k in (w.lower(), *w.lower().split("-")[:-1])}
    keys_r = {k for w in got_r for k in (w.lower(), *w.lower().split("-")[:-1])}
    text_l, text_r = " ".join(got_l), " ".join(got_r)
    if (keys_l & _NEGATORS) != (keys_r & _NEGATORS) and not ((keys_l | keys_r) - _NEGATORS):
        return "negation", text_l, text_r, ""
    if (keys_l & _NEGATORS) != (keys_r & _NEGATORS) and _same_verb(keys_l - _NEGATORS,
                                                                   keys_r - _NEGATORS):
        return "negation", text_l, text_r, ""  # "passed" / "did not pass"
    if _titles_only(got_l) and _titles_only(got_r) and keys_l != keys_r:
        return "role", text_l, text_r, ""  # "Police Chief Tom Haller" / "Sheriff Tom Haller"
    if len(got_l) == len(got_r) == 1 and frozenset(keys_l | keys_r) in _ANTONYMS:
        return "negation", text_l, text_r, ""
    if tag in ("insert", "delete"):
        extra = keys_l | keys_r
        if extra & _RANK_WORDS:
            return "role", text_l, text_r, ""
        if extra & _NEGATORS:
            return "negation", text_l, text_r, ""
        if all(_is_name_word(w) for w in got_l + got_r):
            return "name", text_l, text_r, "one article gives a fuller form of the name"
        return None
    names = all(_is_name_word(w) for w in got_l + got_r)
    if not names:
        if (keys_l & _RANK_WORDS) != (keys_r & _RANK_WORDS):
            return "role", text_l, text_r, ""
        return None
    before = lower_l[i1 - 1] if i1 > 0 else ""
    kind: ConflictKind = "place" if before in _LOCATIVE or (
        i2 < len(lower_l) and lower_l[i2] in PLACE_NOUNS) else "name"
    if fuzz.ratio(text_l.lower(), text_r.lower()) >= 75:
        return kind, text_l, text_r, "a spelling variant of one name"
    if keys_l <= keys_r or keys_r <= keys_l:
        return kind, text_l, text_r, "one article gives a fuller form of the name"
    if _is_acronym(text_l, text_r) or _is_acronym(text_r, text_l):
        return kind, text_l, text_r, "an acronym of the same name"
    return kind, text_l, text_r, ""


_AUXILIARIES = frozenset("do does did has have had is are was were be been will would".split())
_TITLE_KEYS = frozenset(w.lower() for t in TITLE_WORDS for w in t.split())


def _same_verb(left: set[str], right: set[str]) -> bool:
    """Return True when two word sets are one verb, give or take an auxiliary ("passed" /
    "did pass")."""
    left, right = left - _AUXILIARIES, right - _AUXILIARIES
    if len(left) != 1 or len(right) != 1:
        return False
    (a,), (b,) = left, right
    return light_stem(a) == light_stem(b) or a.startswith(b) or b.startswith(a)


def _titles_only(words: list[str]) -> bool:
    """Return True for a capitalised run of title words ("Police Chief", "Sheriff")."""
    return bool(words) and all(w[:1].isupper() and w.lower() in _TITLE_KEYS | {"police"}
                               for w in words)


_NOT_NAMES = (
    frozenset(t.lower() for t in HONORIFIC_ABBREVIATIONS + TITLE_WORDS if " " not in t)
    | MONTH_NAMES | frozenset(WEEKDAYS)
    | frozenset("police the a an this that these those published updated posted read watch".split())
)


def _is_name_word(word: str) -> bool:
    """Return True for a word that can be part of a name (capitalised, not a function word)."""
    key = word.lower().strip("’'")
    return ((word[:1].isupper() and key not in _NOT_NAMES and key not in STOPWORDS
            and not re.search(r"[’']", word[1:-2]) and not word.isupper()) or (
                word.isupper() and 1 < len(word) <= 5 and key not in STOPWORDS))


def _headline(words: list[str]) -> bool:
    """Return True for a Title Case or upper-case line (a headline or a date line)."""
    capitals = sum(1 for w in words if w[:1].isupper())
    return capitals >= 0.6 * len(words)


def _is_acronym(short: str, long: str) -> bool:
    initials = "".join(w[0] for w in long.split() if w[:1].isupper())
    return short.isupper() and len(short) > 1 and short == initials
