"""Values and conflicts: each kind of disagreement, its look-alikes, and the emmys case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _builders import make_article
from newsweave.align import build_sentence_index, find_conflicts
from newsweave.align.conflicts import compare_values
from newsweave.align.values import Value, extract_values
from newsweave.model import Conflict
from newsweave.text import segment_article

EMMYS = Path(__file__).resolve().parents[2] / "shared" / "data" / "emmys-2020"


def _values(text: str, kind: str, date: dt.date | None = None) -> list[Value]:
    return [v for v in extract_values(text, date) if v.kind == kind]


def _pair(a: str, b: str, date_a: dt.date | None = None,
          date_b: dt.date | None = None) -> list[Conflict]:
    first = make_article("a", f"Reporters covered the story in detail. {a}", date_a)
    second = make_article("b", f"The story was covered widely by the press. {b}", date_b)
    sentences = [s for article in (first, second) for s in segment_article(article)]
    return find_conflicts(build_sentence_index(sentences), [first, second])


def _labels(conflicts: list[Conflict]) -> set[tuple[str, str]]:
    return {(c.kind, c.label) for c in conflicts}


# --- value reading -----------------------------------------------------------------------------

def test_number_keeps_unit_hedge_and_counted_noun() -> None:
    (value,) = _values("Rescuers said at least 17 people were killed in the flood.", "number")
    assert value.amount == 17 and value.hedge == "at least"
    assert value.slot == ("number", "count", "dead")
    (length,) = _values("The ship sank 135 km off the coast.", "number")
    assert length.slot == ("number", "length", "length") and length.amount == 135_000


def test_scaled_money_and_its_rounding_step() -> None:
    (value,) = _values("The deal is worth $4 billion over five years.", "number")[:1]
    assert value.amount == 4e9 and value.precision == 1e9


def test_age_belongs_to_the_named_person_and_is_not_a_count() -> None:
    text = "Kasimir Lunde, 44, and Ola Berg, 31, were charged."
    ages = _values(text, "age")
    assert sorted((v.amount, tuple(sorted(v.mods))) for v in ages) == [
        (31.0, ("berg", "ola")), (44.0, ("kasimir", "lunde"))]
    assert _values(text, "number") == []


def test_weekday_is_resolved_against_the_article_date() -> None:
    sunday = dt.date(2024, 3, 10)
    (past,) = _values("The mayor resigned on Friday.", "day", sunday)
    assert past.label == "2024-03-08"
    (ahead,) = _values("The mayor will resign on Friday.", "day", sunday)
    assert ahead.label == "2024-03-15"


def test_clock_times_in_two_zones_compare_in_utc() -> None:
    (eastern,) = _values("The launch is set for 4:30 p.m. ET on Thursday.", "clock")
    (pacific,) = _values("The launch is set for 1:30 p.m. PT on Thursday.", "clock")
    assert compare_values(eastern, pacific).relation == "same"


def test_ordinal_with_qualifier() -> None:
    (first,) = _values("It was her first acting award.", "ordinal")
    assert first.amount == 1 and first.mods == {"acting"} and first.slot == ("ordinal", "award")


def test_role_with_rank() -> None:
    (role,) = _values("She was a co-executive producer of The Long Winter.", "role")
    assert role.mods == {"co", "executive"} and {"long", "winter"} <= role.context


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 2,.-$%:'’“”\"ThePMamKofinatlst")), max_size=80))
def test_values_never_raise_and_index_the_sentence(text: str) -> None:
    for value in extract_values(text, dt.date(2020, 1, 1)):
        assert 0 <= value.start <= value.end <= len(text)
        assert value.text.strip() in text


# --- comparing values --------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "relation"), [
    ("The storm killed 12 people on the island.", "The storm killed 19 people on the island.",
     "differ"),
    ("The storm killed at least 12 people on the island.",
     "The storm killed 19 people on the island.", "compatible"),
    ("The company paid $4 billion for the mine.", "The company paid $4.2 billion for the mine.",
     "compatible"),
    ("The company paid $23 million for the mine.", "The company paid $22 million for the mine.",
     "differ"),
    ("The road is 10 km long.", "The road is six miles long.", "compatible"),
    ("The road is 10 km long.", "The road is 16 miles long.", "differ"),
])
def test_compare_numbers(a: str, b: str, relation: str) -> None:
    (x,), (y,) = _values(a, "number"), _values(b, "number")
    assert compare_values(x, y).relation == relation


# --- conflicts between articles ----------------------------------------------------------------

def test_count_contradiction_and_hedge() -> None:
    contradiction = _pair("Officials said 12 people were injured in the blast.",
                          "Officials said 19 people were injured in the blast.")
    assert _labels(contradiction) == {("number", "contradiction")}
    hedged = _pair("Officials said at least 12 people were injured in the blast.",
                   "Officials said 19 people were injured in the blast.")
    assert _labels(hedged) == {("number", "compatible")}


def test_no_one_injured_against_a_count() -> None:
    conflicts = _pair("No one was injured in the explosion at the paint factory.",
                      "Two workers were injured in the explosion at the paint factory.")
    assert ("number", "contradiction") in _labels(conflicts)


def test_rank_of_a_title() -> None:
    conflicts = _pair("Tove Aas was an executive producer of The Long Winter in 2011.",
                      "Tove Aas was a co-executive producer on the film The Long Winter.")
    assert _labels(conflicts) == {("role", "contradiction")}
    (conflict,) = conflicts
    assert {s.value: s.articles for s in conflict.sides} == {
        "executive producer": ("a",), "co-executive producer": ("b",)}


def test_more_specific_title_is_compatible() -> None:
    conflicts = _pair("Judge Karin Moe of the county court issued the ruling on Monday.",
                      "Chief Judge Karin Moe of the county court issued the ruling on Monday.")
    assert all(c.label == "compatible" for c in conflicts)


def test_qualified_ordinal_is_compatible() -> None:
    conflicts = _pair("This is Lunde's first win as a director at the festival.",
                      "The festival win is Lunde's second, after an award in 2009.")
    assert _labels(conflicts) == {("ordinal", "compatible")}


def test_different_places_and_a_spelling_variant() -> None:
    assert _labels(_pair("The summit will be held in Lyon next month, officials said.",
                         "The summit will be held in Nantes next month, officials said.")) == {
        ("place", "contradiction")}
    assert _labels(_pair("The peace talks took place in Kyiv on Tuesday afternoon.",
                         "The peace talks took place in Kiev on Tuesday afternoon.")) == {
        ("place", "compatible")}


def test_a_claim_and_its_denial() -> None:
    same_day = dt.date(2022, 5, 2)
    assert _labels(_pair("The striker was included in the squad for the final match.",
                         "The striker was not included in the squad for the final match.",
                         same_day, same_day)) == {("negation", "contradiction")}


def test_plan_changed_later_is_an_update() -> None:
    conflicts = _pair("The final will be played in Madrid in May, the league said.",
                      "The final will now be played in Lisbon in May, the league said.",
                      dt.date(2022, 1, 10), dt.date(2022, 2, 28))
    assert _labels(conflicts) == {("place", "update")}


def test_unrelated_sentences_with_numbers_are_no_conflict() -> None:
    assert _pair("The museum has 40 paintings by the artist.",
                 "Tickets for the concert cost 25 euros at the door.") == []


# --- real data ---------------------------------------------------------------------------------

@pytest.mark.skipif(not EMMYS.is_dir(), reason="../shared/data/emmys-2020 is not present")
def test_emmys_producer_credit_conflict() -> None:
    from newsweave.ingest import load_articles
    from newsweave.pipeline import brief_from_ingest

    brief = brief_from_ingest(load_articles([str(EMMYS)]))
    roles = [c for c in brief.conflicts if c.kind == "role"]
    assert len(roles) == 1
    (conflict,) = roles
    assert conflict.label == "contradiction"
    sides = {s.value: set(s.articles) for s in conflict.sides}
    executive = {a.id for a in brief.articles if "an executive producer" in a.text}
    co_executive = {a.id for a in brief.articles if "co-executive producer" in a.text}
    assert executive and co_executive
    assert sides == {"executive producer": executive, "co-executive producer": co_executive}
    # "first acting Emmy" and "his second Emmy" both hold: a qualified ordinal, not a conflict
    ordinals = [c for c in brief.conflicts if c.kind == "ordinal"]
    assert ordinals and all(c.label == "compatible" for c in ordinals)
    first_second = [c for c in ordinals if any("first" in s.value for s in c.sides)
                    and any("second" in s.value for s in c.sides)]
    assert first_second and all("qualifies" in c.explanation for c in first_second)
