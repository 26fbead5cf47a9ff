"""Tests of the extractive summary: budget, citations, no repetition."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _builders import make_article
from newsweave.align import align_facts, build_sentence_index
from newsweave.model import Article, Brief, Fact, Sentence, SummarySentence
from newsweave.pipeline import build_brief
from newsweave.quotes import extract_quotes
from newsweave.settings import Settings, SummarySettings
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
    summary = summarize(facts, index, CLUSTER, SummarySettings(words=budget))
    assert summary
    _check_summary(summary, facts, budget, CLUSTER)


def test_most_supported_fact_leads_a_tight_summary() -> None:
    index, facts = _inputs(CLUSTER)
    summary = summarize(facts, index, CLUSTER, SummarySettings(words=20))
    assert len(summary) == 1
    assert set(summary[0].citations) == {"a", "b", "c"}
    assert "library" in summary[0].span.text


def test_larger_budget_gives_more_words() -> None:
    index, facts = _inputs(CLUSTER)
    small = summarize(facts, index, CLUSTER, SummarySettings(words=20))
    large = summarize(facts, index, CLUSTER, SummarySettings(words=200))
    assert sum(len(s.span.text.split()) for s in large) > sum(
        len(s.span.text.split()) for s in small)


def test_empty_input_gives_empty_summary() -> None:
    index, facts = _inputs([])
    assert summarize(facts, index, [], SummarySettings(words=100)) == []


@pytest.mark.parametrize("fixture", ["example_brief", "emmys_brief"])
@pytest.mark.parametrize("budget", [15, 100, 250])
def test_brief_summaries(fixture: str, budget: int, request: pytest.FixtureRequest) -> None:
    brief: Brief = request.getfixturevalue(fixture)
    sentences = [s for a in brief.articles for s in segment_article(a)]
    index = build_sentence_index(sentences)
    summary = summarize(brief.facts, index, brief.articles, SummarySettings(words=budget))
    assert summary
    _check_summary(summary, brief.facts, budget, brief.articles)


@pytest.mark.parametrize("fixture", ["example_brief", "emmys_brief"])
def test_brief_summary_as_built(fixture: str, request: pytest.FixtureRequest) -> None:
    brief: Brief = request.getfixturevalue(fixture)
    budget = brief.settings.summary.words
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
    brief = build_brief(articles, Settings.from_overrides({"summary.words": budget}))
    _check_summary(brief.summary, brief.facts, budget, brief.articles)
    assert brief.to_json()


# --- properties of the concept-coverage summarizer (issue 6) ------------------------------------


@pytest.mark.parametrize("budget", [20, 60, 1000])
def test_citations_are_every_article_of_the_fact(budget: int) -> None:
    index, facts = _inputs(CLUSTER)
    by_id = {f.id: f for f in facts}
    summary = summarize(facts, index, CLUSTER, SummarySettings(words=budget))
    assert summary
    for sentence in summary:
        assert sentence.citations == by_id[str(sentence.fact_id)].articles


def test_summary_is_deterministic() -> None:
    first = build_brief(CLUSTER, Settings.from_overrides({"summary.words": 40}))
    second = build_brief(CLUSTER, Settings.from_overrides({"summary.words": 40}))
    assert first.summary == second.summary
    index, facts = _inputs(CLUSTER)
    budget = SummarySettings(words=40)
    assert summarize(facts, index, CLUSTER, budget) == summarize(facts, index, CLUSTER, budget)


def test_copies_add_no_support() -> None:
    # "b" and "c" report the bridge on their own; "a" reports the visitors, and "d" reprints
    # "a" word for word (a wire copy, not a witness): counted, it would outweigh the bridge.
    own = [
        _article("a", "The river festival drew forty thousand visitors to Halden over the "
                      "long weekend. Hotels in the old town were full, and the cafes on the "
                      "market square ran out of bread by Sunday afternoon.", dt.date(2025, 6, 2)),
        _article("b", "The new footbridge over the river Calder opened to walkers and cyclists "
                      "on Saturday. It cost four million.", dt.date(2025, 6, 2)),
        _article("c", "Walkers and cyclists crossed the new footbridge over the river Calder "
                      "when it opened on Saturday. Crowds cheered.", dt.date(2025, 6, 2)),
    ]
    copies = [_article("d", own[0].text, dt.date(2025, 6, 3))]
    alone = build_brief(own, Settings.from_overrides({"summary.words": 20}))
    with_copies = build_brief([*own, *copies], Settings.from_overrides({"summary.words": 20}))
    assert [(p.a, p.b, p.derived) for p in with_copies.reuse] == [("a", "d", "d")]
    assert len(alone.summary) == len(with_copies.summary) == 1
    assert "footbridge" in alone.summary[0].span.text
    assert with_copies.summary[0].span.text == alone.summary[0].span.text


QUOTED = [
    _article(
        "q1",
        "The mayor of Halden opened the new ferry terminal on the river on Monday morning. "
        'Mayor Ana Berg said: "The new ferry terminal will carry two thousand passengers a day. '
        'The new ferry terminal will change how the whole region travels to work."',
        dt.date(2025, 5, 5),
    ),
    _article(
        "q2",
        "Halden's new ferry terminal on the river was opened by the mayor on Monday. "
        'Ana Berg told reporters: "The new ferry terminal will carry two thousand passengers a '
        'day. The new ferry terminal will change how the whole region travels to work."',
        dt.date(2025, 5, 5),
    ),
]


def _split_sentences(article: Article) -> list[Sentence]:
    """Cut an article at every ". " (so a quotation spans two sentences, as pysbd may do)."""
    out, start = [], 0
    for cut in [k + 1 for k in range(len(article.text)) if article.text.startswith(". ", k)]:
        out.append(Sentence(span=article.span(start, cut), paragraph=0, index=len(out)))
        start = cut + 1
    out.append(Sentence(span=article.span(start, len(article.text)), paragraph=0,
                        index=len(out)))
    return out


def test_quote_pieces_without_attribution_are_left_out() -> None:
    quotes = []
    for article in QUOTED:
        found, _ = extract_quotes(article)
        quotes.extend(found)
    assert len(quotes) == 2 and all(q.speaker == "Ana Berg" for q in quotes)
    index = build_sentence_index([s for a in QUOTED for s in _split_sentences(a)])
    facts = align_facts(index)
    summary = summarize(facts, index, QUOTED, SummarySettings(words=1000), quotes=quotes)
    texts = [s.span.text for s in summary]
    assert texts
    # The second sentence of the quotation has no speaker in it: it cannot stand alone.
    assert not any(t.startswith("The new ferry terminal will change") for t in texts), texts
    for sentence in summary:
        quoted = "terminal will carry" in sentence.span.text
        assert sentence.speaker == ("Ana Berg" if quoted else None)


@pytest.mark.parametrize("budget", [30, 100])
def test_emmys_summary_sentences_are_distinct_and_cite_their_facts(
    budget: int, emmys_brief: Brief
) -> None:
    sentences = [s for a in emmys_brief.articles for s in segment_article(a)]
    index = build_sentence_index(sentences)
    summary = summarize(emmys_brief.facts, index, emmys_brief.articles,
                        SummarySettings(words=budget), quotes=emmys_brief.quotes)
    by_id = {f.id: f for f in emmys_brief.facts}
    assert sum(len(s.span.text.split()) for s in summary) <= budget or len(summary) == 1
    assert len({s.span.text for s in summary}) == len(summary)
    for sentence in summary:
        assert sentence.citations == by_id[str(sentence.fact_id)].articles
