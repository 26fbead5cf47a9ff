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


# --- same question: the false alarms of real clusters, on invented sentences ------------------

def _confident_contradictions(conflicts: list[Conflict]) -> list[Conflict]:
    return [c for c in conflicts if c.label == "contradiction" and not c.possible]


@pytest.mark.parametrize(("case", "a", "b"), [
    # 1. two different quantities under one loose slot
    ("a rise and a premium", "Shares of Velmora rose 12 percent on Monday after the offer.",
     "The offer values Velmora at a 20 percent premium to Friday's close."),
    ("one company's stock against another's", "Shares of Velmora rose 14 percent on the news.",
     "Shares of Trellick rose 9 percent on the news."),
    ("a career total against one season", "Dorsey has scored 412 career goals for the club.",
     "Dorsey has scored 31 goals this season for the club."),
    ("a salary per year against a whole contract",
     "The deal pays Okafor $12 million per year.",
     "Okafor signed a deal worth $60 million in total."),
    # 2. part against whole, another scope, another happening in the background
    ("part against whole", "The crash killed 140 people aboard and 6 on the ground.",
     "The crash killed 146 people."),
    ("one province against the region", "The floods killed 12 people in one province alone.",
     "The floods killed 40 people in the region."),
    ("an earlier quake's injured", "The quake injured 300 people in Marrow.",
     "In 2009, an earlier quake injured 1,200 people in Marrow."),
    # 3. different reference points
    ("from the port, from the warship", "The ship sank 90 miles west of the port of Halden.",
     "The ship sank 8 miles from the warship Corvin."),
    ("from a village, from the city", "The fire started 4 miles from the village of Ebbet.",
     "The fire started 30 miles from the city of Danmoor."),
    # 4. different things of one kind in one story
    ("two quakes", "The first quake measured 7.6 and struck near Manor.",
     "The second quake measured 7.1 and struck near Manor."),
    # 5. a number that is part of a name
    ("a rifle's name", "The gunman carried an AK-47 and a pistol into the bank.",
     "The gunman carried a rifle and 3 pistols into the bank."),
    ("a model's number", "The Falcon 900 jet landed safely at Tolver airport.",
     "The Falcon jet carrying 12 passengers landed safely at Tolver airport."),
    # 6. abbreviations and titles, a street and its town, wire editing lines
    ("Lt. and Lieutenant", "Lt. Marco Bell led the rescue team into the mine.",
     "Lieutenant Marco Bell led the rescue team into the mine."),
    ("a street and its town", "The blast happened on Harlow Street in the early morning.",
     "The blast happened in Kestrel in the early morning."),
    ("a wire editing line", "UPDATES with 4th graf prv, adds quote. The mayor resigned.",
     "The mayor resigned on Monday."),
    # 7. both values from one sentence of one article
    ("two figures of one sentence",
     "Exports reached more than $90 billion, off from the spring's peak of $150 billion.",
     "Exports fell sharply in the autumn, to $90 billion."),
])
def test_a_look_alike_is_no_confident_contradiction(case: str, a: str, b: str) -> None:
    assert _confident_contradictions(_pair(a, b)) == [], case


def test_a_toll_that_rises_over_days_is_an_update_in_date_order() -> None:
    conflicts = _pair("The fire killed 40 people, police said.",
                      "The fire killed 14 people, police said.",
                      dt.date(2020, 3, 3), dt.date(2020, 3, 1))
    (update,) = [c for c in conflicts if c.kind == "number"]
    assert update.label == "update"
    assert [s.value for s in update.sides] == ["14", "40"]
    assert [s.date for s in update.sides] == [dt.date(2020, 3, 1), dt.date(2020, 3, 3)]
    assert "14 (2020-03-01) → 40 (2020-03-03)" in update.explanation


