"""Render a :class:`~newsweave.model.Brief` as one self-contained HTML page (jinja2 template).

The page has inline CSS only: no external resource, no script.  All brief text goes through
jinja2's autoescaping; nothing from the brief is marked safe.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from newsweave.model import Article, Brief, Quote, QuoteGroup, Removed, ReusePair
from newsweave.report._common import (
    PASSAGE_PREVIEW,
    ReadingView,
    SegmentView,
    SingleFacts,
    article_labels,
    brief_title,
    citation_spans,
    direction,
    one_line,
    outlet,
    overlap_figures,
    overview,
    percent,
    quote_as_printed,
    reading_text,
    reported_by_speaker,
    reported_line,
    reuse_original,
    shared_facts,
    shorten,
    single_facts,
    speaker_name,
    split_conflicts,
    transcript_views,
    ungrouped_quotes,
)

TEMPLATE = "brief.html.j2"

# Geometry of the reuse graph (SVG user units).
GRAPH_WIDTH = 640
GRAPH_HEIGHT = 400
GRAPH_RADIUS = 130
NODE_RADIUS = 16
LABEL_GAP = 14
LABEL_CHARS = 24
# Fact text in the coverage grid longer than this is cut, the whole shown on demand.
FACT_LABEL_CHARS = 90


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Return the (cached) jinja2 environment that loads the report templates."""
    return Environment(
        loader=PackageLoader("newsweave", "report/templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class Chip:
    """A citation chip: the article's id and label, the cited sentence, the tooltip, and the
    link to the sentence highlighted in the article's text (``""`` when it is not known)."""

    id: str
    label: str
    title: str
    text: str
    href: str


@dataclass(frozen=True)
class ArticleName:
    """How an article is named on the page: short label, tooltip, link to its text."""

    id: str
    label: str
    title: str
    href: str


@dataclass(frozen=True)
class TextPiece:
    """A stretch of an article's text: plain, or a cited sentence (``anchor`` its HTML id)."""

    text: str
    anchor: str = ""


@dataclass(frozen=True)
class ArticleText:
    """An article's text for the page: its name and its paragraphs, cited sentences marked."""

    name: ArticleName
    anchor: str
    title: str
    paragraphs: list[list[TextPiece]]


@dataclass(frozen=True)
class SummaryItem:
    """A summary sentence with its citation chips."""

    text: str
    chips: list[Chip]


@dataclass(frozen=True)
class GroupView:
    """A quote group ready for the template."""

    group: QuoteGroup
    speaker: str
    segments: list[SegmentView]
    variants: list[SegmentView]


@dataclass(frozen=True)
class LooseQuotes:
    """Quotes of one article that are in no group."""

    article_id: str
    quotes: list[tuple[str, str]]


@dataclass(frozen=True)
class CoverageRow:
    """A row of the coverage grid: a shared fact (cut to a short label, the whole text kept)
    and, per article column, how it reports it."""

    text: str
    cells: list[str]  # "independent", "copied" or "" (not reported)
    label: str = ""


@dataclass(frozen=True)
class ReuseRow:
    """A row of the reuse table."""

    pair: ReusePair
    share_a: str
    share_b: str
    direction: str
    passages: int
    first: str
    overlap: str = ""


@dataclass(frozen=True)
class Node:
    """A circle of the reuse graph, with its label position."""

    id: str
    label: str
    x: float
    y: float
    lx: float
    ly: float
    anchor: str


@dataclass(frozen=True)
class Edge:
    """A line of the reuse graph (an arrow from original to derived when ``directed``)."""

    x1: float
    y1: float
    x2: float
    y2: float
    directed: bool
    width: float
    title: str


@dataclass(frozen=True)
class Graph:
    """The reuse graph: nodes on a circle, edges between them."""

    width: int
    height: int
    node_radius: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


@dataclass(frozen=True)
class ArticleRow:
    """A row of the articles table."""

    id: str
    source: str
    title: str
    date: str
    words: int
    removed: int


def _names(brief: Brief) -> dict[str, ArticleName]:
    """Every article's label, tooltip (outlet, title, id) and the anchor of its text."""
    labels = article_labels(brief)
    names = {}
    for index, article in enumerate(brief.articles):
        details = [x for x in (outlet(article), one_line(article.title or ""), article.id) if x]
        names[article.id] = ArticleName(article.id, labels[article.id], " — ".join(details),
                                        f"#text-{index + 1}")
    return names


def _name(names: dict[str, ArticleName], aid: str) -> ArticleName:
    """The name of article ``aid`` (an id the brief does not hold is shown as it is)."""
    return names.get(aid) or ArticleName(aid, shorten(aid, LABEL_CHARS), aid, "")


def _cited_spans(brief: Brief) -> dict[tuple[str, int, int], str]:
    """The anchor (HTML id) of every cited sentence, numbered in summary order."""
    anchors: dict[tuple[str, int, int], str] = {}
    for sentence in brief.summary:
        for _aid, span in citation_spans(brief, sentence):
            if span is not None:
                key = (span.article_id, span.start, span.end)
                anchors.setdefault(key, f"cite-{len(anchors) + 1}")
    return anchors


def _summary(brief: Brief, names: dict[str, ArticleName],
             anchors: dict[tuple[str, int, int], str]) -> list[SummaryItem]:
    items = []
    for sentence in brief.summary:
        chips = []
        for aid, span in citation_spans(brief, sentence):
            name = _name(names, aid)
            text = one_line(span.text) if span is not None else ""
            anchor = anchors.get((aid, span.start, span.end), "") if span is not None else ""
            chips.append(Chip(aid, name.label, f"{name.title}: {text}" if text else name.title,
                              text, f"#{anchor}" if anchor else name.href))
        items.append(SummaryItem(one_line(sentence.span.text), chips))
    return items


def _article_text(article: Article, name: ArticleName,
                  anchors: dict[tuple[str, int, int], str]) -> ArticleText:
    """The article's paragraphs, each cited sentence in it a marked piece with its anchor
    (a sentence overlapping one marked before it stays plain)."""
    cited = sorted((start, end, anchor) for (aid, start, end), anchor in anchors.items()
                   if aid == article.id)
    paragraphs = []
    for paragraph in article.paragraphs:
        pieces: list[TextPiece] = []
        at = paragraph.start
        for start, end, anchor in cited:
            if start < at or end > paragraph.end or start >= end:
                continue
            if start > at:
                pieces.append(TextPiece(article.text[at:start]))
            pieces.append(TextPiece(article.text[start:end], anchor))
            at = end
        if at < paragraph.end:
            pieces.append(TextPiece(article.text[at:paragraph.end]))
        paragraphs.append(pieces)
    return ArticleText(name, name.href.lstrip("#"), one_line(article.title or ""), paragraphs)


def _groups(brief: Brief) -> list[GroupView]:
    views = []
    for group in brief.quote_groups:
        segments = []
        number = 0
        for segment in group.segments:
            readings = [
                ReadingView(reading_text(r.text), list(r.articles)) for r in segment.readings
            ]
            if segment.agreed:
                text = one_line(segment.readings[0].text) if segment.readings else ""
                segments.append(SegmentView(True, text, 0, readings))
            else:
                number += 1
                text = " / ".join(r.text for r in readings)
                segments.append(SegmentView(False, text, number, readings))
        variants = [s for s in segments if not s.agreed]
        views.append(GroupView(group, speaker_name(group.speaker), segments, variants))
    return views


def _loose(brief: Brief) -> list[LooseQuotes]:
    def row(quote: Quote) -> tuple[str, str]:
        return quote_as_printed(quote), speaker_name(quote.speaker)

    return [LooseQuotes(aid, [row(q) for q in quotes]) for aid, quotes in ungrouped_quotes(brief)]



def _coverage(brief: Brief, columns: list[str]) -> list[CoverageRow]:
    rows = []
    for fact in shared_facts(brief):
        cells = []
        for aid in columns:
            if aid in fact.independent_articles:
                cells.append("independent")
            elif aid in fact.articles:
                cells.append("copied")
            else:
                cells.append("")
        text = one_line(fact.representative.text)
        rows.append(CoverageRow(text, cells, shorten(text, FACT_LABEL_CHARS)))
    return rows


def _reuse_rows(brief: Brief) -> list[ReuseRow]:
    return [
        ReuseRow(
            pair,
            percent(pair.share_of_a),
            percent(pair.share_of_b),
            direction(pair),
            len(pair.passages),
            shorten(pair.passages[0].a.text, PASSAGE_PREVIEW) if pair.passages else "",
            overlap_figures(pair),
        )
        for pair in brief.reuse
    ]


def _graph(brief: Brief, names: dict[str, ArticleName]) -> Graph:
    """Lay the articles (and any article a reuse pair names) out on a circle, pairs as edges."""
    ids = list(
        dict.fromkeys([a.id for a in brief.articles] + [x for p in brief.reuse for x in (p.a, p.b)])
    )
    cx, cy = GRAPH_WIDTH / 2, GRAPH_HEIGHT / 2
    pos: dict[str, tuple[float, float]] = {}
    nodes = []
    for index, aid in enumerate(ids):
        if len(ids) == 1:
            x, y, angle = cx, cy, math.pi / 2
        else:
            angle = -math.pi / 2 + 2 * math.pi * index / len(ids)
            x, y = cx + GRAPH_RADIUS * math.cos(angle), cy + GRAPH_RADIUS * math.sin(angle)
        reach = (GRAPH_RADIUS if len(ids) > 1 else 0) + NODE_RADIUS + LABEL_GAP
        lx, ly = cx + reach * math.cos(angle), cy + reach * math.sin(angle) + 4
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        pos[aid] = (x, y)
        nodes.append(Node(aid, _name(names, aid).label, _r(x), _r(y), _r(lx), _r(ly), anchor))
    edges = []
    for pair in brief.reuse:
        original = reuse_original(pair)
        start, end = (original, pair.derived) if original and pair.derived else (pair.a, pair.b)
        (x1, y1), (x2, y2) = pos[start], pos[end]
        length = math.hypot(x2 - x1, y2 - y1)
        if length <= 2 * NODE_RADIUS:
            continue
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        gap = NODE_RADIUS + 2
        title = (f"{_name(names, pair.a).label} ↔ {_name(names, pair.b).label}: {pair.kind}, "
                 f"{direction(pair)}")
        edges.append(
            Edge(
                _r(x1 + ux * gap),
                _r(y1 + uy * gap),
                _r(x2 - ux * gap),
                _r(y2 - uy * gap),
                pair.derived is not None,
                _r(1.5 + 3 * max(pair.share_of_a, pair.share_of_b)),
                title,
            )
        )
    return Graph(GRAPH_WIDTH, GRAPH_HEIGHT, NODE_RADIUS, nodes, edges)


def _r(value: float) -> float:
    """Round an SVG coordinate to one decimal."""
    return round(value, 1)


def _articles(brief: Brief) -> list[ArticleRow]:
    return [
        ArticleRow(
            a.id,
            a.source or "",
            one_line(a.title or ""),
            a.date.isoformat() if a.date else "",
            a.words,
            len(a.removed),
        )
        for a in brief.articles
    ]


def _removed(brief: Brief) -> list[tuple[str, Removed]]:
    return [(a.id, item) for a in brief.articles for item in a.removed]


def render_html(brief: Brief) -> str:
    """Render ``brief`` as one self-contained HTML page and return its text.

    The page has the same sections as the Markdown report, plus citation chips, highlighted
    quote variants, a fact coverage grid and an inline SVG graph of reuse between articles.
    """
    columns = [a.id for a in brief.articles]
    singles: list[SingleFacts] = single_facts(brief)
    names = _names(brief)
    anchors = _cited_spans(brief)
    template = _environment().get_template(TEMPLATE)
    confident_conflicts, possible_conflicts = split_conflicts(brief)
    return template.render(
        brief=brief,
        confident_conflicts=confident_conflicts,
        possible_conflicts=possible_conflicts,
        title=brief_title(brief),
        overview=overview(brief),
        name=lambda aid: _name(names, aid),
        texts=[_article_text(a, names[a.id], anchors) for a in brief.articles],
        summary=_summary(brief, names, anchors),
        groups=_groups(brief),
        transcripts=transcript_views(brief),
        loose=_loose(brief),
        reported=reported_by_speaker(brief),
        reported_line=reported_line,
        shared_facts=shared_facts(brief),
        columns=columns,
        coverage=_coverage(brief, columns),
        singles=singles,
        reuse=_reuse_rows(brief),
        graph=_graph(brief, names) if brief.reuse else None,
        articles=_articles(brief),
        removed=_removed(brief),
        settings=sorted(brief.settings.flat().items()),
        one_line=one_line,
    )
