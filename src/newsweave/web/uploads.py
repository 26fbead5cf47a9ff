"""Uploaded articles → an :class:`~newsweave.ingest.IngestResult`, with the server's limits.

The request body is read into memory (never written to disk) with a cap; a multipart form is
parsed from those bytes.  Every uploaded file and every pasted article is then either read
into articles or reported as skipped with its reason, as the command line does.  A problem of
the whole request (too large, too many files, not a form) is an :class:`UploadError` carrying
the HTTP status to answer with; so is a request none of whose inputs is usable.
"""

from __future__ import annotations

import math
import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import parse_qsl

from python_multipart.multipart import Field, File, create_form_parser

from newsweave.errors import Code
from newsweave.ingest import IngestResult, read_text, with_unique_id
from newsweave.ingest.decode import decode_bytes
from newsweave.ingest.formats import detect_format
from newsweave.ingest.sources import READABLE_SUFFIXES
from newsweave.model import Notice, Skipped
from newsweave.settings import Settings

__all__ = ["Form", "Limits", "Upload", "UploadError", "ingest_form", "parse_form", "read_body"]

# A line of three or more dashes (or equals signs) alone separates pasted articles.
PASTE_SEPARATOR = re.compile(r"^[ \t]*(?:-{3,}|={3,})[ \t]*$", re.MULTILINE)
UPLOAD_SUFFIXES = READABLE_SUFFIXES | {".json"}
SUFFIXES = ", ".join(sorted(UPLOAD_SUFFIXES))


@dataclass(frozen=True)
class Limits:
    """What one request may hold, and how briefs are run.

    ``max_request_bytes``: the whole request body (413 above it); ``max_files``: uploaded files
    per request (413); ``max_article_chars``: the text of one article once read (an article
    over it is skipped, E005; a request with nothing else is refused with 413);
    ``timeout``: seconds one brief may take (503 after); ``workers``: briefs computed at once;
    ``kept_briefs``: finished briefs the server keeps to show again.
    """

    max_request_bytes: int = 20_000_000
    max_files: int = 50
    max_article_chars: int = 1_000_000
    timeout: float = 120.0
    workers: int = 2
    kept_briefs: int = 100

    def __post_init__(self) -> None:
        for name in ("max_request_bytes", "max_files", "max_article_chars", "workers",
                     "kept_briefs"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)!r}")
        if not self.timeout > 0:
            raise ValueError(f"timeout must be positive, not {self.timeout!r}")


