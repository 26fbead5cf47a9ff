"""Tests of the report renderers (Markdown, HTML, terminal) on a small hand-made brief."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from newsweave.model import (
    Article,
    Brief,
    CollationSegment,
    Conflict,
    ConflictSide,
    Entity,
    Fact,
    Notice,
    Passage,
    Quote,
    QuoteGroup,
    Reading,
    Removed,
    ReusePair,
    Skipped,
    SummarySentence,
    Transcript,
    TranscriptSegment,
    Witness,
)
from newsweave.report import render_html, render_markdown, render_terminal
from newsweave.report.terminal import render_terminal_text
from newsweave.settings import Settings

SECTIONS = [
    "Summary",
    "Quotes",
    "Facts",
    "Conflicts",
    "Reuse",
    "Entities",
    "Articles",
    "Skipped inputs",
    "Notices",
]
# The terminal view lists reported speech in a section of its own; Markdown and HTML list it
# inside the Quotes section, per speaker.
TERMINAL_SECTIONS = [*SECTIONS[:2], "Reported speech", *SECTIONS[2:]]

TEXT_A = (
    'The mayor said "we will rebuild the bridge by June" on Monday. '
    "Officials counted 12 injured. <script>alert(1)</script> was typed here.\n"
    "Subscribe to our newsletter | today"
)
TEXT_B = (
    'The mayor said "we will rebuild the bridge by July" on Monday. '
    "Officials counted 14 injured. [bold]Not markup[/bold]."
)


def _find(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _article(aid: str, text: str, source: str, title: str, boiler: str | None) -> Article:
    base = Article(id=aid, input=f"{aid}.txt", format="text", text=text, paragraphs=())
    content_end = text.index(boiler) - 1 if boiler else len(text)
    removed = (
        (Removed(span=base.span(*_find(text, boiler)), reason="newsletter prompt"),)
        if boiler
        else ()
    )
    return base.model_copy(
        update={
            "paragraphs": (base.span(0, content_end),),
            "source": source,
            "title": title,
            "date": dt.date(2024, 5, 6),
            "removed": removed,
        }
    )


@pytest.fixture()
def brief() -> Brief:
    a = _article(
        "a1",
        TEXT_A,
        "Daily | Planet",
        "Bridge to be rebuilt",
        "Subscribe to our newsletter | today",
    )
    b = _article("b2", TEXT_B, "Gazette", "Bridge to be rebuilt", None)
    q_a = a.span(*_find(TEXT_A, "we will rebuild the bridge by June"))
    q_b = b.span(*_find(TEXT_B, "we will rebuild the bridge by July"))
    quote_a = Quote(id="a1-q1", article_id="a1", parts=(q_a,), speaker="the mayor")
    quote_b = Quote(id="b2-q1", article_id="b2", parts=(q_b,), speaker="the mayor")
    loose = Quote(
        id="b2-q2",
        article_id="b2",
        parts=(b.span(*_find(TEXT_B, "[bold]Not markup[/bold]")),),
        speaker=None,
    )
    group = QuoteGroup(
        id="g1",
        speaker="the mayor",
        witnesses=(
            Witness(quote_id="a1-q1", article_id="a1", text=q_a.text, parts=(q_a,)),
            Witness(quote_id="b2-q1", article_id="b2", text=q_b.text, parts=(q_b,)),
        ),
        agreed_text="we will rebuild the bridge by",
        segments=(
            CollationSegment(
                agreed=True,
                readings=(Reading(text="we will rebuild the bridge by", articles=("a1", "b2")),),
            ),
            CollationSegment(
                agreed=False,
                readings=(
                    Reading(text="JuneReading", articles=("a1",)),
                    Reading(text="JulyReading", articles=("b2",)),
                ),
            ),
        ),
        independent_articles=("a1", "b2"),
    )
    s_a = a.span(
        *_find(TEXT_A, "Officials counted 12 injured. <script>alert(1)</script> was typed here.")
    )
    s_b = b.span(*_find(TEXT_B, "Officials counted 14 injured."))
    fact = Fact(
        id="f1",
        representative=s_a,
        evidence=(s_a, s_b),
        articles=("a1", "b2"),
        independent_articles=("a1", "b2"),
    )
    single = Fact(
        id="f2",
        representative=b.span(*_find(TEXT_B, "[bold]Not markup[/bold].")),
        evidence=(b.span(*_find(TEXT_B, "[bold]Not markup[/bold].")),),
        articles=("b2",),
        independent_articles=("b2",),
    )
    conflict = Conflict(
        id="c1",
        kind="number",
        label="contradiction",
        topic="injured count",
        sides=(
            ConflictSide(value="12", articles=("a1",), evidence=(s_a,)),
            ConflictSide(value="14", articles=("b2",), evidence=(s_b,)),
        ),
        explanation="The articles give different injury counts.",
    )
    first_a = a.span(*_find(TEXT_A, "The mayor said"))
    first_b = b.span(*_find(TEXT_B, "The mayor said"))
    pair = ReusePair(
        a="a1",
        b="b2",
        kind="partial_reuse",
        share_of_a=0.25,
        share_of_b=0.5,
        passages=(Passage(a=first_a, b=first_b, words=3, similarity=1.0),),
        derived="b2",
        direction_evidence="b2 was published later",
    )
    entity = Entity(name="Bridge Authority", kind="organisation", mentions=(first_a, first_b))
    return Brief(
        generator="newsweave test",
        settings=Settings(),
        articles=(a, b),
        summary=(SummarySentence(span=s_a, citations=("a1", "b2"), fact_id="f1"),),
        quotes=(quote_a, quote_b, loose),
        quote_groups=(group,),
        facts=(fact, single),
        conflicts=(conflict,),
        reuse=(pair,),
        entities=(entity,),
        skipped=(Skipped(input="empty.txt", code="E003", reason="the file is empty"),),
        notices=(Notice(input="a1.txt", code="W001", message="decoded as Latin-1"),),
    )


@pytest.fixture()
def empty() -> Brief:
    return Brief(
        generator="newsweave test",
        settings=Settings(),
        articles=(),
        summary=(),
        quotes=(),
        quote_groups=(),
        facts=(),
        conflicts=(),
        reuse=(),
        entities=(),
        skipped=(),
        notices=(),
    )


# --- Markdown -------------------------------------------------------------------------------


def test_markdown_sections_in_order(brief: Brief) -> None:
    md = render_markdown(brief)
    assert md.startswith("# Bridge to be rebuilt\n")
    positions = [md.index(f"\n## {name}\n") for name in SECTIONS]
    assert positions == sorted(positions)
    assert "2 articles from 2 sources: Daily | Planet, Gazette." in md


def test_markdown_summary_citations(brief: Brief) -> None:
    md = render_markdown(brief)
    # Article text is escaped: it shows as written and never reaches a reader as HTML.
    assert (
        "- Officials counted 12 injured. \\<script\\>alert(1)\\</script\\> was typed here. "
        "[a1, b2]" in md
    )
    assert "<script>" not in md


def test_markdown_variant_readings_with_articles(brief: Brief) -> None:
    md = render_markdown(brief)
    assert "> we will rebuild the bridge by" in md
    assert "“JuneReading” — a1" in md
    assert "“JulyReading” — b2" in md
    # The quote that is in no group is listed under its article with an unknown speaker.
    assert "“\\[bold\\]Not markup\\[/bold\\]” — unknown speaker" in md
    # Grouped quotes are not listed again as loose quotes.
    assert "— the mayor" not in md


def test_markdown_facts_conflicts_reuse_entities(brief: Brief) -> None:
    md = render_markdown(brief)
    facts = md[md.index("## Facts") : md.index("## Conflicts")]
    assert "— a1, b2" in facts
    assert "### Only in one article" in facts
    assert "- b2:\n  - \\[bold\\]Not markup\\[/bold\\]." in facts
    conflicts = md[md.index("## Conflicts") : md.index("## Reuse")]
    assert "contradiction: injured count" in conflicts
    assert "**12** — a1" in conflicts and "**14** — b2" in conflicts
    reuse = md[md.index("## Reuse") : md.index("## Entities")]
    assert "25% of a1" in reuse and "50% of b2" in reuse
    assert "b2 derived from a1 (b2 was published later)" in reuse
    assert "1 shared passage" in reuse and "“The mayor said”" in reuse
    assert "- Bridge Authority (organisation) — a1, b2" in md


def test_markdown_articles_removed_skipped_notices(brief: Brief) -> None:
    md = render_markdown(brief)
    # Pipes inside table cells are escaped so the row keeps six cells.
    row = next(line for line in md.splitlines() if line.startswith("| a1 |"))
    assert "Daily \\| Planet" in row
    assert len(re.split(r"(?<!\\)\|", row)) == 8
    assert row.endswith("| 1 |")
    assert "- a1 — newsletter prompt: Subscribe to our newsletter | today" in md
    assert "- empty.txt — E003: the file is empty" in md
    assert "- a1.txt — W001: decoded as Latin-1" in md


def test_markdown_empty_brief(empty: Brief) -> None:
    md = render_markdown(empty)
    assert md.startswith("# Brief\n")
    for name in SECTIONS:
        section = md.split(f"## {name}\n", 1)[1]
        assert section.lstrip().startswith("None."), name


def test_brief_to_markdown_uses_renderer(brief: Brief) -> None:
    assert brief.to_markdown() == render_markdown(brief)


# --- HTML -----------------------------------------------------------------------------------


class _Checker(HTMLParser):
    """Records tags, checks that the non-void elements nest and close properly."""

    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr", "path", "circle"}
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.seen: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
            return
        self.stack.pop()


def _parse(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    return checker


def test_html_is_well_formed_page(brief: Brief) -> None:
    page = render_html(brief)
    checker = _parse(page)
    assert checker.errors == []
    assert checker.stack == []
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    assert '<meta charset="utf-8">' in page
    assert '<meta name="viewport"' in page
    headings = re.findall(r"<h2>(.*?)</h2>", page)
    assert headings == SECTIONS


def test_html_self_contained(brief: Brief) -> None:
    page = render_html(brief)
    assert 'src="http' not in page and 'href="http' not in page
    assert "<link" not in page
    assert "http://" not in page and "https://" not in page
    assert "<script" not in page
    assert "<style>" in page


def test_html_escapes_article_text(brief: Brief) -> None:
    page = render_html(brief)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_html_citation_chips_reveal_source_sentences(brief: Brief) -> None:
    page = render_html(brief)
    checker = _parse(page)
    chips = [a for tag, a in checker.seen if tag == "a" and a.get("class") == "chip cite"]
    titles = [a["title"] or "" for a in chips]
    # Issue #18: the chip shows the outlet; the tooltip holds outlet, title, id and sentence.
    assert any(t.startswith("Daily | Planet — ") and "a1: Officials counted 12 injured." in t
               for t in titles)
    assert any(t.startswith("Gazette — ") and t.endswith("b2: Officials counted 14 injured.")
               for t in titles)
    assert "<details" in page


def test_html_citation_chip_opens_the_sentence_in_its_article(brief: Brief) -> None:
    """Issue #18: a chip links to its sentence, marked inside the article's text (no script)."""
    page = render_html(brief)
    checker = _parse(page)
    hrefs = [a["href"] or "" for tag, a in checker.seen
             if tag == "a" and a.get("class") == "chip cite"]
    assert hrefs and all(h.startswith("#cite-") for h in hrefs)
    for href in hrefs:
        anchor = href[1:]
        marked = re.search(rf'<mark class="cited" id="{anchor}">(.*?)</mark>', page, re.S)
        assert marked is not None, anchor
        before = page[: marked.start()]
        assert before.rfind('<details class="article-text"') > before.rfind("</details>")
    assert '<mark class="cited" id="cite-1">Officials counted 12 injured.' in page


