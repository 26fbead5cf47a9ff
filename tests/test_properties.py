"""Properties that hold on any input (issue 17): ingest, segmentation, quote extraction,
collation and every renderer never raise, every span indexes its article, every input is
accounted for, and HTML and Markdown show article text as text.

The ``check_*`` functions are the properties themselves; the tests run them on a modest number
of generated examples, and ``benchmarks/fuzz.py`` runs the same functions for much longer.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.ingest import read_text
from newsweave.ingest.decode import decode_bytes
from newsweave.ingest.formats import detect_format
from newsweave.ingest.layout import Header, build_article
from newsweave.model import Article, Brief, Span
from newsweave.pipeline import build_brief
from newsweave.quotes import extract_quotes, find_regions, group_quotes
from newsweave.quotes.transcript import build_transcripts
from newsweave.report.terminal import render_terminal_text
from newsweave.settings import Settings
from newsweave.text.segment import segment_article_counted

# --- strategies ---------------------------------------------------------------------------------

# Characters that make trouble: quote marks of every kind, markup, escapes, controls, invisible
# and right-to-left marks, emoji, accents, line breaks of every kind.
_HOSTILE_CHARS = list(
    "aeiou tnrsTHE.,;:!?-—'\"“”‘’«»„`<>&*_[]()#|\\{}%$0123456789\n\n\r\t"
    "\x00\x07\x1b\x7f\u200b\u200f\u202e\ufeff\u00e9\u00fc\u2026\U0001f600"
)
_WORDS = [
    "the", "mayor", "said", "told", "reporters", "she", "he", "added", "bridge", "river",
    "council", "would", "reopen", "on", "Monday", "Anna", "Berg", "police", "12", "people",
    "were", "hurt", "in", "a", "fire", "at", "least", "“We", "will", "rebuild", "it,”",
    "\"It", "was", "terrible.\"", "“", "”", "\"", "'", "‘", "’", "—", "(", ")", ".", ",",
    "<script>alert(1)</script>", "<b>", "&amp;", "*", "_", "[x](y)", "`code`", "#", "|",
    "{{ 7*7 }}", "\\", "\u202e", "\u200b", "😀",
]
# Markup that must never reach a reader of the HTML report as markup.
PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "<b>bold</b>")

hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from(_HOSTILE_CHARS), max_size=400),
)
newsy_text = st.lists(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40).map(" ".join),
    min_size=1, max_size=6,
).map("\n\n".join)
any_text = st.one_of(hostile_text, newsy_text)
any_bytes = st.one_of(
    st.binary(max_size=600),
    any_text.map(lambda t: t.encode("utf-8")),
    any_text.map(lambda t: t.encode("utf-16-le")),
    any_text.map(lambda t: t.encode("utf-16-be")),
    any_text.map(lambda t: t.encode("cp1252", "replace")),
)
_NAMES = st.sampled_from(["story.txt", "page.html", "feed.jsonl", "stdin"])


def _json_lines(texts: list[str]) -> str:
    return "\n".join(json.dumps({"text": t}) if k % 3 else t for k, t in enumerate(texts))


named_input = st.one_of(
    st.tuples(_NAMES, any_text),
    st.lists(any_text, max_size=5).map(lambda ts: ("feed.jsonl", _json_lines(ts))),
)
article_pair = st.tuples(newsy_text, newsy_text)
# Texts that certainly carry a payload, for the renderers.
rendered_texts = st.lists(
    st.tuples(newsy_text, st.sampled_from(PAYLOADS)).map(lambda tp: f"{tp[1]} {tp[0]}"),
    min_size=1, max_size=3,
)


def make_article(article_id: str, text: str) -> Article:
    """A plain-text article of ``text`` with no header."""
    return build_article(article_id=article_id, input_name=f"{article_id}.txt", fmt="text",
                         text=text, header=Header())


# --- the properties -----------------------------------------------------------------------------


def assert_span_indexes(span: Span, article: Article) -> None:
    """``span`` points into ``article`` and its text is exactly what it covers."""
    assert span.article_id == article.id
    assert 0 <= span.start <= span.end <= len(article.text)
    assert span.text == article.text[span.start : span.end]


def assert_article_sound(article: Article) -> None:
    """Paragraphs and removed lines index the text, in order, without overlapping."""
    previous_end = 0
    for span in article.paragraphs:
        assert_span_indexes(span, article)
        assert span.start >= previous_end and span.end > span.start
        previous_end = span.end
    for removed in article.removed:
        assert_span_indexes(removed.span, article)


def check_decode(data: bytes) -> None:
    """Decoding any bytes gives text or a reason, never both, and text that reads cleanly."""
    decoded = decode_bytes(data)
    assert (decoded.text is None) == (decoded.skip is not None)
    if decoded.text is not None:
        assert "\r" not in decoded.text
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", decoded.text)
        assert decoded.text.strip()
        check_read_text("decoded.txt", decoded.text)


def check_read_text(name: str, text: str) -> None:
    """Reading any text never raises; every article is sound and named after its input; every
    input (every non-blank line of JSON Lines) is an article or a skip."""
    result = read_text(name, text)
    for article in result.articles:
        assert_article_sound(article)
        assert article.input == name or article.input.startswith(f"{name}:")
    by_line = re.compile(re.escape(name) + r":\d+")
    if name.endswith(".jsonl") or any(
        by_line.fullmatch(item.input) for item in [*result.articles, *result.skipped]
    ):  # JSON Lines, by name or by content: one article or skip per non-blank line
        assert detect_format(name, text) == "jsonl"
        lines = {f"{name}:{k}" for k, line in enumerate(text.split("\n"), 1) if line.strip()}
        seen = Counter([a.input for a in result.articles] + [s.input for s in result.skipped])
        assert set(seen) == lines
        assert all(count == 1 for count in seen.values())
    else:
        assert len(result.articles) + len(result.skipped) == 1


def check_segmentation(text: str) -> None:
    """Sentences index the article, lie in their paragraph, in order, without overlapping."""
    article = make_article("a", text)
    sentences, _cut = segment_article_counted(article, max_words=20)
    previous_end = 0
    for sentence in sentences:
        assert_span_indexes(sentence.span, article)
        paragraph = article.paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.span.start < sentence.span.end <= paragraph.end
        assert sentence.span.start >= previous_end
        assert len(sentence.span.text.split()) <= 20
        previous_end = sentence.span.end


def check_quotes(text: str) -> None:
    """Quote regions lie in their paragraphs; every part, speaker and cue span indexes the
    article; notices name the article's input."""
    article = make_article("a", text)
    ranges = [(p.start, p.end) for p in article.paragraphs]
    for region in find_regions(article.text, ranges):
        p_start, p_end = ranges[region.paragraph]
        assert p_start <= region.open_at <= region.start <= region.end <= p_end
        assert region.end <= region.close_end <= p_end
    quotes, notices = extract_quotes(article)
    for quote in quotes:
        assert quote.article_id == article.id and quote.parts
        for span in (*quote.parts, quote.speaker_span, quote.cue):
            if span is not None:
                assert_span_indexes(span, article)
    assert all(n.input == article.input for n in notices)