@pytest.mark.parametrize(("case", "a", "b"), [
    ("a magnitude", "The quake had a magnitude of 6.3, the survey said.",
     "The quake had a magnitude of 6.0, the survey said."),
    ("boats in one raid", "Police seized four boats in the raid on Ostwick harbour.",
     "Police seized five boats in the raid on Ostwick harbour."),
    ("weeks in hospital", "Marlow spent two weeks in hospital after the crash.",
     "Marlow spent three weeks in hospital after the crash."),
    ("an age", "The driver, Tomas Ferrin, 61, was arrested at the scene.",
     "The driver, Tomas Ferrin, 62, was arrested at the scene."),
    ("a direction", "The plane crashed 20 km north of Velden.",
     "The plane crashed 20 km south of Velden."),
])
def test_a_real_disagreement_is_still_a_confident_contradiction(case: str, a: str,
                                                                b: str) -> None:
    (conflict,) = _confident_contradictions(_pair(a, b))
    assert conflict.confidence >= 0.6, case
    assert conflict.signals, case


def test_a_weak_look_alike_is_shown_as_possible_with_its_evidence() -> None:
    conflicts = _pair("The quake injured 300 people in Marrow.",
                      "In 2009, an earlier quake injured 1,200 people in Marrow.")
    assert all(c.possible for c in conflicts if c.label == "contradiction")
    for conflict in conflicts:
        assert any("earlier year" in s or "far apart" in s for s in conflict.signals)


def test_frame_reads_subject_scope_reference_and_era() -> None:
    (value,) = _values("In 2004, the tsunami off Aceh killed 230,000 people.", "number")
    assert "aceh" in value.frame.subject and value.frame.era == "2004"
    assert "kill" in value.frame.predicate
    (distance,) = _values("The ship sank 90 miles west of the port of Halden.", "number")
    assert distance.frame.reference == "halden"
    (career,) = _values("Dorsey has scored 412 career goals for the club.", "number")
    assert career.frame.scope == {"career"}


def test_a_rank_on_the_same_named_work_is_a_confident_role_contradiction() -> None:
    conflicts = _pair("In 2015 Ilsa Moreno served as an executive producer of The Harbor Lights.",
                      "In 2015 Ilsa Moreno served as a co-executive producer of The Harbor Lights.")
    (role,) = [c for c in conflicts if c.kind == "role"]
    assert role.label == "contradiction" and not role.possible
    assert any("same named work" in s for s in role.signals)


def test_weekdays_of_articles_written_on_different_days_are_not_a_date_conflict() -> None:
    conflicts = _pair("The strike at the Velden docks entered its ninth day on Monday.",
                      "The strike at the Velden docks entered its 12th day on Thursday.",
                      dt.date(2016, 2, 29), dt.date(2016, 3, 3))
    assert [c for c in conflicts if c.kind == "date"] == []


def test_a_revised_estimate_days_later_is_an_update() -> None:
    conflicts = _pair("The agency estimated the damage from the storm at $30 million.",
                      "The agency estimated the damage from the storm at $45 million.",
                      dt.date(2018, 2, 1), dt.date(2018, 2, 9))
    (update,) = [c for c in conflicts if c.kind == "number"]
    assert update.label == "update" and [s.value for s in update.sides] == ["$30 million",
                                                                            "$45 million"]


@pytest.mark.parametrize(("case", "a", "b", "kind"), [
    ("a verb and its negation", "The harbour levy passed the council on Thursday.",
     "The harbour levy did not pass the council on Thursday.", "negation"),
    ("a rank written as a prefix", "Mira Olsen was an executive producer of the 2015 film.",
     "Mira Olsen was a co-executive producer of the 2015 film.", "role"),
    ("one person, two titles", "Police Chief Arne Dahl confirmed the arrests on Tuesday.",
     "Sheriff Arne Dahl confirmed the arrests on Tuesday.", "role"),
])
def test_a_minimal_pair_that_disagrees(case: str, a: str, b: str, kind: str) -> None:
    assert (kind, "contradiction") in _labels(_pair(a, b)), case


def test_the_start_and_the_end_of_one_thing_are_no_date_conflict() -> None:
    conflicts = _pair("The trial of the former mayor began on Monday in the district court.",
                      "The trial of the former mayor ended on Thursday in the district court.")
    assert [c for c in conflicts if c.kind == "date"] == []


def test_a_figure_the_other_sentence_also_states_of_another_noun_is_no_conflict() -> None:
    conflicts = _pair("Rescuers freed 40 children from the collapsed school.",
                      "Rescuers freed 65 people from the collapsed school, among them 40 children.")
    assert _confident_contradictions(conflicts) == []