def test_html_labels_articles_by_outlet_else_letter(brief: Brief) -> None:
    nameless = brief.model_copy(update={"articles": (
        brief.articles[0].model_copy(update={"source": None, "url": None}),
        brief.articles[1].model_copy(update={"source": None,
                                             "url": "https://www.gazette.example/x"}))})
    page = render_html(nameless)
    assert '">A</a>' in page and '">gazette.example</a>' in page
    assert "2 articles from 1 source: gazette.example (1 without a named outlet)." in page


def test_html_variants_grid_conflicts_graph(brief: Brief) -> None:
    page = render_html(brief)
    assert "<mark>JuneReading</mark>" in page and "<mark>JulyReading</mark>" in page
    # Coverage grid: one shared fact row, one column per article, both cells filled.
    grid = page[
        page.index('<table class="grid">') : page.index("</table>", page.index('class="grid"'))
    ]
    assert grid.count('class="cell independent"') == 2
    assert '<div class="side">' in page and page.count('<div class="side">') == 2
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count("<circle") == 2
    assert 'marker-end="url(#arrow)"' in svg
    assert ">Daily | Planet</text>" in svg and ">Gazette</text>" in svg
    assert "newsletter prompt" in page and "the file is empty" in page
    assert "decoded as Latin-1" in page


