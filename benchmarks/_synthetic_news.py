"""A seeded generator of invented news with known text reuse, for benchmarks/bench_reuse.py.

Nothing here is taken from a real article: names, places and sentences are built from small
invented vocabularies by templates, with one ``random.Random(seed)``, so the same seed always
gives the same corpus.  A *topic* (an event) has its own people, places and bodies; every article
of a topic is about it, so independent articles of one topic share names and stock phrases but
no sentences (the hard negatives).  Per topic:

- base articles (originals), each with a date;
- syndicated copies: the base text unchanged but for a credit or newsletter line, dated the same
  day or later, some undated;
- rewrites: a new lead, one or two sentences dropped, words substituted in some sentences, two
  paragraphs swapped;
- partial lifts: a new article with two or three consecutive paragraphs of a base inside it;
- independent articles of the topic, some of which quote the same statement as a base article
  (two reporters heard one speaker: not reuse).

The truth is kept per article as the base sentences it carries (and where), from which the
labelled pairs follow: two articles that carry at least two of the same non-quote base sentences
share text (a positive); exactly one shared sentence is left unlabelled (``excluded``); a shared
quotation and nothing else is ``shared_quote_only``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

_FIRST = ("Avel Bront Cira Dovan Elsin Farro Gwen Halden Isko Jorra Kelm Lusa Mirel Nadin Orsk "
          "Pella Quill Rosk Savi Tamsin Ulden Vessa Wren Yarrow Zelin Bexa Corran Dalvi Emrys "
          "Fenna").split()
_LAST = ("Ardley Belcourt Carrow Dunmere Elsworth Fairhall Garrick Holloway Ingram Jessop "
         "Kettering Lindqvist Marlow Norcross Oakham Pemberton Quarry Ravensworth Stanmore "
         "Thackery Underhill Vance Whitlock Yardley Zorell Ashgrove Brinkley Caldwell").split()
_PLACES = ("Ostmere Varrow Kellby Dunhaven Pellridge Amberlow Corwick Fennmouth Halsey Ironvale "
           "Jaspergate Larkholm Mossbridge Northam Quenby Redcliffe Saltmarsh Thornbury Wexley "
           "Yelverton Brackwater Calderly Dovecote Eastling Greyhaven").split()
_SYLLABLES = ("an ber cal dor el fen gar hol ist jun kel lor mar nor ost pel quin ros sel tor "
              "ul ven wick yor zan bre cro dun").split()
_BODIES = ("council|ministry of transport|regional health board|port authority|water company|"
           "fire service|university|chamber of commerce|transit agency|housing trust|"
           "coastguard|planning committee|teachers union|energy regulator").split("|")
_ROLES = ("spokesman|spokeswoman|director|chief executive|chairman|minister|mayor|"
          "head of operations|senior engineer|deputy leader").split("|")
_NOUNS = ("bridge|reservoir|school|hospital|rail line|harbour|factory|market|stadium|library|"
          "power station|tunnel|warehouse|ferry|motorway|clinic|pipeline|dam|airport|depot|"
          "budget|contract|inquiry|report|plan|strike|vote|lawsuit|audit|merger").split("|")
_ADJ = ("new|damaged|disputed|delayed|expanded|temporary|costly|flooded|closed|revised|"
        "controversial|unfinished|ageing|historic|main|northern|southern|public|local").split("|")
_VERBS = ("approved|rejected|announced|delayed|criticised|defended|postponed|confirmed|"
          "questioned|reviewed|funded|suspended|blocked|welcomed|investigated").split("|")
_TIMES = ("on Monday|on Tuesday|on Wednesday|on Thursday|on Friday|at the weekend|last week|"
          "earlier this month|late on Sunday|this morning|overnight").split("|")
_NUMBERS = "two|three|four|five|six|seven|ten|twelve|twenty|forty|hundreds of|dozens of".split("|")
_PEOPLE = ("residents|workers|passengers|families|engineers|officials|volunteers|students|"
           "shop owners|commuters|patients|fishermen").split("|")
_SYNONYMS = {
    "approved": "backed", "rejected": "turned down", "announced": "unveiled",
    "criticised": "attacked", "confirmed": "said", "postponed": "put off", "new": "fresh",
    "damaged": "broken", "costly": "expensive", "residents": "locals", "workers": "staff",
    "officials": "authorities", "delayed": "held up", "closed": "shut", "said": "stated",
}
_TEMPLATES = (
    "The {body} of {place} {verb} the {adj} {noun} {time}, {n} {people} were told by {person}.",
    "{person}, the {role} of the {body}, said the {adj} {noun} in {place} would cost {n} million.",
    "{n} {people} gathered near the {adj} {noun} in {place} {time} to hear {person} speak.",
    "According to the {body}, the {adj} {noun} in {place} had been {verb} {n} times before.",
    "{person} {verb} the decision {time} and called for a full review of the {adj} {noun}.",
    "Work on the {adj} {noun} in {place} will take {n} months, the {role} {person} said.",
    "In {place}, {n} {people} said the {adj} {noun} had changed their lives {time}.",
    "The {role} of the {body}, {person}, declined to say when the {adj} {noun} would reopen.",
    "{n} {people} in {place} signed a petition asking the {body} to reconsider the {noun}.",
    "Critics in {place} said {person} had {verb} the {adj} {noun} without asking {people}.",
    "A report by the {body} found that the {adj} {noun} in {place} served {n} {people} a day.",
    "{person} said {people} in {place} deserved a clear answer about the {adj} {noun} {time}.",
)
_QUOTE_TEMPLATES = (
    "We will not let the {adj} {noun} divide the {people} of {place}, and we will rebuild it",
    "Every one of the {people} who depend on the {noun} deserves to know the truth about it",
    "This {noun} has been {verb} for too long and the {people} of {place} have paid the price",
)
_CREDITS = (
    "This article originally appeared in the {outlet}.",
    "Republished with permission from the {outlet}.",
    "This story was first published by the {outlet}.",
)
_FOOTERS = (
    "Sign up for our daily newsletter to get the latest news in your inbox.",
    "Follow us on Twitter and Facebook for more updates.",
)
_OUTLETS = ("Ostmere Courier|Varrow Gazette|Northam Herald|Coastline Post|Valley Chronicle|"
            "Evening Standard of Halsey|Weekly Ledger|Riverside Times").split("|")


@dataclass
class Topic:
    """The people, places and bodies one event's articles talk about."""

    people: list[str]
    places: list[str]
    bodies: list[str]


