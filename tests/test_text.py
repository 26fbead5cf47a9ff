"""Tests of the text stage: comparison keys, tokens and sentence segmentation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _builders import make_article
from newsweave.ingest import read_text
from newsweave.text import content_keys, fold_typography, match_key, segment_article, tokenize
from newsweave.text import segment_paragraph as segment


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Honour", "honor"),
        ("honour", "honor"),
        ("HONOR", "honor"),
        ("colour", "color"),
        ("Centre", "center"),
        ("organise", "organize"),
        ("it\u2019s", "it's"),
        ("it's", "it's"),
        ("won\u2019t", "won't"),
        ("co\u2013executive", "co-executive"),
    ],
)
def test_match_key(word: str, key: str) -> None:
    assert match_key(word) == key


def test_match_key_curly_and_straight_apostrophes_agree() -> None:
    assert match_key("we\u2019re") == match_key("we're")
    assert match_key("\u2018Quoted\u2019") == match_key("'quoted'")


def test_fold_typography() -> None:
    assert fold_typography("\u201cHi\u201d \u2014 it\u2019s\u2026") == "\"Hi\" - it's..."


def test_tokenize_offsets_and_keys() -> None:
    text = "The Honour of 1,000 co-workers isn\u2019t small."
    tokens = tokenize(text, offset=10)
    assert [t.text for t in tokens] == ["The", "Honour", "of", "1,000", "co-workers", "isn\u2019t",
                                        "small"]
    for token in tokens:
        assert text[token.start - 10 : token.end - 10] == token.text
    assert tokens[1].key == "honor"
    assert tokens[5].key == "isn't"
    assert content_keys("The honour of the town") == ["honor", "town"]


def _texts(paragraph: str) -> list[str]:
    return [paragraph[s:e] for s, e in segment(paragraph)]


def test_question_inside_quote_keeps_attribution() -> None:
    paragraph = (
        "\u201cHow are we going to take care of each other and our most vulnerable people?\u201d "
        "he continued. Then he thanked his family."
    )
    assert _texts(paragraph) == [
        "\u201cHow are we going to take care of each other and our most vulnerable people?\u201d "
        "he continued.",
        "Then he thanked his family.",
    ]


def test_straight_quoted_question_keeps_attribution() -> None:
    paragraph = '"Will the barrier hold?" she asked. Nobody in the room could answer her.'
    assert _texts(paragraph) == [
        '"Will the barrier hold?" she asked.',
        "Nobody in the room could answer her.",
    ]


def test_abbreviations_do_not_split() -> None:
    paragraph = "Mr. Smith met Dr. Jones at 3 p.m. on Monday. They spoke for an hour."
    assert _texts(paragraph) == [
        "Mr. Smith met Dr. Jones at 3 p.m. on Monday.",
        "They spoke for an hour.",
    ]


def test_numbers_and_initials_do_not_split() -> None:
    paragraph = "The U.S. Army said 3.5 percent of the bridge had failed. Repairs begin soon."
    assert _texts(paragraph) == [
        "The U.S. Army said 3.5 percent of the bridge had failed.",
        "Repairs begin soon.",
    ]


def test_offset_and_whitespace() -> None:
    paragraph = "   The bridge fell. Nobody was hurt.  "
    ranges = segment(paragraph, offset=100)
    assert [paragraph[s - 100 : e - 100] for s, e in ranges] == [
        "The bridge fell.", "Nobody was hurt."
    ]
    assert segment("   \n\t ") == []


def test_sentence_spans_within_text_and_ordered() -> None:
    text = (
        " date 2024-01-01 A title\n\nThe bridge fell on Saturday. Mr. Lee saw it happen. "
        "\u201cIt just went,\u201d he said.\n\nCrews arrived at 9 p.m. The river was high. "
        "Police closed the road.\n"
    )
    article = read_text("a.txt", text).articles[0]
    sentences = segment_article(article)
    assert len(sentences) == 6
    previous_end = 0
    for k, sentence in enumerate(sentences):
        span = sentence.span
        assert sentence.index == k
        assert span.text == article.text[span.start : span.end]
        assert span.start >= previous_end
        paragraph = article.paragraphs[sentence.paragraph]
        assert paragraph.start <= span.start < span.end <= paragraph.end
        previous_end = span.end
    assert [s.paragraph for s in sentences] == [0, 0, 0, 1, 1, 1]


_NEWSY = st.lists(
    st.sampled_from(
        ["The", "bridge", "fell", ".", "?", "!", " ", "\n", "Mr.", "Dr.", "U.S.", "3.5", "p.m.",
         "\u201c", "\u201d", '"', "'", "\u2019", "he said", "said Smith", "\u2026", "...", ",",
         "(", ")", "\u00e9", "\t", "A."]
    ),
    max_size=60,
).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=300), _NEWSY), st.integers(min_value=0, max_value=50))
def test_segment_never_raises_and_ranges_are_sane(text: str, offset: int) -> None:
    ranges = segment(text, offset)
    previous_end = offset
    for start, end in ranges:
        assert offset <= start < end <= offset + len(text)
        assert start >= previous_end
        piece = text[start - offset : end - offset]
        assert piece == piece.strip()
        previous_end = end
    if not text.strip():
        assert ranges == []
    # The ranges cover every non-space character of the paragraph.
    covered = {i for start, end in ranges for i in range(start - offset, end - offset)}
    assert all(ch.isspace() or i in covered for i, ch in enumerate(text))


def test_split_clauses_two_claims_and_lists() -> None:
    from newsweave.text import split_clauses

    text = ("The council closed the old bridge on Monday after an inspection; the mayor said a "
            "new crossing would be built within two years. Red, green, and blue lights lit "
            "the square for the whole festival week.")
    article = make_article("x", text)
    first, second = segment_article(article)
    claims = split_clauses(first)
    assert [c.span.text for c in claims] == [
        "The council closed the old bridge on Monday after an inspection",
        "the mayor said a new crossing would be built within two years."]
    assert all(article.text[c.span.start:c.span.end] == c.span.text for c in claims)
    assert split_clauses(second) == (second,)  # a list is one claim
    quoted = [(first.span.start + 5, first.span.start + 20)]
    assert split_clauses(first, quoted) == (first,)  # quoted words stay whole
