"""Bytes to text: encoding detection, binary refusal, mojibake repair.

Each function returns what it decided and why, so that the caller can report it; nothing here
raises on bad input.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from newsweave.errors import Code

_MOJIBAKE = re.compile(
    r"(?:â€[\x80-\xbf™œ\x9d˜“”¦¢]|Ã[\x80-\xbf©¨¡¢£¤¥¦§ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿]|Â[\xa0-\xbf])"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    """The outcome of decoding one input: text (or None) plus codes and messages."""

    text: str | None
    skip: tuple[Code, str] | None = None
    notices: tuple[tuple[Code, str], ...] = ()


# Signatures of common binary formats, to name what a refused file is.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x1f\x8b", "gzip-compressed data", "decompress it first"),
    (b"PK\x03\x04", "a ZIP archive or an Office document", "extract its text first"),
    (b"%PDF-", "a PDF document", "extract its text first"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", ""),
    (b"\xff\xd8\xff", "a JPEG image", ""),
    (b"GIF87a", "a GIF image", ""),
    (b"GIF89a", "a GIF image", ""),
    (b"BZh", "bzip2-compressed data", "decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed data", "decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "extract its text first"),
    (b"\x7fELF", "an executable program", ""),
    (b"SQLite format 3\x00", "an SQLite database", ""),
)
_TEXT_BYTES = frozenset(range(32, 127)) | {9, 10, 13}
# How much of the start of an input is examined to tell text from binary.
_HEAD_BYTES = 8192


def _binary_kind(data: bytes) -> tuple[str, str] | None:
    """Return (what the data is, what to do about it) for a known binary signature, else None.

    bzip2's ``BZh`` is only taken with the block header that follows it, so that a text
    starting with those three letters is not refused.
    """
    for signature, kind, hint in _SIGNATURES:
        if data.startswith(signature):
            if signature == b"BZh" and data[4:10] != b"1AY&SY":
                continue
            return kind, hint
    return None
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def _looks_binary(data: bytes) -> bool:
    head = data[:_HEAD_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))  # what is left: the control bytes
    return controls > len(head) * 0.05


def utf16_without_bom(data: bytes) -> str | None:
    """Return ``"utf-16-le"`` or ``"utf-16-be"`` when ``data`` is UTF-16 text without a
    byte-order mark, else None.

    Recognised by the NUL pattern of text that is mostly Latin script: in UTF-16 every such
    character has one NUL byte, at odd offsets (little-endian) or even ones (big-endian), while
    the other byte of the pair is printable.  At least 70 % of the code units of the first
    8 KiB must have that shape, hardly any the reverse, and the whole input must decode
    strictly to printable text with spaces between words; an array of small binary numbers
    (NULs at every second byte too) fails that test, UTF-32 (NULs on both sides) the shape test.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    head = data[:_HEAD_BYTES]
    even, odd = head[0::2], head[1::2]
    units = len(odd)
    for encoding, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        latin = sum(1 for h, lo in zip(high, low, strict=True) if h == 0 and lo in _TEXT_BYTES)
        if latin < units * 0.7 or low.count(0) > units * 0.02:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            return None
        sample = text[:_HEAD_BYTES]
        printable = sum(1 for ch in sample if ch.isprintable() or ch in "\t\n\r")
        spaces = sum(1 for ch in sample if ch.isspace())
        if (printable >= len(sample) * 0.95 and spaces >= len(sample) * 0.03
                and any(ch.isalpha() for ch in sample)):
            return encoding
        return None
    return None


def repair_mojibake(text: str) -> str | None:
    """Return ``text`` with UTF-8-read-as-cp1252 mojibake undone, or None if it has none.

    Each run of suspicious characters is re-encoded as cp1252 and decoded as UTF-8; runs that do
    not round-trip are left as they are.
    """
    if not _MOJIBAKE.search(text):
        return None

    def fix(match: re.Match[str]) -> str:
        chunk = match.group()
        for enc in ("cp1252", "latin-1"):
            try:
                return chunk.encode(enc).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
        return chunk

    repaired = re.sub(r"[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                      r"\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
                      r"\u2039\u203a\u20ac\u2122]{1,3}", fix, text)
    return repaired if repaired != text else None


def decode_bytes(data: bytes) -> Decoded:
    """Decode an input's bytes to text, choosing the encoding and saying what was done.

    UTF-8 (with or without BOM) and UTF-16 with BOM are read as such, UTF-16 without BOM too
    (with a notice) where :func:`utf16_without_bom` recognises it; anything else that is not
    valid UTF-8 is read as Windows-1252 (a superset of Latin-1 for printable text) with a notice.
    Binary data (named where its signature is known: gzip, ZIP, PDF, images ...) and empty input
    are refused.  Newlines are normalised to ``\\n``; control characters are replaced by spaces
    (offsets are kept) with a notice.
    """
    if not data.strip():
        return Decoded(None, skip=(Code.E_EMPTY, "the file is empty or holds only whitespace"))
    notices: list[tuple[Code, str]] = []
    kind = _binary_kind(data)
    has_bom = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    utf16 = None if kind or has_bom else utf16_without_bom(data)
    if utf16 is not None:
        text = data.decode(utf16)
        order = "little" if utf16 == "utf-16-le" else "big"
        notices.append((Code.W_ENCODING, f"decoded as UTF-16 {order}-endian without a "
                        "byte-order mark (recognised by its NUL bytes)"))
    elif kind is not None or _looks_binary(data):
        what, hint = kind or ("", "")
        return Decoded(None, skip=(Code.E_BINARY, "the file is binary"
                                   + (f" ({what})" if what else "") + ", not text"
                                   + (f": {hint}" if hint else "")))
    elif has_bom:
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return Decoded(None, skip=(Code.E_UNREADABLE, f"invalid UTF-16: {exc.reason}"))
        notices.append((Code.W_ENCODING, "decoded as UTF-16 (byte-order mark found)"))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:  # bytes cp1252 leaves undefined: plain Latin-1
                text = data.decode("latin-1")
            notices.append(
                (
                    Code.W_ENCODING,
                    f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                    "decoded as Windows-1252/Latin-1",
                )
            )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    repaired = repair_mojibake(text)
    if repaired is not None:
        notices.append((Code.W_MOJIBAKE, "mojibake (UTF-8 read as Windows-1252) repaired"))
        text = repaired
    if _CONTROL.search(text):
        count = len(_CONTROL.findall(text))
        text = _CONTROL.sub(" ", text)
        notices.append((Code.W_CONTROL_CHARS, f"{count} control characters replaced by spaces"))
    if not text.strip():
        return Decoded(None, skip=(Code.E_EMPTY, "the file holds no visible text"))
    return Decoded(text, notices=tuple(notices))
