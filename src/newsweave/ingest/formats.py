"""Readers for each input format: plain text, HTML pages, JSON Lines.

Each reader takes decoded text and returns articles plus what it skipped; none raises on bad
input.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from newsweave.errors import Code, NewsweaveError
from newsweave.ingest.layout import Header, build_article, parse_plain_header
from newsweave.model import Article, ArticleFormat, Notice, Skipped


@dataclass
class ReadResult:
    """Articles read from one input, and the parts of it that could not be used."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def detect_format(name: str, text: str) -> ArticleFormat:
    """Return the format of an input from its file name, else from its first characters."""
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(p|div|body|article)\b", head):
        return "html"
    if head.startswith("{"):
        return "jsonl"
    return "text"


def read_plain_text(article_id: str, name: str, text: str) -> ReadResult:
    """Read one plain-text article (with or without a title/date/byline header)."""
    header = parse_plain_header(text)
    return ReadResult(
        articles=[
            build_article(article_id=article_id, input_name=name, fmt="text", text=text,
                          header=header)
        ]
    )


def _date_of(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


_INVISIBLE = ("script", "style", "noscript", "template", "head")


def why_no_html_text(html: str) -> str:
    """Say why a page gave no article text: nesting past the parser's depth limit (the text
    inside is never read), no visible text at all (only markup, scripts, styles), or visible
    text none of which reads as an article body."""
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:  # as bytes: lxml refuses a str that declares an encoding
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        return "the page cannot be parsed as HTML"
    if any("depth" in error.message.lower() for error in parser.error_log):
        return ("its tags are nested deeper than the HTML parser's limit of 256 levels, so the "
                "text inside them was not read")
    for element in list(root.iter(*_INVISIBLE)):
        element.drop_tree()
    words = len(root.text_content().split())
    if not words:
        return "it holds no visible text (only markup, scripts or styles)"
    return (f"none of its {words:,} word{'s' if words != 1 else ''} of visible text reads as an "
            "article body "
            "(navigation, lists, forms or link collections)")


def read_html(article_id: str, name: str, html: str) -> ReadResult:
    """Read one HTML page: trafilatura extracts the body and metadata (title, date, site)."""
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            deduplicate=False,
        )
    except NewsweaveError:
        raise  # a time limit reached while parsing is the run's error, not this input's
    except Exception as exc:  # trafilatura raises a variety of lxml errors on soup
        return ReadResult(
            skipped=[Skipped(input=name, code=Code.E_NO_TEXT.value,
                             reason=f"HTML could not be parsed: {type(exc).__name__}: {exc}")]
        )
    body = str(getattr(document, "text", None) or "") if document is not None else ""
    if not body.strip():
        return ReadResult(
            skipped=[Skipped(input=name, code=Code.E_NO_TEXT.value,
                             reason="no article text found in the HTML page: "
                             + why_no_html_text(html))]
        )

    def meta(field: str) -> str | None:
        value = getattr(document, field, None)
        return str(value).strip() or None if value else None

    header = Header(
        title=meta("title"),
        date=_date_of(meta("date")),
        author=meta("author"),
        source=meta("sitename"),
        url=meta("url"),
    )
    article = build_article(article_id=article_id, input_name=name, fmt="html", text=body,
                            header=header)
    return ReadResult(articles=[article])


def read_json_lines(stem: str, name: str, text: str) -> ReadResult:
    """Read JSON Lines: one article per line, ``text`` required; ``id``, ``title``, ``date``,
    ``source``, ``url``, ``author`` optional.  A bad line is skipped with its line number."""
    result = ReadResult()
    lines = text.split("\n")
    if text.lstrip().startswith("[") and name.lower().endswith(".json"):
        try:
            records = json.loads(text)
            lines = [json.dumps(r) for r in records] if isinstance(records, list) else lines
        except (json.JSONDecodeError, RecursionError):
            pass
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            result.skipped.append(Skipped(input=where, code=Code.E_BAD_JSON.value,
                                          reason=f"line is not valid JSON ({exc.msg})"))
            continue
        except RecursionError:
            result.skipped.append(Skipped(input=where, code=Code.E_BAD_JSON.value,
                                          reason="line is not usable JSON (nested too deeply to "
                                          "read)"))
            continue
        if isinstance(record, dict) and any(
            isinstance(v, str) and _LONE_SURROGATE.search(v) for v in record.values()
        ):
            result.notices.append(Notice(
                input=where, code=Code.W_ENCODING.value,
                message="lone UTF-16 surrogate escapes (\\ud800-\\udfff) in the record's "
                "strings replaced by U+FFFD: they cannot be written as UTF-8"))
        item = article_from_record(record, where, partial(_numbered_id, f"{stem}-{number}"))
        if isinstance(item, Skipped):
            result.skipped.append(item)
        else:
            result.articles.append(item)
    return result


# JSON may escape half of a surrogate pair (\ud800) on its own: Python reads it into a str
# that cannot be written as UTF-8.  A valid pair is read as one character, so any left is lone.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _scrubbed(value: str) -> str:
    """``value`` with each lone surrogate replaced by U+FFFD (one for one: offsets kept)."""
    return _LONE_SURROGATE.sub("\ufffd", value)


def _numbered_id(article_id: str, _body: str) -> str:
    return article_id


def article_from_record(
    record: Any, where: str, default_id: Callable[[str], str], fmt: ArticleFormat = "jsonl"
) -> Article | Skipped:
    """Return the Article of one decoded JSON-like record, or why it is skipped.

    ``text`` is required; ``id``, ``title``, ``date``, ``source`` (or ``outlet``), ``url``,
    ``author`` are optional.  ``where`` names the record (``file:line``); ``default_id`` gives
    the id from the body when the record has none.
    """
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return Skipped(input=where, code=Code.E_BAD_JSON.value,
                       reason='record has no "text" string field')
    body = _scrubbed(record["text"]).replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        return Skipped(input=where, code=Code.E_EMPTY.value, reason='the "text" field is empty')
    header = Header(
        title=_scrubbed(str(record["title"])) if record.get("title") else None,
        date=_date_of(record.get("date")),
        author=_scrubbed(str(record["author"])) if record.get("author") else None,
        source=_scrubbed(str(record.get("source") or record.get("outlet") or "")) or None,
        url=_scrubbed(str(record["url"])) if record.get("url") else None,
    )
    article_id = _scrubbed(str(record.get("id") or default_id(body)))
    return build_article(article_id=article_id, input_name=where, fmt=fmt, text=body,
                         header=header)
