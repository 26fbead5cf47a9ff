"""A fixed set of character spans that answers "is this offset inside one?" in log time.

The quote and speaker rules ask that question for every name, cue and clause of an article;
scanning the list of quoted spans each time made an article with thousands of quotes cost the
square of its length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence


class SpanSet:
    """Half-open spans ``[start, end)`` merged into sorted disjoint runs."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(s for s in spans if s[1] > s[0]):
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        self._starts = starts
        self._ends = ends

    def covers(self, position: int) -> bool:
        """Whether ``position`` lies inside one of the spans."""
        i = bisect_right(self._starts, position) - 1
        return i >= 0 and position < self._ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares at least one character with one of the spans."""
        i = bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end and start < end

    def __len__(self) -> int:
        return len(self._starts)


_WORD_RUN = re.compile(r"\w+")


class WordPositions:
    """Where each word (a maximal run of word characters) of one text starts.

    Finding every occurrence of many names by scanning the text once per name costs the
    number of names times the text; looking each name up here and confirming it with its own
    pattern at those few offsets costs the text once plus the matches.
    """

    __slots__ = ("_positions", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        positions: dict[str, list[int]] = {}
        for match in _WORD_RUN.finditer(text):
            positions.setdefault(match.group(), []).append(match.start())
        self._positions = positions
        self._starts: tuple[Sequence[tuple[int, int]], list[int]] | None = None

    def _starts_of(self, within: Sequence[tuple[int, int]]) -> list[int]:
        """The starts of ``within`` (kept for the last ranges asked about: callers ask about
        one article's paragraphs name after name)."""
        if self._starts is None or self._starts[0] is not within:
            self._starts = (within, [start for start, _ in within])
        return self._starts[1]

    def matches(self, pattern: re.Pattern[str], word: str,
                within: Sequence[tuple[int, int]] | None = None) -> Iterator[re.Match[str]]:
        """Yield the matches of ``pattern`` that start where ``word`` starts, in text order,
        with offsets into the whole text.

        ``pattern`` must match only at the start of ``word`` as written (its first word run
        whole).  With ``within`` (sorted, disjoint ranges such as the paragraphs), a match
        must start inside a range and is made as if the text ended with that range.  A word
        with no word character is looked for by a plain scan.
        """
        lead = _WORD_RUN.match(word)
        if lead is None:
            if within is None:
                yield from pattern.finditer(self.text)
            else:
                for start, end in within:
                    yield from pattern.finditer(self.text, start, end)
            return
        positions = self._positions.get(lead.group(), ())
        starts = self._starts_of(within) if within is not None and positions else []
        for position in positions:
            end = len(self.text)
            if within is not None:
                k = bisect_right(starts, position) - 1
                if k < 0 or position >= within[k][1]:
                    continue
                end = within[k][1]
            found = pattern.match(self.text, position, end)
            if found is not None:
                yield found