def test_html_arrow_points_from_original_to_derived(brief: Brief) -> None:
    checker = _parse(render_html(brief))
    circles = [a for tag, a in checker.seen if tag == "circle"]
    assert len(circles) == 2
    # a1 is first on the circle (top), b2 opposite (bottom).
    assert float(circles[0]["cy"] or 0) < float(circles[1]["cy"] or 0)
    lines = [a for tag, a in checker.seen if tag == "line"]
    assert len(lines) == 1
    # The arrow runs downwards: from a1 (the original) to b2 (derived).
    assert float(lines[0]["y2"] or 0) > float(lines[0]["y1"] or 0)
    undirected = brief.model_copy(
        update={"reuse": (brief.reuse[0].model_copy(update={"derived": None}),)}
    )
    page = render_html(undirected)
    assert "marker-end" not in page.split("<svg", 1)[1].split("</defs>", 1)[1]
    assert "direction unknown" in page


def test_html_empty_brief(empty: Brief) -> None:
    page = render_html(empty)
    checker = _parse(page)
    assert checker.errors == [] and checker.stack == []
    assert re.findall(r"<h2>(.*?)</h2>", page) == SECTIONS
    assert page.count('<p class="none">None.</p>') == len(SECTIONS)
    assert "<svg" not in page


def test_brief_to_html_uses_renderer(brief: Brief) -> None:
    assert brief.to_html() == render_html(brief)


