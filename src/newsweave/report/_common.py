"""Helpers shared by the Markdown, HTML and terminal renderers (all pure functions of a brief)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsweave.model import (
    Article,
    Brief,
    Conflict,
    ConflictSide,
    Fact,
    Quote,
    ReportedSpeech,
    ReusePair,
    Span,
    SummarySentence,
)

SINGLE_FACTS_LIMIT = 10
PASSAGE_PREVIEW = 200


def one_line(text: str) -> str:
    """Return ``text`` with every run of whitespace (newlines included) collapsed to one space."""
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """Return ``text`` on one line, cut to at most ``limit`` characters (ending in "…" if cut)."""
    flat = one_line(text)
    if len(flat) <= limit:
        return flat
    return flat[: max(limit - 1, 0)].rstrip() + "…"


def percent(share: float) -> str:
    """Return a fraction in [0, 1] as a whole percentage, e.g. ``0.456`` -> ``"46%"``."""
    return f"{round(share * 100)}%"


def plural(count: int, word: str) -> str:
    """Return ``"1 article"`` / ``"2 articles"`` style text for ``count`` and ``word``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def brief_title(brief: Brief) -> str:
    """Return the most common article title (first seen wins ties), or ``"Brief"`` if none."""
    titles = Counter(one_line(a.title) for a in brief.articles if a.title and a.title.strip())
    if not titles:
        return "Brief"
    return titles.most_common(1)[0][0]


def outlet(article: Article) -> str | None:
    """Return the outlet of an article where its input names one: its ``source`` (an HTML
    page's site name, a JSON Lines ``source``, a ``Source:`` line), else the domain of its
    URL (without ``www.``), else None."""
    if article.source and article.source.strip():
        return one_line(article.source)
    if article.url:
        host = urlsplit(article.url if "//" in article.url else f"//{article.url}").hostname
        if host:
            return host.removeprefix("www.")
    return None


def sources(brief: Brief) -> list[str]:
    """Return the distinct article outlets (see :func:`outlet`), in order of first appearance."""
    return list(dict.fromkeys(o for o in map(outlet, brief.articles) if o))


def overview(brief: Brief) -> str:
    """Return a one-line overview of the brief: how many articles, and from which sources."""
    count = plural(len(brief.articles), "article")
    names = sources(brief)
    if not names:
        return f"{count}; no outlet named in the inputs."
    unnamed = sum(1 for a in brief.articles if outlet(a) is None)
    rest = f" ({unnamed} without a named outlet)" if unnamed else ""
    return f"{count} from {plural(len(names), 'source')}: {', '.join(names)}{rest}."


LABEL_CHARS = 22


