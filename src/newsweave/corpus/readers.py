"""Stream readers for corpus mode: many inputs → one :class:`Article` or :class:`Skipped` at a time.

Formats: JSON Lines (``.jsonl``, ``.ndjson``, plain or gzip, read line by line), WARC archives
(``.warc``, ``.warc.gz``: one HTTP ``response`` record of an HTML or text page is one article),
Parquet (``.parquet``: a ``text`` column plus optional ``id``, ``title``, ``date``, ``source``,
``url``, ``author``; needs the ``parquet`` extra) and everything the one-event ingest reads
(text and HTML files, folders, globs), which is delegated to :func:`newsweave.ingest.load_articles`.

Every record comes out as an Article or as a Skipped with a code and a reason; nothing is dropped
silently.  Article ids are stable across runs: a record's own ``id`` when it has one, otherwise
:func:`content_id` of its text.  An id seen earlier in the same stream is skipped (E010).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import zlib
from collections.abc import Iterator, Sequence
from glob import glob
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsweave.errors import Code
from newsweave.ingest import load_articles, renamed, screen_article
from newsweave.ingest.decode import decode_bytes
from newsweave.ingest.formats import ReadResult, article_from_record, read_html, read_plain_text
from newsweave.ingest.sources import READABLE_SUFFIXES
from newsweave.model import Article, Skipped
from newsweave.settings import Settings

__all__ = ["content_id", "iter_stream"]

_JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_WARC = (".warc", ".warc.gz")
_PARQUET = (".parquet",)
_PARQUET_COLUMNS = ("id", "text", "title", "date", "source", "outlet", "url", "author")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def content_id(text: str) -> str:
    """Return the id derived from an article's text: ``c`` + 20 hex digits of its blake2b."""
    return "c" + hashlib.blake2b(text.encode("utf-8"), digest_size=10).hexdigest()


def iter_stream(
    paths: Sequence[str], settings: Settings | None = None
) -> Iterator[Article | Skipped]:
    """Yield every article that ``paths`` (files, folders, globs) hold, one record at a time.

    Takes input names as a user typed them and the settings (``ingest`` limits and checks apply
    to each record); yields Articles and, for every record or input that cannot be used, a
    Skipped naming it (``file:line``, ``file#record``, ``file:row N``) and the reason.  Never
    raises on bad input; memory does not grow with the size of a file.
    """
    settings = settings or Settings()
    seen: set[str] = set()
    for name in paths:
        for item in _iter_name(name, settings):
            if isinstance(item, Article):
                if item.id in seen:
                    yield Skipped(input=item.input, code=Code.E_DUPLICATE_ID.value,
                                  reason=f"id {item.id!r} was already read earlier in this "
                                  "stream (same id, or the same text)")
                    continue
                seen.add(item.id)
            yield item


def _iter_name(name: str, settings: Settings) -> Iterator[Article | Skipped]:
    path = Path(name)
    if name != "-" and path.is_dir():
        yield from _iter_folder(path, settings)
    elif name != "-" and path.is_file():
        yield from _iter_file(path, name, settings, in_folder=False)
    elif name != "-" and any(ch in name for ch in "*?["):
        matches = [Path(m) for m in sorted(glob(name, recursive=True))]
        files = [m for m in matches if m.is_file()]
        if not files:
            yield Skipped(input=name, code=Code.E_NOT_FOUND.value,
                          reason="the pattern matches no file")
        for match in files:
            yield from _iter_file(match, str(match), settings, in_folder=False)
    else:  # "-" and missing names: ingest reports them in its own words
        yield from _delegate(name, settings)


def _iter_folder(folder: Path, settings: Settings) -> Iterator[Article | Skipped]:
    for root, dirs, names in os.walk(folder):
        for hidden in sorted(d for d in dirs if d.startswith(".")):
            yield Skipped(input=str(Path(root) / hidden), code=Code.E_UNSUPPORTED.value,
                          reason="hidden folder, not read (name it explicitly to read it)")
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file_name in sorted(names):
            child = Path(root) / file_name
            if file_name.startswith("."):
                yield Skipped(input=str(child), code=Code.E_UNSUPPORTED.value,
                              reason="hidden file, not read (name it explicitly to read it)")
            elif child.is_file():
                yield from _iter_file(child, str(child), settings, in_folder=True)


