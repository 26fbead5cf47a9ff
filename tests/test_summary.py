"""Tests of the extractive summary: budget, citations, no repetition."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _builders import make_article
from newsweave.align import align_facts, build_sentence_index
from newsweave.model import Article, Brief, Fact, SummarySentence
from newsweave.pipeline import build_brief
from newsweave.settings import Settings
from newsweave.summarize import summarize
from newsweave.text import segment_article

_article = make_article


CLUSTER = [
    _article(
        "a",
        "The Halden town council voted on Tuesday to close the old central library in September. "
        "Librarians said the building had suffered water damage for many years.\n\n"
        "The council said repairing the roof would cost more than two million pounds. "
        "Readers will be able to borrow books from a mobile library van from October onwards.",
        dt.date(2025, 4, 1),
    ),
    _article(
        "b",
        "On Tuesday the Halden council voted to close the central library in September. "
        "A petition against the closure has gathered four thousand signatures in a week.\n\n"
        "Council officials said fixing the roof of the library would cost over two million "
        "pounds.",
        dt.date(2025, 4, 1),
    ),
    _article(
        "c",
        "Halden's old central library will close in September after a council vote on Tuesday. "
        "Staff described the library building as damp, cold and crumbling in places.\n\n"
        "Librarians said water had damaged the building for many years. A mobile library van "
        "will visit the villages around Halden from October, the council said.",
        dt.date(2025, 4, 2),
    ),
]


def _check_summary(summary: list[SummarySentence] | tuple[SummarySentence, ...],
                   facts: list[Fact] | tuple[Fact, ...], budget: int,
                   articles: list[Article] | tuple[Article, ...]) -> None:
    by_id = {f.id: f for f in facts}
    texts = {a.id: a.text for a in articles}
    words = [len(s.span.text.split()) for s in summary]
    assert sum(words) <= budget or len(summary) == 1
    keys = [(s.span.article_id, s.span.start) for s in summary]
    assert len(keys) == len(set(keys)), "a sentence is repeated"
    assert len({s.span.text for s in summary}) == len(summary), "a sentence is repeated"
    for sentence in summary:
        span = sentence.span
        assert span.text == texts[span.article_id][span.start : span.end]
        assert sentence.fact_id in by_id
        fact = by_id[sentence.fact_id]
        evidence_articles = {e.article_id for e in fact.evidence}
        assert span in fact.evidence
        assert sentence.citations
        assert set(sentence.citations) <= evidence_articles
        assert span.article_id in sentence.citations
        assert len(set(sentence.citations)) == len(sentence.citations)
    fact_ids = [s.fact_id for s in summary]
    assert len(fact_ids) == len(set(fact_ids))


def _inputs(articles: list[Article] | tuple[Article, ...]):  # type: ignore[no-untyped-def]
    sentences = [s for a in articles for s in segment_article(a)]
    index = build_sentence_index(sentences)
    return index, align_facts(index)


@pytest.mark.parametrize("budget", [10, 25, 40, 60, 1000])
def test_small_cluster_summary(budget: int) -> None:
    index, facts = _inputs(CLUSTER)
    summary = summarize(facts, index, CLUSTER, words=budget)
    assert summary
    _check_summary(summary, facts, budget, CLUSTER)


def test_most_supported_fact_leads_a_tight_summary() -> None:
    index, facts = _inputs(CLUSTER)
    summary = summarize(facts, index, CLUSTER, words=20)
    assert len(summary) == 1
    assert set(summary[0].citations) == {"a", "b", "c"}
    assert "library" in summary[0].span.text


def test_larger_budget_gives_more_words() -> None:
    index, facts = _inputs(CLUSTER)
    small = summarize(facts, index, CLUSTER, words=20)
    large = summarize(facts, index, CLUSTER, words=200)
    assert sum(len(s.span.text.split()) for s in large) > sum(
        len(s.span.text.split()) for s in small)


def test_empty_input_gives_empty_summary() -> None:
    index, facts = _inputs([])
    assert summarize(facts, index, [], words=100) == []


@pytest.mark.parametrize("fixture", ["example_brief", "emmys_brief"])
@pytest.mark.parametrize("budget", [15, 100, 250])
def test_brief_summaries(fixture: str, budget: int, request: pytest.FixtureRequest) -> None:
    brief: Brief = request.getfixturevalue(fixture)
    sentences = [s for a in brief.articles for s in segment_article(a)]
    index = build_sentence_index(sentences)
    summary = summarize(brief.facts, index, brief.articles, words=budget)
    assert summary
    _check_summary(summary, brief.facts, budget, brief.articles)


@pytest.mark.parametrize("fixture", ["example_brief", "emmys_brief"])
def test_brief_summary_as_built(fixture: str, request: pytest.FixtureRequest) -> None:
    brief: Brief = request.getfixturevalue(fixture)
    budget = int(brief.settings["summary_words"])
    assert brief.summary
    _check_summary(brief.summary, brief.facts, budget, brief.articles)


_WORDS = st.sampled_from(
    ["The", "council", "said", "12", "people", "were", "injured", ".", "\u201c", "\u201d", '"',
     "Smith", "Jane Doe", "she said", "at least", "19", "\n\n", "library", "closed", "honour",
     "honor", "?", "according to", ",", "Mr.", "1987", "two", "hundred", "in", "September"]
)
_CLUSTERS = st.lists(
    st.tuples(st.lists(_WORDS, max_size=80).map(" ".join),
              st.one_of(st.none(), st.dates(dt.date(2025, 1, 1), dt.date(2025, 1, 4)))),
    min_size=1, max_size=4,
)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(_CLUSTERS, st.integers(min_value=10, max_value=120))
def test_pipeline_never_raises_and_summary_is_sound(
    items: list[tuple[str, dt.date | None]], budget: int
) -> None:
    articles = [_article(f"a{k}", text, date) for k, (text, date) in enumerate(items)]
    brief = build_brief(articles, Settings(summary_words=budget))
    _check_summary(brief.summary, brief.facts, budget, brief.articles)
    assert brief.to_json()