def _letters(index: int) -> str:
    """``0`` → ``A``, ``25`` → ``Z``, ``26`` → ``AA``: spreadsheet column letters."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def article_labels(brief: Brief) -> dict[str, str]:
    """Return a short readable label per article id: its outlet (shortened; a second article
    of one outlet gets " 2"), else a letter (A, B, …) in article order.  Ids are kept for links;
    labels are for reading."""
    labels: dict[str, str] = {}
    seen: Counter[str] = Counter()
    letter = 0
    for article in brief.articles:
        name = outlet(article)
        if name is None:
            labels[article.id] = _letters(letter)
            letter += 1
            continue
        name = shorten(name, LABEL_CHARS)
        seen[name] += 1
        labels[article.id] = name if seen[name] == 1 else f"{name} {seen[name]}"
    return labels


def article_order(brief: Brief, ids: Iterable[str]) -> list[str]:
    """Return the distinct ``ids`` in the order of ``brief.articles`` (unknown ids last)."""
    wanted = list(dict.fromkeys(ids))
    known = [a.id for a in brief.articles if a.id in wanted]
    return known + [i for i in wanted if i not in known]


def grouped_quote_ids(brief: Brief) -> set[str]:
    """Return the ids of the quotes that are a witness of some quote group."""
    return {w.quote_id for g in brief.quote_groups for w in g.witnesses}


def ungrouped_quotes(brief: Brief) -> list[tuple[str, list[Quote]]]:
    """Return the quotes in no quote group, as ``(article_id, quotes)`` in article order."""
    grouped = grouped_quote_ids(brief)
    by_article: dict[str, list[Quote]] = {}
    for quote in brief.quotes:
        if quote.id not in grouped:
            by_article.setdefault(quote.article_id, []).append(quote)
    return [(aid, by_article[aid]) for aid in article_order(brief, by_article)]


def shared_facts(brief: Brief) -> list[Fact]:
    """Return the facts reported by more than one article, in brief order."""
    return [f for f in brief.facts if f.support > 1]


@dataclass(frozen=True)
class SingleFacts:
    """The single-article facts of one article: those shown and how many were left out."""

    article_id: str
    facts: list[Fact]
    more: int


def single_facts(brief: Brief, limit: int = SINGLE_FACTS_LIMIT) -> list[SingleFacts]:
    """Return the facts only one article reports, per article, at most ``limit`` per article."""
    by_article: dict[str, list[Fact]] = {}
    for fact in brief.facts:
        if fact.support <= 1:
            aid = fact.articles[0] if fact.articles else fact.representative.article_id
            by_article.setdefault(aid, []).append(fact)
    result = []
    for aid in article_order(brief, by_article):
        facts = by_article[aid]
        result.append(SingleFacts(aid, facts[:limit], max(len(facts) - limit, 0)))
    return result


def citation_sources(brief: Brief, sentence: SummarySentence) -> list[tuple[str, str]]:
    """Return ``(article_id, sentence text)`` for each citation of a summary sentence.

    The text is the cited article's own sentence: the summary span where it is from that article,
    else that article's evidence sentence of the sentence's fact, else ``""`` when not known.
    """
    evidence: dict[str, str] = {}
    if sentence.fact_id is not None:
        for fact in brief.facts:
            if fact.id == sentence.fact_id:
                for span in fact.evidence:
                    evidence.setdefault(span.article_id, span.text)
                break
    evidence[sentence.span.article_id] = sentence.span.text
    return [(aid, one_line(evidence.get(aid, ""))) for aid in sentence.citations]


def citation_spans(brief: Brief, sentence: SummarySentence) -> list[tuple[str, Span | None]]:
    """Return ``(article_id, span)`` for each citation of a summary sentence: the cited
    article's own sentence (as :func:`citation_sources` finds it), or None when not known."""
    evidence: dict[str, Span] = {}
    if sentence.fact_id is not None:
        for fact in brief.facts:
            if fact.id == sentence.fact_id:
                for span in fact.evidence:
                    evidence.setdefault(span.article_id, span)
                break
    evidence[sentence.span.article_id] = sentence.span
    return [(aid, evidence.get(aid)) for aid in sentence.citations]


def quote_as_printed(quote: Quote) -> str:
    """Return a quote's words as printed: its parts (split by an attribution, or quoted apart)
    joined with an ellipsis, never run together as if one sentence."""
    return " … ".join(one_line(p.text) for p in quote.parts if p.text.strip())


def direction(pair: ReusePair) -> str:
    """Return which article of a reuse pair is derived from which, or ``"direction unknown"``."""
    if pair.derived is None:
        return "direction unknown"
    original = pair.b if pair.derived == pair.a else pair.a
    return f"{pair.derived} derived from {original}"


def overlap_figures(pair: ReusePair) -> str:
    """Return a reuse pair's shingle overlap as text ("Jaccard 0.42, containment of A 0.80, ...").

    Returns ``""`` for a pair made without those figures.
    """
    if pair.jaccard is None:
        return ""
    text = f"Jaccard {pair.jaccard:.2f}"
    if pair.jaccard_estimate is not None:
        text += f" (MinHash estimate {pair.jaccard_estimate:.2f})"
    if pair.containment_of_a is not None and pair.containment_of_b is not None:
        text += (f", containment of {pair.a} {pair.containment_of_a:.2f}, "
                 f"of {pair.b} {pair.containment_of_b:.2f}")
    return text


def reuse_original(pair: ReusePair) -> str | None:
    """Return the original article of a reuse pair, or ``None`` when the direction is unknown."""
    if pair.derived is None:
        return None
    return pair.b if pair.derived == pair.a else pair.a


def reading_text(text: str) -> str:
    """Return a collation reading for display: ``"(omitted)"`` for an empty reading."""
    flat = one_line(text)
    return flat if flat else "(omitted)"


