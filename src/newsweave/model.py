"""The typed data model of newsweave, in one place.

Every item a brief holds is anchored in an article by a :class:`Span`: the article's id and a
``[start, end)`` range of Python ``str`` offsets into that article's unchanged ``text``.  The
``text`` a span carries is always the slice it names (``Article.span`` is the only way the
pipeline builds one), so anything in a brief can be highlighted in its source.

All models are frozen pydantic models: immutable, picklable, and serialised deterministically.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from newsweave.lang import SUBJECT_PRONOUNS
from newsweave.settings import Settings

# 2.0: derived figures (word counts, quote text, support, …) are computed fields of the schema;
# settings are nested per stage.  2.1: ``reported_speech`` (an added field and brief part; a 2.0
# brief reads as a 2.1 brief without reported speech); a conflict's ``confidence``, ``possible``
# and ``signals`` and a side's ``date``; a transcript segment's ``note`` (all with defaults, so a
# 2.0 brief still reads).
SCHEMA_VERSION = "2.1"


class Model(BaseModel):
    """Base of every newsweave model: frozen, and unknown fields are an error.

    Computed fields (``Article.words``, ``Quote.text``, …) are written to JSON and listed in
    the schema (read-only); reading JSON back recomputes them, so a model round-trips.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: Any) -> Any:
        if isinstance(data, dict) and cls.model_computed_fields:
            return {k: v for k, v in data.items() if k not in cls.model_computed_fields}
        return data


class Span(Model):
    """A view ``[start, end)`` over one article's text, with the text it covers."""

    article_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


ArticleFormat = Literal["text", "html", "jsonl"]


class Removed(Model):
    """A line or block of an article's text left out of its content, and why (never silent)."""

    span: Span
    reason: str


class Article(Model):
    """One news article: metadata plus its text and the spans of its content paragraphs.

    ``text`` is the decoded input, unchanged but for newline normalisation (``\\r\\n`` becomes
    ``\\n``), so offsets match what a reader sees in the file.  The header (title, date, byline)
    and boilerplate lines are not content: they are not in ``paragraphs`` and boilerplate is
    listed in ``removed``.
    """

    id: str
    input: str
    format: ArticleFormat
    text: str
    paragraphs: tuple[Span, ...]
    title: str | None = None
    source: str | None = None
    date: dt.date | None = None
    url: str | None = None
    author: str | None = None
    removed: tuple[Removed, ...] = ()

    def span(self, start: int, end: int) -> Span:
        """Return the span ``[start, end)`` of this article's text; raises ValueError if invalid."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) out of range for article {self.id!r}")
        return Span(article_id=self.id, start=start, end=end, text=self.text[start:end])

    @computed_field  # type: ignore[prop-decorator]
    @property
    def words(self) -> int:
        """Number of whitespace-separated words in the content paragraphs."""
        return sum(len(p.text.split()) for p in self.paragraphs)


class Sentence(Model):
    """A sentence of an article's content, with its position (paragraph and order)."""

    span: Span
    paragraph: int
    index: int


class Skipped(Model):
    """An input (or part of one) that was not used, with a specific reason."""

    input: str
    code: str
    reason: str


class Notice(Model):
    """A warning about an input that was used anyway (e.g. decoded as Latin-1, quote repaired)."""

    input: str
    code: str
    message: str


AttributionRule = Literal[
    "cue-after", "cue-before", "according-to", "cue-in-sentence", "sentence-subject",
    "dash-credit", "speaker-label", "dependency", "continuation", "unknown"
]


def as_written(speaker: str | None, span: Span | None) -> str | None:
    """A resolved speaker with the article's own phrase for them where it says more than the
    name ("Mike Pence (the Indiana governor)"); just the speaker for a name or a pronoun, or
    where no phrase or no speaker is known."""
    if speaker is None or span is None:
        return speaker
    phrase = span.text.strip(" ,.")
    words = set(speaker.lower().split())
    if phrase.lower() in SUBJECT_PRONOUNS or (
        set(phrase.lower().replace("’s", "").replace("'s", "").split()) <= words
    ) or phrase == speaker:
        return speaker
    return f"{speaker} ({phrase})"