# --- Terminal -------------------------------------------------------------------------------


def _rule(text: str, name: str) -> int:
    """Return the offset of the rule heading of section ``name`` in terminal text."""
    match = re.search(rf"^{re.escape(name)} ─+$", text, flags=re.MULTILINE)
    assert match is not None, name
    return match.start()


def test_terminal_text_sections(brief: Brief) -> None:
    text = render_terminal_text(brief)
    positions = [_rule(text, name) for name in TERMINAL_SECTIONS]
    assert positions == sorted(positions)
    assert "JuneReading" in text and "JulyReading" in text
    # Article text is not taken as rich markup (in a plain line and in a table cell).
    assert "  • [bold]Not markup[/bold]." in text
    assert "“[bold]Not markup[/bold]”   unknown speaker" in text
    assert "the file is empty" in text
    assert "newsletter prompt" in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_terminal_width(brief: Brief) -> None:
    text = render_terminal_text(brief, width=60)
    assert all(len(line) <= 60 for line in text.splitlines())


def test_render_terminal_prints_to_console(brief: Brief) -> None:
    import io

    from rich.console import Console

    buffer = io.StringIO()
    render_terminal(brief, Console(file=buffer, width=100, color_system=None))
    assert "Skipped inputs" in buffer.getvalue()


def test_terminal_empty_brief(empty: Brief) -> None:
    text = render_terminal_text(empty)
    for name in TERMINAL_SECTIONS:
        _rule(text, name)
    assert "Brief" in text.splitlines()[1]
    assert text.count("None.") == len(TERMINAL_SECTIONS)


def test_single_article_facts_truncated(brief: Brief) -> None:
    span = brief.facts[1].representative
    many = tuple(
        Fact(
            id=f"s{i}",
            representative=span.model_copy(update={"text": f"Lone fact {i:02d}."}),
            evidence=(span,),
            articles=("b2",),
            independent_articles=("b2",),
        )
        for i in range(12)
    )
    cut = brief.model_copy(update={"facts": (brief.facts[0], *many)})
    md = render_markdown(cut)
    assert "Lone fact 09." in md and "Lone fact 10." not in md
    assert "  - … and 2 more" in md
    page = render_html(cut)
    assert "Lone fact 09." in page and "Lone fact 10." not in page
    assert "… and 2 more" in page
    text = render_terminal_text(cut)
    assert "Lone fact 09." in text and "Lone fact 10." not in text
    assert "… and 2 more" in text


def test_html_loose_quote_parts_joined_with_an_ellipsis(brief: Brief) -> None:
    """Issue #18: a quote in no group shows its parts as printed, joined with an ellipsis."""
    b = brief.articles[1]
    two_parts = brief.quotes[2].model_copy(update={"parts": (
        b.span(*_find(TEXT_B, "we will rebuild the bridge by July")),
        b.span(*_find(TEXT_B, "Officials counted 14 injured.")))})
    page = render_html(brief.model_copy(update={"quotes": (*brief.quotes[:2], two_parts)}))
    assert "“we will rebuild the bridge by July … Officials counted 14 injured.”" in page


def test_html_coverage_grid_short_labels_and_sticky_headers(brief: Brief) -> None:
    """Issue #18: long fact text is cut in the grid (the whole on demand); headers stick."""
    fact = brief.facts[0]
    long_span = fact.representative.model_copy(update={"text": "word " * 60})
    many = tuple(brief.articles[i % 2].model_copy(update={"id": f"x{i}", "source": None})
                 for i in range(30))
    wide = brief.model_copy(update={
        "articles": many,
        "facts": (fact.model_copy(update={"representative": long_span,
                                          "articles": ("x0", "x29"),
                                          "independent_articles": ("x0", "x29")}),)})
    page = render_html(wide)
    grid = page[page.index('<table class="grid">'):page.index("</table>",
                                                              page.index('class="grid"'))]
    assert grid.count('<th scope="col" class="col"') == 30
    assert ">A</th>" in grid and ">AD</th>" in grid  # letters past Z
    assert "<details><summary>" + ("word " * 17).strip() in grid
    assert ("word " * 59 + "word") in grid  # the whole text, on demand
    assert "position: sticky" in page


