"""Tests of fact alignment and conflict detection on small invented articles."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from _builders import make_article
from newsweave.align import align_facts, build_sentence_index, find_conflicts
from newsweave.model import Article, Brief, Fact
from newsweave.text import segment_article, split_clauses

_article = make_article


LIBRARY = [
    _article(
        "a",
        "The Halden town council voted on Tuesday to close the old central library in September. "
        "Librarians said the building had suffered water damage for years. "
        "The council voted to close the library. The library will close in September.",
    ),
    _article(
        "b",
        "On Tuesday the Halden council voted to close the central library in September. "
        "A petition against the closure gathered four thousand signatures.",
    ),
    _article(
        "c",
        "Halden's old central library will close in September after a council vote on Tuesday. "
        "Staff described the building as damp and crumbling. "
        "Librarians said water had damaged the building for years.",
    ),
]


def _facts(articles: list[Article]) -> tuple[list[Fact], list[tuple[str, int, int]]]:
    sentences = [s for a in articles for s in segment_article(a)]
    facts = align_facts(build_sentence_index(sentences))
    keys = [(s.span.article_id, s.span.start, s.span.end) for s in sentences]
    return facts, keys


def _fact_with(facts: list[Fact], needle: str) -> Fact:
    found = [f for f in facts if any(needle in e.text for e in f.evidence)]
    assert len(found) == 1, needle
    return found[0]


def _check_partition(facts: list[Fact], keys: list[tuple[str, int, int]]) -> None:
    seen = Counter((e.article_id, e.start, e.end) for f in facts for e in f.evidence)
    assert set(seen) == set(keys)
    assert all(n == 1 for n in seen.values())
    for fact in facts:
        ids = [e.article_id for e in fact.evidence]
        assert len(ids) == len(set(ids)), fact
        assert tuple(ids) == fact.articles
        assert set(fact.independent_articles) <= set(fact.articles)
        assert fact.representative in fact.evidence


def test_reworded_sentences_form_one_fact() -> None:
    facts, keys = _facts(LIBRARY)
    _check_partition(facts, keys)
    vote = _fact_with(facts, "On Tuesday the Halden council voted")
    assert set(vote.articles) == {"a", "b", "c"}
    damage = _fact_with(facts, "Librarians said water had damaged")
    assert set(damage.articles) == {"a", "c"}
    assert _fact_with(facts, "petition").articles == ("b",)
    assert _fact_with(facts, "damp and crumbling").articles == ("c",)


def test_same_article_sentences_never_share_a_fact() -> None:
    facts, _ = _facts(LIBRARY)
    # Article a says the library will close three times; each lies in a different fact.
    fact_of = {(e.article_id, e.text): f.id for f in facts for e in f.evidence}
    a_close = [key for key in fact_of if key[0] == "a" and "close" in key[1]]
    assert len(a_close) == 3
    assert len({fact_of[key] for key in a_close}) == 3


def test_facts_ordered_by_support_with_unique_ids() -> None:
    facts, _ = _facts(LIBRARY)
    supports = [f.support for f in facts]
    assert supports == sorted(supports, reverse=True)
    assert len({f.id for f in facts}) == len(facts)


def test_no_sentences_no_facts() -> None:
    assert align_facts(build_sentence_index([])) == []


@pytest.mark.parametrize("fixture", ["example_brief", "emmys_brief"])
def test_brief_facts_partition_sentences(fixture: str, request: pytest.FixtureRequest) -> None:
    brief: Brief = request.getfixturevalue(fixture)
    keys = [(s.span.article_id, s.span.start, s.span.end)
            for a in brief.articles for s in segment_article(a)]
    _check_partition(list(brief.facts), keys)


def test_clause_facts_partition_clauses(emmys_dir: Path) -> None:
    from newsweave.ingest import load_articles
    from newsweave.pipeline import brief_from_ingest
    from newsweave.settings import Settings

    settings = Settings.from_overrides({"facts.clauses": True})
    brief = brief_from_ingest(load_articles([str(emmys_dir)]), settings)
    quoted = {a.id: [(p.start, p.end) for q in brief.quotes if q.article_id == a.id
                     for p in q.parts] for a in brief.articles}
    keys = [(c.span.article_id, c.span.start, c.span.end)
            for a in brief.articles for s in segment_article(a)
            for c in split_clauses(s, quoted[a.id])]
    assert len(keys) > sum(len(segment_article(a)) for a in brief.articles)  # some split
    _check_partition(list(brief.facts), keys)


# --- conflicts ---------------------------------------------------------------------------------

D1 = dt.date(2025, 1, 5)
D2 = dt.date(2025, 1, 6)
S12 = "Officials said 12 people were injured in the blast."
S19 = "Officials said 19 people were injured in the blast."


def _conflicts(s1: str, s2: str, d1: dt.date | None, d2: dt.date | None) -> list:  # type: ignore[type-arg]
    a = _article("a", f"A gas explosion destroyed a bakery in Halden on Sunday morning. {s1} "
                 "The cause is not yet known.", d1)
    b = _article("b", "Firefighters worked through the night at the scene in Halden. "
                 f"{s2} Police closed the street.", d2)
    sentences = [s for art in (a, b) for s in segment_article(art)]
    return find_conflicts(build_sentence_index(sentences), [a, b])


def _sides(conflict) -> dict[str, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {side.value: side.articles for side in conflict.sides}


def test_contradiction_same_date() -> None:
    conflicts = _conflicts(S12, S19, D1, D1)
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert conflict.label == "contradiction"
    assert conflict.kind == "number"
    assert _sides(conflict) == {"12": ("a",), "19": ("b",)}
    for side in conflict.sides:
        assert len(side.evidence) == 1
        assert side.evidence[0].text == (S12 if side.value == "12" else S19)
        assert side.evidence[0].article_id == side.articles[0]


def test_contradiction_without_dates() -> None:
    (conflict,) = _conflicts(S12, S19, None, None)
    assert conflict.label == "contradiction"


def test_hedged_figure_is_compatible() -> None:
    hedged = "Officials said at least 12 people were injured in the blast."
    conflicts = _conflicts(hedged, S19, D1, D1)
    assert len(conflicts) == 1
    assert conflicts[0].label == "compatible"
    assert set(conflicts[0].sides[0].articles + conflicts[0].sides[1].articles) == {"a", "b"}


@pytest.mark.parametrize(("d1", "d2"), [(D1, D2), (D2, D1)])
def test_one_day_apart_is_update(d1: dt.date, d2: dt.date) -> None:
    conflicts = _conflicts(S12, S19, d1, d2)
    assert len(conflicts) == 1
    assert conflicts[0].label == "update"
    assert _sides(conflicts[0]) == {"12": ("a",), "19": ("b",)}


def test_same_figure_is_no_conflict() -> None:
    assert _conflicts(S12, S12.replace("Officials", "Police"), D1, D1) == []


def test_figures_within_one_article_are_no_conflict() -> None:
    a = _article("a", f"{S12} {S19}", D1)
    b = _article("b", "Firefighters worked through the night at the scene in Halden.", D1)
    sentences = [s for art in (a, b) for s in segment_article(art)]
    assert find_conflicts(build_sentence_index(sentences), [a, b]) == []


def test_agreeing_sentences_with_two_counts_are_no_conflict() -> None:
    # Both articles give the same two figures (12 injured, 3 killed): they agree on each.
    same = "Officials said 12 people were injured and 3 people were killed in the blast."
    assert _conflicts(same, same, D1, D1) == []