class Quote(Model):
    """A direct quotation in one article: its content (one or more parts) and its speaker.

    ``parts`` are the spans inside the quote marks; a quote split by its attribution
    (``"X," he said, "Y."``) has two.  ``speaker`` is the resolved name (``None`` when nothing
    supports an attribution); ``speaker_span`` is the text that names the speaker where the quote
    is attributed ("he", "the actor", "Mark Ruffalo"), ``cue`` the cue verb.  ``open_ended`` marks
    a quote whose closing mark is missing: by the rule documented in ``quotes.extract`` it runs to
    the end of its paragraph.
    """

    id: str
    article_id: str
    parts: tuple[Span, ...]
    speaker: str | None
    speaker_span: Span | None = None
    cue: Span | None = None
    rule: AttributionRule = "unknown"
    open_ended: bool = False

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The quote's words, parts joined by a space."""
        return " ".join(p.text for p in self.parts)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def speaker_as_written(self) -> str | None:
        """The speaker with the article's own phrase for them where it says more than the name
        ("Mike Pence (the Indiana governor)"); just the speaker for a name or a pronoun."""
        return as_written(self.speaker, self.speaker_span)


AttributionKind = Literal["direct", "indirect", "mixed"]
ReportedRule = Literal["speaker-cue", "cue-speaker", "according-to", "dependency"]


class ReportedSpeech(Model):
    """What an article says someone said without quoting them: reported (indirect) speech.

    "The mayor said the bridge would reopen on Monday": ``source`` is the span naming who
    speaks ("The mayor"), ``cue`` the words that report it ("said", "according to"),
    ``parts`` the content ("the bridge would reopen on Monday"; two parts where the source
    splits it: "The bridge, the mayor said, would reopen").  ``speaker`` is the source
    resolved to a person as for quotes (``None`` when nothing supports one).  ``kind`` is
    ``indirect`` (no quote marks in the content) or ``mixed`` (a quoted fragment inside it:
    called the plan "a mess"); direct quotations are :class:`Quote` items, never these.
    ``rule`` names the mechanism that found it (``dependency``: the spaCy parse).
    """

    id: str
    article_id: str
    parts: tuple[Span, ...]
    speaker: str | None
    source: Span | None = None
    cue: Span | None = None
    kind: AttributionKind = "indirect"
    rule: ReportedRule = "speaker-cue"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The content's words, parts joined by a space."""
        return " ".join(p.text for p in self.parts)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def speaker_as_written(self) -> str | None:
        """The speaker with the article's source phrase where it says more than the name
        ("Ann Lee (the mayor)"), as for :attr:`Quote.speaker_as_written`."""
        return as_written(self.speaker, self.source)


class Reading(Model):
    """One reading at a point of a collation, and the articles that carry it.

    ``spans`` are where each article prints the reading (one per witness and stretch; an
    omission is an empty span at the place where the others' words would stand).
    """

    text: str
    articles: tuple[str, ...]
    spans: tuple[Span, ...] = ()


class CollationSegment(Model):
    """A stretch of a collation: agreed by every witness that covers it, or a point of variance.

    An ``orthographic`` variance differs only in spelling, case or typography ("honour" /
    "honor"): the witnesses agree once normalised, and the apparatus keeps each exact reading.
    """

    agreed: bool
    readings: tuple[Reading, ...]
    orthographic: bool = False


class Witness(Model):
    """One article's report of an utterance: the quote it printed."""

    quote_id: str
    article_id: str
    text: str
    parts: tuple[Span, ...]