# --- confident and possible conflicts ---------------------------------------------------------

def _with_possible(brief: Brief) -> Brief:
    """The fixture brief plus a possible (low-confidence) update with dated sides."""
    (confident,) = brief.conflicts
    possible = confident.model_copy(update={
        "id": "c2", "label": "update", "topic": "toll over days", "confidence": 0.31,
        "possible": True, "signals": ("sentence similarity 0.20",),
        "explanation": "a count that changes as news comes in, by date: 12 → 14",
        "sides": tuple(side.model_copy(update={"date": dt.date(2020, 3, 1 + k)})
                       for k, side in enumerate(confident.sides)),
    })
    return brief.model_copy(update={"conflicts": (
        confident.model_copy(update={"confidence": 0.8, "signals": ("same subject: mayor",)}),
        possible)})


def test_possible_conflicts_are_listed_apart_and_collapsed(brief: Brief) -> None:
    both = _with_possible(brief)
    md = render_markdown(both)
    section = md[md.index("## Conflicts"): md.index("## Reuse")]
    confident_at = section.index("contradiction: injured count")
    folded_at = section.index("<details>")
    assert confident_at < folded_at < section.index("update: toll over days")
    assert "confidence 0.80" in section and "confidence 0.31" in section
    assert "**12 (2020-03-01)**" in section and "Evidence: same subject: mayor" in section
    page = render_html(both)
    html_section = page[page.index('<section id="conflicts">'):]
    html_section = html_section[:html_section.index("</section>")]
    assert html_section.index("injured count") < html_section.index(
        '<details class="possible-conflicts">') < html_section.index("toll over days")
    text = render_terminal_text(both, width=200)
    assert "Possible conflicts (1)" in text and "toll over days" in text


def test_only_possible_conflicts_say_no_confident_one(brief: Brief) -> None:
    (conflict,) = brief.conflicts
    weak = brief.model_copy(update={"conflicts": (
        conflict.model_copy(update={"possible": True, "confidence": 0.3}),)})
    md = render_markdown(weak)
    assert "No confident conflicts." in md and "Possible conflicts (1)" in md
    assert "No confident conflicts." in render_html(weak)


def _with_transcript(brief: Brief) -> Brief:
    """The fixture brief plus the mayor's transcript: the group, then a lone quote."""
    (group,) = brief.quote_groups
    lone = TranscriptSegment(text="thank you", group_id=None, quote_ids=("b2-q2",),
                             articles=("b2",), independent_articles=("b2",),
                             note="its words are nowhere else in the transcript")
    transcript = Transcript(speaker="the mayor", segments=(
        TranscriptSegment(text=group.agreed_text, group_id=group.id, quote_ids=("a1-q1", "b2-q1"),
                          articles=group.articles, independent_articles=group.articles),
        lone))
    return brief.model_copy(update={"transcripts": (transcript,)})


def test_html_shows_each_transcript_as_one_text_with_its_variant_places(brief: Brief) -> None:
    page = render_html(_with_transcript(brief))
    section = page[page.index('id="transcripts"'):page.index('id="reported-speech"')]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))
    assert "we will rebuild the bridge by" in text and "thank you" in text
    assert '<mark title="Point 1">JuneReading / JulyReading<sup>1</sup></mark>' in section
    assert '<li value="1">' in section and "nowhere else in the transcript" in text
    assert section.count("we will rebuild the bridge by") == 1  # every stretch once


def test_terminal_shows_each_transcript_as_one_text_like_the_html(brief: Brief) -> None:
    text = render_terminal_text(_with_transcript(brief), width=300)
    section = text[text.index("Transcripts"):text.index("Reported speech")]
    flat = re.sub(r"[\s│╭╮╰╯─]+", " ", section)
    # one text: the group's stretch with its numbered place and articles, then the lone quote
    assert "we will rebuild the bridge by JuneReading / JulyReading[1]" in flat
    (group,) = brief.quote_groups
    assert flat.index("[1]") < flat.index("(" + ", ".join(group.articles) + ")") < flat.index(
        "thank you (b2) (its words are nowhere else in the transcript)")
    assert flat.count("we will rebuild the bridge by") == 1  # every stretch once
    assert "1 JuneReading a1 JulyReading b2" in flat  # the place, listed with its articles
