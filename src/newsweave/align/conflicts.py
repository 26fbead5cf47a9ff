"""Conflicts: where articles that report the same content give different numbers.

A first, deliberately careful version: two sentences of different articles that are similar
(TF-IDF cosine of at least ``min_similarity``) and count the same thing
("23 people" / "17 people") with different values disagree.  The label reads the text and
the dates before shouting:

- *compatible* when a side is hedged ("at least 17", "about 20", "more than 15") and the bound
  admits the other value;
- *update* when every article of one side is dated strictly before every article of the other
  and the later figure is the one reported last (a toll that rises, a count corrected);
- *contradiction* otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from newsweave.align.facts import SentenceIndex
from newsweave.model import Article, Conflict, ConflictLabel, ConflictSide, Span

_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozens": 24,
}
_COUNT = re.compile(
    r"(?P<hedge>\b(?:at least|more than|over|about|around|nearly|almost|some|up to|fewer than|"
    r"less than|roughly|approximately|an estimated)\s+)?"
    r"\b(?P<value>\d[\d,]*(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")\s+"
    r"(?P<unit>(?!(?:a\.m|p\.m|am|pm|percent)\b)[a-z][a-z\-]+)"
    r"(?:\s+(?:(?:were|was|are|is|have|has|had|been|being|who|that|which|reportedly)\s+)*"
    r"(?P<what>[a-z][a-z\-]+))?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_LOWER_BOUND = ("at least", "more than", "over", "some")
_UPPER_BOUND = ("up to", "fewer than", "less than")


def _counts(text: str) -> list[tuple[float, str, str, str]]:
    """Return (value, what is counted, hedge, surface) of each count in ``text``.

    What is counted is the unit and the word that says what happened to it ("people taken",
    "people injured"), so that two different counts in one sentence are not confused.
    """
    found = []
    for match in _COUNT.finditer(text):
        raw = match.group("value").lower()
        if _YEAR.match(raw):
            continue
        value = float(_NUMBER_WORDS[raw]) if raw in _NUMBER_WORDS else float(raw.replace(",", ""))
        hedge = (match.group("hedge") or "").strip().lower()
        what = f"{match.group('unit')} {match.group('what') or ''}".strip().lower()
        found.append((value, what, hedge, match.group().strip()))
    return found


def _admits(hedge: str, bound: float, other: float) -> bool:
    if hedge in _LOWER_BOUND:
        return other >= bound
    if hedge in _UPPER_BOUND:
        return other <= bound
    return abs(other - bound) <= 0.1 * max(bound, other)  # about / around / nearly: ±10 %


def find_conflicts(
    index: SentenceIndex, articles: Sequence[Article], min_similarity: float = 0.2
) -> list[Conflict]:
    """Return the numeric disagreements between similar sentences of different articles.

    Takes the sentence index and the articles (for dates); returns conflicts in order of first
    appearance, each with its sides (value, articles, evidence sentences) and label.
    """
    sentences = index.sentences
    if len(sentences) < 2:
        return []
    counts = [_counts(s.span.text) for s in sentences]
    sims = index.similarity().tocoo()
    # (unit) -> union of sentence rows that disagree about it
    edges: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for i, j, v in zip(sims.row, sims.col, sims.data, strict=True):
        if i >= j or v < min_similarity:
            continue
        si, sj = sentences[i], sentences[j]
        if si.span.article_id == sj.span.article_id:
            continue
        for value_i, unit_i, _, _ in counts[i]:
            for value_j, unit_j, _, _ in counts[j]:
                if unit_i == unit_j and value_i != value_j:
                    edges[unit_i].add((int(i), int(j)))
    dates = {a.id: a.date for a in articles}
    conflicts: list[Conflict] = []
    for unit, pairs in sorted(edges.items(), key=lambda kv: min(min(p) for p in kv[1])):
        rows = sorted({r for p in pairs for r in p})
        sides: dict[float, list[tuple[str, Span, str]]] = defaultdict(list)
        for r in rows:
            for value, u, hedge, _ in counts[r]:
                if u == unit:
                    sides[value].append((hedge, sentences[r].span, sentences[r].span.article_id))
        if len(sides) < 2:
            continue
        label, explanation = _label(sides, dates)
        conflict_sides = tuple(
            ConflictSide(
                value=_show(value, [h for h, _, _ in items]),
                articles=tuple(dict.fromkeys(a for _, _, a in items)),
                evidence=tuple(span for _, span, _ in items),
            )
            for value, items in sorted(sides.items())
        )
        conflicts.append(Conflict(
            id=f"c{len(conflicts) + 1}", kind="number", label=label,
            topic=f"number of {unit}", sides=conflict_sides, explanation=explanation,
        ))
    return conflicts


def _show(value: float, hedges: list[str]) -> str:
    number = f"{value:g}"
    hedge = next((h for h in hedges if h), "")
    return f"{hedge} {number}".strip()


def _label(
    sides: dict[float, list[tuple[str, Span, str]]], dates: Mapping[str, dt.date | None]
) -> tuple[ConflictLabel, str]:
    values = sorted(sides)
    for value in values:
        for hedge, _, _ in sides[value]:
            if hedge and all(_admits(hedge, value, other) for other in values if other != value):
                return "compatible", f"'{hedge} {value:g}' admits the other figures"
    spans: dict[float, list[dt.date]] = {
        v: [d for _, _, a in items if (d := dates.get(a)) is not None] for v, items in sides.items()
    }
    if len(values) == 2 and all(len(spans[v]) == len(sides[v]) for v in values):
        first, second = values
        early, late = (first, second) if max(spans[first]) < min(spans[second]) else (
            (second, first) if max(spans[second]) < min(spans[first]) else (None, None))
        if early is not None and late is not None:
            return "update", (
                f"every article giving {late:g} is dated after every article giving {early:g}"
            )
    return "contradiction", "articles of overlapping dates give different figures"
