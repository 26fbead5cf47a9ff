"""From decoded text to an :class:`Article`: header, paragraphs, boilerplate.

The text is never rewritten: the header (date, title, byline), paragraphs and boilerplate are
all located as offsets into it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from newsweave.ingest.boilerplate import boilerplate_reason
from newsweave.model import Article, ArticleFormat, Removed

_DATE_PREFIX = re.compile(r"^\s*date[:\s]\s*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
_FIELD_LINE = re.compile(r"^\s*(title|headline|source|outlet|url|author|by)\s*:\s*(.+)$", re.I)
_BYLINE = re.compile(
    r"^\s*By:?\s+((?:[A-Z][\w.'’-]*\s*){1,4}(?:(?:and|&)\s+(?:[A-Z][\w.'’-]*\s*){1,4})?)"
    r"(?:[,|–—-].{0,60})?$"
)
_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")


@dataclass
class Header:
    """What the top of a plain-text article says about it, and where its body starts."""

    body_start: int = 0
    title: str | None = None
    date: dt.date | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    removed: list[tuple[int, int, str]] = field(default_factory=list)


def iter_lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each non-blank line of ``text[start:end]``, stripped."""
    end = len(text) if end is None else end
    lines: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        s, e = match.start() + start, match.end() + start
        line = text[s:e]
        if line.strip():
            lead = len(line) - len(line.lstrip())
            trail = len(line) - len(line.rstrip())
            lines.append((s + lead, e - trail))
    return lines


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _looks_like_title(line: str) -> bool:
    words = line.split()
    ending = line.rstrip().rstrip("\"'”’)]")
    return 0 < len(words) <= 30 and not ending.endswith(".")


def parse_plain_header(text: str) -> Header:
    """Read the optional header of a plain-text article.

    Recognised: a first line ``date YYYY-MM-DD`` followed by the title on the same line (or the
    next); ``Title:``/``Source:``/``URL:``/``Author:`` field lines; a first line that reads as a
    headline (at most 30 words, not ending in a full stop, followed by more text); a byline
    (``By Name``) among the first lines.  A breadcrumb where the title should be is removed and
    listed, and the next line is taken as the title.
    """
    header = Header()
    lines = iter_lines(text)
    i = 0
    if not lines:
        return header
    first_s, first_e = lines[0]
    date_match = _DATE_PREFIX.match(text[first_s:first_e])
    if date_match:
        header.date = _parse_date(date_match.group(1))
        rest_s = first_s + date_match.end()
        rest = text[rest_s:first_e].strip()
        i = 1
        header.body_start = first_e
        if rest:
            reason = boilerplate_reason(rest)
            if reason == "breadcrumb":
                header.removed.append((rest_s, first_e, reason))
            else:
                header.title = rest
    while i < len(lines):
        s, e = lines[i]
        match = _FIELD_LINE.match(text[s:e])
        if not match:
            break
        key, value = match.group(1).lower(), match.group(2).strip()
        if key in ("title", "headline"):
            header.title = value
        elif key in ("source", "outlet"):
            header.source = value
        elif key == "url":
            header.url = value
        else:
            header.author = value
        header.body_start = e
        i += 1
    if header.title is None and i < len(lines) - 1:
        s, e = lines[i]
        line = text[s:e]
        blank_after = "\n\n" in text[e : lines[i + 1][0]] or i == 0
        if _looks_like_title(line) and blank_after and boilerplate_reason(line) is None:
            header.title = line.strip()
            header.body_start = e
            i += 1
    for j in range(i, min(i + 6, len(lines))):
        s, e = lines[j]
        byline = _BYLINE.match(text[s:e])
        if byline and header.author is None:
            header.author = byline.group(1).strip()
            header.removed.append((s, e, "byline"))
            break
    return header


def split_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the paragraph ranges of ``text[start:end]``.

    One line is one paragraph (the usual form of news text files), except hard-wrapped text:
    a line that does not end a sentence and is followed by a line starting in lower case, with
    no blank line between them, continues the same paragraph.
    """
    paragraphs: list[list[int]] = []
    for s, e in iter_lines(text, start, end):
        if paragraphs:
            prev_s, prev_e = paragraphs[-1]
            gap = text[prev_e:s]
            if (
                "\n\n" not in gap
                and not _TERMINAL.search(text[prev_s:prev_e])
                and text[s : s + 1].islower()
            ):
                paragraphs[-1][1] = e
                continue
        paragraphs.append([s, e])
    return [(s, e) for s, e in paragraphs]


def build_article(
    *,
    article_id: str,
    input_name: str,
    fmt: ArticleFormat,
    text: str,
    header: Header,
) -> Article:
    """Return the Article for ``text``: content paragraphs after the header, boilerplate listed."""
    proto = Article(id=article_id, input=input_name, format=fmt, text=text, paragraphs=())
    removed: list[Removed] = [
        Removed(span=proto.span(s, e), reason=r) for s, e, r in header.removed
    ]
    removed_ranges = {(s, e) for s, e, _ in header.removed}
    paragraphs = []
    for s, e in split_paragraphs(text, header.body_start, len(text)):
        if any(rs <= s and e <= re_ for rs, re_ in removed_ranges):
            continue
        reason = boilerplate_reason(text[s:e], header.title)
        if reason:
            removed.append(Removed(span=proto.span(s, e), reason=reason))
        else:
            paragraphs.append(proto.span(s, e))
    removed.sort(key=lambda r: r.span.start)
    return proto.model_copy(
        update={
            "paragraphs": tuple(paragraphs),
            "removed": tuple(removed),
            "title": header.title,
            "date": header.date,
            "author": header.author,
            "source": header.source,
            "url": header.url,
        }
    )
