"""Which of two articles that share text is derived: a small weighted vote of dated, wire and
wording signals, each with the words that give it.

Every signal says which article is the *later* one (the derived version; where two outlets print
the same copy, the later printing) and what that is worth:

- **publication dates** (the article's date, or the date line at the top of its text: "July 03,
  2013 6:22AM", "Posted: Tue, Mar 5 2013"): ``decisive_days`` (2) apart or more decides on its
  own; one day apart is strong but not decisive (time zones); on the same day, the times of day
  printed on both (in UTC where both name their zone) are weak evidence.  A later date that is
  an "Updated" stamp counts one step less (the page may have been published earlier);
- **wire versions**: a higher write-through number ("2nd Ld-Writethru" after "1st Ld") is
  strong; an update or pick-up note on one article only ("UPDATES with", "RECASTS", "(Adds
  ...)", "4th graf pvs") is weak: it says the article rewrites *an* earlier version, which may
  not be the other one;
- **credit lines** ("This story originally appeared in ..."): the crediting article is the copy
  (strong);
- **wording** that only a later version writes ("police had earlier reported", "raised the death
  toll"): weak.

Decisive (3), strong (2) and weak (1) votes are combined in :func:`decide`: a decisive vote
decides; otherwise one side wins when the other has no vote, or at most half its weight; else
the signals disagree and the answer is ``None`` with both sides' evidence.

Signals tried on reuse-dev (``benchmarks/bench_reuse.py``) and left out: containment (the
article more of which lies in the shared text is the copy; an expanded write-through contains
its earlier version while a brief cut from a long story is contained in it: wrong on 13 of 20
tune-half answers, a coin toss on the held-out half); higher counts of an evolving total (right
on the few tune-half cases, wrong 9 times in 11 on the held-out half, where a toll was revised
down); full dates mentioned in the body (mostly dates of coming events).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from newsweave.lang.dates import PrintedDate, date_line
from newsweave.model import Article, Span

# A line that credits another outlet with the text: syndication leaves it, an original has none.
_CREDIT = re.compile(
    r"\b(?:originally (?:appeared|published|ran|posted)|first (?:appeared|published|ran)|"
    r"(?:re)?published (?:here )?(?:with|by) (?:permission|arrangement)|republished|reprinted|"
    r"syndicated (?:by|from|through)|distributed by|(?:this|the) (?:story|article|report) "
    r"(?:is )?(?:from|courtesy of|provided by))\b",
    re.IGNORECASE,
)
# A numbered version of a wire story: AP "2nd Ld-Writethru", "1st Ld", "Ld-Writethru",
# "Writethru"; Reuters "UPDATE 2-" (tried when "Ld", "rite" or "UPDATE" is in the text).
_WRITETHRU = re.compile(
    r"\b(?:(?P<n>\d{1,2})(?:st|nd|rd|th)\s+)?(?:Ld-Writethru|Ld\b|Writethru|Write-thru|"
    r"Writethrough)|\bUPDATE\s+(?P<u>\d{1,2})\s*-"
)
# Notes that say this version rewrites an earlier one: "Eds: UPDATES with ...", "(Adds comment
# from ...)", "RECASTS", "CORRECTS", "4th graf pvs" (AP: the previous version picks up there).
# Each pattern is tried only when its key word is in the text (a scan per pattern is cheap, one
# alternation of all of them at every word is not).
_VERSION_NOTES = (
    (("UPDATES", "RECASTS", "CORRECTS", "REFILES", "REWRITES", "WRITES THROUGH"),
     re.compile(r"\b(?:UPDATES|RECASTS|CORRECTS|REFILES|REWRITES|WRITES THROUGH)\b")),
    (("(",), re.compile(r"\(\s*(?:Updates|Adds|Recasts|Corrects|Refiles|Rewrites|Writes "
                        r"through)\b[^()\n]{0,160}\)")),
    (("Eds:", "Ed:"), re.compile(r"\bEds?:[^\n]{0,80}?\b(?:updates?|adds?|recasts?|corrects?|"
                                 r"writes? through)\b")),
    (("graf",), re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)\s+)?grafs?(?:\s+\d{1,2})?,?\s+"
                           r"(?:pvs|prv|previous)\b|\b\d{1,2}(?:st|nd|rd|th)\s+grafs?\b")),
)
# Words only a later version of a story writes: it reports what was said before (tried when one
# of the key words is in the lower-cased text).
_LATER_KEYS = ("earlier", "initially", "originally", "previously", "raised", "revised",
               "lowered", "updated")
_LATER_WORDS = re.compile(
    r"\b(?:(?:had|have|has)\s+earlier\s+(?:reported|said|put|given|announced)|"
    r"earlier\s+(?:reports?|figures?|estimates?|tolls?)\s+(?:had|of|said|put|were|was)|"
    r"(?:initially|originally|previously)\s+(?:reported|said|put|gave|estimated)|"
    r"(?:raised|revised|lowered|updated)\s+(?:the\s+|its\s+|their\s+)?(?:death\s+)?"
    r"(?:toll|figures?|count|number|estimate))\b",
    re.IGNORECASE,
)

DECISIVE = 3
STRONG = 2
WEAK = 1


@dataclass(frozen=True)
class Published:
    """When an article says it was published: its date, and the time of day when printed.

    ``how`` is ``"metadata"`` (the article's date field) or ``"date line"`` (read from the top of
    its text); ``printed`` is the date line as read, when there is one (with the date field, only
    when it gives the same day).
    """

    date: dt.date
    how: Literal["metadata", "date line"]
    printed: PrintedDate | None = None

    @property
    def text(self) -> str:
        """The date (and time, with its zone) as the evidence shows it."""
        if self.printed is None or self.printed.minutes is None:
            return self.date.isoformat()
        hours, minutes = divmod(self.printed.minutes, 60)
        zone = f" {self.printed.zone}" if self.printed.zone else ""
        return f"{self.date.isoformat()} {hours:02d}:{minutes:02d}{zone}"

    @property
    def updated(self) -> bool:
        """Whether the date is an "Updated" stamp (the page may be older)."""
        return self.printed is not None and self.printed.updated


@dataclass(frozen=True)
class Provenance:
    """What one article says about when and how it was written, from that article alone.

    ``published``: its date (:class:`Published`); ``version``: its write-through number (0: no
    number) and ``version_note``: an update or pick-up note, with the words that say so;
    ``credit``: a line crediting another outlet with the text; ``later_note``: words that report
    an earlier figure or version ("police had earlier reported").  Picklable.
    """

    article_id: str
    published: Published | None
    version: int
    version_text: str
    version_note: str
    credit: Span | None
    later_note: str


@dataclass(frozen=True)
class Vote:
    """One signal's say on a pair: which article is later (``later``: 0 for the first, 1 for
    the second), its weight (3 decisive, 2 strong, 1 weak), the signal's name and the words
    that give it."""

    later: int
    weight: int
    signal: str
    evidence: str


def credit_line(article: Article) -> Span | None:
    """Return the first line of ``article`` that credits another outlet with its text, if any.

    Takes an article; returns the span of a content paragraph or removed line such as "This
    story originally appeared in ..." or "Republished with permission", else ``None``.
    """
    lines = sorted([*article.paragraphs, *(r.span for r in article.removed)],
                   key=lambda s: s.start)
    for line in lines:
        if _CREDIT.search(line.text):
            return line
    return None


def published(article: Article, lines: int = 4) -> Published | None:
    """Return when ``article`` says it was published, or ``None``.

    Takes an article and how many lines at the top of its text to search for a date line
    (0: none); returns its date field (with the time of day of a date line of the same day,
    when the text has one), else the date of its date line
    (:func:`newsweave.lang.dates.date_line`), else ``None``.
    """
    printed = date_line(article.text, lines) if lines else None
    if article.date is not None:
        same = printed if printed is not None and printed.date == article.date else None
        return Published(article.date, "metadata", same)
    if printed is None:
        return None
    return Published(printed.date, "date line", printed)


def provenance(article: Article, lines: int = 4) -> Provenance:
    """Return what ``article`` says about when and how it was written (:class:`Provenance`).

    Takes an article and how many lines at its top may hold its date line; reads its date,
    write-through number, update or pick-up note, credit line and later-version wording.
    """
    version, version_text = 0, ""
    wire = any(k in article.text for k in ("Ld", "rite", "UPDATE"))
    for match in _WRITETHRU.finditer(article.text) if wire else ():
        number = int(match.group("n") or match.group("u") or 1)
        if number > version:
            version, version_text = number, match.group().strip()
    notes = [m for keys, pattern in _VERSION_NOTES if any(k in article.text for k in keys)
             for m in [pattern.search(article.text)] if m is not None]
    note = min(notes, key=lambda m: m.start(), default=None)
    lowered = article.text.lower()
    later = (_LATER_WORDS.search(article.text) if any(k in lowered for k in _LATER_KEYS)
             else None)
    return Provenance(
        article_id=article.id,
        published=published(article, lines),
        version=version,
        version_text=version_text,
        version_note=note.group().strip() if note else "",
        credit=credit_line(article),
        later_note=later.group() if later else "",
    )


def date_vote(a: Provenance, b: Provenance, decisive_days: int = 2,
              min_minutes: int = 60) -> Vote | None:
    """The publication dates' vote on a pair (``None`` when they do not tell).

    Takes both articles' provenance, the difference in days that decides on its own and the
    difference in time of day that counts on one day.  Dates at least ``decisive_days`` apart
    are decisive, one day apart strong, times of day on the same date (both printed, compared
    in UTC when both name their zone, as printed when neither does) weak.  A numeric date whose
    day-first reading would not keep the order counts as one day apart at most; a later date
    that is an "Updated" stamp counts one step less.
    """
    pa, pb = a.published, b.published
    if pa is None or pb is None:
        return None
    days = (pb.date - pa.date).days
    if days == 0:
        later = _later_time(pa, pb, min_minutes)
        if later is None:
            return None
        weight = WEAK
        signal = "time"
    else:
        later = 1 if days > 0 else 0
        weight = DECISIVE if abs(days) >= decisive_days else STRONG
        signal = "date"
        if weight == DECISIVE and not _holds_swapped(pa, pb, later, decisive_days):
            weight = STRONG
    first, second = (pa, pb) if later == 1 else (pb, pa)
    if second.updated:
        weight -= 1
    if weight <= 0:
        return None
    ids = (a.article_id, b.article_id)
    note = ""
    if signal == "date" and abs(days) == 1:
        note = " (one day apart)"
    elif weight == STRONG and abs(days) >= decisive_days:
        note = " (a numeric date read the other way round would bring them closer)"
    if second.updated:
        note += f" ({ids[later]}'s date is an update stamp)"
    evidence = (f"{ids[later]} dated {second.text} ({second.how}), {ids[1 - later]} "
                f"{first.text}{note}")
    return Vote(later, weight, signal, evidence)


def _holds_swapped(pa: Published, pb: Published, later: int, days: int) -> bool:
    """Whether the order holds by ``days`` under every reading of ambiguous numeric dates."""
    da = [pa.date] + ([pa.printed.swapped] if pa.printed and pa.printed.swapped else [])
    db = [pb.date] + ([pb.printed.swapped] if pb.printed and pb.printed.swapped else [])
    sign = 1 if later == 1 else -1
    return all(sign * (y - x).days >= days for x in da for y in db)


def _later_time(pa: Published, pb: Published, min_minutes: int) -> int | None:
    """Of two pages dated the same day, the one printed at a later time (0 or 1), if clear."""
    ta, tb = pa.printed, pb.printed
    if ta is None or tb is None or ta.minutes is None or tb.minutes is None:
        return None
    if ta.zone and tb.zone:
        ua, ub = ta.utc_minutes(), tb.utc_minutes()
    elif not ta.zone and not tb.zone:
        ua, ub = float(ta.minutes), float(tb.minutes)
    else:
        return None
    if ua is None or ub is None or abs(ub - ua) < min_minutes:
        return None
    return 1 if ub > ua else 0


def version_vote(a: Provenance, b: Provenance) -> Vote | None:
    """The wire notes' vote: the higher write-through number is later (strong); failing that,
    the only one of the two with an update or pick-up note (weak: it rewrites *an* earlier
    version).  ``None`` when they say the same."""
    ids = (a.article_id, b.article_id)
    if a.version != b.version:
        later = 1 if b.version > a.version else 0
        marked, other = (b, a) if later else (a, b)
        other_text = f"“{other.version_text}”" if other.version else "no write-through number"
        return Vote(later, STRONG, "wire", f"{ids[later]} carries “{marked.version_text}”, "
                                           f"{ids[1 - later]} {other_text}")
    if bool(a.version_note) == bool(b.version_note):
        return None
    later = 0 if a.version_note else 1
    note = (a, b)[later].version_note
    return Vote(later, WEAK, "wire", f"{ids[later]} carries “{note}” (a rewrite of an earlier "
                                     f"version); {ids[1 - later]} has no such note")


def credit_vote(a: Provenance, b: Provenance) -> Vote | None:
    """The credit lines' vote: an article crediting another outlet with its text is the copy
    (strong); ``None`` when both or neither do."""
    if (a.credit is None) == (b.credit is None):
        return None
    later = 0 if a.credit is not None else 1
    credited, other = (a, b) if later == 0 else (b, a)
    line = credited.credit
    assert line is not None
    return Vote(later, STRONG, "credit", f"{credited.article_id} credits another source "
                                         f"(“{line.text[:80]}”); {other.article_id} does not")


def wording_vote(a: Provenance, b: Provenance) -> Vote | None:
    """The vote of words only a later version writes ("police had earlier reported"): the
    article that has them, when the other does not, is later (weak)."""
    if bool(a.later_note) == bool(b.later_note):
        return None
    later = 0 if a.later_note else 1
    who = (a, b)[later]
    return Vote(later, WEAK, "wording", f"{who.article_id} reports an earlier version "
                                        f"(“{who.later_note}”)")


def votes(a: Provenance, b: Provenance, decisive_days: int = 2,
          min_minutes: int = 60) -> list[Vote]:
    """Return every signal's vote on the pair ``(a, b)``, strongest first.

    Takes both articles' provenance and the date settings of :func:`date_vote`.
    """
    found = [date_vote(a, b, decisive_days, min_minutes), version_vote(a, b),
             credit_vote(a, b), wording_vote(a, b)]
    return sorted((v for v in found if v is not None), key=lambda v: -v.weight)


def decide(a: Provenance, b: Provenance, cast: list[Vote]) -> tuple[str | None, str]:
    """Combine the votes on ``(a, b)``: return the derived article's id (or ``None``) and why.

    A decisive vote decides (what speaks against it is listed).  Otherwise a side wins when the
    other has no vote, or at most half its weight; else the signals disagree and the answer is
    ``None``, with each side's evidence.  No vote at all is ``None`` too.
    """
    ids = (a.article_id, b.article_id)
    if not cast:
        return None, ("the evidence does not decide: no publication dates or times that "
                      "differ, no write-through, update or credit notes, no later-version "
                      "wording (containment does not tell a brief from an expanded version)")
    decisive = [v for v in cast if v.weight == DECISIVE]
    weight = [sum(v.weight for v in cast if v.later == side) for side in (0, 1)]
    if decisive:
        winner = decisive[0].later
    elif weight[0] != weight[1]:
        winner = 0 if weight[0] > weight[1] else 1
    else:
        winner = -1
    if winner < 0 or not (decisive or 2 * weight[1 - winner] <= weight[winner]):
        return None, "the signals disagree: " + "; ".join(
            f"{ids[v.later]} is later by {v.signal} ({v.evidence})" for v in cast)
    text = "; ".join(v.evidence for v in cast if v.later == winner)
    against = [v.evidence for v in cast if v.later != winner]
    if against:
        text += " (against it: " + "; ".join(against) + ")"
    return ids[winner], text
