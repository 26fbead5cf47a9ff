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


_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))  # what is left: the control bytes
    return controls > len(head) * 0.05


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

    UTF-8 (with or without BOM) and UTF-16 with BOM are read as such; anything else that is not
    valid UTF-8 is read as Windows-1252 (a superset of Latin-1 for printable text) with a notice.
    Binary data and empty input are refused.  Newlines are normalised to ``\\n``; control
    characters are replaced by spaces (offsets are kept) with a notice.
    """
    if not data.strip():
        return Decoded(None, skip=(Code.E_EMPTY, "the file is empty or holds only whitespace"))
    if _looks_binary(data):
        return Decoded(None, skip=(Code.E_BINARY, "the file is binary, not text"))
    notices: list[tuple[Code, str]] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
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
