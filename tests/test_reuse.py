"""Tests of text-reuse detection on small invented articles."""

from __future__ import annotations

import datetime as dt

from newsweave.ingest.layout import Header, build_article
from newsweave.model import Article
from newsweave.quotes import extract_quotes
from newsweave.reuse import find_reuse

SHARED = (
    "The regional transport authority confirmed on Thursday that the northern rail line between "
    "Ashby and Colwick will remain closed for at least three weeks while engineers replace a "
    "section of track damaged by the landslide earlier this month, and that replacement buses "
    "will run every hour."
)
OTHER = (
    "Forty families in the village of Penrith Green have been told they cannot return to their "
    "homes until the hillside above them has been surveyed by geologists."
)


def _article(article_id: str, text: str, date: dt.date | None = None) -> Article:
    return build_article(article_id=article_id, input_name=f"{article_id}.txt", fmt="text",
                         text=text, header=Header(date=date))


def _pair_of_articles(
    date_a: dt.date | None, date_b: dt.date | None
) -> tuple[Article, Article]:
    a = _article(
        "a",
        "Commuters in Ashby faced long delays again this morning as crowds gathered at the "
        f"station.\n\n{SHARED}\n\nLocal shops near the station said trade had fallen sharply "
        "since the closure began.",
        date_a,
    )
    b = _article(
        "b",
        "Passengers were told on Thursday to expect disruption for weeks.\n\n"
        f"{SHARED}\n\nThe authority apologised to travellers for the inconvenience.",
        date_b,
    )
    return a, b


def test_shared_passage_is_found_with_exact_spans() -> None:
    assert len(SHARED.split()) >= 40
    a, b = _pair_of_articles(None, None)
    pairs = find_reuse([a, b])
    assert len(pairs) == 1
    pair = pairs[0]
    assert (pair.a, pair.b) == ("a", "b")
    assert pair.passages
    texts = {"a": a.text, "b": b.text}
    for passage in pair.passages:
        for span in (passage.a, passage.b):
            assert span.text == texts[span.article_id][span.start : span.end]
        assert passage.a.article_id == "a"
        assert passage.b.article_id == "b"
        assert not passage.quoted
    longest = max(pair.passages, key=lambda p: p.words)
    assert longest.words >= 40
    assert SHARED.rstrip(".") in longest.a.text
    assert SHARED.rstrip(".") in longest.b.text
    assert 0 < pair.share_of_a <= 1
    assert 0 < pair.share_of_b <= 1


def test_direction_by_date_later_is_derived() -> None:
    a, b = _pair_of_articles(dt.date(2025, 3, 1), dt.date(2025, 3, 2))
    (pair,) = find_reuse([a, b])
    assert pair.derived == "b"
    a, b = _pair_of_articles(dt.date(2025, 3, 5), dt.date(2025, 3, 2))
    (pair,) = find_reuse([a, b])
    assert pair.derived == "a"
    assert "2025-03-05" in pair.direction_evidence


def test_unrelated_articles_share_nothing() -> None:
    a, _ = _pair_of_articles(None, None)
    c = _article("c", f"{OTHER}\n\nGeologists are expected to visit the site on Monday.")
    assert find_reuse([a, c]) == []


def test_shared_quotation_alone_is_not_reuse() -> None:
    a = _article(
        "qa",
        "The minister spoke at the opening of the new hospital wing in Colwick on Friday.\n\n"
        f"\u201c{SHARED}\u201d the minister said.\n\nThe wing has forty beds.",
        dt.date(2025, 3, 1),
    )
    b = _article(
        "qb",
        "Hundreds of people attended the ceremony at the hospital.\n\n"
        f"The minister told them: \u201c{SHARED}\u201d\n\nStaff welcomed the news.",
        dt.date(2025, 3, 2),
    )
    quotes = [q for art in (a, b) for q in extract_quotes(art)[0]]
    assert len(quotes) == 2
    assert find_reuse([a, b], quotes) == []
    # Without the quotes, the same text is a shared passage: the quotes are what tells them apart.
    assert len(find_reuse([a, b])) == 1


def test_three_articles_only_the_copying_pair() -> None:
    a, b = _pair_of_articles(dt.date(2025, 3, 1), dt.date(2025, 3, 2))
    c = _article("c", f"{OTHER}\n\nGeologists are expected to visit the site on Monday.",
                 dt.date(2025, 3, 1))
    pairs = find_reuse([a, b, c])
    assert [(p.a, p.b) for p in pairs] == [("a", "b")]