def _iter_file(
    path: Path, name: str, settings: Settings, *, in_folder: bool
) -> Iterator[Article | Skipped]:
    lower = name.lower()
    if lower.endswith(_JSONL):
        yield from _iter_json_lines(path, name, settings)
    elif lower.endswith(_WARC):
        yield from _iter_warc(path, name, settings)
    elif lower.endswith(_PARQUET):
        yield from _iter_parquet(path, name, settings)
    elif in_folder and path.suffix.lower() not in READABLE_SUFFIXES and path.suffix != "":
        yield Skipped(input=name, code=Code.E_UNSUPPORTED.value,
                      reason=f"file type {path.suffix!r} is not read from folders "
                      "(name it explicitly to read it)")
    else:
        yield from _delegate(name, settings)


def _delegate(name: str, settings: Settings) -> Iterator[Article | Skipped]:
    """Read one text/HTML/JSON input with the one-event ingest; text and HTML articles get
    content ids (their file stems are not unique across a corpus)."""
    result = load_articles([name], settings)
    for article in result.articles:
        if article.format == "jsonl":  # a .json array: ids are the records' own or file-line
            yield article
        else:
            yield renamed(article, content_id(article.text))
    yield from result.skipped


def _screened(item: Article | Skipped, settings: Settings) -> Article | Skipped:
    if isinstance(item, Skipped):
        return item
    return screen_article(item, settings) or item


# JSON Lines ---------------------------------------------------------------------------------


def _open_lines(path: Path, name: str) -> io.BufferedIOBase:
    if name.lower().endswith(".gz"):
        return gzip.GzipFile(path, "rb")
    return path.open("rb")


def _iter_json_lines(path: Path, name: str, settings: Settings) -> Iterator[Article | Skipped]:
    limit = settings.ingest.max_input_bytes
    number = 0
    try:
        with _open_lines(path, name) as stream:
            while True:
                line = stream.readline(limit + 1)
                if not line:
                    return
                number += 1
                where = f"{name}:{number}"
                if len(line) > limit and not line.endswith(b"\n"):
                    while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                        pass
                    yield Skipped(input=where, code=Code.E_TOO_LARGE.value,
                                  reason=f"the line is over the limit of {limit:,} bytes "
                                  "(setting ingest.max_input_bytes)")
                    continue
                if not line.strip():
                    continue
                yield _json_line(line, where, settings)
    except (OSError, EOFError, zlib.error) as exc:
        yield Skipped(input=f"{name}:{number + 1}", code=Code.E_UNREADABLE.value,
                      reason=f"the file cannot be read past line {number}: "
                      f"{getattr(exc, 'strerror', None) or exc}")


def _json_line(line: bytes, where: str, settings: Settings) -> Article | Skipped:
    decoded = decode_bytes(line)
    if decoded.text is None:
        code, reason = decoded.skip or (Code.E_UNREADABLE, "unreadable")
        return Skipped(input=where, code=code.value,
                       reason=f"line {reason.removeprefix('the file ')}")
    try:
        record = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        return Skipped(input=where, code=Code.E_BAD_JSON.value,
                       reason=f"line is not valid JSON ({exc.msg}, column {exc.colno})")
    return _screened(article_from_record(record, where, content_id), settings)


# WARC ---------------------------------------------------------------------------------------


def _iter_warc(path: Path, name: str, settings: Settings) -> Iterator[Article | Skipped]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                number += 1
                yield _warc_record(record, f"{name}#{number}", settings)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
        yield Skipped(input=f"{name}#{number + 1}", code=Code.E_UNREADABLE.value,
                      reason=f"the WARC file cannot be read past record {number}: {exc}")


