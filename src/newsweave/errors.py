"""Error and warning codes, in one place.

Library code never prints and never exits: a failure on one input becomes a
:class:`~newsweave.model.Skipped` (the input was not used) or a
:class:`~newsweave.model.Notice` (it was used, with a caveat), each carrying one of these codes
and a message that names the input and the reason.  Errors that concern the whole run (no usable
input at all, a bad setting) are raised as :class:`NewsweaveError`.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """Codes of skips (``E``) and notices (``W``)."""

    E_NOT_FOUND = "E001"
    E_UNREADABLE = "E002"
    E_EMPTY = "E003"
    E_BINARY = "E004"
    E_TOO_LARGE = "E005"
    E_NO_TEXT = "E006"
    E_BAD_JSON = "E007"
    E_NOT_ENGLISH = "E008"
    E_UNSUPPORTED = "E009"
    E_DUPLICATE_ID = "E010"
    W_ENCODING = "W001"
    W_MOJIBAKE = "W002"
    W_UNBALANCED_QUOTE = "W003"
    W_CONTROL_CHARS = "W004"
    W_NO_PARAGRAPHS = "W005"
    W_LONG_SENTENCE = "W006"
    W_RENAMED = "W007"


class NewsweaveError(Exception):
    """An error that stops a whole run (e.g. no usable article, invalid settings)."""


class NoArticlesError(NewsweaveError):
    """Raised when none of the inputs yields a usable article."""


class SettingsError(NewsweaveError):
    """Raised for an unknown setting or a value out of range."""


class StoreError(NewsweaveError):
    """Raised when the corpus database cannot be used: locked, corrupt, not a file, read-only,
    or written by a newer newsweave.  The message names the file and the reason."""
