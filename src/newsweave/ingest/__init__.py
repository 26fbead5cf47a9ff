"""Ingest stage: named inputs → :class:`~newsweave.model.Article` objects, with an account
of every input that was skipped or used with a caveat."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from newsweave.errors import Code
from newsweave.ingest.decode import decode_bytes
from newsweave.ingest.formats import (
    ReadResult,
    detect_format,
    read_html,
    read_json_lines,
    read_plain_text,
)
from newsweave.ingest.language import english_share, looks_english
from newsweave.ingest.sources import Source, expand_inputs
from newsweave.model import Article, Notice, Skipped
from newsweave.settings import Settings

__all__ = ["IngestResult", "load_articles", "read_text", "screen_article"]


@dataclass
class IngestResult:
    """The articles read, the inputs skipped (with reasons), and notices about used inputs."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


_HAS_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _article_id(name: str) -> str:
    stem = Path(name).stem if name != "<stdin>" else "stdin"
    return re.sub(r"[^\w.\-]+", "-", stem).strip("-") or "article"


def screen_article(article: Article, settings: Settings) -> Skipped | None:
    """Return why ``article`` cannot be used (no content, too short, not English), or None.

    Only tokens with a letter or a digit count as words here: a text of emoji, symbols or
    quote marks has no content to brief however many tokens it has.
    """
    if not article.paragraphs:
        return Skipped(
            input=article.input, code=Code.E_EMPTY.value,
            reason="no content left after the header and boilerplate"
            + (f" ({len(article.removed)} lines removed)" if article.removed else ""),
        )
    least = settings.ingest.min_article_words
    if article.words < least:
        return Skipped(
            input=article.input, code=Code.E_EMPTY.value,
            reason=f"only {article.words} words of content (at least {least} needed)",
        )
    words = sum(1 for p in article.paragraphs for token in p.text.split()
                if _HAS_LETTER_OR_DIGIT.search(token))
    if words < least:  # emoji, quote marks, punctuation, symbols: tokens, but not words
        return Skipped(
            input=article.input, code=Code.E_EMPTY.value,
            reason=f"only {words} words of content with letters or digits among "
            f"{article.words} tokens (emoji, symbols, punctuation; at least {least} needed)",
        )
    body = " ".join(p.text for p in article.paragraphs)
    if settings.ingest.check_language and not looks_english(body):
        share, count = english_share(body)
        return Skipped(
            input=article.input, code=Code.E_NOT_ENGLISH.value,
            reason=f"the text does not look English ({share:.0%} of {count} words are "
            "common English words; English news has over 30%); newsweave reads English only",
        )
    return None


def _named_json(name: str) -> bool:
    return name.lower().endswith((".jsonl", ".ndjson", ".json"))


def read_text(name: str, text: str, settings: Settings | None = None) -> IngestResult:
    """Read articles from decoded text named ``name`` (format from the name or the content).

    A text taken for JSON Lines only because it opens with ``{`` is read as plain text when no
    line of it is JSON.
    """
    settings = settings or Settings()
    fmt = detect_format(name, text)
    stem = _article_id(name)
    read: ReadResult
    if fmt == "html":
        read = read_html(stem, name, text)
    elif fmt == "jsonl":
        read = read_json_lines(stem, name, text)
        if not read.articles and not _named_json(name) and all(
            s.reason.startswith("line is not valid JSON") for s in read.skipped
        ):  # told from a leading "{" only, and no line is JSON: a text that opens with a brace
            read = read_plain_text(stem, name, text)
    else:
        read = read_plain_text(stem, name, text)
    result = IngestResult(skipped=list(read.skipped), notices=list(read.notices))
    for article in read.articles:
        refused = screen_article(article, settings)
        if refused is None:
            result.articles.append(article)
        else:
            result.skipped.append(refused)
    return result


