"""Golden tests on five real articles about Mark Ruffalo's 2020 Emmy (../shared/data/emmys-2020).

Only structure, names and short generic words are asserted: no text of the articles is copied.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from newsweave.model import Brief, QuoteGroup
from newsweave.report._common import one_line
from newsweave.text import segment_article

PREFIXES = ("000_", "001_", "002_", "003_", "004_")


def _id(brief: Brief, prefix: str) -> str:
    (found,) = [a.id for a in brief.articles if a.id.startswith(prefix)]
    return found


def _summary_text(brief: Brief) -> str:
    return " ".join(s.span.text for s in brief.summary)


def test_all_five_articles_used(emmys_brief: Brief) -> None:
    assert sorted(a.id[:4] for a in emmys_brief.articles) == list(PREFIXES)
    assert emmys_brief.skipped == ()


def test_json_is_valid_with_all_sections(emmys_brief: Brief) -> None:
    data = json.loads(emmys_brief.to_json())
    for key in ("articles", "summary", "quotes", "facts", "conflicts", "reuse", "entities",
                "skipped"):
        assert key in data, key
    assert len(data["articles"]) == 5
    assert data["summary"]


def test_summary_mentions_the_event(emmys_brief: Brief) -> None:
    text = _summary_text(emmys_brief).lower()
    for needle in ("ruffalo", "emmy", "i know this much is true"):
        assert needle in text, needle


def test_summary_has_no_boilerplate(emmys_brief: Brief) -> None:
    text = _summary_text(emmys_brief)
    for article in emmys_brief.articles:
        for removed in article.removed:
            if len(removed.span.text.split()) >= 3:
                assert removed.span.text not in text, removed.span.text
    for sentence in emmys_brief.summary:
        article = emmys_brief.article(sentence.span.article_id)
        for removed in article.removed:
            assert (sentence.span.end <= removed.span.start
                    or removed.span.end <= sentence.span.start)


def test_summary_citations_come_from_fact_evidence(emmys_brief: Brief) -> None:
    facts = {f.id: f for f in emmys_brief.facts}
    for sentence in emmys_brief.summary:
        assert sentence.fact_id in facts
        evidence_articles = {e.article_id for e in facts[sentence.fact_id].evidence}
        assert sentence.citations
        assert set(sentence.citations) <= evidence_articles
        assert sentence.span.article_id in sentence.citations


def test_long_attributed_quotes_are_ruffalo(emmys_brief: Brief) -> None:
    long_quotes = [q for q in emmys_brief.quotes if q.speaker and len(q.text.split()) >= 8]
    assert len(long_quotes) >= 5
    assert {a.id for a in emmys_brief.articles} == {q.article_id for q in long_quotes}
    wrong = [(q.id, q.speaker) for q in long_quotes if q.speaker != "Mark Ruffalo"]
    assert wrong == []


def test_quote_spans_index_the_text(emmys_brief: Brief) -> None:
    for quote in emmys_brief.quotes:
        text = emmys_brief.article(quote.article_id).text
        for part in quote.parts:
            assert part.text == text[part.start : part.end]


def test_reuse_pairs(emmys_brief: Brief) -> None:
    pairs = {frozenset((p.a[:4], p.b[:4])) for p in emmys_brief.reuse}
    assert pairs == {frozenset(("000_", "001_")), frozenset(("002_", "003_"))}
    assert len(emmys_brief.reuse) == 2


def _variant_with(group: QuoteGroup, first: str, second: str) -> bool:
    for segment in group.variants:
        readings = [r.text.lower() for r in segment.readings]
        if any(first in r.split() for r in readings) and any(second in r.split()
                                                             for r in readings):
            return True
    return False


def test_go_out_and_get_out_and_vote_collated(emmys_brief: Brief) -> None:
    matches = []
    for group in emmys_brief.quote_groups:
        texts = [w.text.lower() for w in group.witnesses]
        if (any("go out and vote" in t for t in texts)
                and any("get out and vote" in t for t in texts)
                and _variant_with(group, "go", "get")):
            matches.append(group)
    assert matches
    group = matches[0]
    segment = next(s for s in group.variants
                   if {"go", "get"} <= {w for r in s.readings for w in r.text.lower().split()})
    get_reading = next(r for r in segment.readings if "get" in r.text.lower().split())
    go_reading = next(r for r in segment.readings if "go" in r.text.lower().split())
    assert _id(emmys_brief, "004_") in get_reading.articles
    assert _id(emmys_brief, "000_") in go_reading.articles


def test_honour_honor_collated(emmys_brief: Brief) -> None:
    found = []
    for group in emmys_brief.quote_groups:
        for segment in group.variants:
            readings = {r.text.lower() for r in segment.readings}
            if {"honour", "honor"} <= readings:
                found.append(segment)
    assert found
    assert any(s.orthographic for s in found)


def test_boilerplate_removed(emmys_brief: Brief) -> None:
    deadline = emmys_brief.article(_id(emmys_brief, "002_"))
    assert any("newsletter" in r.reason and "newsletter" in r.span.text.lower()
               for r in deadline.removed)
    pinkvilla = emmys_brief.article(_id(emmys_brief, "004_"))
    assert any(r.span.text.startswith("ALSO READ") for r in pinkvilla.removed)
    for article in (deadline, pinkvilla):
        for removed in article.removed:
            assert all(removed.span.text not in p.text for p in article.paragraphs)


def test_header_lines(emmys_brief: Brief) -> None:
    dated = [a for a in emmys_brief.articles if a.date is not None]
    assert {a.id[:4] for a in dated} == {"001_", "003_", "004_"}
    assert all(a.date.isoformat() == "2020-09-21" for a in dated)  # type: ignore[union-attr]
    breadcrumb = emmys_brief.article(_id(emmys_brief, "003_"))
    assert any(r.reason == "breadcrumb" for r in breadcrumb.removed)
    assert breadcrumb.title is not None and "Ruffalo" in breadcrumb.title
    assert breadcrumb.author is not None


def test_deterministic_json(emmys_dir: Path, emmys_brief: Brief) -> None:
    script = Path(sys.executable).parent / "newsweave"
    command = ([str(script)] if script.exists()
               else [sys.executable, "-c", "from newsweave.cli import main; main()"])
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([*command, "brief", str(emmys_dir), "--format", "json"],
                              capture_output=True, env=env, timeout=120, check=False)
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["summary"]
    assert outputs[0].decode("utf-8").strip() == emmys_brief.to_json().strip()


def test_fellow_nominees_are_one_fact(emmys_brief: Brief) -> None:
    # The articles that name all four fellow nominees in one sentence, read from the text.
    nominees = ("Irons", "Jackman", "Mescal", "Pope")
    giving = {s.span.article_id for a in emmys_brief.articles for s in segment_article(a)
              if all(name in s.span.text for name in nominees)}
    assert len(giving) >= 3
    facts = [f for f in emmys_brief.facts
             if any(all(name in e.text for name in nominees) for e in f.evidence)]
    assert len(facts) == 1
    assert set(facts[0].articles) == giving


def test_facts_of_one_article_are_listed_as_such(emmys_brief: Brief) -> None:
    singles = [f for f in emmys_brief.facts if f.support == 1]
    assert singles
    assert {f.articles[0] for f in singles} <= {a.id for a in emmys_brief.articles}
    markdown = emmys_brief.to_markdown()
    assert "Only in one article" in markdown
    assert one_line(singles[0].representative.text) in markdown
