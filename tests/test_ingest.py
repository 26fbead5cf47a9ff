"""Unit tests of the ingest stage: headers, boilerplate, decoding, formats, inputs."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from newsweave.ingest import load_articles, read_text
from newsweave.ingest.boilerplate import boilerplate_reason
from newsweave.ingest.decode import decode_bytes
from newsweave.ingest.layout import parse_plain_header
from newsweave.model import Article

BODY_1 = (
    "The town council met on Tuesday evening and agreed to repair the old stone bridge over "
    "the river before the start of the summer season, officials said."
)
BODY_2 = (
    "Engineers told the meeting that the work would take about four months and that the "
    "bridge would be closed to cars and pedestrians while it was carried out."
)
BODY_3 = (
    "Residents who attended said they were relieved that the council had finally acted after "
    "years of complaints about cracks in the parapet and loose stones on the path."
)
STORY = f"{BODY_1}\n\n{BODY_2}\n\n{BODY_3}\n"


def _assert_spans_exact(article: Article) -> None:
    for span in article.paragraphs:
        assert span.article_id == article.id
        assert 0 <= span.start < span.end <= len(article.text)
        assert span.text == article.text[span.start : span.end]
    for removed in article.removed:
        assert removed.span.article_id == article.id
        assert removed.span.text == article.text[removed.span.start : removed.span.end]


# --- plain-text header -------------------------------------------------------------------------


def test_header_date_and_title_on_one_line() -> None:
    text = f" date 2020-01-02 Bridge to be repaired before summer\n\n{STORY}"
    header = parse_plain_header(text)
    assert header.date == dt.date(2020, 1, 2)
    assert header.title == "Bridge to be repaired before summer"
    assert text[header.body_start :].strip().startswith("The town council")


def test_header_date_line_then_title_line() -> None:
    text = f"date 2021-11-30\nBridge to be repaired before summer\n\n{STORY}"
    header = parse_plain_header(text)
    assert header.date == dt.date(2021, 11, 30)
    assert header.title == "Bridge to be repaired before summer"
    assert text[header.body_start :].strip().startswith("The town council")


def test_header_title_only_first_line() -> None:
    text = f"Bridge to be repaired before summer\n\n{STORY}"
    header = parse_plain_header(text)
    assert header.title == "Bridge to be repaired before summer"
    assert header.date is None
    assert text[header.body_start :].strip().startswith("The town council")


def test_header_byline_is_author_and_removed() -> None:
    text = f" date 2020-01-02 Bridge to be repaired\n\nBy Jane Roe\n\n{STORY}"
    header = parse_plain_header(text)
    assert header.author == "Jane Roe"
    assert [(text[s:e], reason) for s, e, reason in header.removed] == [("By Jane Roe", "byline")]

    article = read_text("bridge.txt", text).articles[0]
    assert article.author == "Jane Roe"
    assert all("Jane Roe" not in p.text for p in article.paragraphs)
    assert any(r.span.text == "By Jane Roe" for r in article.removed)
    _assert_spans_exact(article)


def test_no_header_keeps_every_paragraph() -> None:
    header = parse_plain_header(STORY)
    assert header.title is None
    assert header.date is None
    assert header.author is None
    assert header.body_start == 0
    article = read_text("bridge.txt", STORY).articles[0]
    assert [p.text for p in article.paragraphs] == [BODY_1, BODY_2, BODY_3]


def test_no_header_first_paragraph_ending_in_quoted_sentence_is_content() -> None:
    # A first line ending with a full stop inside a closing quote mark is a sentence, not a
    # headline; taking it as the title would drop content without listing it anywhere.
    first = "The mayor told the crowd on Monday: \u201cWe will rebuild the bridge by winter.\u201d"
    text = f"{first}\n{BODY_2}\n"
    article = read_text("bridge.txt", text).articles[0]
    assert article.title is None
    assert [p.text for p in article.paragraphs] == [first, BODY_2]


def test_read_text_header_fields_reach_article() -> None:
    text = f" date 2020-01-02 Bridge to be repaired\n\n{STORY}"
    result = read_text("bridge.txt", text)
    assert result.skipped == []
    (article,) = result.articles
    assert article.id == "bridge"
    assert article.format == "text"
    assert article.date == dt.date(2020, 1, 2)
    assert article.title == "Bridge to be repaired"
    assert [p.text for p in article.paragraphs] == [BODY_1, BODY_2, BODY_3]
    _assert_spans_exact(article)


def test_crlf_newlines_are_normalised() -> None:
    data = STORY.replace("\n", "\r\n").encode("utf-8")
    decoded = decode_bytes(data)
    assert decoded.text is not None
    assert "\r" not in decoded.text
    assert decoded.text == STORY


# --- boilerplate -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our daily newsletter to get the best stories in your inbox.",
        "Subscribe to our newsletter",
        "ALSO READ: Ten ways to keep your garden green this summer",
        "Read more: Council budget approved after long debate",
        "Share your comment",
        "Share your thoughts with us in the comments section below.",
        "More from The Example Times",
        "(Photo: A. Person)",
        "A crowd gathers outside the town hall on Monday. (Photo: A. Person)",
        "Home News World",
        "Home > News > World",
        "Follow us on Twitter for the latest updates",
        "\u00a9 2024 The Example Times. All rights reserved.",
        "Advertisement",
    ],
)
def test_boilerplate_lines_are_flagged(line: str) -> None:
    assert boilerplate_reason(line) is not None


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("Sign up for our daily newsletter to get the best stories in your inbox.", "newsletter"),
        ("ALSO READ: Ten ways to keep your garden green this summer", "link"),
        ("Share your comment", "comment"),
        ("More from The Example Times", "navigation"),
        ("(Photo: A. Person)", "image"),
        ("Home News World", "breadcrumb"),
    ],
)
def test_boilerplate_reason_is_specific(line: str, word: str) -> None:
    reason = boilerplate_reason(line)
    assert reason is not None
    assert word in reason


@pytest.mark.parametrize(
    "line",
    [
        "Home prices rose 4 percent in March, the agency said.",
        "More than 200 people attended the meeting at the town hall on Tuesday.",
        "The photographer said she had never seen the river so high.",
        "Share prices fell sharply after the announcement, traders said.",
        (
            "The council said it would send a printed newsletter to every household next month "
            "explaining the new recycling rules, and residents who sign up for email updates will "
            "also receive a reminder the day before each collection, officials told a public "
            "meeting in the town hall that was attended by more than two hundred people."
        ),
        BODY_1,
    ],
)
def test_real_content_is_not_flagged(line: str) -> None:
    assert boilerplate_reason(line) is None


def test_repeated_headline_is_flagged_only_with_title() -> None:
    title = "Bridge to be repaired before the summer season"
    assert boilerplate_reason(title, title=title) is not None
    assert boilerplate_reason(title) is None


def test_boilerplate_in_article_is_removed_and_listed() -> None:
    lines = [
        BODY_1,
        "Sign up for our daily newsletter to get the best stories in your inbox.",
        BODY_2,
        "ALSO READ: Ten ways to keep your garden green this summer",
        BODY_3,
        "Share your comment",
    ]
    article = read_text("bridge.txt", "\n\n".join(lines) + "\n").articles[0]
    assert [p.text for p in article.paragraphs] == [BODY_1, BODY_2, BODY_3]
    assert [r.span.text for r in article.removed] == [lines[1], lines[3], lines[5]]
    assert all(r.reason for r in article.removed)
    _assert_spans_exact(article)


# --- decoding ----------------------------------------------------------------------------------


def test_decode_utf8() -> None:
    decoded = decode_bytes("Caf\u00e9 owners \u201creopen\u201d".encode())
    assert decoded.text == "Caf\u00e9 owners \u201creopen\u201d"
    assert decoded.skip is None
    assert decoded.notices == ()


def test_decode_utf8_bom_is_stripped() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + b"The bridge reopened.")
    assert decoded.text == "The bridge reopened."
    assert decoded.skip is None


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_decode_utf16_with_bom(encoding: str) -> None:
    text = "Caf\u00e9 cr\u00e8me and the bridge reopened on Monday."
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.skip is None


def test_decode_latin1_with_notice() -> None:
    decoded = decode_bytes("caf\u00e9 cr\u00e8me".encode("latin-1"))
    assert decoded.text == "caf\u00e9 cr\u00e8me"
    assert [code.value for code, _ in decoded.notices] == ["W001"]


@pytest.mark.parametrize("data", [b"", b"   \n\t\n  "])
def test_decode_empty_is_refused(data: bytes) -> None:
    decoded = decode_bytes(data)
    assert decoded.text is None
    assert decoded.skip is not None
    assert decoded.skip[0].value == "E003"
    assert "empty" in decoded.skip[1]


def test_decode_binary_is_refused() -> None:
    decoded = decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    assert decoded.text is None
    assert decoded.skip is not None
    assert decoded.skip[0].value == "E004"
    assert "binary" in decoded.skip[1]


def test_decode_repairs_mojibake() -> None:
    decoded = decode_bytes("it\u00e2\u20ac\u2122s a fine day".encode())
    assert decoded.text == "it\u2019s a fine day"
    assert [code.value for code, _ in decoded.notices] == ["W002"]


def test_decode_control_characters_are_replaced_keeping_offsets() -> None:
    text = BODY_1[:60] + "\x07" + BODY_1[60:]
    decoded = decode_bytes(text.encode())
    assert decoded.text is not None
    assert len(decoded.text) == len(text)
    assert "\x07" not in decoded.text
    assert "W004" in [code.value for code, _ in decoded.notices]


# --- JSON Lines --------------------------------------------------------------------------------


def test_json_lines() -> None:
    lines = [
        json.dumps({"id": "wire-1", "title": "Bridge to be repaired", "date": "2024-05-01",
                    "source": "Example Wire", "author": "Jane Roe", "text": STORY}),
        "{this is not json",
        json.dumps({"id": "no-text", "title": "Only a title"}),
        json.dumps({"text": STORY.replace("old stone", "ancient")}),
    ]
    result = read_text("feed.jsonl", "\n".join(lines) + "\n")
    ids = [a.id for a in result.articles]
    assert ids[0] == "wire-1"
    assert len(ids) == 2
    first = result.articles[0]
    assert first.format == "jsonl"
    assert first.title == "Bridge to be repaired"
    assert first.date == dt.date(2024, 5, 1)
    assert first.source == "Example Wire"
    assert first.author == "Jane Roe"
    assert [p.text for p in first.paragraphs] == [BODY_1, BODY_2, BODY_3]
    skipped = {s.input: s for s in result.skipped}
    assert set(skipped) == {"feed.jsonl:2", "feed.jsonl:3"}
    assert skipped["feed.jsonl:2"].code == "E007"
    assert skipped["feed.jsonl:3"].code == "E007"
    assert "text" in skipped["feed.jsonl:3"].reason
    for article in result.articles:
        _assert_spans_exact(article)


# --- HTML --------------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Bridge to be repaired before summer | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Bridge to be repaired before summer">
<meta property="article:published_time" content="2024-05-02T10:00:00Z">
</head>
<body>
<nav><ul><li><a href="/">Frontpage</a></li><li><a href="/world">Worldwide</a></li>
<li><a href="/sport">Sportsdesk</a></li></ul></nav>
<main>
<article>
<h1>Bridge to be repaired before summer</h1>
<p>{BODY_1}</p>
<p>{BODY_2}</p>
<p>{BODY_3}</p>
</article>
</main>
<footer><p>Contact the Footerdesk team. Privacy policy and Termsheet.</p></footer>
</body>
</html>
"""


