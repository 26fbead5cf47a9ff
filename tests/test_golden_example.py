"""Golden tests: the brief of examples/river-festival against its ground truth (expected.json)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from newsweave.model import Brief, Quote, QuoteGroup

OKAFOR_OPENING = "We will find out exactly what went wrong"


def _core(text: str) -> str:
    """Quote content without the trailing punctuation kept inside the marks."""
    return text.strip().rstrip(",.").strip()


def _surname(name: str | None) -> str | None:
    return name.split()[-1] if name else None


def _quote_for(brief: Brief, article_id: str, text: str) -> Quote | None:
    wanted = _core(text)
    for quote in brief.quotes:
        if quote.article_id != article_id:
            continue
        if any(wanted in part.text for part in quote.parts) or wanted in quote.text:
            return quote
    return None


def _okafor_group(brief: Brief) -> QuoteGroup:
    groups = [g for g in brief.quote_groups
              if any(w.text.startswith(OKAFOR_OPENING) for w in g.witnesses)]
    assert len(groups) == 1, "Okafor's promise should form exactly one group"
    return groups[0]


# --- articles ----------------------------------------------------------------------------------


def test_article_ids(example_brief: Brief, expected: dict[str, Any]) -> None:
    assert sorted(a.id for a in example_brief.articles) == sorted(expected["articles"])
    assert example_brief.skipped == ()


@pytest.mark.parametrize("field", ["date", "title", "format", "author"])
def test_article_metadata(example_brief: Brief, expected: dict[str, Any], field: str) -> None:
    for article_id, truth in expected["articles"].items():
        article = example_brief.article(article_id)
        got = getattr(article, field)
        want = truth[field]
        if field == "date":
            want = dt.date.fromisoformat(want)
        assert got == want, f"{article_id}.{field}"


def test_html_title_has_no_site_suffix(example_brief: Brief, expected: dict[str, Any]) -> None:
    article = example_brief.article("04-gazette")
    assert article.title == expected["articles"]["04-gazette"]["title"]
    assert "|" not in (article.title or "")
    assert "Calder Gazette" not in (article.title or "")


def test_html_outlet_from_site_name(example_brief: Brief, expected: dict[str, Any]) -> None:
    # 04 is the only input that states its outlet (og:site_name).
    assert example_brief.article("04-gazette").source == (
        expected["articles"]["04-gazette"]["outlet"]
    )


def test_html_page_furniture_is_not_text(example_brief: Brief) -> None:
    article = example_brief.article("04-gazette")
    body = " ".join(p.text for p in article.paragraphs)
    for furniture in ("All rights reserved", "Most read", "Privacy", "Serving Brackenford",
                      "Local Affairs Correspondent"):
        assert furniture not in body


# --- boilerplate -------------------------------------------------------------------------------


def test_boilerplate_removed_and_listed(example_brief: Brief, expected: dict[str, Any]) -> None:
    assert expected["boilerplate"]
    for item in expected["boilerplate"]:
        article = example_brief.article(item["article"])
        removed = [r.span.text.strip() for r in article.removed]
        assert item["line"] in removed, item["line"]
        for paragraph in article.paragraphs:
            assert item["line"] not in paragraph.text


def test_nothing_else_removed_as_boilerplate(
    example_brief: Brief, expected: dict[str, Any]
) -> None:
    truth = {(b["article"], b["line"]) for b in expected["boilerplate"]}
    for article in example_brief.articles:
        for removed in article.removed:
            if removed.reason in ("byline", "repeated headline"):
                continue
            assert (article.id, removed.span.text.strip()) in truth, removed


# --- reuse -------------------------------------------------------------------------------------


def test_reuse_pair(example_brief: Brief, expected: dict[str, Any]) -> None:
    (truth,) = expected["reuse_pairs"]
    assert len(example_brief.reuse) == 1, [(p.a, p.b) for p in example_brief.reuse]
    pair = example_brief.reuse[0]
    assert {pair.a, pair.b} == {truth["original"], truth["derived"]}
    assert pair.derived == truth["derived"] == "03-valley-daily"
    for passage in pair.passages:
        for span in (passage.a, passage.b):
            text = example_brief.article(span.article_id).text
            assert span.text == text[span.start : span.end]


def test_reuse_passages_hold_no_boilerplate(
    example_brief: Brief, expected: dict[str, Any]
) -> None:
    # A passage is text both articles print; the lines 03 added are not in 02.
    for pair in example_brief.reuse:
        for passage in pair.passages:
            for item in expected["boilerplate"]:
                for span in (passage.a, passage.b):
                    assert item["line"] not in span.text, (item["line"], span.start, span.end)


# --- quotes ------------------------------------------------------------------------------------


def test_every_expected_quote_found_and_attributed(
    example_brief: Brief, expected: dict[str, Any]
) -> None:
    problems = []
    for item in expected["quotes"]:
        if not item["speaker"]:
            continue
        quote = _quote_for(example_brief, item["article"], item["text"])
        if quote is None:
            problems.append(f"missing in {item['article']}: {item['text'][:40]}")
        elif _surname(quote.speaker) != _surname(item["speaker"]):
            problems.append(f"{item['article']}: {item['text'][:40]} -> {quote.speaker}")
    assert problems == []


def test_split_quotes_are_one_quote(example_brief: Brief, expected: dict[str, Any]) -> None:
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in expected["quotes"]:
        if "group" in item:
            groups.setdefault(item["group"], []).append(item)
    assert groups
    for name, items in groups.items():
        found = [_quote_for(example_brief, i["article"], i["text"]) for i in items]
        assert all(q is not None for q in found), name
        assert len({q.id for q in found if q is not None}) == 1, name


def test_no_spurious_quotes(example_brief: Brief, expected: dict[str, Any]) -> None:
    truth: dict[str, list[str]] = {}
    for item in expected["quotes"]:
        truth.setdefault(item["article"], []).append(_core(item["text"]))
    for quote in example_brief.quotes:
        for part in quote.parts:
            core = _core(part.text)
            assert any(core in t or t in core for t in truth[quote.article_id]), part.text


def test_multi_paragraph_quote_has_no_notice(example_brief: Brief) -> None:
    assert [n for n in example_brief.notices if n.code == "W003"] == []


def test_okafor_group_collation(example_brief: Brief) -> None:
    group = _okafor_group(example_brief)
    assert set(group.articles) == {"01-courier", "02-northern-wire", "03-valley-daily",
                                   "04-gazette"}
    assert _surname(group.speaker) == "Okafor"
    found = False
    for segment in group.variants:
        if segment.orthographic:  # punctuation or spelling; the wording point is below
            continue
        by_article = {a: r for r in segment.readings for a in r.articles}
        one, two, three = (by_article.get(k) for k in
                           ("01-courier", "02-northern-wire", "03-valley-daily"))
        if one and two and three and two == three and one != two:
            assert "will not" in one.text
            assert re.search(r"won['\u2019]t", two.text)
            found = True
    assert found, [s.readings for s in group.variants]


def test_okafor_group_independent_articles(example_brief: Brief) -> None:
    # 03 prints the quote by copying 02's paragraph: three independent reports (01, 02, 04).
    group = _okafor_group(example_brief)
    assert set(group.independent_articles) == {"01-courier", "02-northern-wire", "04-gazette"}


# --- conflicts ---------------------------------------------------------------------------------


def test_hospital_conflict(example_brief: Brief, expected: dict[str, Any]) -> None:
    (truth,) = expected["conflicts"]
    want = {side["value"]: set(side["articles"]) for side in truth["sides"]}
    assert want == {"23": {"01-courier", "04-gazette"},
                    "17": {"02-northern-wire", "03-valley-daily"}}
    matching = [
        c for c in example_brief.conflicts
        if {re.sub(r"[^\d.]", "", s.value) for s in c.sides} >= {"17", "23"}
    ]
    assert len(matching) == 1
    conflict = matching[0]
    got = {re.sub(r"[^\d.]", "", s.value): set(s.articles) for s in conflict.sides}
    assert got["17"] == want["17"]
    assert got["23"] == want["23"]
    assert conflict.label != "compatible"
    for side in conflict.sides:
        for span in side.evidence:
            text = example_brief.article(span.article_id).text
            assert span.text == text[span.start : span.end]
    for no_figure in truth["no_figure"]:
        assert all(no_figure not in s.articles for s in conflict.sides)


def test_no_other_conflicts(example_brief: Brief) -> None:
    assert len(example_brief.conflicts) == 1


# --- summary -----------------------------------------------------------------------------------


def test_summary_has_no_boilerplate(example_brief: Brief, expected: dict[str, Any]) -> None:
    assert example_brief.summary
    lines = [b["line"] for b in expected["boilerplate"]]
    for sentence in example_brief.summary:
        assert all(line not in sentence.span.text for line in lines)
        article = example_brief.article(sentence.span.article_id)
        for removed in article.removed:
            assert (sentence.span.end <= removed.span.start
                    or removed.span.end <= sentence.span.start)


def test_summary_cites_its_own_article(example_brief: Brief) -> None:
    for sentence in example_brief.summary:
        assert sentence.span.article_id in sentence.citations
        text = example_brief.article(sentence.span.article_id).text
        assert sentence.span.text == text[sentence.span.start : sentence.span.end]