class QuoteGroup(Model):
    """Quotes from several articles that report the same utterance, collated."""

    id: str
    speaker: str | None
    witnesses: tuple[Witness, ...]
    agreed_text: str
    segments: tuple[CollationSegment, ...]
    independent_articles: tuple[str, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def articles(self) -> tuple[str, ...]:
        """Ids of the articles that carry this utterance, in witness order."""
        return tuple(dict.fromkeys(w.article_id for w in self.witnesses))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def variants(self) -> tuple[CollationSegment, ...]:
        """The points of difference between the witnesses."""
        return tuple(s for s in self.segments if not s.agreed)


class _Supported(Model):
    """Something several articles print: which ones, and which of them independently (an
    article that copied another's text adds no independent support)."""

    articles: tuple[str, ...]
    independent_articles: tuple[str, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def support(self) -> int:
        """Number of articles that print it."""
        return len(self.articles)


class TranscriptSegment(_Supported):
    """One stretch of what a speaker said: a collated group or a quote only one article prints.

    ``note`` says why a short quote stays alone (its words are nowhere else in the speaker's
    transcript, or in more than one place).
    """

    text: str
    group_id: str | None
    quote_ids: tuple[str, ...]
    note: str | None = None


class Transcript(Model):
    """A speaker's utterances in the most likely order they were said."""

    speaker: str
    segments: tuple[TranscriptSegment, ...]


class Fact(_Supported):
    """Content reported by one or more articles: sentences that say the same thing."""

    id: str
    representative: Span
    evidence: tuple[Span, ...]


class SummarySentence(Model):
    """A sentence of the summary: an article's sentence and every article that reports it.

    ``speaker`` is the speaker of a quotation the sentence carries, as the quote stage resolved
    it (so ``"…," he said`` is attributed to a name), ``None`` when it carries none.
    """

    span: Span
    citations: tuple[str, ...]
    fact_id: str | None = None
    speaker: str | None = None


class ConflictSide(Model):
    """One side of a disagreement: the value, the articles that give it, their sentences, and
    the earliest date of those articles (``None`` when one of them is undated)."""

    value: str
    articles: tuple[str, ...]
    evidence: tuple[Span, ...]
    date: dt.date | None = None


ConflictLabel = Literal["contradiction", "update", "compatible"]
ConflictKind = Literal["number", "date", "ordinal", "role", "name", "place", "negation"]


class Conflict(Model):
    """Articles that report the same content with different values.

    ``confidence`` (0 to 1) says how sure the detector is that the sides answer the same
    question, from the evidence listed in ``signals`` (the same subject, the same words around
    the value, similar sentences, a specific slot such as a person's age); ``possible`` marks a
    conflict below the confident threshold (``conflicts.min_confidence``), which a brief shows
    apart.  An update's sides are in date order.
    """

    id: str
    kind: ConflictKind
    label: ConflictLabel
    topic: str
    sides: tuple[ConflictSide, ...]
    explanation: str
    confidence: float = Field(1.0, ge=0, le=1)
    possible: bool = False
    signals: tuple[str, ...] = ()


class Passage(Model):
    """A stretch of text shared by two articles, with its span in each.

    ``quoted`` marks a passage that lies inside quotation marks in both articles: the same
    words from the same speaker, which two reporters can print without copying each other.
    """

    a: Span
    b: Span
    words: int
    similarity: float
    quoted: bool = False


ReuseKind = Literal["exact_duplicate", "near_duplicate", "partial_reuse"]


class ReusePair(Model):
    """Two articles that share text, how much, and which one is derived where that can be told.

    ``share_of_a`` is the fraction of ``a``'s content words that lie in shared passages (how
    much of ``a`` is inside ``b``), ``share_of_b`` the converse.  ``jaccard`` and the two
    containments are the exact figures over the articles' word shingles (``containment_of_a``:
    the share of ``a``'s shingles that ``b`` also has); ``jaccard_estimate`` is MinHash's
    estimate of the same Jaccard, kept beside the verified figure.  ``exact_duplicate``: the
    two articles' words are identical.
    """

    a: str
    b: str
    kind: ReuseKind
    share_of_a: float
    share_of_b: float
    passages: tuple[Passage, ...]
    derived: str | None
    direction_evidence: str
    jaccard: float | None = None
    containment_of_a: float | None = None
    containment_of_b: float | None = None
    jaccard_estimate: float | None = None


class Entity(Model):
    """A person, organisation, work or place, with its mentions per article."""

    name: str
    kind: Literal["person", "organisation", "work", "place", "other"]
    mentions: tuple[Span, ...]
    # The surface forms merged into this entity ("Mark Ruffalo", "Ruffalo", "the actor").
    forms: tuple[str, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def articles(self) -> tuple[str, ...]:
        """Ids of the articles that mention the entity."""
        return tuple(dict.fromkeys(m.article_id for m in self.mentions))

    def mentions_by_article(self) -> dict[str, tuple[Span, ...]]:
        """The mentions grouped per article id, articles in order of first mention."""
        grouped: dict[str, list[Span]] = {}
        for mention in self.mentions:
            grouped.setdefault(mention.article_id, []).append(mention)
        return {article: tuple(spans) for article, spans in grouped.items()}


BriefPart = Literal["summary", "quotes", "quote_groups", "transcripts", "reported_speech",
                    "facts", "conflicts", "reuse", "entities"]
BRIEF_PARTS: tuple[BriefPart, ...] = ("summary", "quotes", "quote_groups", "transcripts",
                                      "reported_speech", "facts", "conflicts", "reuse",
                                      "entities")


class Brief(Model):
    """One sourced brief of a set of articles about one event.

    Serialise with :meth:`to_json`, :meth:`to_markdown`, :meth:`to_html`.
    """

    schema_version: str = SCHEMA_VERSION
    generator: str
    settings: Settings
    # The parts computed for this brief (a focused command computes some): a part not listed
    # is empty because it was not asked for, not because nothing was found.
    parts: tuple[BriefPart, ...] = BRIEF_PARTS
    articles: tuple[Article, ...]
    summary: tuple[SummarySentence, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quote_groups: tuple[QuoteGroup, ...] = ()
    transcripts: tuple[Transcript, ...] = ()
    # What articles say people said without quote marks; never mixed into ``quotes``.
    reported_speech: tuple[ReportedSpeech, ...] = ()
    facts: tuple[Fact, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    reuse: tuple[ReusePair, ...] = ()
    entities: tuple[Entity, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    notices: tuple[Notice, ...] = ()

    def missing_references(self) -> list[str]:
        """Return every id the brief cites but does not hold (empty for a consistent brief).

        Checks spans and citations against the articles, witnesses and transcript segments
        against the quotes and groups, summary sentences against the facts.
        """
        articles = {a.id for a in self.articles}
        quotes = {q.id for q in self.quotes}
        groups = {g.id for g in self.quote_groups}
        facts = {f.id for f in self.facts}
        cited: list[tuple[str, str, set[str]]] = []
        for q in self.quotes:
            cited.append(("article", q.article_id, articles))
        for speech in self.reported_speech:
            cited.append(("article", speech.article_id, articles))
        for g in self.quote_groups:
            cited.extend(("quote", w.quote_id, quotes) for w in g.witnesses)
            cited.extend(("article", w.article_id, articles) for w in g.witnesses)
        for t in self.transcripts:
            for seg in t.segments:
                cited.extend(("quote", q, quotes) for q in seg.quote_ids)
                if seg.group_id is not None:
                    cited.append(("quote group", seg.group_id, groups))
        for s in self.summary:
            cited.extend(("article", a, articles) for a in s.citations)
            if s.fact_id is not None:
                cited.append(("fact", s.fact_id, facts))
        for f in self.facts:
            cited.extend(("article", a, articles) for a in f.articles)
        for c in self.conflicts:
            cited.extend(("article", a, articles) for side in c.sides for a in side.articles)
        for r in self.reuse:
            cited.extend(("article", a, articles) for a in (r.a, r.b))
        for e in self.entities:
            cited.extend(("article", m.article_id, articles) for m in e.mentions)
        return sorted({f"{kind} {ident}" for kind, ident, known in cited if ident not in known})

    def article(self, article_id: str) -> Article:
        """Return the article with id ``article_id``; raises KeyError if there is none."""
        for art in self.articles:
            if art.id == article_id:
                return art
        raise KeyError(article_id)

    def to_json(self, indent: int | None = 2) -> str:
        """Return the brief as JSON text (deterministic: the same brief gives the same bytes)."""
        from newsweave.report.json import render_json

        return render_json(self, indent=indent)

    def to_markdown(self) -> str:
        """Return the brief as a Markdown document."""
        from newsweave.report.markdown import render_markdown

        return render_markdown(self)

    def to_html(self) -> str:
        """Return the brief as one self-contained HTML page (no network needed to view it)."""
        from newsweave.report.html import render_html

        return render_html(self)

    def reuse_graph(self) -> Any:
        """Return the reuse graph (a ``networkx.DiGraph``: original → derived, every article a
        node; see :func:`newsweave.reuse.reuse_graph`)."""
        from newsweave.reuse.graph import reuse_graph

        return reuse_graph(self.reuse, [a.id for a in self.articles])