def _warc_record(record: Any, where: str, settings: Settings) -> Article | Skipped:
    rec_type = str(record.rec_type)
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if uri:
        where = f"{where} {uri}"
    if rec_type != "response":
        return Skipped(input=where, code=Code.E_UNSUPPORTED.value,
                       reason=f"WARC {rec_type} record, not a response (only responses hold "
                       "pages)")
    http = record.http_headers
    status = http.get_statuscode() if http is not None else None
    if status is not None and not str(status).startswith("2"):
        return Skipped(input=where, code=Code.E_NO_TEXT.value,
                       reason=f"HTTP status {status}, not a page")
    content_type = (http.get_header("Content-Type") if http is not None else None) or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime not in _HTML_TYPES and mime != "text/plain":
        return Skipped(input=where, code=Code.E_UNSUPPORTED.value,
                       reason=f"content type {mime or 'unknown'!r} is not an HTML or text page")
    limit = settings.ingest.max_input_bytes
    payload = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        return Skipped(input=where, code=Code.E_TOO_LARGE.value,
                       reason=f"the page is over the limit of {limit:,} bytes "
                       "(setting ingest.max_input_bytes)")
    decoded = decode_bytes(_as_utf8(payload, content_type))
    if decoded.text is None:
        code, reason = decoded.skip or (Code.E_UNREADABLE, "unreadable")
        return Skipped(input=where, code=code.value,
                       reason=f"the page {reason.removeprefix('the file ')}")
    read: ReadResult = (read_html("page", where, decoded.text) if mime in _HTML_TYPES
                        else read_plain_text("page", where, decoded.text))
    if read.skipped or not read.articles:
        return read.skipped[0] if read.skipped else Skipped(
            input=where, code=Code.E_NO_TEXT.value, reason="no article text in the page")
    article = read.articles[0]
    warc_date = _warc_date(record.rec_headers.get_header("WARC-Date"))
    article = renamed(article, content_id(article.text)).model_copy(update={
        "url": uri or article.url,
        "date": article.date or warc_date,
        "source": article.source or (urlsplit(uri).hostname if uri else None),
    })
    return _screened(article, settings)


def _as_utf8(payload: bytes, content_type: str) -> bytes:
    """Re-encode a page declared in a non-UTF-8 charset as UTF-8 (decode_bytes expects it)."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        charset = value.strip().strip('"').lower()
        if key.strip().lower() == "charset" and charset not in ("", "utf-8", "utf8"):
            try:
                return payload.decode(charset).encode("utf-8")
            except (LookupError, UnicodeDecodeError):
                return payload
    return payload


def _warc_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# Parquet ------------------------------------------------------------------------------------


def _iter_parquet(path: Path, name: str, settings: Settings) -> Iterator[Article | Skipped]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield Skipped(input=name, code=Code.E_UNSUPPORTED.value,
                      reason="reading Parquet needs pyarrow, which is not installed: "
                      "pip install 'newsweave[parquet]'")
        return
    row = 0
    try:
        parquet = pq.ParquetFile(path)
        columns = [c for c in _PARQUET_COLUMNS if c in parquet.schema_arrow.names]
        if "text" not in columns:
            yield Skipped(input=name, code=Code.E_BAD_JSON.value,
                          reason='the Parquet file has no "text" column (columns: '
                          + ", ".join(parquet.schema_arrow.names) + ")")
            return
        for batch in parquet.iter_batches(batch_size=64, columns=columns):
            for record in batch.to_pylist():
                row += 1
                yield _screened(article_from_record(
                    _plain_record(record), f"{name}:row {row}", content_id), settings)
    except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
        yield Skipped(input=f"{name}:row {row + 1}", code=Code.E_UNREADABLE.value,
                      reason=f"the Parquet file cannot be read past row {row}: {exc}")


def _plain_record(record: dict[str, Any]) -> dict[str, Any]:
    """Return a Parquet row with dates as ISO text and ids as text, as in JSON Lines."""
    out = dict(record)
    date = out.get("date")
    if isinstance(date, dt.date):  # datetime is a date too
        out["date"] = date.isoformat()
    if out.get("id") is not None:
        out["id"] = str(out["id"])
    return out
