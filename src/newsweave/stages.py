"""The cross-article stages, declared once: what each reads, what it writes, its settings.

Every stage is a plain function of a :class:`Work` (the per-article analyses, the settings and
the products of the stages before it) returning its product.  :func:`plan` gives the stages a
set of brief parts needs, in order, so the whole brief and the focused commands (``newsweave
quotes``, ``reuse``, ``conflicts``) run exactly the stages they need.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsweave.align import align_facts, build_sentence_index, find_conflicts
from newsweave.align.facts import SentenceIndex, document_frequencies, sentence_terms
from newsweave.analysis import ArticleAnalysis
from newsweave.deadline import Deadline
from newsweave.entities import merge_entities
from newsweave.model import BRIEF_PARTS, Article, Quote, ReportedSpeech, Sentence
from newsweave.quotes import build_transcripts, group_quotes
from newsweave.reuse.passages import reuse_pairs
from newsweave.settings import Settings
from newsweave.summarize import summarize
from newsweave.text import split_clauses
from newsweave.text.spans import SpanSet


@dataclass
class Work:
    """One run's inputs and the products of the stages run so far (local to the run)."""

    analyses: Sequence[ArticleAnalysis]
    settings: Settings
    products: dict[str, Any] = field(default_factory=dict)

    @property
    def articles(self) -> list[Article]:
        """The analysed articles, in order."""
        return [a.article for a in self.analyses]


@dataclass(frozen=True)
class Stage:
    """A cross-article stage: its name, the products it reads and the one it writes, the
    settings section it reads (``None`` when none) and the function that runs it."""

    name: str
    reads: tuple[str, ...]
    writes: str
    settings: str | None
    run: Callable[[Work], Any]


def _quotes(work: Work) -> tuple[Quote, ...]:
    return tuple(q for a in work.analyses for q in a.quotes)


def _reported_speech(work: Work) -> tuple[ReportedSpeech, ...]:
    return tuple(r for a in work.analyses for r in a.reported_speech)


def _reuse(work: Work) -> Any:
    return tuple(reuse_pairs([a.reuse for a in work.analyses], work.settings.reuse))


def _index(work: Work) -> SentenceIndex:
    frequencies: Counter[str] = Counter()
    for analysis in work.analyses:  # in place: summing Counters copies the growing total
        frequencies.update(analysis.frequencies)
    return build_sentence_index([s for a in work.analyses for s in a.sentences],
                                [t for a in work.analyses for t in a.terms], frequencies)


def _claims(work: Work) -> SentenceIndex:
    """The units facts are aligned on: sentences, or their clauses (``facts.clauses``)."""
    index: SentenceIndex = work.products["index"]
    if not work.settings.facts.clauses:
        return index
    clauses: list[Sentence] = []
    for analysis in work.analyses:
        quoted = SpanSet((p.start, p.end) for q in analysis.quotes for p in q.parts)
        clauses.extend(c for s in analysis.sentences for c in split_clauses(s, quoted))
    terms = [sentence_terms(c.span.text) for c in clauses]
    return build_sentence_index(clauses, terms, document_frequencies(terms))


def _facts(work: Work) -> Any:
    return tuple(align_facts(work.products["claims"], work.products["reuse"],
                             work.settings.facts))


def _conflicts(work: Work) -> Any:
    values = [v for a in work.analyses for v in a.values]
    return tuple(find_conflicts(work.products["index"], work.articles,
                                work.settings.conflicts, values))


def _quote_groups(work: Work) -> Any:
    return tuple(group_quotes(work.products["quotes"], work.articles, work.products["reuse"],
                              threshold=work.settings.quotes.group_similarity))


def _transcripts(work: Work) -> Any:
    return tuple(build_transcripts(work.products["quotes"], work.products["quote_groups"],
                                   work.articles))


def _summary(work: Work) -> Any:
    return tuple(summarize(work.products["facts"], work.products["index"], work.articles,
                           work.settings.summary, quotes=work.products["quotes"]))


def _entities(work: Work) -> Any:
    return tuple(merge_entities(work.articles, [a.entities for a in work.analyses]))


STAGES: tuple[Stage, ...] = (
    Stage("quotes", (), "quotes", None, _quotes),
    Stage("reuse", (), "reuse", "reuse", _reuse),
    Stage("index", (), "index", None, _index),
    Stage("claims", ("index",), "claims", "facts", _claims),
    Stage("facts", ("claims", "reuse"), "facts", "facts", _facts),
    Stage("conflicts", ("index",), "conflicts", "conflicts", _conflicts),
    Stage("quote_groups", ("quotes", "reuse"), "quote_groups", "quotes", _quote_groups),
    Stage("transcripts", ("quotes", "quote_groups"), "transcripts", None, _transcripts),
    Stage("reported_speech", (), "reported_speech", "quotes", _reported_speech),
    Stage("summary", ("facts", "index", "quotes"), "summary", "summary", _summary),
    Stage("entities", (), "entities", None, _entities),
)


def plan(parts: Iterable[str]) -> list[Stage]:
    """Return the stages that produce ``parts`` (brief parts), with what they read, in order.

    Raises ValueError for a part no stage writes.
    """
    writer = {stage.writes: stage for stage in STAGES}
    needed: set[str] = set()
    todo = list(parts)
    while todo:
        product = todo.pop()
        if product in needed:
            continue
        if product not in writer:
            raise ValueError(f"no stage writes {product!r} (parts: {', '.join(BRIEF_PARTS)})")
        needed.add(product)
        todo.extend(writer[product].reads)
    return [stage for stage in STAGES if stage.writes in needed]


def run_stages(work: Work, parts: Iterable[str],
               deadline: Deadline | None = None) -> dict[str, Any]:
    """Run the stages that ``parts`` need on ``work``; return every product made.

    With a ``deadline``, the clock is checked before each stage and the stage running is
    recorded for its error (BriefTimeout).
    """
    for stage in plan(parts):
        if deadline is not None:
            deadline.enter(f"the {stage.name} stage")
        work.products[stage.writes] = stage.run(work)
    return work.products