class UploadError(Exception):
    """A request that cannot be briefed: ``status`` (413, 415, 422) and a message for people.

    ``skipped`` lists the inputs that were read and refused, when there were any.
    """

    def __init__(self, status: int, message: str, skipped: tuple[Skipped, ...] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.skipped = skipped


@dataclass(frozen=True)
class Upload:
    """One uploaded file: its name (no folders) and its bytes."""

    name: str
    data: bytes


@dataclass
class Form:
    """A parsed form: the uploaded files, the pasted text and the other fields."""

    files: list[Upload] = field(default_factory=list)
    text: str = ""
    fields: dict[str, str] = field(default_factory=dict)


async def read_body(chunks: AsyncIterator[bytes], declared: str | None, limit: int) -> bytes:
    """Return the request body read from ``chunks``; raise UploadError 413 when its declared
    length (``Content-Length``) or what arrives is over ``limit`` bytes, before reading more."""
    too_large = UploadError(413, f"The request is over the limit of {limit:,} bytes "
                            f"({limit / 1e6:g} MB); send fewer or smaller files.")
    if declared is not None and declared.strip().isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    async for chunk in chunks:
        body.extend(chunk)
        if len(body) > limit:
            raise too_large
    return bytes(body)


def _base_name(name: str) -> str:
    """The last part of an uploaded file's name (browsers may send a path), or ``upload``."""
    base = PureWindowsPath(PurePosixPath(name).name).name.strip()
    return base or "upload"


def parse_form(body: bytes, content_type: str | None, limits: Limits) -> Form:
    """Parse a ``multipart/form-data`` (or URL-encoded) body held in memory.

    Files go to the form's ``files`` (a file input left empty is ignored); the ``text`` field
    is the pasted text; other fields are kept by name.  Raises UploadError 415 for another
    content type, 413 for more than ``limits.max_files`` files, 422 for a malformed body.
    """
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind not in ("multipart/form-data", "application/x-www-form-urlencoded"):
        raise UploadError(415, f"Send the articles as a form (multipart/form-data), not "
                          f"{kind or 'a body without a content type'}.")
    form = Form()
    if kind == "application/x-www-form-urlencoded":
        for name, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
            if name == "text":
                form.text = f"{form.text}\n\n{value}" if form.text else value
            else:
                form.fields[name] = value
        return form
    files: list[File] = []

    def on_field(item: Field) -> None:
        name = item.field_name.decode("utf-8", "replace") if item.field_name else ""
        value = (item.value or b"").decode("utf-8", "replace")
        if name == "text":
            form.text = f"{form.text}\n\n{value}" if form.text else value
        elif name:
            form.fields[name] = value

    def on_file(item: File) -> None:
        files.append(item)
        if len(files) > limits.max_files:
            raise UploadError(413, f"Too many files: at most {limits.max_files} per request.")

    config = {"MAX_MEMORY_FILE_SIZE": math.inf, "MAX_BODY_SIZE": limits.max_request_bytes}
    try:
        parser = create_form_parser({"Content-Type": (content_type or "").encode("latin-1")},
                                    on_field, on_file, config)
        parser.write(body)
        parser.finalize()
    except UploadError:
        raise
    except Exception as exc:  # python-multipart raises several kinds on a malformed body
        raise UploadError(422, f"The form could not be read: {exc}") from exc
    for item in files:
        item.file_object.seek(0)
        data = item.file_object.read()
        name = (item.file_name or b"").decode("utf-8", "replace")
        if not name and not data:  # a file input left empty
            continue
        form.files.append(Upload(_base_name(name), data))
        item.close()
    return form


def _too_long(name: str, chars: int, limits: Limits) -> Skipped:
    return Skipped(input=name, code=Code.E_TOO_LARGE.value,
                   reason=f"the article's text is {chars:,} characters, over the limit of "
                   f"{limits.max_article_chars:,}")


def _read_limited(name: str, text: str, settings: Settings, limits: Limits) -> IngestResult:
    """Read ``text`` unless it is one article (not JSON Lines) over the size limit."""
    if len(text) > limits.max_article_chars and detect_format(name, text) != "jsonl":
        return IngestResult(skipped=[_too_long(name, len(text), limits)])
    return read_text(name, text, settings)


def _read_upload(upload: Upload, settings: Settings, limits: Limits) -> IngestResult:
    """Read one uploaded file as the command line reads one file."""
    name = upload.name
    suffix = PurePosixPath(name.lower()).suffix
    if suffix and suffix not in UPLOAD_SUFFIXES:
        return IngestResult(skipped=[Skipped(
            input=name, code=Code.E_UNSUPPORTED.value,
            reason=f"file type {suffix!r} is not read (send {SUFFIXES}, or no suffix)")])
    if not upload.data:
        return IngestResult(skipped=[Skipped(input=name, code=Code.E_EMPTY.value,
                                             reason="the file is empty")])
    limit = settings.ingest.max_input_bytes
    if len(upload.data) > limit:
        return IngestResult(skipped=[Skipped(
            input=name, code=Code.E_TOO_LARGE.value,
            reason=f"the file is {len(upload.data):,} bytes, over the limit of {limit:,} "
            "(setting ingest.max_input_bytes)")])
    decoded = decode_bytes(upload.data)
    notices = [Notice(input=name, code=c.value, message=m) for c, m in decoded.notices]
    if decoded.text is None:
        code, reason = decoded.skip or (Code.E_UNREADABLE, "unreadable")
        return IngestResult(skipped=[Skipped(input=name, code=code.value, reason=reason)],
                            notices=notices)
    result = _read_limited(name, decoded.text, settings, limits)
    result.notices[:0] = notices
    return result


def pasted_pieces(text: str) -> list[tuple[str, str]]:
    """Split pasted text into named articles: JSON Lines stays whole (``pasted.jsonl``);
    otherwise a line of ``---`` separates articles (``pasted-1.txt``, ``pasted-2.txt``, …).
    Line ends are made ``\n`` first: browsers send a text area's lines ended by CR LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return []
    if text.lstrip().startswith("{"):
        return [("pasted.jsonl", text)]
    pieces = [p for p in PASTE_SEPARATOR.split(text) if p.strip()]
    return [(f"pasted-{n}.txt", piece.strip("\n")) for n, piece in enumerate(pieces, 1)]


def _status_of(skipped: list[Skipped]) -> int:
    """The status of a request none of whose inputs was usable."""
    codes = {s.code for s in skipped}
    if codes and codes <= {Code.E_UNSUPPORTED.value, Code.E_BINARY.value}:
        return 415
    if codes == {Code.E_TOO_LARGE.value}:
        return 413
    return 422


def ingest_form(form: Form, settings: Settings, limits: Limits) -> IngestResult:
    """Read every uploaded file (in the order of their names) and every pasted article (after
    them) into articles with unique ids; return them with every skipped input and notice.

    Raises UploadError when nothing was sent (422) or none of it is usable (415 when every
    input was of a type not read, 413 when every one was too large, else 422), naming why.
    """
    inputs: list[Callable[[], IngestResult]] = [
        partial(_read_upload, upload, settings, limits)
        for upload in sorted(form.files, key=lambda u: u.name)]
    inputs += [partial(_read_limited, name, text, settings, limits)
               for name, text in pasted_pieces(form.text)]
    if not inputs:
        raise UploadError(422, "Nothing to brief: paste some text or choose files.")
    result = IngestResult()
    used: set[str] = set()
    for read in inputs:
        part = read()
        for article in part.articles:
            if len(article.text) > limits.max_article_chars:
                part.skipped.append(_too_long(article.input, len(article.text), limits))
                continue
            result.articles.append(with_unique_id(article, used, part.notices))
        result.skipped.extend(part.skipped)
        result.notices.extend(part.notices)
    if not result.articles:
        reasons = "; ".join(f"{s.input}: {s.reason}" for s in result.skipped[:5])
        raise UploadError(_status_of(result.skipped),
                          f"No usable article ({len(result.skipped)} inputs skipped: {reasons}).",
                          tuple(result.skipped))
    return result
