"""Month and weekday names and the abbreviations news writes for them."""

from __future__ import annotations

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# AP and common abbreviations (May, June and July are not abbreviated).
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                       "nov", "dec")
MONTH_NAMES = frozenset(MONTHS) | frozenset(MONTH_ABBREVIATIONS)


def month_number(word: str) -> int | None:
    """Return 1-12 for a month's name or abbreviation ("Sept.", "october"), else None."""
    key = word.lower().rstrip(".")
    if key in MONTHS:
        return MONTHS.index(key) + 1
    if key in MONTH_ABBREVIATIONS:
        return 9 if key == "sept" else next(k + 1 for k, m in enumerate(MONTHS) if m[:3] == key)
    return None


def capitalised(words: tuple[str, ...]) -> str:
    """Return a regex alternation of ``words`` capitalised ("Monday|Tuesday|…")."""
    return "|".join(w.capitalize() for w in words)
