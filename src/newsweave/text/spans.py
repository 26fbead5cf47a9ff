"""A fixed set of character spans that answers "is this offset inside one?" in log time.

The quote and speaker rules ask that question for every name, cue and clause of an article;
scanning the list of quoted spans each time made an article with thousands of quotes cost the
square of its length.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


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