def _read_file(path: Path, name: str, limit: int) -> tuple[bytes, Skipped | None]:
    """Read at most ``limit + 1`` bytes of the regular file at ``path``.

    Opened without blocking and checked after opening, so that a path that turned into a pipe
    or a device after the inputs were listed is refused rather than read forever; a file over
    ``limit`` bytes is refused before it is read.  Raises OSError when it cannot be read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return b"", Skipped(input=name, code=Code.E_UNSUPPORTED.value,
                                reason="not a regular file (a pipe, device or socket), not read")
        if info.st_size > limit:
            return b"", Skipped(
                input=name, code=Code.E_TOO_LARGE.value,
                reason=f"the file is {info.st_size:,} bytes, over the limit of {limit:,} "
                "(setting ingest.max_input_bytes)",
            )
        return handle.read(limit + 1), None


def _read_source(source: Source, settings: Settings, stdin: BinaryIO | None) -> IngestResult:
    name = source.name
    try:
        if source.path is None:
            if stdin is None:
                return IngestResult(skipped=[Skipped(input=name, code=Code.E_UNREADABLE.value,
                                                     reason="standard input is not available")])
            data = stdin.read(settings.ingest.max_input_bytes + 1)
        else:
            data, refused = _read_file(source.path, name, settings.ingest.max_input_bytes)
            if refused is not None:
                return IngestResult(skipped=[refused])
    except OSError as exc:
        return IngestResult(skipped=[Skipped(input=name, code=Code.E_UNREADABLE.value,
                                             reason=f"cannot be read: {exc.strerror or exc}")])
    if len(data) > settings.ingest.max_input_bytes:
        return IngestResult(skipped=[Skipped(
            input=name, code=Code.E_TOO_LARGE.value,
            reason=f"the input is over the limit of {settings.ingest.max_input_bytes:,} bytes",
        )])
    decoded = decode_bytes(data)
    notices = [Notice(input=name, code=c.value, message=m) for c, m in decoded.notices]
    if decoded.text is None:
        code, reason = decoded.skip or (Code.E_UNREADABLE, "unreadable")
        return IngestResult(skipped=[Skipped(input=name, code=code.value, reason=reason)],
                            notices=notices)
    result = read_text(name, decoded.text, settings)
    result.notices[:0] = notices
    return result


def load_articles(
    names: list[str], settings: Settings | None = None, stdin: BinaryIO | None = None
) -> IngestResult:
    """Read every article that ``names`` (files, folders, globs, ``-``) denote.

    Takes input names as a user typed them, the settings, and the stream to read for ``-``;
    returns the articles (ids made unique), the skipped inputs with their reasons, and notices.
    Never raises on bad input.
    """
    settings = settings or Settings()
    sources, unusable = expand_inputs(names)
    result = IngestResult()
    for item in unusable:
        code = (Code.E_NOT_FOUND if item.not_found else Code.E_EMPTY if item.empty
                else Code.E_UNSUPPORTED)
        result.skipped.append(Skipped(input=item.name, code=code.value, reason=item.reason))
    used_ids: set[str] = set()
    for source in sources:
        part = _read_source(source, settings, stdin)
        for article in part.articles:
            result.articles.append(with_unique_id(article, used_ids, part.notices))
        result.skipped.extend(part.skipped)
        result.notices.extend(part.notices)
    return result


def with_unique_id(article: Article, used: set[str], notices: list[Notice]) -> Article:
    """Return ``article``, renamed ``id-2``, ``id-3``… when its id is in ``used`` (with a W007
    notice appended to ``notices``); its final id is added to ``used``."""
    article_id, n = article.id, 1
    while article_id in used:
        n += 1
        article_id = f"{article.id}-{n}"
    if article_id != article.id:
        notices.append(Notice(
            input=article.input, code=Code.W_RENAMED.value,
            message=f"article id {article.id!r} is already taken by an earlier input: "
            f"this article is {article_id!r}"))
        article = renamed(article, article_id)
    used.add(article_id)
    return article


def renamed(article: Article, new_id: str) -> Article:
    """Return ``article`` under a new id, with every span re-pointed to it."""
    return article.model_copy(update={
        "id": new_id,
        "paragraphs": tuple(p.model_copy(update={"article_id": new_id})
                            for p in article.paragraphs),
        "removed": tuple(r.model_copy(update={"span": r.span.model_copy(
            update={"article_id": new_id})}) for r in article.removed),
    })