@dataclass
class Piece:
    """A sentence of an article and, if it comes from a base article, which sentence."""

    text: str
    origin: tuple[str, int] | None = None  # (base article id, sentence index)
    quote: bool = False


@dataclass
class SynthArticle:
    """One generated article: its paragraphs of pieces, metadata and its provenance."""

    id: str
    topic: int
    kind: str
    paragraphs: list[list[Piece]]
    date: dt.date | None
    base: str | None = None  # the base it derives from (syndicated, rewrite, lift)
    text: str = ""
    spans: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)

    def render(self) -> None:
        """Lay the paragraphs out as text and record the span of every base sentence."""
        out: list[str] = []
        pos = 0
        for paragraph in self.paragraphs:
            parts: list[str] = []
            for piece in paragraph:
                start = pos + sum(len(p) + 1 for p in parts)
                if piece.origin is not None and not piece.quote:
                    self.spans[piece.origin] = (start, start + len(piece.text))
                parts.append(piece.text)
            line = " ".join(parts)
            out.append(line)
            pos += len(line) + 2
        self.text = "\n\n".join(out)

    def record(self) -> dict[str, Any]:
        """The article as one JSON Lines record (id, text, date, source)."""
        record: dict[str, Any] = {"id": self.id, "text": self.text, "source": self.kind}
        if self.date is not None:
            record["date"] = self.date.isoformat()
        return record