def test_html_page_body_and_metadata() -> None:
    result = read_text("page.html", PAGE)
    assert result.skipped == []
    (article,) = result.articles
    assert article.format == "html"
    assert article.id == "page"
    assert article.title == "Bridge to be repaired before summer"
    assert article.date == dt.date(2024, 5, 2)
    assert [p.text for p in article.paragraphs] == [BODY_1, BODY_2, BODY_3]
    for word in ("Frontpage", "Worldwide", "Sportsdesk", "Footerdesk", "Termsheet"):
        assert word not in article.text
    _assert_spans_exact(article)


def test_html_site_name_is_source() -> None:
    (article,) = read_text("page.html", PAGE).articles
    assert article.source == "Example News"


def test_html_without_article_text_is_skipped() -> None:
    result = read_text("empty.html", "<html><head><title>x</title></head><body></body></html>")
    assert result.articles == []
    assert len(result.skipped) == 1
    assert result.skipped[0].code == "E006"


# --- inputs: folders, globs, missing, stdin, duplicates ----------------------------------------


def _write_story(path: Path, variant: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(STORY.replace("stone", f"stone {variant}".strip()), encoding="utf-8")


def test_folder_is_walked_and_other_types_reported(tmp_path: Path) -> None:
    _write_story(tmp_path / "a" / "one.txt")
    _write_story(tmp_path / "b" / "two.txt", "grey")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    result = load_articles([str(tmp_path)])
    assert sorted(a.id for a in result.articles) == ["one", "two"]
    assert [Path(s.input).name for s in result.skipped] == ["notes.pdf"]
    assert result.skipped[0].code == "E009"


def test_glob_and_missing_paths(tmp_path: Path) -> None:
    _write_story(tmp_path / "one.txt")
    _write_story(tmp_path / "two.txt", "grey")
    _write_story(tmp_path / "other.html")
    missing = str(tmp_path / "missing.txt")
    no_match = str(tmp_path / "zz*.txt")
    result = load_articles([str(tmp_path / "*.txt"), missing, no_match])
    assert sorted(a.id for a in result.articles) == ["one", "two"]
    skipped = {s.input: s.code for s in result.skipped}
    assert skipped == {missing: "E001", no_match: "E001"}


def test_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    _write_story(tmp_path / "one.txt")
    result = load_articles([str(tmp_path / "one.txt"), str(tmp_path)])
    assert [a.id for a in result.articles] == ["one"]


def test_stdin() -> None:
    data = f" date 2024-05-03 Bridge to be repaired\n\n{STORY}".encode()
    result = load_articles(["-"], stdin=io.BytesIO(data))
    assert result.skipped == []
    (article,) = result.articles
    assert article.input == "<stdin>"
    assert article.title == "Bridge to be repaired"
    assert article.date == dt.date(2024, 5, 3)
    _assert_spans_exact(article)


def test_stdin_missing_is_skipped_not_raised() -> None:
    result = load_articles(["-"], stdin=None)
    assert result.articles == []
    assert [s.input for s in result.skipped] == ["<stdin>"]


def test_duplicate_ids_are_made_unique(tmp_path: Path) -> None:
    _write_story(tmp_path / "a" / "story.txt")
    _write_story(tmp_path / "b" / "story.txt", "grey")
    lines = "\n".join(json.dumps({"id": "story", "text": STORY}) for _ in range(2))
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "feed.jsonl").write_text(lines, encoding="utf-8")
    result = load_articles([str(tmp_path)])
    ids = [a.id for a in result.articles]
    assert len(ids) == 4
    assert len(set(ids)) == 4
    for article in result.articles:
        _assert_spans_exact(article)


def test_every_span_indexes_the_article_text(tmp_path: Path) -> None:
    text = (
        f" date 2024-05-03 Bridge to be repaired\n\nBy Jane Roe\n\n{BODY_1}\n\n"
        "(Photo: A. Person)\n\n"
        "Engineers told the meeting that the work\nwould take about four months, officials said."
        f"\n\nShare your comment\n\n{BODY_3}\n"
    )
    (tmp_path / "wrapped.txt").write_text(text, encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    result = load_articles([str(tmp_path)])
    assert len(result.articles) == 2
    for article in result.articles:
        assert article.paragraphs
        _assert_spans_exact(article)
    wrapped = next(a for a in result.articles if a.id == "wrapped")
    assert [p.text for p in wrapped.paragraphs] == [
        BODY_1,
        "Engineers told the meeting that the work\nwould take about four months, officials said.",
        BODY_3,
    ]
    assert wrapped.removed[0].reason == "byline"
    assert len(wrapped.removed) == 3
