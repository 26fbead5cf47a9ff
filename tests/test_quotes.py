"""Tests of quote extraction, attribution, grouping and collation on small invented texts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.ingest.layout import Header, build_article
from newsweave.model import Article, Quote
from newsweave.quotes import collate, extract_quotes, find_regions, group_quotes
from newsweave.text import tokenize


def _article(text: str, article_id: str = "x") -> Article:
    return build_article(article_id=article_id, input_name=f"{article_id}.txt", fmt="text",
                         text=text, header=Header())


def _quotes(text: str) -> tuple[list[Quote], list[str]]:
    article = _article(text)
    quotes, notices = extract_quotes(article)
    for quote in quotes:
        for part in quote.parts:
            assert part.text == article.text[part.start : part.end]
    return quotes, [n.code for n in notices]


def _one(text: str) -> Quote:
    quotes, notices = _quotes(text)
    assert len(quotes) == 1, [q.text for q in quotes]
    assert notices == []
    return quotes[0]


# --- attribution -------------------------------------------------------------------------------


def test_cue_after_surname_said() -> None:
    quote = _one('"The bridge will be rebuilt by the spring," Smith said.')
    assert quote.text == "The bridge will be rebuilt by the spring,"
    assert quote.speaker == "Smith"
    assert quote.rule == "cue-after"
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.speaker_span is not None and quote.speaker_span.text == "Smith"
    assert not quote.open_ended


def test_quoted_as_saying_names_the_object_not_the_subject() -> None:
    quote = _one('The county paper quoted Mayor Ann Lee as asking, "Who will pay for the new '
                 'bridge?"')
    assert quote.speaker == "Ann Lee"
    quote = _one("The county paper quoted Ann Lee as saying: the plan is dead and she asked: "
                 '"Who will pay for the new bridge?"')
    assert quote.speaker == "Ann Lee"


def test_cue_of_a_quote_opened_with_a_single_mark_is_not_the_previous_quotes() -> None:
    quotes, _ = _quotes('Mayor Ann Lee said: "Who will pay for the new bridge?" Tom Doe said in '
                        "a statement: 'The plan is dead and nobody will revive it.\"")
    assert [q.speaker for q in quotes] == ["Ann Lee", "Tom Doe"]


def test_person_before_their_post_at_an_organisation_speaks() -> None:
    quote = _one('Ann Lee, director of the Rivers Trust said the plan was "a gift to the '
                 'valley".')
    assert quote.speaker_span is not None and quote.speaker_span.text == "Ann Lee"


def test_organisation_alone_before_the_cue_still_speaks() -> None:
    quote = _one('The Rivers Trust said the plan was "a gift to the valley".')
    assert quote.speaker_span is not None and quote.speaker_span.text == "The Rivers Trust"


def test_quoted_without_as_saying_keeps_the_subject() -> None:
    quote = _one('The Daily Post quoted an old song on its front page: "We shall overcome '
                 'some day."')
    assert quote.speaker == "The Daily Post"


def test_surname_expanded_to_full_name_mentioned_before() -> None:
    quote = _one(
        "Council engineer Tom Smith inspected the bridge on Friday.\n\n"
        '"The bridge will be rebuilt by the spring," Smith said.'
    )
    assert quote.speaker == "Tom Smith"


def test_cue_after_said_full_name() -> None:
    quote = _one("\u201cThe bridge will be rebuilt by the spring,\u201d said Jane Doe.")
    assert quote.speaker == "Jane Doe"
    assert quote.rule == "cue-after"
    assert quote.speaker_span is not None and quote.speaker_span.text == "Jane Doe"


@pytest.mark.parametrize("name", ["Jane Doe", "Smith"])
def test_speaker_after_cue_stops_at_sentence_end(name: str) -> None:
    # "said Jane Doe. The council ..." : the full stop ends the sentence and the name.
    quotes, _ = _quotes(
        f'"We had no warning at all," said {name}. The council met later that evening.'
    )
    assert len(quotes) == 1
    assert quotes[0].speaker == name


def test_cue_before_name_added() -> None:
    quote = _one(
        "Jane Doe spoke to the crowd outside the town hall.\n\n"
        'Doe added, "We will not give up on this town, not now and not ever."'
    )
    assert quote.text == "We will not give up on this town, not now and not ever."
    assert quote.speaker == "Jane Doe"
    assert quote.rule == "cue-before"
    assert quote.cue is not None and quote.cue.text == "added"


def test_pronoun_resolved_to_full_name_mentioned_before() -> None:
    quote = _one(
        "Mayor Jane Doe said on Monday that the council would pay for the repairs.\n\n"
        "\u201cEvery family will get the help it needs,\u201d she said."
    )
    assert quote.speaker == "Jane Doe"
    assert quote.speaker_span is not None and quote.speaker_span.text == "she"
    assert quote.rule == "cue-after"


def test_quote_split_by_attribution_is_one_quote() -> None:
    quote = _one('"The water came up so fast," Smith said. "We had no time to move the car."')
    assert [p.text for p in quote.parts] == [
        "The water came up so fast,",
        "We had no time to move the car.",
    ]
    assert quote.speaker == "Smith"
    assert quote.text == "The water came up so fast, We had no time to move the car."


@pytest.mark.parametrize(("opener", "closer"), [("\u201c", "\u201d"), ('"', '"')])
def test_multi_paragraph_quote_is_one_quote_without_notice(opener: str, closer: str) -> None:
    text = (
        "Jane Doe described the night to reporters.\n\n"
        f"{opener}We heard a crack and then the whole bridge went down into the river.\n\n"
        f"{opener}Nobody could believe what they were seeing that night.{closer}\n\n"
        "The council has not commented."
    )
    quotes, notices = _quotes(text)
    assert notices == []
    assert len(quotes) == 1
    quote = quotes[0]
    assert [p.text for p in quote.parts] == [
        "We heard a crack and then the whole bridge went down into the river.",
        "Nobody could believe what they were seeing that night.",
    ]
    assert quote.speaker == "Jane Doe"


def test_unclosed_quote_gives_notice_and_is_open_ended() -> None:
    text = (
        "Jane Doe described the night to reporters.\n\n"
        "\u201cWe heard a crack and then the whole bridge went down into the river below us.\n\n"
        "The council has not commented on the matter so far."
    )
    quotes, notices = _quotes(text)
    assert notices == ["W003"]
    assert len(quotes) == 1
    assert quotes[0].open_ended
    assert quotes[0].text == (
        "We heard a crack and then the whole bridge went down into the river below us."
    )


def test_unclosed_notice_names_article_and_paragraph() -> None:
    article = _article(
        "The council met.\n\nOne resident said: \u201cWe were promised the barrier would hold.\n\n"
        "It did not."
    )
    _, notices = extract_quotes(article)
    assert len(notices) == 1
    assert notices[0].input == "x.txt"
    assert "'x'" in notices[0].message
    assert "paragraph 2" in notices[0].message


def test_according_to_after_quote() -> None:
    quote = _one("\u201cThe repairs will take at least six months,\u201d according to Jane Doe.")
    assert quote.speaker == "Jane Doe"
    assert quote.rule == "according-to"


def test_according_to_before_quote() -> None:
    quote = _one('According to Jane Doe, "the repairs will take at least six months to finish."')
    assert quote.speaker == "Jane Doe"
    assert quote.rule == "according-to"


def test_work_title_in_quotes_is_not_a_quote() -> None:
    quotes, notices = _quotes("Jane Doe starred in \u201cThe Long Road Home\u201d last year.")
    assert quotes == []
    assert notices == []


def test_floating_quote_after_attributed_one_is_continuation() -> None:
    quotes, _ = _quotes(
        '"The repairs will take at least six months," Jane Doe said.\n\n'
        '"We are working as fast as we possibly can on this job."'
    )
    assert len(quotes) == 2
    assert quotes[0].speaker == "Jane Doe"
    assert quotes[0].rule == "cue-after"
    assert quotes[1].speaker == "Jane Doe"
    assert quotes[1].rule == "continuation"
    assert quotes[1].cue is None


def test_quote_without_any_speaker_is_unknown() -> None:
    quotes, _ = _quotes(
        "The storm reached the coast on Friday night.\n\n"
        '"This is the worst flood anyone here can remember in forty years."'
    )
    assert len(quotes) == 1
    assert quotes[0].speaker is None
    assert quotes[0].rule == "unknown"


def test_no_quote_marks_no_quotes() -> None:
    quotes, notices = _quotes("The bridge fell on Saturday. Nobody was hurt, police said.")
    assert quotes == []
    assert notices == []


def test_find_regions_pairs_marks_per_paragraph() -> None:
    text = "He said \u201cyes\u201d and \"no\".\nShe said \u201cmaybe"
    first_end = text.index("\n")
    regions = find_regions(text, [(0, first_end), (first_end + 1, len(text))])
    assert [(text[r.start : r.end], r.open_ended) for r in regions] == [
        ("yes", False), ("no", False), ("maybe", True)
    ]


# --- collation ---------------------------------------------------------------------------------


def _witness(article_id: str, text: str) -> tuple[str, list]:  # type: ignore[type-arg]
    return article_id, tokenize(text)


def test_collate_witness_with_itself_agrees() -> None:
    text = "we will find out exactly what went wrong"
    agreed, segments = collate([_witness("a", text), _witness("b", text)])
    assert agreed == text
    assert all(s.agreed for s in segments)
    assert len(segments) == 1


def test_collate_one_word_difference_in_the_middle() -> None:
    agreed, segments = collate([
        _witness("a", "so go out and vote for kindness"),
        _witness("b", "so get out and vote for kindness"),
    ])
    variants = [s for s in segments if not s.agreed]
    assert len(variants) == 1
    readings = {r.text: r.articles for r in variants[0].readings}
    assert readings == {"go": ("a",), "get": ("b",)}
    assert not variants[0].orthographic
    assert "out and vote for kindness" in agreed


@pytest.mark.parametrize(
    ("first", "second", "word_a", "word_b"),
    [
        ("we will rebuild the bridge by june", "we will rebuild the bridge by july", "june",
         "july"),
        ("june is when we will rebuild the bridge", "july is when we will rebuild the bridge",
         "june", "july"),
    ],
)
def test_collate_one_word_difference_at_an_edge(
    first: str, second: str, word_a: str, word_b: str
) -> None:
    # Both witnesses print a word there: a difference at the first or last word is a variant,
    # not a stretch that one witness does not cover.
    _, segments = collate([_witness("a", first), _witness("b", second)])
    variants = [s for s in segments if not s.agreed]
    assert len(variants) == 1
    readings = {r.text: r.articles for r in variants[0].readings}
    assert readings == {word_a: ("a",), word_b: ("b",)}


def test_collate_orthographic_variant() -> None:
    _, segments = collate([
        _witness("a", "it is such an honour to be here"),
        _witness("b", "it is such an honor to be here"),
    ])
    variants = [s for s in segments if not s.agreed]
    assert len(variants) == 1
    assert variants[0].orthographic
    readings = {r.text: r.articles for r in variants[0].readings}
    assert readings == {"honour": ("a",), "honor": ("b",)}


def test_collate_empty() -> None:
    assert collate([]) == ("", ())


def test_group_quotes_across_articles() -> None:
    first = _article(
        "Mayor Jane Doe visited the site on Sunday.\n\n"
        "\u201cWe will find out exactly what went wrong, and we will not rest,\u201d Doe said.",
        "one",
    )
    second = _article(
        "The mayor, Jane Doe, promised an inquiry.\n\n"
        '"We will find out exactly what went wrong and we won\'t rest," Doe said.',
        "two",
    )
    quotes = [q for a in (first, second) for q in extract_quotes(a)[0]]
    assert len(quotes) == 2
    groups = group_quotes(quotes, [first, second])
    assert len(groups) == 1
    group = groups[0]
    assert group.articles == ("one", "two")
    assert group.speaker == "Jane Doe"
    assert {w.article_id for w in group.witnesses} == {"one", "two"}
    variant_texts = [{r.text for r in s.readings} for s in group.variants]
    assert any("will not" in texts and "won't" in texts for texts in variant_texts)


def test_group_quotes_needs_two_articles() -> None:
    article = _article(
        '"We will rebuild the old bridge before winter," Doe said. '
        '"We will rebuild the old bridge before winter," Smith said.'
    )
    quotes, _ = extract_quotes(article)
    assert group_quotes(quotes, [article]) == []


# --- properties --------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    ["The", "bridge", "fell", "Smith", "Jane Doe", "Mayor", "said", "added", "she", "he",
     "according to", ".", ",", "?", ":", "\u201c", "\u201d", "\u2018", "\u2019", '"', "'",
     "\u00ab", "\u00bb", "\n", "\n\n", " ", "\u2014", "The Long Road Home", "Mr.", "3.5"]
)
_TEXTS = st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=80).map(" ".join),
                   st.lists(_PIECES, max_size=80).map("".join))


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
def test_extract_quotes_never_raises_and_spans_are_exact(text: str) -> None:
    article = _article(text)
    quotes, notices = extract_quotes(article)
    for quote in quotes:
        assert quote.article_id == article.id
        assert quote.parts
        spans = [*quote.parts, quote.speaker_span, quote.cue]
        for span in spans:
            if span is not None:
                assert span.article_id == article.id
                assert span.text == article.text[span.start : span.end]
        for part in quote.parts:
            assert any(p.start <= part.start and part.end <= p.end for p in article.paragraphs)
    for notice in notices:
        assert notice.code == "W003"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["we", "will", "honour", "Honor", "it's", "it\u2019s", "the",
                                 "vote", "1,000", "caf\u00e9", "x"]), max_size=25))
def test_collate_with_itself_has_no_variant(words: list[str]) -> None:
    tokens = tokenize(" ".join(words))
    agreed, segments = collate([("a", tokens), ("b", list(tokens))])
    assert all(s.agreed for s in segments)
    assert agreed == " ".join(t.text for t in tokens)
