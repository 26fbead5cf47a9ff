"""Online event clustering for corpus mode: a stream of articles grouped into events.

Two kinds of work, as elsewhere in newsweave:

- per article (pure, picklable): :func:`event_features` reads cheap evidence from one article
  with regexes and tokenisation only: stemmed content words (the title weighted up), named
  entities found by rule (runs of capitalised words), numbers with the word they count, and
  the article's date (from its metadata, else from a date line at its top);
- across articles (in one place): :class:`OnlineEvents` takes the features in date order and
  assigns each article to the best recent event or starts a new one.

An article is compared only with the events an inverted index (term or entity -> the events
that most recently took an article carrying it) proposes, filtered by the time window, so the
cost of one article is bounded by the settings and never grows with the number of articles
seen.  Evidence is combined as a weighted mean of three cosines against the event's centroid
(content terms, entities, numbers; the centroid keeps term frequencies and is weighted by the
idf of the moment, document frequencies being counted online, so the result is fixed by the
order of arrival), less a penalty when each side names a main participant the other lacks:
the event's core entities (named by most of its articles) missing from the article, and the
article's main entities new to the event -- two fights of one boxer against two opponents, two
earthquakes in one region differ in who and where, while a follow-up that only adds a name
does not -- and, optionally, one for the days between them.  Two events the same
article is close to merge when their own centroids agree and their cores do not conflict
(the older id survives; :meth:`OnlineEvents.resolve` maps an id given earlier to it).  The
whole state is plain JSON (:meth:`OnlineEvents.state`), so a store can keep it and a later
run continues exactly where the last one stopped.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import mul
from typing import Any

from newsweave.lang import (
    FREQUENT_WORDS,
    MONTH_NAMES,
    NUMBER_WORDS,
    STOPWORDS,
    TITLE_WORDS,
    WEEKDAYS,
    light_stem,
    printed_dates,
)
from newsweave.model import Article
from newsweave.settings import EventSettings

__all__ = ["EventFeatures", "EventSettings", "OnlineEvents", "cluster_events", "event_features"]

STATE_VERSION = 1

# ----------------------------------------------------------------------------- features

Weights = tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class EventFeatures:
    """What the clusterer reads of one article: counts of content terms, entities and numbers
    (each sorted by key), and its date (ISO ``YYYY-MM-DD``) if known."""

    id: str
    date: str | None
    terms: Weights
    entities: Weights
    numbers: Weights


_WORD = re.compile(r"\w+(?:(?:['’\-]|[.,](?=\d))\w+)*")
_CAP_RUN = re.compile(
    r"(?:[A-Z][\w'’&.\-]*)(?:\s+(?:(?:of|de|du|del|da|von|van|la|le|al|the|and|for|&)\s+)?"
    r"[A-Z][\w'’&.\-]*)*"
)
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")

_NOT_ENTITY = (STOPWORDS | FREQUENT_WORDS | frozenset(WEEKDAYS) | MONTH_NAMES
               | frozenset(w.lower() for t in TITLE_WORDS for w in t.split()))


def _bump(counts: dict[str, float], key: str, weight: float) -> None:
    counts[key] = counts.get(key, 0.0) + weight


@lru_cache(maxsize=1 << 16)
def _content_key(word: str) -> str:
    """The stemmed key of a lower-case word, or "" for a stopword or a word under 3 letters."""
    return "" if len(word) < 3 or word in STOPWORDS else light_stem(word)


def _word_counts(text: str, weight: float, terms: dict[str, float],
                 numbers: dict[str, float] | None) -> None:
    """Count the content words of ``text`` (``weight`` each) and, when ``numbers`` is given,
    its numbers: each value (years as ``y1998``) and each value with the word after it
    ("45 dead", "seven people" -> ``7 people``)."""
    words = [w.lower() for w in _WORD.findall(text)]
    last = len(words) - 1
    get = terms.get
    for i, word in enumerate(words):
        if word[0].isalpha() and word not in NUMBER_WORDS:  # most words: counted inline
            key = _content_key(word)
            if key:
                terms[key] = get(key, 0.0) + weight
            continue
        if word[0].isdigit():
            if numbers is None:
                continue
            value = word.replace(",", "") if _THOUSANDS.match(word) else word
            if _YEAR.match(value):
                _bump(numbers, "y" + value, 1.0)
                continue
            _bump(numbers, value, 1.0)
        elif word in NUMBER_WORDS:
            if numbers is None:
                continue
            value = str(NUMBER_WORDS[word])
        else:
            key = _content_key(word)
            if key:
                _bump(terms, key, weight)
            continue
        if i < last:
            unit = words[i + 1]
            if unit[0].isalpha() and unit not in MONTH_NAMES:
                key = _content_key(unit)
                if key:
                    _bump(numbers, f"{value} {key}", 1.0)


_POSSESSIVE = re.compile(r"['’]s?$")


_OPENERS = frozenset('.!?:;"“”')


def _opens_sentence(line: str, start: int) -> bool:
    """Whether a word at ``start`` of ``line`` opens a sentence: the line's start, or after
    end punctuation (or a quote mark) and at least one space.  Only the characters just
    before ``start`` are read, so a line is read once however many names it holds."""
    if start == 0:
        return True
    k = start
    while k > 0 and line[k - 1].isspace():
        k -= 1
    return k < start and k > 0 and line[k - 1] in _OPENERS


def _entity_counts(text: str, out: dict[str, float]) -> None:
    """Count runs of capitalised words, line by line; title-case lines (headlines) are skipped,
    a run loses leading and trailing words that are not names (titles, months, weekdays,
    stopwords) and a possessive ending, and one capitalised word opening a sentence counts only
    if the text also capitalises it inside a sentence.  Each run counts whole and, when longer
    than one word, by its words (0.5 each: a surname alone)."""
    runs: list[tuple[list[str], bool]] = []
    inside: set[str] = set()
    for line in text.split("\n"):
        words = line.split()
        if len(words) >= 4 and sum(map(str.isupper, [w[0] for w in words])) > 0.6 * len(words):
            continue
        for match in _CAP_RUN.finditer(line):
            parts = [_POSSESSIVE.sub("", p.strip(".,-&")).lower() for p in match.group().split()]
            while parts and (not parts[0] or parts[0] in _NOT_ENTITY):
                parts.pop(0)
            while parts and (not parts[-1] or parts[-1] in _NOT_ENTITY):
                parts.pop()
            if not parts:
                continue
            opening = _opens_sentence(line, match.start())
            if not opening:
                inside.update(parts)
            runs.append((parts, opening))
    for parts, opening in runs:
        if len(parts) == 1 and opening and parts[0] not in inside:
            continue  # "Sadly", "Rescuers": capitalised only because a sentence opens there
        _bump(out, " ".join(parts), 1.0)
        if len(parts) > 1:
            for part in parts:
                if len(part) > 2 and part not in _NOT_ENTITY:
                    _bump(out, part, 0.5)


def _date_in_lead(text: str, lines: int) -> dt.date | None:
    """The first full date (month, day and year) in the first ``lines`` lines of ``text``."""
    lead = "\n".join(text.split("\n", lines)[:lines])
    found = printed_dates(lead)
    return found[0].date if found else None


def _sorted(counts: dict[str, float]) -> Weights:
    return tuple(sorted(counts.items()))


def event_features(article: Article, settings: EventSettings | None = None) -> EventFeatures:
    """Return the clusterer's features of one article (pure and cheap: no parser)."""
    settings = settings or EventSettings()
    text = article.text
    terms: dict[str, float] = {}
    numbers: dict[str, float] = {}
    if article.title:
        _word_counts(article.title, settings.title_weight, terms, None)
    _word_counts(text, 1.0, terms, numbers)
    entities: dict[str, float] = {}
    if article.title:
        _entity_counts(article.title, entities)
    _entity_counts(text, entities)
    date = article.date
    if date is None and settings.date_from_text and settings.lead_lines:
        date = _date_in_lead(text, settings.lead_lines)
    return EventFeatures(
        id=article.id,
        date=date.isoformat() if date else None,
        terms=_sorted(terms),
        entities=_sorted(entities),
        numbers=_sorted(numbers),
    )