def check_collation(text_a: str, text_b: str) -> None:
    """Quotes of two articles grouped: each quote in at most one group, every witness a real
    quote of a real article, every reading span indexes its article; transcripts cite real
    quotes and groups."""
    articles = [make_article("a", text_a), make_article("b", text_b + "\n\n" + text_a)]
    by_id = {a.id: a for a in articles}
    quotes = [q for a in articles for q in extract_quotes(a)[0]]
    known = {q.id for q in quotes}
    groups = group_quotes(quotes, articles)
    members = [w.quote_id for g in groups for w in g.witnesses]
    assert len(members) == len(set(members))
    for group in groups:
        assert set(w.quote_id for w in group.witnesses) <= known
        assert len(group.articles) >= 2
        for witness in group.witnesses:
            for span in witness.parts:
                assert_span_indexes(span, by_id[witness.article_id])
        for segment in group.segments:
            for reading in segment.readings:
                for span in reading.spans:
                    assert_span_indexes(span, by_id[span.article_id])
    group_ids = {g.id for g in groups}
    for transcript in build_transcripts(quotes, groups, articles):
        for segment in transcript.segments:
            assert set(segment.quote_ids) <= known
            assert segment.group_id is None or segment.group_id in group_ids


def _unescaped(markdown: str, char: str) -> bool:
    """Whether ``char`` occurs in ``markdown`` without a backslash escape before it."""
    for match in re.finditer(re.escape(char), markdown):
        backslashes = len(markdown[: match.start()]) - len(markdown[: match.start()].rstrip("\\"))
        if backslashes % 2 == 0:
            return True
    return False


def check_renderers(texts: list[str]) -> Brief:
    """A brief of articles that carry markup renders in every format without raising; the
    HTML never holds the markup as markup, the Markdown never holds an unescaped ``<`` or
    backtick, the JSON reads back."""
    articles = [make_article(f"a{k}", text) for k, text in enumerate(texts)]
    articles = [a for a in articles if a.paragraphs]
    if not articles:
        return Brief(generator="test", settings=Settings(), articles=())
    brief = build_brief(articles)
    assert not brief.missing_references()
    data = json.loads(brief.to_json())
    assert len(data["articles"]) == len(articles)
    html = brief.to_html()
    for payload in PAYLOADS:
        assert payload not in html
    assert "<img src=x" not in html and "<b>bold" not in html
    markdown = brief.to_markdown()
    assert not _unescaped(markdown, "<") and not _unescaped(markdown, "`")
    render_terminal_text(brief)
    return brief


# --- the tests ----------------------------------------------------------------------------------

_QUICK = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
_SLOW = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))


@_QUICK
@given(any_bytes)
def test_decode_any_bytes(data: bytes) -> None:
    check_decode(data)


@_QUICK
@given(named_input)
def test_read_any_text(named: tuple[str, str]) -> None:
    check_read_text(*named)


@_QUICK
@given(any_text)
def test_segment_any_article(text: str) -> None:
    check_segmentation(text)


@_QUICK
@given(any_text)
def test_quotes_of_any_article(text: str) -> None:
    check_quotes(text)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(article_pair)
def test_collation_of_any_two_articles(pair: tuple[str, str]) -> None:
    check_collation(*pair)


@_SLOW
@given(rendered_texts)
def test_renderers_escape_any_article(texts: list[str]) -> None:
    check_renderers(texts)


def test_renderers_escape_a_known_payload() -> None:
    """The property is not vacuous: a payload in a summary sentence reaches every output."""
    body = ("The council said on Monday that the bridge would reopen in <b>bold</b> June after "
            "repairs. Engineers from the county would inspect the <script>alert(1)</script> "
            "deck and the railings before the first cars crossed it again.")
    brief = check_renderers([body, body.replace("Monday", "Tuesday")])
    assert "\\<script\\>alert(1)\\</script\\>" in brief.to_markdown()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in brief.to_html()