def speaker_name(speaker: str | None) -> str:
    """Return a speaker's name for display, ``"unknown speaker"`` for ``None``."""
    return speaker if speaker else "unknown speaker"


def reported_by_speaker(brief: Brief) -> list[tuple[str, list[ReportedSpeech]]]:
    """Return the brief's reported speech grouped per speaker, as ``(speaker name, items)``:
    speakers in order of their first item, unknown speakers last, items in brief order."""
    grouped: dict[str | None, list[ReportedSpeech]] = {}
    for item in brief.reported_speech:
        grouped.setdefault(item.speaker, []).append(item)
    order = [s for s in grouped if s is not None] + ([None] if None in grouped else [])
    return [(speaker_name(s), grouped[s]) for s in order]


def reported_line(item: ReportedSpeech) -> str:
    """One reported speech as a line: its content, then how the article reports it ("— the
    mayor said; mixed")."""
    how = " ".join(s.text for s in (item.source, item.cue) if s is not None)
    kind = "; with a quoted fragment" if item.kind == "mixed" else ""
    return f"{one_line(item.text)} — {one_line(how)}{kind}"


def split_conflicts(brief: Brief) -> tuple[list[Conflict], list[Conflict]]:
    """Return the brief's conflicts in two lists: the confident ones (shown first) and the
    possible ones (below the confidence threshold, shown apart and collapsed)."""
    confident = [c for c in brief.conflicts if not c.possible]
    possible = [c for c in brief.conflicts if c.possible]
    return confident, possible


def conflict_heading(conflict: Conflict) -> str:
    """Return the words after a conflict's label: its topic, kind and confidence."""
    return f"{conflict.topic} ({conflict.kind}, confidence {conflict.confidence:.2f})"


def side_value(side: ConflictSide) -> str:
    """Return a conflict side's value, with its date when it has one ("14 (1998-12-02)")."""
    return f"{side.value} ({side.date.isoformat()})" if side.date else side.value


@dataclass(frozen=True)
class ReadingView:
    """One reading at a point of variance, with its article ids."""

    text: str
    articles: list[str]


@dataclass(frozen=True)
class SegmentView:
    """A collation segment: agreed text, or a numbered point of variance with its readings."""

    agreed: bool
    text: str
    number: int
    readings: list[ReadingView]


@dataclass(frozen=True)
class UtteranceView:
    """One stretch of a speaker's transcript: its collation (places numbered across the whole
    transcript) or its text, the articles that print it and why a lone quote stays alone."""

    segments: list[SegmentView]
    articles: list[str]
    note: str | None


@dataclass(frozen=True)
class TranscriptView:
    """A speaker's transcript as one text, with every place where the outlets differ."""

    speaker: str
    utterances: list[UtteranceView]
    variants: list[SegmentView]


def transcript_views(brief: Brief) -> list[TranscriptView]:
    """Each speaker's transcript as one text for a report: its stretches in order, each with
    its collation (variant places numbered across the whole transcript), its articles and, for
    a lone quote, why it stays alone.  Takes the brief; returns one view per transcript."""
    groups = {g.id: g for g in brief.quote_groups}
    views = []
    for transcript in brief.transcripts:
        number = 0
        utterances: list[UtteranceView] = []
        variants: list[SegmentView] = []
        for segment in transcript.segments:
            group = groups.get(segment.group_id or "")
            pieces: list[SegmentView] = []
            if group is None:
                pieces.append(SegmentView(True, one_line(segment.text), 0, []))
            else:
                for part in group.segments:
                    readings = [ReadingView(reading_text(r.text), list(r.articles))
                                for r in part.readings]
                    if part.agreed:
                        text = one_line(part.readings[0].text) if part.readings else ""
                        pieces.append(SegmentView(True, text, 0, readings))
                    else:
                        number += 1
                        place = SegmentView(False, " / ".join(r.text for r in readings), number,
                                            readings)
                        pieces.append(place)
                        variants.append(place)
            utterances.append(UtteranceView(pieces, list(segment.articles), segment.note))
        views.append(TranscriptView(speaker_name(transcript.speaker), utterances, variants))
    return views