# ----------------------------------------------------------------------------- online pass

_BLOCKS = ("terms", "entities", "numbers")
Vectors = dict[str, dict[str, float]]
Query = dict[str, tuple[tuple[str, ...], tuple[float, ...]]]
_PREFIX = {"terms": "", "entities": "e:", "numbers": "n:"}


def _names(named: dict[str, float], entity: str) -> bool:
    """Whether an article naming ``named`` names ``entity`` (whole, or one of its words)."""
    return entity in named or any(len(w) > 2 and w in named for w in entity.split())


def _ordinal(date: str | None) -> int | None:
    return dt.date.fromisoformat(date).toordinal() if date else None


def order_key(features: EventFeatures) -> tuple[bool, str, str]:
    """The order of a batch pass: undated articles first (compared by content alone), then
    dated ones by date; ties by id."""
    return (features.date is not None, features.date or "", features.id)


class OnlineEvents:
    """Assigns articles, one at a time in date order, to events (see the module docstring).

    Constructed from settings only; :meth:`from_state` continues a saved pass.
    """

    def __init__(self, settings: EventSettings | None = None) -> None:
        self.settings = settings or EventSettings()
        self._docs = 0
        self._df: dict[str, int] = {}
        # event id -> {"terms"|"entities"|"numbers": centroid, "norm2": [3 floats],
        #              "size": int, "first": ordinal|None, "last": ordinal|None}
        self._events: dict[str, dict[str, Any]] = {}
        self._postings: dict[str, list[str]] = {}
        self._merged: dict[str, str] = {}  # absorbed event id -> the event it went into
        self._count = 0

    # -- persistence
    def state(self) -> dict[str, Any]:
        """The whole state as plain JSON-serialisable data."""
        return {
            "version": STATE_VERSION,
            "docs": self._docs,
            "count": self._count,
            "df": dict(self._df),
            "events": {
                k: {**e, **{b: dict(e[b]) for b in _BLOCKS}, "norm2": list(e["norm2"]),
                    "named": dict(e["named"]), "core": list(e["core"])}
                for k, e in self._events.items()
            },
            "postings": {k: list(v) for k, v in self._postings.items()},
            "merged": dict(self._merged),
        }

    @classmethod
    def from_state(cls, settings: EventSettings | None, state: dict[str, Any]) -> OnlineEvents:
        """Continue the pass whose :meth:`state` is ``state``; raises ValueError if unknown."""
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"unknown event state version {state.get('version')!r}")
        online = cls(settings)
        online._docs = int(state["docs"])
        online._count = int(state["count"])
        online._df = {str(k): int(v) for k, v in state["df"].items()}
        online._events = {
            str(k): {**e, **{b: {str(t): float(w) for t, w in e[b].items()} for b in _BLOCKS},
                     "norm2": [float(x) for x in e["norm2"]],
                     "named": {str(k): int(v) for k, v in e["named"].items()},
                     "core": [str(x) for x in e["core"]]}
            for k, e in state["events"].items()
        }
        online._postings = {str(k): [str(x) for x in v] for k, v in state["postings"].items()}
        online._merged = {str(k): str(v) for k, v in state["merged"].items()}
        return online

    # -- scoring
    def _idf(self, name: str) -> float:
        return math.log((self._docs + 1) / (self._df.get(name, 0) + 1)) + 1.0

    def _vectors(self, features: EventFeatures) -> tuple[Vectors, Vectors]:
        """Unit TF-IDF vectors (sublinear tf) of the article per block, df counted with it,
        each sorted by weight; and the idf of each of their keys."""
        self._docs += 1
        for block in _BLOCKS:
            prefix = _PREFIX[block]
            for key, _ in getattr(features, block):
                name = prefix + key
                self._df[name] = self._df.get(name, 0) + 1
        limits = {"terms": self.settings.max_terms, "entities": self.settings.max_entities,
                  "numbers": self.settings.max_entities}
        vectors: Vectors = {}
        idfs: Vectors = {}
        for block in _BLOCKS:
            prefix = _PREFIX[block]
            idf = {key: self._idf(prefix + key) for key, count in getattr(features, block)
                   if count > 0}
            weights = [(key, (1.0 + math.log(count)) * idf[key])
                       for key, count in getattr(features, block) if count > 0]
            weights.sort(key=lambda kw: (-kw[1], kw[0]))
            weights = weights[: limits[block]]
            norm = math.sqrt(sum(w * w for _, w in weights))
            vectors[block] = {k: w / norm for k, w in weights} if norm > 0 else {}
            idfs[block] = {k: idf[k] for k in vectors[block]}
        return vectors, idfs

    def _candidates(self, vectors: Vectors, day: int | None) -> list[str]:
        q = self.settings.query_terms
        keys = [k for k in list(vectors["terms"])[:q]]
        keys += ["e:" + k for k in list(vectors["entities"])[:q]]
        hits: dict[str, float] = {}
        for key in keys:
            for posted in self._postings.get(key, ()):
                event = self.resolve(posted)
                hits[event] = hits.get(event, 0.0) + 1.0
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
        out: list[str] = []
        for event, _ in ranked:
            if len(out) >= self.settings.max_candidates:
                break
            if self._gap(self._events[event], day) is not None:
                out.append(event)
        return out

    def _gap(self, event: dict[str, Any], day: int | None) -> int | None:
        """Days between ``day`` and the event's dated articles (0 inside), None when beyond the
        window; 0 when either side is undated."""
        first, last = event["first"], event["last"]
        if day is None or first is None:
            return 0
        gap = max(0, first - day, day - last)
        return gap if gap <= self.settings.window_days else None

    def _score(self, event: dict[str, Any], vectors: Vectors, query: Query,
               named: dict[str, float], day: int | None) -> float:
        s = self.settings
        total = 0.0
        weight = 0.0
        for block, w in zip(_BLOCKS, (s.content_weight, s.entity_weight, s.number_weight),
                            strict=True):
            vector = vectors[block]
            centroid: dict[str, float] = event[block]
            if not vector or w == 0:
                continue
            # the centroid holds term frequencies: weighted by today's idf when compared
            keys, values = query[block]
            dot = sum(map(mul, values, map(centroid.get, keys, repeat(0.0))))
            norm2 = event["norm2"][_BLOCKS.index(block)]
            total += w * (dot / math.sqrt(norm2) if norm2 > 0 else 0.0)
            weight += w
        score = total / weight if weight > 0 else 0.0
        score -= s.conflict_weight * self._conflict(event, vectors["entities"], named)
        gap = self._gap(event, day) or 0
        score -= s.time_weight * (1.0 - math.exp(-gap / s.decay_days))
        return score

    def _conflict(self, event: dict[str, Any], entities: dict[str, float],
                  named: dict[str, float]) -> float:
        """How much the article and the event name different main entities (0-1), from the
        share of the event's core entities the article does not name (*absent*) and the share
        of the article's main entities (by weight) that few of the event's articles name
        (*new*): by ``conflict_rule``, the smaller of the two ("both": each side has a
        participant the other lacks, as two fights of one boxer against two opponents), absent
        alone, or the larger ("either")."""
        size = event["size"]
        if size < self.settings.conflict_min_size:
            return 0.0
        core: list[str] = event["core"]
        absent = sum(not _names(named, k) for k in core) / len(core) if core else 0.0
        rule = self.settings.conflict_rule
        if rule == "absent" or (rule == "both" and absent == 0.0):
            return absent
        main = [(k, w) for k, w in entities.items() if named.get(k, 0.0) >= 2.0]
        main = main[: self.settings.main_entities]
        total = sum(w for _, w in main)
        seen: dict[str, int] = event["named"]
        floor = self.settings.unseen_share * size
        unseen = sum(w for k, w in main if seen.get(k, 0) < floor) / total if total else 0.0
        return min(absent, unseen) if rule == "both" else max(absent, unseen)

    # -- assignment
    def add(self, features: EventFeatures) -> str:
        """Assign one article (the next in date order) to an event; return the event's id.

        Two events the article is close to may merge (``merge_threshold``): an id returned
        earlier then stands for the merged event, which :meth:`resolve` gives.
        """
        vectors, idfs = self._vectors(features)
        named = dict(features.entities)
        query: Query = {}
        for block in _BLOCKS:
            idf = idfs[block]
            query[block] = (tuple(vectors[block]),
                            tuple(v * idf[k] for k, v in vectors[block].items()))
        day = _ordinal(features.date)
        best: tuple[float, str] | None = None
        close: list[str] = []
        for event_id in self._candidates(vectors, day):
            score = self._score(self._events[event_id], vectors, query, named, day)
            if score >= self.settings.threshold:
                close.append(event_id)
                if best is None or score > best[0]:
                    best = (score, event_id)
        if best is None:
            self._count += 1
            event_id = f"e{self._count:06d}"
            event: dict[str, Any] = {b: {} for b in _BLOCKS}
            event.update(norm2=[0.0, 0.0, 0.0], size=0, first=None, last=None, named={},
                         core=[])
            self._events[event_id] = event
        else:
            event_id = best[1]
            event = self._events[event_id]
        for i, block in enumerate(_BLOCKS):
            centroid = event[block]
            vector = vectors[block]
            idf = idfs[block]
            # the squared norm under today's idf for the terms this article touches (the
            # others keep the idf they were last weighted with): cost bounded by the article
            norm2 = event["norm2"][i]
            for key, value in vector.items():
                old = centroid.get(key, 0.0)
                new = old + value / idf[key]
                centroid[key] = new
                norm2 += (new * new - old * old) * idf[key] * idf[key]
            if len(centroid) > self.settings.centroid_terms:
                kept = sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))
                event[block] = dict(kept[: self.settings.centroid_terms])
                prefix = _PREFIX[block]
                for key, value in kept[self.settings.centroid_terms:]:
                    norm2 -= (value * self._idf(prefix + key)) ** 2
            event["norm2"][i] = max(norm2, 0.0)
        event["size"] += 1
        seen: dict[str, int] = event["named"]
        for key in vectors["entities"]:
            seen[key] = seen.get(key, 0) + 1
        if len(seen) > self.settings.centroid_terms:
            kept = sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))
            event["named"] = seen = dict(kept[: self.settings.centroid_terms])
        self._set_core(event)
        if day is not None:
            event["first"] = day if event["first"] is None else min(event["first"], day)
            event["last"] = day if event["last"] is None else max(event["last"], day)
        self._index(event_id, vectors)
        if self.settings.merge_threshold < 1.0:
            for other in close:
                if other != event_id and other in self._events:
                    event_id = self._maybe_merge(event_id, other)
        return event_id

    def _set_core(self, event: dict[str, Any]) -> None:
        """Core entities: named by most of the event's articles, ranked by TF-IDF weight."""
        least = self.settings.core_share * event["size"]
        weights = event["entities"]
        ranked = sorted(((weights.get(k, 0.0) * self._idf("e:" + k), k)
                         for k, n in event["named"].items() if n >= least),
                        key=lambda wk: (-wk[0], wk[1]))
        event["core"] = [k for _, k in ranked[: self.settings.main_entities]]

    def resolve(self, event_id: str) -> str:
        """The event an event id stands for now (itself, or the event it was merged into)."""
        while event_id in self._merged:
            event_id = self._merged[event_id]
        return event_id

    def _event_similarity(self, a: dict[str, Any], b: dict[str, Any]) -> float:
        s = self.settings
        total = weight = 0.0
        for i, (block, w) in enumerate(zip(_BLOCKS, (s.content_weight, s.entity_weight,
                                                      s.number_weight), strict=True)):
            ca, cb = a[block], b[block]
            if not ca or not cb or w == 0 or a["norm2"][i] <= 0 or b["norm2"][i] <= 0:
                continue
            small, large = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
            prefix = _PREFIX[block]
            dot = sum(v * large[k] * self._idf(prefix + k) ** 2
                      for k, v in sorted(small.items()) if k in large)
            total += w * dot / math.sqrt(a["norm2"][i] * b["norm2"][i])
            weight += w
        score = total / weight if weight else 0.0
        if min(a["size"], b["size"]) >= s.conflict_min_size:
            missing = [k for k in a["core"] if not _names(b["named"], k)]
            missing += [k for k in b["core"] if not _names(a["named"], k)]
            cores = len(a["core"]) + len(b["core"])
            score -= s.conflict_weight * (len(missing) / cores if cores else 0.0)
        return score

    def _maybe_merge(self, event_id: str, other: str) -> str:
        """Merge ``other`` and ``event_id`` when close enough (the older id survives); return
        the id the article's event has now."""
        a, b = self._events[event_id], self._events[other]
        if self._gap(a, b["first"]) is None or self._gap(a, b["last"]) is None:
            return event_id
        if self._event_similarity(a, b) < self.settings.merge_threshold:
            return event_id
        keep, gone = sorted((event_id, other))
        into, out = self._events[keep], self._events.pop(gone)
        for i, block in enumerate(_BLOCKS):
            centroid = into[block]
            for key, value in sorted(out[block].items()):
                centroid[key] = centroid.get(key, 0.0) + value
            kept = sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))
            into[block] = dict(kept[: self.settings.centroid_terms])
            prefix = _PREFIX[block]
            into["norm2"][i] = sum((v * self._idf(prefix + k)) ** 2
                                   for k, v in sorted(into[block].items()))
        for key, count in sorted(out["named"].items()):
            into["named"][key] = into["named"].get(key, 0) + count
        into["size"] += out["size"]
        for end, pick in (("first", min), ("last", max)):
            values = [v for v in (into[end], out[end]) if v is not None]
            into[end] = pick(values) if values else None
        self._set_core(into)
        self._merged[gone] = keep
        return keep

    def _index(self, event_id: str, vectors: Vectors) -> None:
        q = self.settings.query_terms
        keys = list(vectors["terms"])[:q] + ["e:" + k for k in list(vectors["entities"])[:q]]
        cap = self.settings.posting_events
        for key in keys:
            posting = self._postings.setdefault(key, [])
            if event_id in posting:
                posting.remove(event_id)
            posting.append(event_id)
            if len(posting) > cap:
                del posting[0]

    def add_all(self, features: Iterable[EventFeatures]) -> list[str]:
        """Add each of ``features`` in the order given; return their event ids."""
        return [self.add(f) for f in features]


def cluster_events(features: Sequence[EventFeatures],
                   settings: EventSettings | None = None) -> list[str]:
    """Batch clustering: one online pass in date order (:func:`order_key`).

    Returns the event id of each of ``features``, in the order given.
    """
    online = OnlineEvents(settings)
    order = sorted(range(len(features)), key=lambda i: order_key(features[i]))
    labels = [""] * len(features)
    for i in order:
        labels[i] = online.add(features[i])
    return [online.resolve(label) for label in labels]
