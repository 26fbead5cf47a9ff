"""Month and weekday names and the abbreviations news writes for them, and the full dates (with
their time of day) that pages print: :func:`printed_dates`, :func:`date_line`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

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


# ----------------------------------------------------------------------------- printed dates
# A full date as news pages print it: "July 28, 2004", "Sun., Aug. 4, 2013", "28 July 2004",
# "18th September 2013", "2/3/2009" (US order unless the first number is over 12), "14.09.2013"
# (day first), "04/28/09", "2012-02-29".  A time of day printed beside it ("6:22AM", "7:32
# p.m. ET", "22.34 BST", "13:38 GMT") is read too.
_MONTH_ALTERNATION = "|".join(sorted(MONTH_NAMES, key=len, reverse=True))
_PRINTED_DATE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<m1>" + _MONTH_ALTERNATION + r")\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>" + _MONTH_ALTERNATION + r")\.?,?\s+"
    r"(?P<y2>\d{4})"
    r"|(?P<a3>\d{1,2})(?P<sep>[/.])(?P<b3>\d{1,2})(?P=sep)(?P<y3>\d{4}|\d\d)"
    r"|(?P<y4>\d{4})-(?P<m4>\d\d)-(?P<d4>\d\d)"
    r")(?!(?!T\d)[\w/]|\.\d)",  # "2012-02-29T10:00" is a date (ISO time after it)
    re.IGNORECASE,
)
# Hours to add to UTC to get each zone's clock time (standard time; summer time is an hour
# off, within what a comparison of two pages' times allows for).
ZONE_OFFSETS: dict[str, float] = {
    "et": -5, "est": -5, "edt": -4, "ct": -6, "cst": -6, "cdt": -5, "mt": -7, "mst": -7,
    "mdt": -6, "pt": -8, "pst": -8, "pdt": -7, "gmt": 0, "utc": 0, "bst": 1, "cet": 1,
    "cest": 2, "aest": 10, "aedt": 11, "ist": 5.5, "wib": 7,
}
_CLOCK = re.compile(
    r"(?<![\w:.])(?P<h>\d{1,2})(?:(?P<colon>:)|\.)(?P<m>\d\d)(?::\d\d)?(?![\d:])"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\b\.?|[ap](?!\w)))?"
    r"(?:\s*\(?(?P<zone>" + "|".join(sorted(ZONE_OFFSETS, key=len, reverse=True)) + r")\b)?",
    re.IGNORECASE,
)
# Words a date line may hold beside its date and time: labels, weekdays, "at", "on".
_DATE_LINE_WORDS = frozenset(
    "posted published updated last modified created date dated filed issued release "
    "originally first on at by in am pm a p m the".split()
) | frozenset(WEEKDAYS) | frozenset(w[:3] for w in WEEKDAYS) | frozenset(
    ("tues", "wed", "thur", "thurs")) | frozenset(ZONE_OFFSETS)
_UPDATED = re.compile(r"\b(?:updated|modified|revised)\b", re.IGNORECASE)
_POSTED = re.compile(r"\b(?:posted|published|updated|filed)\b", re.IGNORECASE)
_LINE_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class PrintedDate:
    """A calendar date written in a text, and the time of day printed beside it, if any.

    ``start``/``end`` index the date (and its time) in the text; ``minutes`` is the time as
    printed (minutes after midnight, local to the page), ``zone`` its time zone when written
    ("ET", "GMT"); ``swapped`` is the date read the other way round when a numeric date could
    be read month-first or day-first ("2/3/2009": US month-first order is ``date``);
    ``updated`` marks a date the line calls an update ("Updated: ...").
    """

    date: dt.date
    start: int
    end: int
    minutes: int | None = None
    zone: str | None = None
    swapped: dt.date | None = None
    updated: bool = False

    def utc_minutes(self) -> float | None:
        """Return the printed time in minutes after midnight UTC (``None`` without a zone)."""
        if self.minutes is None or self.zone is None:
            return None
        return self.minutes - 60 * ZONE_OFFSETS[self.zone.lower()]


def _valid(year: int, month: int | None, day: int) -> dt.date | None:
    if month is None or not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date_of(match: re.Match[str]) -> tuple[dt.date, dt.date | None] | None:
    """The date of a ``_PRINTED_DATE`` match and its day-first reading when that differs."""
    groups = match.groupdict()
    if groups["m1"]:
        found = _valid(int(groups["y1"]), month_number(groups["m1"]), int(groups["d1"]))
    elif groups["m2"]:
        found = _valid(int(groups["y2"]), month_number(groups["m2"]), int(groups["d2"]))
    elif groups["a3"]:
        first, second, year = int(groups["a3"]), int(groups["b3"]), int(groups["y3"])
        if len(groups["y3"]) == 2:
            year += 2000 if year < 70 else 1900
        if groups["sep"] == ".":  # "14.09.2013": day first
            found = _valid(year, second, first)
        else:
            month_first, day_first = _valid(year, first, second), _valid(year, second, first)
            if month_first is None:  # "14/09/2013"
                found = day_first
            else:
                swapped = day_first if day_first != month_first else None
                return month_first, swapped
    else:
        found = _valid(int(groups["y4"]), int(groups["m4"]), int(groups["d4"]))
    return None if found is None else (found, None)


def _clock_near(line: str, start: int, end: int, reach: int = 40) -> re.Match[str] | None:
    """The time of day printed within ``reach`` characters after (or else before) the date at
    ``line[start:end]``."""
    for match in _CLOCK.finditer(line, end):
        if match.start() - end > reach:
            break
        if _is_clock(match):
            return match
    before = [m for m in _CLOCK.finditer(line[:start], max(0, start - reach)) if _is_clock(m)]
    return before[-1] if before else None


def _is_clock(match: re.Match[str]) -> bool:
    """Whether a ``_CLOCK`` match reads as a time (a dot needs am/pm or a zone: not "1.50")."""
    hour, minute = int(match.group("h")), int(match.group("m"))
    if minute > 59 or hour > 23 or (match.group("ampm") and not 1 <= hour <= 12):
        return False
    return bool(match.group("colon") or match.group("ampm") or match.group("zone"))


def _minutes(match: re.Match[str]) -> int:
    hour, minute = int(match.group("h")), int(match.group("m"))
    half = (match.group("ampm") or "").lower()[:1]
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return 60 * hour + minute


def printed_dates(text: str, offset: int = 0) -> list[PrintedDate]:
    """Return every full date (day, month and year) written in ``text``, in text order.

    Takes a text (and the offset of its first character in a longer text, added to the
    returned offsets); returns a :class:`PrintedDate` per date, with the time of day printed
    beside it on the same line when there is one.  Partial dates ("Dec. 24", "March 2013") are
    not returned: they cannot be compared across pages without guessing the year.
    """
    found: list[PrintedDate] = []
    for match in _PRINTED_DATE.finditer(text):
        parsed = _date_of(match)
        if parsed is None:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : len(text) if line_end < 0 else line_end]
        clock = _clock_near(line, match.start() - line_start, match.end() - line_start)
        start, end = match.start(), match.end()
        minutes = zone = None
        if clock is not None:
            minutes, zone = _minutes(clock), clock.group("zone")
            start = min(start, line_start + clock.start())
            end = max(end, line_start + clock.end())
        updated = bool(_UPDATED.search(line[: match.start() - line_start]))
        found.append(PrintedDate(date=parsed[0], start=start + offset, end=end + offset,
                                 minutes=minutes, zone=zone.upper() if zone else None,
                                 swapped=parsed[1], updated=updated))
    return found


def date_line(
    text: str, lines: int = 4, max_other_words: int = 2, after_label: int = 12
) -> PrintedDate | None:
    """Return the date of the date line at the top of ``text`` (when the page says it was
    published), or ``None``.

    Takes a text, how many of its first non-blank lines to search, and how many words a date
    line may hold beside its date, time, weekday and labels ("Posted:", "Updated", "at"; a
    source such as "AFP,"): ``max_other_words``, or ``after_label`` when a posting label comes
    before the date ("posted in Local News on Friday, May 6, 2016").  Returns the first date
    found on such a line.  A date inside a sentence of the story ("was killed on Oct. 21, 2011
    while ...") is the date of an event, not of the page, and is not returned.
    """
    position = 0
    seen = 0
    while seen < lines and position < len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        line = text[position:end]
        if line.strip():
            seen += 1
            for found in printed_dates(line, position):
                rest = line[: found.start - position] + " " + line[found.end - position :]
                other = [w for w in _LINE_WORD.findall(rest)
                         if w.lower().rstrip(".") not in _DATE_LINE_WORDS]
                label = _POSTED.search(line[: found.start - position])
                if len(other) <= (after_label if label else max_other_words):
                    return found
        position = end + 1
    return None
