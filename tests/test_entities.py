"""Entities: people with their merged surface forms, works, organisations, places.

Every text here is invented for the test, but the golden test at the end, which reads
../shared/data/emmys-2020 at run time (skipped where ../shared is absent).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from _builders import make_article
from newsweave.entities import find_entities
from newsweave.ingest import load_articles
from newsweave.model import Article, Entity

BRIDGE = (
    "Mayor Helen Okafor opened the new bridge over the river on Monday.\n\n"
    "Okafor said the project had cost less than planned. The mayor thanked the engineers who "
    "had worked through the winter.\n\n"
    "Tom Becker, 41, led the work for the council. Ann Lee, 63, chaired the panel that chose "
    "the design. The 41-year-old said the bridge would last a century.\n\n"
    "“The mayor was right to push for it,” Becker said.\n\n"
    "Mr. Clarke, who runs the ferry across the river, said he would miss the passengers.\n"
)


def article(article_id: str, text: str) -> Article:
    return make_article(article_id, text)


def entities_of(*articles: Article, nlp: Any | None = None) -> list[Entity]:
    return find_entities(articles, nlp=nlp)


def entity(entities: list[Entity], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [(e.name, e.kind) for e in entities]
    return found[0]


def texts(e: Entity) -> list[str]:
    return [m.text for m in e.mentions]


def test_surname_title_and_role_description_merge_into_the_person() -> None:
    okafor = entity(entities_of(article("a", BRIDGE)), "Helen Okafor")
    assert okafor.kind == "person"
    assert {"Mayor Helen Okafor", "Okafor", "The mayor"} <= set(okafor.forms)
    # "The mayor" inside Becker's quote is his words, not the article's mention.
    quote_start = BRIDGE.index("“The mayor")
    assert all(not (quote_start <= m.start < quote_start + 40) for m in okafor.mentions)


def test_an_age_goes_to_the_person_of_that_age_not_the_last_named() -> None:
    entities = entities_of(article("a", BRIDGE))
    assert "The 41-year-old" in texts(entity(entities, "Tom Becker"))
    assert "The 41-year-old" not in texts(entity(entities, "Ann Lee"))


def test_titled_surname_without_full_name_is_its_own_person() -> None:
    clarke = entity(entities_of(article("a", BRIDGE)), "Mr. Clarke")
    assert clarke.kind == "person"
    assert texts(clarke) == ["Mr. Clarke"]


def test_gendered_role_skips_a_person_of_the_other_gender() -> None:
    text = ("Ann Lee starred in Low Tide, which was shot in the harbour. Tom Becker directed "
            "it over two summers.\n\nThe actress said the cold had been the hardest part.\n")
    entities = entities_of(article("a", text))
    assert "The actress" in texts(entity(entities, "Ann Lee"))
    assert "The actress" not in texts(entity(entities, "Tom Becker"))


def test_mentions_are_spans_grouped_per_article() -> None:
    first = article("a", BRIDGE)
    second = article("b", "Mr. Becker said on Tuesday that the bridge had opened on time.\n")
    becker = entity(entities_of(first, second), "Tom Becker")
    assert list(becker.mentions_by_article()) == ["a", "b"]
    assert [m.text for m in becker.mentions_by_article()["b"]] == ["Mr. Becker"]
    for m in becker.mentions:
        source = first if m.article_id == "a" else second
        assert source.text[m.start : m.end] == m.text


def test_a_surname_shared_by_two_people_of_the_brief_stays_unmerged() -> None:
    one = article("a", "Ann Lee chaired the panel on Monday. Lee said it went well.\n")
    two = article("b", "Peter Lee, her brother, runs the ferry. Lee said he was proud.\n")
    three = article("c", "Lee said on Friday that nobody had been told about the delay.\n")
    entities = entities_of(one, two, three)
    ann, peter = entity(entities, "Ann Lee"), entity(entities, "Peter Lee")
    assert "c" not in ann.articles and "c" not in peter.articles
    assert "Lee" in texts(ann) and "Lee" in texts(peter)


def test_places_after_locatives_and_city_state() -> None:
    text = ("Workers from Ashton, Md., arrived in Dunhaven on Monday, and a team from Lyon, "
            "France, joined them in May. American engineers said the dam in the United States "
            "had failed twice. The New York Times reported the story from New York.\n")
    entities = entities_of(article("a", text))
    places = {e.name for e in entities if e.kind == "place"}
    assert {"Ashton", "Md.", "Dunhaven", "Lyon", "France", "United States",
            "New York"} <= places
    assert not places & {"May", "American", "New York Times"}
    new_york = entity(entities, "New York")
    assert len(new_york.mentions) == 1  # not the one inside "The New York Times"


def test_works_in_quotes_and_after_work_nouns() -> None:
    text = ("Ann Lee starred in Low Tide before the film The Quiet Harbour made her name. Her "
            "novel “Salt and Stone” sold well, and Glass Houses, a 1990s drama from the same "
            "studio, is back on television.\n")
    works = {e.name for e in entities_of(article("a", text)) if e.kind == "work"}
    assert {"Low Tide", "The Quiet Harbour", "Salt and Stone", "Glass Houses"} <= works
    assert "Ann Lee" not in works


def test_organisations_are_not_people_or_places() -> None:
    text = ("The Ostmere Harbour Trust met in Dunhaven on Monday. Tom Becker said the "
            "Ostmere Harbour Trust would publish its accounts.\n")
    entities = entities_of(article("a", text))
    trust = entity(entities, "Ostmere Harbour Trust")
    assert trust.kind == "organisation"
    assert len(trust.mentions) == 2



def test_named_entities_join_the_rules_without_replacing_them(nlp: Any) -> None:
    text = BRIDGE + "\nGoogle and Microsoft have offered to pay for the lights on the bridge.\n"
    doc = article("a", text)
    rules = entities_of(doc)
    with_nlp = entities_of(doc, nlp=nlp)
    for rule_entity in rules:
        merged = entity(with_nlp, rule_entity.name)
        assert merged.kind == rule_entity.kind
        assert set(rule_entity.mentions) <= set(merged.mentions)
    assert sum(len(e.mentions) for e in with_nlp) > sum(len(e.mentions) for e in rules)
    ner_only = {e.name for e in with_nlp} - {e.name for e in rules}
    assert ner_only & {"Google", "Microsoft"}


def test_golden_emmys_one_person_across_surface_forms(emmys_dir: Path) -> None:
    articles = load_articles([str(emmys_dir)]).articles
    entities = entities_of(*articles)
    winner = entity(entities, "Mark Ruffalo")
    assert winner.kind == "person"
    assert set(winner.articles) == {a.id for a in articles}
    role = re.compile(r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}actor\b")
    for a in articles:
        spans = winner.mentions_by_article()[a.id]
        assert "Ruffalo" in {m.text for m in spans}, a.id
        content = " ".join(p.text for p in a.paragraphs)
        if role.search(content):
            assert any(role.fullmatch(m.text) for m in spans), (a.id, [m.text for m in spans])
    # No other person takes the winner's role description.
    for other in entities:
        if other is not winner:
            assert not any(role.fullmatch(m.text) for m in other.mentions), other.name


def test_a_shared_surname_is_a_mention_of_the_person_introduced_first() -> None:
    # the same rule as the quote stage's (people.speakers.lone_name_parts)
    text = ("Mayor Helen Okafor opened the bridge on Monday with her son, David Okafor, who "
            "designed its lights.\n\nOkafor thanked the engineers of the council.\n")
    entities = entities_of(article("a", text))
    later = text.index("Okafor thanked")
    assert any(m.start == later for m in entity(entities, "Helen Okafor").mentions)
    assert all(m.start != later for m in entity(entities, "David Okafor").mentions)


def test_lone_name_parts_reads_parts_after_the_first_mention_only() -> None:
    from newsweave.people import lone_name_parts
    from newsweave.text.spans import SpanSet, WordPositions

    text = ("Lee spoke first. Ann Lee and Tom Lee came later; Lee said the Lee Bridge was shut, "
            "and Ann said “Lee knows”.")
    first_seen = {"Ann Lee": text.index("Ann Lee"), "Tom Lee": text.index("Tom Lee")}
    # the caller blocks the quotes and the full mentions themselves
    quoted = SpanSet([(text.index("“"), len(text))]
                     + [(at, at + len(name)) for name, at in first_seen.items()])
    found = lone_name_parts(WordPositions(text), first_seen, -1, quoted)
    # not before anyone is introduced, not in "Lee Bridge" (a longer name), not in a quote;
    # the shared surname goes to the person introduced first
    assert [(text[s:e], s, name) for s, e, name in found] == [
        ("Lee", text.index("Lee said"), "Ann Lee")]
    firsts = lone_name_parts(WordPositions(text), first_seen, 0, quoted)
    assert [(text[s:e], name) for s, e, name in firsts] == [("Ann", "Ann Lee")]