class Generator:
    """Builds topics of articles from one seed (see the module docstring)."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.count = 0

    def _topic(self) -> Topic:
        r = self.rng
        # Invented surnames and place names per topic (syllables, about 10^4 of each), so two
        # topics almost never print the same sentence by chance.
        people = [f"{r.choice(_FIRST)} {r.choice(_LAST)[:4]}{self._syllables(2)}"
                  for _ in range(6)]
        places = [f"{r.choice(_PLACES)[:3]}{self._syllables(2)}" for _ in range(4)]
        return Topic(people, places, r.sample(_BODIES, 4))

    def _syllables(self, count: int) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(count))

    def _fill(self, template: str, topic: Topic) -> str:
        r = self.rng
        text = template.format(
            body=r.choice(topic.bodies), place=r.choice(topic.places), verb=r.choice(_VERBS),
            adj=r.choice(_ADJ), noun=r.choice(_NOUNS), time=r.choice(_TIMES),
            n=r.choice(_NUMBERS), people=r.choice(_PEOPLE), person=r.choice(topic.people),
            role=r.choice(_ROLES),
        )
        return text[0].upper() + text[1:]

    def _sentence(self, topic: Topic) -> str:
        return self._fill(self.rng.choice(_TEMPLATES), topic)

    def _fresh(self, topic: Topic, paragraphs: int) -> list[list[Piece]]:
        return [[Piece(self._sentence(topic)) for _ in range(self.rng.randint(1, 3))]
                for _ in range(paragraphs)]

    def _new_id(self, kind: str) -> str:
        self.count += 1
        return f"syn{self.count:06d}-{kind}"

    def _quote(self, topic: Topic, statement: str) -> Piece:
        speaker = self.rng.choice(topic.people)
        return Piece(f"\u201c{statement},\u201d said {speaker}.", quote=True)

    def topic(self, index: int, day0: dt.date) -> list[SynthArticle]:
        """Return the articles of one topic (about 20), rendered."""
        r = self.rng
        topic = self._topic()
        statement = self._fill(r.choice(_QUOTE_TEMPLATES), topic)
        out: list[SynthArticle] = []
        for _ in range(3):
            base_id = self._new_id("base")
            paragraphs = self._fresh(topic, r.randint(6, 10))
            k = 0
            for paragraph in paragraphs:
                for piece in paragraph:
                    piece.origin = (base_id, k)
                    k += 1
            if r.random() < 0.5:
                paragraphs.insert(r.randint(1, 3), [self._quote(topic, statement)])
            base = SynthArticle(base_id, index, "base", paragraphs, day0)
            out.append(base)
            out.extend(self._derived(base, topic, day0))
        for _ in range(r.randint(5, 8)):
            paragraphs = self._fresh(topic, r.randint(5, 9))
            if r.random() < 0.4:
                paragraphs.insert(r.randint(0, 2), [self._quote(topic, statement)])
            day = day0 + dt.timedelta(days=r.randint(0, 3))
            out.append(SynthArticle(self._new_id("independent"), index, "independent",
                                    paragraphs, day if r.random() < 0.8 else None))
        r.shuffle(out)
        for article in out:
            article.render()
        return out

    def _date(self, day0: dt.date, earliest: int) -> dt.date | None:
        if self.rng.random() < 0.25:
            return None  # undated: direction must come from the text
        return day0 + dt.timedelta(days=self.rng.randint(earliest, 4))

    def _derived(self, base: SynthArticle, topic: Topic, day0: dt.date) -> list[SynthArticle]:
        r = self.rng
        out: list[SynthArticle] = []
        outlet = r.choice(_OUTLETS)
        for _ in range(r.randint(1, 2)):  # syndicated copies
            paragraphs = [list(p) for p in base.paragraphs]
            extra = (r.choice(_CREDITS).format(outlet=outlet) if r.random() < 0.6
                     else r.choice(_FOOTERS))
            paragraphs.append([Piece(extra)])
            out.append(SynthArticle(self._new_id("syndicated"), base.topic, "syndicated",
                                    paragraphs, self._date(day0, 1), base.id))
        if r.random() < 0.8:  # rewrite with edits
            paragraphs = [[self._edit(p) for p in para if r.random() > 0.12]
                          for para in base.paragraphs]
            paragraphs = [p for p in paragraphs if p]
            if len(paragraphs) > 3:
                i = r.randint(1, len(paragraphs) - 2)
                paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
            paragraphs.insert(0, [Piece(self._sentence(topic))])
            out.append(SynthArticle(self._new_id("rewrite"), base.topic, "rewrite", paragraphs,
                                    self._date(day0, 1), base.id))
        if r.random() < 0.9:  # partial lift: a few consecutive paragraphs in a new article
            lifted_from = [p for p in base.paragraphs if not any(x.quote for x in p)]
            take = r.randint(2, 3)
            start = r.randint(0, max(0, len(lifted_from) - take))
            lifted = [list(p) for p in lifted_from[start : start + take]]
            paragraphs = self._fresh(topic, r.randint(4, 8))
            at = r.randint(1, len(paragraphs))
            paragraphs[at:at] = lifted
            out.append(SynthArticle(self._new_id("lift"), base.topic, "lift", paragraphs,
                                    self._date(day0, 1), base.id))
        return out

    def _edit(self, piece: Piece) -> Piece:
        if piece.quote or self.rng.random() > 0.3:
            return piece
        words = piece.text.split(" ")
        swappable = [i for i, w in enumerate(words) if w.strip(",.") in _SYNONYMS]
        if not swappable:
            return piece
        i = self.rng.choice(swappable)
        bare = words[i].strip(",.")
        words[i] = words[i].replace(bare, _SYNONYMS[bare])
        return Piece(" ".join(words), piece.origin)


def corpus(size: int, seed: int = 7) -> list[SynthArticle]:
    """Return about ``size`` articles (whole topics, so a prefix of topics is a smaller corpus)."""
    generator = Generator(seed)
    out: list[SynthArticle] = []
    day0 = dt.date(2024, 1, 1)
    index = 0
    while len(out) < size:
        out.extend(generator.topic(index, day0 + dt.timedelta(days=index % 300)))
        index += 1
    return out


def gold(articles: list[SynthArticle], source_pattern: str) -> dict[str, Any]:
    """Return the truth of ``articles`` in the format of ``../shared/data/reuse-dev/gold.json``.

    Positives: pairs of one topic that carry at least two of the same non-quote base sentences
    (``near_duplicate`` when each side's shared sentences are 80% of its base sentences and it
    has nothing else but a credit line, else ``partial_reuse``), with the shared sentences as
    passages and the derived article (the copy of a base; between two copies of one base, the
    later dated, else unknown).  One shared sentence: ``excluded``.  Only a shared quotation:
    ``shared_quote_only``.  Hard negatives: up to 3 pairs of independent articles per topic.
    """
    by_topic: dict[int, list[SynthArticle]] = defaultdict(list)
    for article in articles:
        by_topic[article.topic].append(article)
    pairs: list[dict[str, Any]] = []
    excluded: list[dict[str, Any]] = []
    groups: dict[str, Any] = {}
    for topic, members in sorted(by_topic.items()):
        group = f"synthetic/t{topic}"
        groups[group] = {"split": "dev", "members": [m.id for m in members]}
        negatives = 0
        for x, y in combinations(sorted(members, key=lambda m: m.id), 2):
            shared = sorted(set(x.spans) & set(y.spans))
            item: dict[str, Any] = {"a": x.id, "b": y.id, "collection": "synthetic",
                                    "group": group, "split": "dev"}
            if len(shared) >= 2:
                pairs.append({**item, "label": _label(x, y, shared),
                              "derived": _derived(x, y),
                              "passages": [{"a": list(x.spans[s]), "b": list(y.spans[s])}
                                           for s in shared]})
            elif len(shared) == 1:
                excluded.append({"a": x.id, "b": y.id, "rule": "one shared sentence",
                                 "reason": "below the bar of two shared sentences"})
            elif _quotes(x) & _quotes(y):
                pairs.append({**item, "label": "shared_quote_only"})
            elif x.kind == y.kind == "independent" and negatives < 3:
                negatives += 1
                pairs.append({**item, "label": "unrelated_same_event"})
    return {
        "about": "synthetic corpus of benchmarks/_synthetic_news.py",
        "sources": {"synthetic": [source_pattern]},
        "pairs": pairs, "excluded": excluded, "groups": groups,
        "articles": {a.id: {"collection": "synthetic", "groups": [f"synthetic/t{a.topic}"],
                            "splits": ["dev"],
                            "date": a.date.isoformat() if a.date else None}
                     for a in articles},
    }


def _quotes(article: SynthArticle) -> set[str]:
    return {p.text.split("\u201d")[0] for para in article.paragraphs for p in para if p.quote}


def _label(x: SynthArticle, y: SynthArticle, shared: list[tuple[str, int]]) -> str:
    def covered(article: SynthArticle) -> bool:
        pieces = [p for para in article.paragraphs for p in para if not p.quote]
        return len(shared) >= 0.8 * max(1, sum(1 for p in pieces if p.origin is not None)) and (
            article.kind in ("base", "syndicated"))
    return "near_duplicate" if covered(x) and covered(y) else "partial_reuse"


def _derived(x: SynthArticle, y: SynthArticle) -> str:
    if x.base == y.id:
        return x.id
    if y.base == x.id:
        return y.id
    if x.date and y.date and x.date != y.date:
        return x.id if x.date > y.date else y.id
    return "unknown"


def event(size: int, words: int = 800, seed: int = 11, shared: float = 0.4) -> list[SynthArticle]:
    """Return ``size`` articles of about ``words`` words each, all about one invented event.

    Every article mixes sentences reported by many outlets (drawn from one pool of the event's
    facts, a third of them with a word substituted) with sentences of its own, in paragraphs
    of one to three sentences; ``shared`` is the share of pooled sentences.  About half the
    articles quote the event's statement.  Seeded: the same arguments give the same articles.
    """
    generator = Generator(seed)
    r = generator.rng
    topic = generator._topic()
    statement = generator._fill(r.choice(_QUOTE_TEMPLATES), topic)
    pool = [Piece(generator._sentence(topic), ("pool", k)) for k in range(max(20, words // 12))]
    out: list[SynthArticle] = []
    day0 = dt.date(2024, 3, 1)
    for _ in range(size):
        paragraphs: list[list[Piece]] = []
        count = 0
        unused = list(pool)  # an article reports each pooled fact once
        while count < words:
            paragraph: list[Piece] = []
            for _ in range(r.randint(1, 3)):
                piece = (generator._edit(unused.pop(r.randrange(len(unused))))
                         if unused and r.random() < shared else Piece(generator._sentence(topic)))
                paragraph.append(piece)
                count += len(piece.text.split())
            paragraphs.append(paragraph)
        if r.random() < 0.5:
            paragraphs.insert(r.randint(0, min(3, len(paragraphs))),
                              [generator._quote(topic, statement)])
        article = SynthArticle(generator._new_id("event"), 0, "event", paragraphs,
                               day0 + dt.timedelta(days=r.randint(0, 2)))
        article.render()
        out.append(article)
    return out
