"""Direct quotations: find quote regions and attribute each quote to its speaker.

Quote marks are paired per paragraph: ``“`` opens and ``”`` closes, ``"`` toggles, ``«``/``»``
open/close; a stray ``”`` right before a letter opens (a common typo).

**The repair rule for unbalanced marks** (never an exception): a quote still open at the end of a
paragraph runs to the end of that paragraph.  When the next paragraph opens with a quote mark,
this is the news convention for a quotation that goes on over several paragraphs, and the two
regions are parts of one quote.  Otherwise the mark is unbalanced: the quote is kept, flagged
``open_ended`` and a notice (W003) names the article and the paragraph.

Attribution, first rule that applies (each quote records which):

1. ``cue-after`` / ``cue-before`` / ``according-to``: a cue verb ("said", "told", "added",
   "tweeted", ...) with a speaker in either order right after the closing mark (``”, he said`` /
   ``”, said the actor``) or right before the opening mark (``Ruffalo added, “``), or
   "according to X"; ``dash-credit``: a quote followed by ``― Name`` at the paragraph's end;
   ``speaker-label``: a transcript line ``“PENCE: ...``.
2. ``cue-before`` (lead-in): a paragraph that is all quote after a sentence such as "Smith
   told reporters:" or "The Times reports:".
3. ``cue-in-sentence``: a cue with its speaker elsewhere in the quote's sentence ("A cashier
   who “steals” is held accountable, Warren said.").
4. ``sentence-subject``: a quote inside a sentence belongs to the sentence's subject
   ("Clinton called half of Trump's supporters “deplorables.”").
5. ``continuation``: a quote with no cue right after a quote of the same or the previous
   paragraph continues that speaker; otherwise the speaker is ``None`` (``unknown``).

Speaker phrases are resolved to people by :mod:`newsweave.people.speakers`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from newsweave.errors import Code
from newsweave.lang import (
    AUXILIARIES,
    CAUSATIVE_VERBS,
    COORDINATORS,
    CUE_VERBS_WITH_TEXTS,
    DETERMINERS,
    IRREGULAR_VERB_FORMS,
    LOCATIVE_PREPOSITIONS,
    NOUN_CUES,
    OPENING_PARTICIPLES,
    PARTICIPLES,
    PREPOSITIONS,
    RELATIVE_PRONOUNS,
    SENTENCE_ADVERBS,
    SPEECH_LEMMAS,
    SUBORDINATORS,
    TIME_WORDS,
    VERB_ADVERBS,
    WEEKDAYS,
    WH_WORDS,
    alternation,
    capitalised,
)
from newsweave.model import Article, AttributionRule, Notice, Quote, Span
from newsweave.people.speakers import (
    APPOSITIVE,
    NAME,
    ROLE_PREFIX,
    SPEAKER,
    Mention,
    Resolver,
    bad_speaker,
    cue_then_speaker,
    ends_sentence,
    is_description,
    sentence_breaks,
    speaker_then_cue,
    strip_title,
)
from newsweave.text.spans import SpanSet

_CUE_AFTER_SPEAKER_FIRST = re.compile(
    rf"^[\s,.;:!?—–-]*{ROLE_PREFIX}{speaker_then_cue(cues=CUE_VERBS_WITH_TEXTS)}\b"
)
_CUE_AFTER_CUE_FIRST = re.compile(rf"^[\s,.;:!?—–-]*{cue_then_speaker()}")
_ACCORDING_AFTER = re.compile(rf"^[\s,.;:—–-]*(?P<cue>according to)\s+(?P<speaker>{SPEAKER})")
_DASH_CREDIT = re.compile(rf"^\s*(?P<cue>[―—–]|--)\s*(?P<speaker>{NAME})\s*[.,]?\s*$")
_SPEAKER_LABEL = re.compile(r"^(?P<speaker>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,2}):\s")
_CUE_BEFORE = re.compile(rf"{speaker_then_cue()}(?:\s+[\w'’\-]+){{0,6}}?\s*[,:]?\s*$")
_CUE_LEAD_IN = re.compile(
    rf"^{ROLE_PREFIX}{speaker_then_cue(cues=CUE_VERBS_WITH_TEXTS)}\b[^.!?]{{0,80}}[.:]\s*$"
)
_ACCORDING = "[Aa]ccording to"
_ACCORDING_BEFORE = re.compile(rf"{cue_then_speaker(cues=_ACCORDING)}\s*[,:]\s*$")
_PARTICIPLE_BEFORE = re.compile(rf"(?P<speaker>{SPEAKER})\s+(?P<cue>{PARTICIPLES})\s*[,:]?\s*$")
# "Said Ellis: “…”".
_SAID_BEFORE = re.compile(rf"{cue_then_speaker(cues='[Ss]aid|[Ss]ays')}\s*[,:]\s*$")
# A cue anywhere in a sentence, either order: "…, Warren said." / "These employees, Stumpf
# explained, were …" / "…, said Jane Doe."
_CUE_IN_SENTENCE = re.compile(
    rf"(?:(?<![\w#]){speaker_then_cue()}\b"
    rf"|,\s*{cue_then_speaker('speaker2', 'cue2')}"
    rf"|{cue_then_speaker('speaker3', 'cue3', cues=_ACCORDING)})"
)
_NOT_VERBS = "(?:" + alternation(
    PREPOSITIONS | COORDINATORS | DETERMINERS | RELATIVE_PRONOUNS | frozenset({"than", "if"})
    # words ending like a verb that are none: "always", "news", "series", "is", "was", "has"
    | frozenset({"always", "news", "series", "is", "was", "has"})
) + ")"
# A word that looks like a verb: a regular ending or a common irregular past.
_VERB = (
    rf"(?!{_NOT_VERBS}\b)(?:[a-z][a-z\-]*(?:s|ed|ing)|{IRREGULAR_VERB_FORMS})\b"
)
# A group without a determiner, at a sentence's start: "Small groups of protesters",
# "Hundreds of residents".
_GROUP = (
    r"(?:[A-Z][a-z]+(?:\s+[a-z][\w\-]*)?\s+[a-z][\w\-]*s|Dozens|Hundreds|Thousands|Millions)"
    r"\s+of\s+(?:the\s+)?[a-z][\w\-]*"
)
# The subject of a sentence, after an optional introductory phrase: "At a rally in Ohio,
# Clinton called …", "But Trump is promising …".  The shortest role prefix is tried first.
# Words that open an introductory phrase before a sentence's subject ("In July, …", "Asked
# about it, …", "Meanwhile, …", "Although …, …").
_INTRO_WORDS = tuple(sorted((PREPOSITIONS | SUBORDINATORS) - WH_WORDS - {"so"}))
_OPENING_WORDS = tuple(sorted(
    frozenset(_INTRO_WORDS) | SENTENCE_ADVERBS | TIME_WORDS | OPENING_PARTICIPLES
    | frozenset(WEEKDAYS) | {"even"}, key=lambda w: (-len(w), w)))
_SUBJECT_HEAD = (
    # a dateline: "LONDON, Oct. 4 (Wire) — "
    r"^(?:[A-Z][A-Z.'\- ]+,[^#—–]{0,40}?\s(?:[—–]|--)\s+)?"
    rf"(?:(?:{capitalised(_OPENING_WORDS)}|[A-Z][a-z]+ly)\b"
    # a second introductory phrase may follow ("Following a meeting, late on Friday, …")
    # (a quote may end it: "After calling the plan “a mess,” she …", the mark's comma masked)
    r"[^,#]{0,160}(?:,|#{2,}(?=\s))\s+(?:[a-z][^,#]{0,60}(?:,|#{2,}(?=\s))\s+)?)?"
    r"(?:(?:But|And|Yet|So|Still|Also|Then|Though|Although|While|When|As|After|Before|Because|"
    r"If|Once|Since|Even)\s+)?"
    rf"{ROLE_PREFIX}?(?P<speaker>{_GROUP}|{SPEAKER})"
    # "Gov. Ann Lee of Ohio lauded …", "Citizens for Fair Taxes advocates …"
    r"(?:\s+(?:of|for)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
)


def _auxiliaries(most: int) -> str:
    """Up to ``most`` auxiliaries, "not" and adverbs before a verb ("has also", "was not")."""
    words = alternation(AUXILIARIES | VERB_ADVERBS | frozenset({"not"}))
    return rf"(?:(?:{words}|\w+ly)\s+){{0,{most}}}"


_AUXILIARIES = _auxiliaries(3)
_SUBJECT_START = re.compile(
    rf"{_SUBJECT_HEAD}{APPOSITIVE}\s+{_AUXILIARIES}"
    # the verb, or a clause set in before it: "Ann Lee, R-Ohio, despite admitting that …"
    rf"(?P<cue>{_VERB}|(?<=,\s)(?:despite|while|after|before|when|though|although)\b)"
)
# Two people as the subject take a verb in its base form: "Lee and Park call it “…”" (the
# first is credited).
_PAIR_SUBJECT = re.compile(
    rf"{_SUBJECT_HEAD}\s+and\s+{NAME}\s+{_AUXILIARIES}(?P<cue>(?!{_NOT_VERBS}\b)[a-z]+)\b"
)
# A quote after ", saying," (or "adding", "noting", …) belongs to the clause's subject, whatever
# the clause's verb: "Lee was defensive about the plan, saying, “…”".
_PARTICIPLE_LEAD = re.compile(rf",\s*(?:{PARTICIPLES})\b[^,#.;:!?]{{0,60}}?[,:]?\s*$")
_SUBJECT_OF_CLAUSE = re.compile(
    rf"{_SUBJECT_HEAD}{APPOSITIVE}\s+{_AUXILIARIES}"
    r"(?P<cue>is|was|are|were|has|had|have|seemed|seems|remained|remains|appeared|appears|"
    rf"{_VERB})"
)
_OPENERS = "“«„"
_CLOSERS = "”»"


@dataclass
class Region:
    """A stretch of one paragraph inside quote marks."""

    paragraph: int
    open_at: int  # offset of the opening mark (or of the content, for a continuation)
    start: int  # first character of the content
    end: int  # end of the content (exclusive)
    close_end: int  # offset after the closing mark (== end when open-ended)
    open_ended: bool


@dataclass
class _Cue:
    speaker_start: int
    speaker_end: int
    cue_start: int
    cue_end: int
    rule: AttributionRule


@dataclass
class _Draft:
    regions: list[Region] = field(default_factory=list)
    cue: _Cue | None = None


def find_regions(text: str, paragraphs: list[tuple[int, int]]) -> list[Region]:
    """Return the quote regions of the given paragraph ranges of ``text``, in order.

    Never raises; a region left open at a paragraph's end runs to that end (``open_ended``).
    Two layouts are read as one quotation: a straight mark that reopens the quote after a
    sentence end inside a paragraph (one-paragraph wire text: ``…rights. "You say…"``), and a
    quote carried over lines that have no marks to the line whose first mark closes it, or to
    a line that reopens it and is all quote (text set one sentence per line: the lines of the
    quote's first paragraph, then its next paragraph reopened as news does); the lines it runs
    over are regions of their own, open-ended.
    """
    regions: list[Region] = []
    carried_to: int | None = None  # the paragraph where a quote carried over lines closes
    reopened = False  # ... or where a mark reopens it
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        opener = ""
        width = 1
        if carried_to is not None and p_index < carried_to:
            end = _content_end(text, p_start, p_end)
            regions.append(Region(p_index, p_start, p_start, end, end, True))
            continue
        if carried_to is not None and not reopened:
            open_at, opener, width = p_start, '"', 0
        carried_to = None
        heading = _single_marked_line(text, p_start, p_end)
        if heading is not None and open_at is None:
            regions.append(Region(p_index, p_start, p_start + 1, heading, heading + 1, False))
            continue
        i = p_start
        while i < p_end:
            ch = text[i]
            # Typewriter forms: two apostrophes as a double quote (''...''), two backticks
            # as an opening one (``...'').
            pair = text[i : i + 2]
            mark = pair if pair in ("''", "``") else ch
            if open_at is None:
                single = (_single_opener(text, regions[-1].close_end if regions
                                         and regions[-1].paragraph == p_index else p_start, i)
                          if ch == '"' and mark == ch else None)
                if single is not None:
                    # opened with a single mark, closed with a double one
                    regions.append(Region(p_index, single, single + 1, i, i + 1, False))
                    i += 1
                    continue
                if ch in _OPENERS or ch == '"' or mark in ("''", "``"):
                    open_at, opener, width = i, mark, len(mark)
                elif ch in _CLOSERS and i + 1 < p_end and text[i + 1].isalpha():
                    open_at, opener, width = i, ch, 1  # stray closer used as an opener
            elif (ch in _CLOSERS or ch == '"' or mark == "''") and not (
                ch == '"' and opener in _OPENERS and text[i - 1 : i].isdigit()
            ) and not (ch == '"' and _reopens(text, i, p_end)):
                regions.append(Region(p_index, open_at, open_at + width, i, i + len(mark),
                                      False))
                open_at = None
                i += len(mark)
                continue
            i += len(mark) if open_at == i else 1
        if open_at is not None:
            end = max(open_at + width, _content_end(text, p_start, p_end))
            regions.append(Region(p_index, open_at, open_at + width, end, end, True))
            carried_to, reopened = _carried_to(text, paragraphs, p_index) or (None, False)
    return regions


_CARRY_LINES = 6  # how many lines without marks a quote may be carried over


def _content_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _closer_shaped(text: str, i: int, floor: int) -> bool:
    """Whether the straight mark at ``i`` reads as a closing one: against the word before it
    (``started."``), or, in text re-joined from tokens, after a comma or full stop and a space
    and before a lower-case word (``call, "he said``)."""
    prev = text[i - 1] if i > floor else ""
    nxt = text[i + 1 : i + 2]
    if prev and not prev.isspace():
        return not nxt.isalnum()
    return prev.isspace() and i - 2 >= floor and text[i - 2] in ",.!?" and nxt.islower()


_HEADING_WORDS = 12  # a line in single marks up to this long is a quote set as a heading


def _single_marked_line(text: str, start: int, end: int) -> int | None:
    """Where the content ends of a line that is one quote in single marks (a subheading that
    quotes the article: ``'Stronger than ever'``): the line opens with a single mark before a
    capital and closes with one, holds no other quote mark and at most ``_HEADING_WORDS``
    words, not all capitalised; None for any other line."""
    end = _content_end(text, start, end)
    line = text[start:end]
    if (len(line) < 3 or line[0] not in "'‘" or line[-1] not in "'’" or not line[1].isupper()
            or len(line.split()) > _HEADING_WORDS):
        return None
    inner = line[1:-1]
    if all(w[:1].isupper() for w in re.findall(r"[A-Za-z]{4,}", inner)):
        return None  # Title Case: set as a title (a work's, or a section's), not speech
    if any(c in inner for c in "\"“”«»„‘") or re.search(r"'(?!\w)|(?<!\w)'|’(?!\w)", inner):
        return None
    return end - 1


def _single_opener(text: str, floor: int, i: int) -> int | None:
    """The single mark that opens the quote a straight double mark at ``i`` closes, when
    nothing is open there (``said: 'The plan is dead."``): the mark must read as a closing one
    (against the word before it, not before a letter), and the last single mark since
    ``floor`` opens a sentence (after a space, a colon or the paragraph's start, before a
    capital) with no double mark between; None otherwise."""
    if not (i > floor and not text[i - 1].isspace() and not text[i + 1 : i + 2].isalnum()):
        return None
    k = max(text.rfind("'", floor, i), text.rfind("‘", floor, i))
    if k < 0 or '"' in text[k:i] or not text[k + 1 : k + 2].isupper():
        return None
    return k if k == floor or text[k - 1].isspace() or text[k - 1] == ":" else None


def _reopens(text: str, i: int, p_end: int) -> bool:
    """Whether the straight mark at ``i``, met while a quote is open, reopens it: it follows a
    sentence end and a space, precedes a capital, and the next straight mark closes."""
    if not (i >= 2 and text[i - 2] in ".!?" and text[i - 1].isspace()
            and text[i + 1 : i + 2].isupper()):
        return False
    nxt = text.find('"', i + 1, p_end)
    return nxt != -1 and not text[nxt - 1].isspace() and not text[nxt + 1 : nxt + 2].isalnum()


def _carried_to(text: str, paragraphs: list[tuple[int, int]],
                p_index: int) -> tuple[int, bool] | None:
    """Where a quote left open at the end of ``p_index`` runs on over lines without marks:
    the paragraph whose first mark closes it (and False), or the paragraph that reopens it
    with a mark after such lines (and True: in text set one sentence per line, the lines of
    the quote's first paragraph that follow before the next one is reopened, as news does);
    None when it does not run on (the very next line reopens it, or a line's marks pair up
    among themselves)."""
    for q in range(p_index + 1, min(len(paragraphs), p_index + 1 + _CARRY_LINES)):
        q_start, q_end = paragraphs[q]
        marks = [k for k in range(q_start, q_end) if text[k] in _OPENERS + _CLOSERS + '"']
        if text[q_start] in _OPENERS + '"' or text.startswith(("''", "``"), q_start):
            # a reopened line that is all quote (not '"Go home," he said.': a new quote,
            # the lines before it narrative after a missing closing mark)
            all_quote = marks == [q_start] or marks == [q_start, _content_end(text, q_start,
                                                                                q_end) - 1]
            return (q, True) if q > p_index + 1 and all_quote else None
        if not marks:
            continue
        first = marks[0]
        if text[first] in _CLOSERS:
            return q, False
        straight = sum(text[k] == '"' for k in marks)
        if text[first] == '"' and straight % 2 == 1 and _closer_shaped(text, first, q_start):
            return q, False
        return None
    return None


def _cue_from(match: re.Match[str], base: int, rule: AttributionRule,
              speaker_group: str = "speaker", cue_group: str = "cue") -> _Cue:
    speaker_start, speaker_end = match.start(speaker_group), match.end(speaker_group)
    phrase = match.group(speaker_group)
    if phrase.endswith(".") and len(phrase.split()[-1]) > 2:
        speaker_end -= 1  # "said Reyes." : the full stop ends the sentence, not an initial
    head = max(0, speaker_start - 120)
    person = _HOLDER_BEFORE.search(match.string, head, speaker_start)
    if person is not None:
        speaker_start, speaker_end = person.start("name"), person.end("name")
    return _Cue(base + speaker_start, base + speaker_end,
                base + match.start(cue_group), base + match.end(cue_group), rule)


# A person named before the organisation a cue follows, their post between with no comma to
# close it: "Ann Lee, director of the Rivers Trust said": the organisation is where the
# person works; the person speaks.
_HOLDER_BEFORE = re.compile(
    rf"(?:^|(?<=[\s(]))(?P<name>{NAME}),\s+"
    r"(?:[a-z][\w\-]*\s+){1,3}(?:of|at|for)\s+(?:the\s+)?\Z"
)


def _cue_after(text: str, region: Region, limit: int) -> _Cue | None:
    window = text[region.close_end : limit]
    # "“…,” said X" / "“…” said X" at a sentence's end; "the “advert” suggests that …" is
    # the sentence going on, not an attribution.
    complete = bool(re.search(r"[,.!?—–-]\W*$", text[region.start : region.end])) or bool(
        re.match(r"\s*[,—–]", window))
    closed = re.search(r"[.!?]\W*$", text[region.start : region.end]) is not None and (
        limit < len(text) and text[limit : limit + 1] in _OPENERS + "\"'‘")
    for pattern, rule in (
        (_CUE_AFTER_CUE_FIRST if complete else None, "cue-after"),
        (_CUE_AFTER_SPEAKER_FIRST, "cue-after"),
        (_ACCORDING_AFTER, "according-to"),
        (_DASH_CREDIT, "dash-credit"),
    ):
        match = pattern.match(window) if pattern is not None else None
        if match and not bad_speaker(match.group("speaker")) and not (
            closed and _cue_goes_on(window[match.end():])
        ):
            return _cue_from(match, region.close_end, rule)  # type: ignore[arg-type]
    return None


def _cue_goes_on(rest: str) -> bool:
    """True when a cue after a quote that closed its sentence opens speech of its own: "“….”
    Russia insisted that …" or "… said the plan had “…”" runs on to the next quote."""
    return re.match(r"\s+that\b", rest) is not None or re.search(r"[.!?]", rest) is None


def _cue_before(text: str, region: Region, floor: int) -> _Cue | None:
    # Only the clause right before the quote: from the last sentence end (or semicolon).
    window_start = _sentence_start(
        text, max(floor, region.open_at - 200), region.open_at, (". ", "? ", "! ", "; ")
    )
    window = text[window_start : region.open_at]
    for pattern, rule in ((_ACCORDING_BEFORE, "according-to"), (_SAID_BEFORE, "cue-before"),
                          (_CUE_BEFORE, "cue-before"), (_PARTICIPLE_BEFORE, "cue-before")):
        at = 0
        while (match := pattern.search(window, at)) is not None:
            at = match.start() + 1
            if not bad_speaker(match.group("speaker")) and not (
                rule == "cue-before" and _object_of_preposition(window, match.start("speaker"),
                                                                match.group("speaker"))
            ) and not _noun_phrase(match.group("speaker"), match.group("cue")):
                return _cue_from(match, window_start, rule)  # type: ignore[arg-type]
    return None


# ("as" opens a clause too: "as a Homeland Security memo put it")
_PREPOSITION_BEFORE = re.compile(rf"\b(?:{alternation(PREPOSITIONS - {'as'})})\s+$",
                                 re.IGNORECASE)


_LOCATIVE_BEFORE = re.compile(rf"\b(?:{alternation(LOCATIVE_PREPOSITIONS)})\s+$")


def _object_of_preposition(text: str, start: int, phrase: str) -> bool:
    """True when the description at ``start`` follows a preposition ("marching through the
    streets chanted", "in a box labeled"), or a single name follows a locative one ("in
    Washington"): an object, never the one who speaks."""
    before = text[max(0, start - 12) : start]
    if len(phrase.split()) == 1 and _LOCATIVE_BEFORE.search(before):
        return True  # "in Washington, Ann Lee said": a place
    return is_description(phrase) and _PREPOSITION_BEFORE.search(before) is not None


# Cue words that are also plural nouns: after a possessive ("Trump’s late-night tweets",
# "the senator’s claims") they end a noun phrase and are not a verb.
_NOUN_CUES = NOUN_CUES


def _noun_phrase(phrase: str, cue: str) -> bool:
    """True when ``phrase`` + ``cue`` reads as one noun phrase ("Ann Lee’s tweets")."""
    return cue in _NOUN_CUES and re.match(r"^(?:\S+\s+){0,3}\S+['’]s\b", phrase) is not None


def _speaker_label(text: str, region: Region) -> tuple[Region, _Cue] | None:
    """A transcript line inside quotes (``"PENCE: Well, …``): the label names the speaker and
    is not part of the quote."""
    match = _SPEAKER_LABEL.match(text[region.start : region.end])
    if match is None or not any(c.isalpha() for c in match.group("speaker")):
        return None
    start, end = region.start + match.start("speaker"), region.start + match.end("speaker")
    content_start = region.start + match.end()
    if content_start >= region.end:
        return None
    trimmed = Region(region.paragraph, region.open_at, content_start, region.end,
                     region.close_end, region.open_ended)
    return trimmed, _Cue(start, end, end, end + 1, "speaker-label")


def _excerpt_regions(text: str, paragraphs: list[tuple[int, int]],
                     regions: list[Region]) -> set[int]:
    """The ``id`` of each region that is a passage excerpted from another text, not speech.

    In an article that quotes with curly marks, a paragraph opened by a straight mark that is
    never closed there sets off a passage of the text the article reports on ("The Times
    reports:" then the passage, one straight mark per paragraph); the people it names and
    the sentences it holds are read like the article's own, so that its quotes are credited
    within it.
    """
    if not any(c in text for c in _OPENERS + _CLOSERS):
        return set()
    out: set[int] = set()
    for region in regions:
        p_start, p_end = paragraphs[region.paragraph]
        if (region.open_at == p_start and text[p_start] == '"'
                and text.count('"', p_start, p_end) % 2 == 1):
            out.add(id(region))
    return out


def _plain_paragraph(text: str, p_start: int, p_end: int, regions: list[Region]) -> str:
    """The paragraph with quotes blanked out (``#``), keeping a sentence end where a quote
    closes a sentence, so that searches outside quotes keep their offsets."""
    chars = list(text[p_start:p_end])
    for r in regions:
        s, e = r.open_at - p_start, r.close_end - p_start
        chars[s:e] = "#" * (e - s)
        follows = text[r.close_end : r.close_end + 2]
        if text[r.start : r.end].rstrip()[-1:] in ".!?" and re.match(r"\s[A-Z“\"]", follows):
            chars[e - 1] = "."
    return "".join(chars)


# How far from its quote a cue in the same sentence is looked for (characters, about 70
# words): a run-on "sentence" of a whole paragraph would otherwise be searched once per quote.
_CUE_REACH = 400


def _within_reach(plain: str, s_start: int, open_at: int) -> int:
    """``s_start``, or the first word start ``_CUE_REACH`` characters before ``open_at`` when
    the sentence begins further back."""
    if s_start >= open_at - _CUE_REACH:
        return s_start
    space = plain.find(" ", open_at - _CUE_REACH, open_at)
    return space + 1 if space >= 0 else s_start


def _cue_in_sentence(plain: str, p_start: int, region: Region) -> _Cue | None:
    """A cue with its speaker anywhere in the quote's sentence (outside quotes) and within
    ``_CUE_REACH`` characters of the quote, nearest first."""
    s_start, s_end = _sentence_bounds(plain, region.open_at - p_start, region.close_end - p_start)
    s_start = _within_reach(plain, s_start, region.open_at - p_start)
    high = region.close_end - p_start + _CUE_REACH
    if s_end > high:  # end before a space, never inside a word
        space = plain.rfind(" ", region.close_end - p_start, high)
        s_end = space if space >= 0 else s_end
    sentence = plain[s_start:s_end]
    best: tuple[int, _Cue] | None = None
    for match in _CUE_IN_SENTENCE.finditer(sentence):
        group = next(g for g in ("speaker", "speaker2", "speaker3") if match.group(g))
        cue_group = {"speaker": "cue", "speaker2": "cue2", "speaker3": "cue3"}[group]
        phrase = match.group(group)
        if bad_speaker(phrase) or "#" in phrase or (
            group == "speaker" and (
                _object_of_preposition(sentence, match.start(group), phrase)
                or _noun_phrase(phrase, match.group(cue_group)))
        ):
            continue
        rule: AttributionRule = "according-to" if group == "speaker3" else "cue-in-sentence"
        cue = _cue_from(match, p_start + s_start, rule, group, cue_group)
        distance = min(abs(cue.cue_start - region.open_at), abs(cue.cue_start - region.close_end))
        if best is None or distance < best[0]:
            best = (distance, cue)
    return best[1] if best else None


def _sentence_bounds(plain: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the sentence of ``plain`` that holds ``[start, end)``."""
    breaks = sentence_breaks(plain)
    before = bisect_right(breaks, start)
    s_start = breaks[before - 1] if before else 0
    # a quote that ends its sentence keeps the full stop as its last masked character
    after = bisect_left(breaks, end + 1)
    s_end = breaks[after] - 1 if after < len(breaks) else len(plain)
    return s_start, s_end


def _opens_sentence(plain: str, p_start: int, region: Region) -> bool:
    """True when nothing but other quotes stands between the sentence start and the quote."""
    s_start, _ = _sentence_bounds(plain, region.open_at - p_start, region.close_end - p_start)
    return not plain[s_start : region.open_at - p_start].strip(" #.,;:—–-")


def _subject_cue(plain: str, p_start: int, region: Region) -> _Cue | None:
    """Attribute a quote inside a sentence to the sentence's subject (the sentence read from
    at most ``_CUE_REACH`` characters before the quote)."""
    s_start, _ = _sentence_bounds(plain, region.open_at - p_start, region.close_end - p_start)
    s_start = _within_reach(plain, s_start, region.open_at - p_start)
    while s_start < len(plain) and plain[s_start] in " '‘’":
        s_start += 1
    controlled = (_QUOTED_AS.search(plain[s_start : region.open_at - p_start])
                  or _OBJECT_CONTROL.search(plain[s_start : region.open_at - p_start]))
    if controlled and not bad_speaker(controlled.group("speaker")):
        return _cue_from(controlled, p_start + s_start, "sentence-subject")
    lead = plain[s_start : region.open_at - p_start]
    match = _SUBJECT_START.match(lead)
    if (
        match
        # a lone plural group noun may be a subject ("Democrats also blasted …")
        and (not bad_speaker(match.group("speaker"))
             or re.fullmatch(r"[A-Z][a-z]+[^s\W]s", match.group("speaker")) is not None)
        and "#" not in match.group("speaker")
    ):
        return _cue_from(match, p_start + s_start, "sentence-subject")
    found = _subject_after_intro(plain, p_start, s_start, region)
    if found is not None:
        return found
    for pattern in (_PAIR_SUBJECT, _SUBJECT_OF_CLAUSE if _PARTICIPLE_LEAD.search(lead) else None):
        match = pattern.match(lead) if pattern is not None else None
        if match and not bad_speaker(match.group("speaker")) and "#" not in match.group("speaker"):
            return _cue_from(match, p_start + s_start, "sentence-subject")
    return None


# The object of a verb of causing is the subject of the infinitive the quote ends: "All this
# has led the journalist Ann Lee to fear a “…”", "which prompted Lee to call it “…”".
_OBJECT_CONTROL = re.compile(
    rf"\b(?P<cue>{CAUSATIVE_VERBS})\s+"
    rf"(?:the\s+)?{ROLE_PREFIX}(?P<speaker>{NAME})\s+to\s+[a-z]+(?:\s+[\w'’\-]+){{0,5}}\s*$"
)


# The object of "quoted … as saying" is the speaker, not the subject that quotes them: "The
# paper quoted the mayor, Ann Lee, as saying: “…”", "… quoted Lee as asking, “…”".
_QUOTED_AS = re.compile(
    r"\b(?P<cue>quoted)\s+(?:the\s+)?(?P<speaker>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,5})"
    r"\s+as\s+(?:saying|asking|telling\s+\w+|writing|warning|adding)\b[^.!?#]{0,120}$"
)


# An introductory phrase that a quote may stand in: "Bemoaning the “…,” Trump accused …",
# "After saying her foot was “…,” she was …".
_INTRO_OPENER = re.compile(
    rf"(?:[A-Z][a-z]+ing|{capitalised(_INTRO_WORDS)})\b[^,#.;:!?]*$"
)
_SUBJECT_AFTER_INTRO = re.compile(
    rf"[^,#.;:!?]{{0,80}}?(?:,\s*|(?<=#)\s+){ROLE_PREFIX}?(?P<speaker>{SPEAKER}){APPOSITIVE}\s+"
    rf"{_auxiliaries(2)}(?P<cue>{_VERB})"
)


def _subject_after_intro(plain: str, p_start: int, s_start: int, region: Region) -> _Cue | None:
    """Attribute a quote inside a sentence's introductory phrase to the subject after it."""
    if not _INTRO_OPENER.match(plain[s_start : region.open_at - p_start]):
        return None
    after = region.close_end - p_start
    match = _SUBJECT_AFTER_INTRO.match(plain, after)
    if match and not bad_speaker(match.group("speaker")) and "#" not in match.group("speaker"):
        return _cue_from(match, p_start, "sentence-subject")
    return None


def _is_quote(text: str, region: Region, has_cue: bool, min_words: int) -> bool:
    content = text[region.start : region.end]
    words = content.split()
    if not words:
        return False
    # A Title Case stretch with no sentence punctuation is a work's title, not speech, even
    # after a cue ("Smith said “The Long Road Home” was his favourite").
    letters = [w for w in words if w[:1].isalpha()]
    title_case = bool(letters) and all(w[:1].isupper() or len(w) <= 3 for w in letters)
    if title_case and len(words) <= 10 and not re.search(r"[.!?,]\W*$", content) and (
        not region.open_ended
    ):
        return False
    # Stage directions of a transcript: "(CROSSTALK.)", "[Applause]".
    if re.fullmatch(r"\s*[(\[][^()\[\]]{1,40}[)\]]\s*[.,]?\s*", content):
        return False
    return has_cue or region.open_ended or len(words) >= min_words


def _sentence_start(
    text: str, floor: int, position: int, enders: tuple[str, ...] = (". ", "? ", "! ")
) -> int:
    """Return where the sentence holding ``position`` starts (not before ``floor``)."""
    window = text[floor:position]
    cuts = [m.start() for m in re.finditer("|".join(re.escape(e) for e in enders), window)
            if ends_sentence(window, m.start())]
    start = floor + cuts[-1] + 2 if cuts else floor
    while start < position and text[start] in " \"“”'‘’":
        start += 1
    return start


_SPEECH_LEMMAS = SPEECH_LEMMAS


class _Parser:
    """spaCy assistance for attribution (the ``nlp`` extra): parses paragraphs on demand."""

    def __init__(self, nlp: Any, article: Article) -> None:
        self.nlp = nlp
        self.article = article
        self.docs: dict[int, Any] = {}

    def doc(self, p_index: int) -> Any:
        if p_index not in self.docs:
            self.docs[p_index] = self.nlp(self.article.paragraphs[p_index].text)
        return self.docs[p_index]

    def cue(self, region: Region) -> _Cue | None:
        """Return the speech verb governing the quote's sentence and its subject, if any."""
        base = self.article.paragraphs[region.paragraph].start
        doc = self.doc(region.paragraph)
        inside = (region.open_at - base, region.close_end - base)
        for sent in doc.sents:
            if not (sent.start_char <= inside[0] < sent.end_char):
                continue
            for token in sent:
                if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in _SPEECH_LEMMAS:
                    continue
                if inside[0] <= token.idx < inside[1]:
                    continue
                subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
                # a relative pronoun ("…, who said") names nobody; the rules do better
                if not subjects or subjects[0].lower_ in ("who", "which", "that", "whom"):
                    continue
                subtree = list(subjects[0].subtree)
                start, end = subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
                if start < inside[1] and end > inside[0]:
                    continue  # the subject is inside the quote
                # The head of a long subject ("Smith, who ... ,"): up to a comma, bracket, dash.
                phrase = re.split(r",|\s[(—–]", doc.text[start:end])[0].rstrip()
                return _Cue(base + start, base + start + len(phrase), base + token.idx,
                            base + token.idx + len(token.text), "dependency")
        return None

    def people(self, quoted: list[tuple[int, int]]) -> list[Mention]:
        """Return PERSON entities of two or more words outside quotes, in document order."""
        found: list[Mention] = []
        inside_quotes = SpanSet(quoted)
        for p_index, paragraph in enumerate(self.article.paragraphs):
            for ent in self.doc(p_index).ents:
                pos = paragraph.start + ent.start_char
                name = re.sub(r"['’]s$", "", ent.text).strip()
                if ent.label_ != "PERSON" or len(name.split()) < 2:
                    continue
                if inside_quotes.covers(pos):
                    continue
                found.append(Mention(pos, strip_title(name), ""))
        return found


@dataclass
class _Layout:
    """One article's paragraph ranges and quote regions, with each paragraph's text outside
    quotes (``#`` over the quotes) computed on first use."""

    article: Article
    paragraphs: list[tuple[int, int]]
    regions: list[Region]
    excerpts: set[int]  # ids of the regions that are excerpted passages, not speech
    quoted_paragraphs: set[int] = field(default_factory=set)
    _plain: dict[int, str] = field(default_factory=dict)
    _regions_of: dict[int, list[Region]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.quoted_paragraphs = {r.paragraph for r in self.regions}
        for region in self.regions:
            self._regions_of.setdefault(region.paragraph, []).append(region)

    @property
    def text(self) -> str:
        return self.article.text

    def plain(self, p_index: int) -> str:
        if p_index not in self._plain:
            p_start, p_end = self.paragraphs[p_index]
            self._plain[p_index] = _plain_paragraph(
                self.text, p_start, p_end,
                [r for r in self._regions_of.get(p_index, ()) if id(r) not in self.excerpts])
        return self._plain[p_index]


def extract_quotes(
    article: Article, min_words: int = 1, nlp: Any | None = None,
    regions: list[Region] | None = None,
) -> tuple[list[Quote], list[Notice]]:
    """Return the direct quotes of ``article`` with their speakers, and notices about them.

    Takes an article and, optionally, a loaded spaCy pipeline (the ``nlp`` extra): with it, a
    quote the rules cannot attribute is attributed from the dependency parse (the subject of
    the speech verb of its sentence), and people are found by named-entity recognition.
    Returns the quotes in document order (each with content spans, speaker, cue and the rule
    that attributed it) and a W003 notice for every unbalanced quote mark.  Never raises on
    any text.  ``regions`` are the article's :func:`find_regions`, where the caller has them.

    The steps: find the quote regions; find each region's cue (:func:`_region_cue`); group the
    regions into quotes (:func:`_drafts`); note the unbalanced marks; resolve each quote's
    speaker phrase to a person (:func:`_attributed_quotes`).
    """
    found = quote_extraction(article, min_words, nlp, regions)
    return found.quotes, found.notices


@dataclass
class QuoteExtraction:
    """What the quote stage found in one article, with the means it found it by.

    ``quotes`` and ``notices`` as :func:`extract_quotes` returns them; ``resolver`` turns the
    article's speaker phrases into people (reported speech resolves its sources with it, so
    that direct and reported speech name people alike); ``plain`` gives a paragraph's text
    with every quote region blanked out (``#``, same length); ``doc`` the paragraph's spaCy
    parse (``None`` without the ``nlp`` extra).
    """

    article: Article
    quotes: list[Quote]
    notices: list[Notice]
    resolver: Resolver
    regions: list[Region]
    layout: _Layout
    parser: _Parser | None

    def plain(self, p_index: int) -> str:
        """Return paragraph ``p_index`` with its quote regions blanked out by ``#``."""
        return self.layout.plain(p_index)

    def doc(self, p_index: int) -> Any | None:
        """Return the spaCy parse of paragraph ``p_index``, or None without a parser."""
        return self.parser.doc(p_index) if self.parser is not None else None


def quote_extraction(
    article: Article, min_words: int = 1, nlp: Any | None = None,
    regions: list[Region] | None = None,
) -> QuoteExtraction:
    """Return the direct quotes of ``article`` with the resolver and layout that found them.

    Takes the same arguments as :func:`extract_quotes` (which returns the quotes and notices
    of this); never raises on any text.
    """
    paragraph_ranges = [(p.start, p.end) for p in article.paragraphs]
    if regions is None:
        regions = find_regions(article.text, paragraph_ranges)
    layout = _Layout(article, paragraph_ranges, regions,
                     _excerpt_regions(article.text, paragraph_ranges, regions))
    parser = _Parser(nlp, article) if nlp is not None else None
    drafts = _drafts(layout, parser, min_words)
    notices = _unbalanced_notices(layout, drafts)
    quoted = [(r.open_at, r.close_end) for r in regions if id(r) not in layout.excerpts]
    resolver = Resolver(article, quoted, parser.people(quoted) if parser is not None else ())
    quotes = _attributed_quotes(layout, drafts, resolver)
    return QuoteExtraction(article, quotes, notices, resolver, regions, layout, parser)


def _region_cue(layout: _Layout, k: int, parser: _Parser | None
                ) -> tuple[Region, _Cue | None, bool]:
    """Return region ``k`` (less a transcript's speaker label), its cue (first rule that
    applies, in the order the module docstring gives) and whether a label named the speaker."""
    text, regions, paragraph_ranges = layout.text, layout.regions, layout.paragraphs
    region = regions[k]
    p_start, p_end = paragraph_ranges[region.paragraph]
    nxt = regions[k + 1] if k + 1 < len(regions) else None
    limit = nxt.open_at if nxt and nxt.paragraph == region.paragraph else p_end
    prev = regions[k - 1] if k > 0 else None
    floor = prev.close_end if prev and prev.paragraph == region.paragraph else p_start
    labelled = _speaker_label(text, region)
    cue: _Cue | None = None
    if labelled is not None:
        region, cue = labelled
    cue = cue or _cue_after(text, region, limit) or _cue_before(text, region, floor)
    if cue is None and region.open_at == p_start and region.paragraph > 0 and (
        region.paragraph - 1 not in layout.quoted_paragraphs
    ):
        cue = _lead_in_cue(text, paragraph_ranges[region.paragraph - 1])
    if cue is None:
        cue = _cue_in_sentence(layout.plain(region.paragraph), p_start, region)
    if cue is None:
        cue = _subject_cue(layout.plain(region.paragraph), p_start, region)
    if parser is not None and (cue is None or cue.rule == "sentence-subject"):
        cue = parser.cue(region) or cue
    return region, cue, labelled is not None


def _lead_in_cue(text: str, previous: tuple[int, int]) -> _Cue | None:
    """The cue of a paragraph that is all quote, in the last sentence of the paragraph before
    ("She described the moment to our reporter." / "Smith told reporters:")."""
    prev_start, prev_end = previous
    sentence = _sentence_start(text, prev_start, prev_end)
    match = _CUE_LEAD_IN.match(text[sentence:prev_end])
    if match and not bad_speaker(match.group("speaker")):
        return _cue_from(match, sentence, "cue-before")
    return None


def _drafts(layout: _Layout, parser: _Parser | None, min_words: int) -> list[_Draft]:
    """Group the regions into drafts of quotes: regions split by an attribution in one
    sentence, and quotations running on over paragraphs, become one quote of several parts."""
    drafts: list[_Draft] = []
    for k in range(len(layout.regions)):
        region, cue, labelled = _region_cue(layout, k, parser)
        strong_cue = cue is not None and cue.rule != "sentence-subject"
        if not _is_quote(layout.text, region, strong_cue, min_words):
            continue
        previous = drafts[-1] if drafts else None
        if previous is not None and _goes_on(layout, previous, region, cue, labelled):
            previous.regions.append(region)
            if previous.cue is None:
                previous.cue = cue
        else:
            drafts.append(_Draft([region], cue))
    return drafts


def _goes_on(layout: _Layout, previous: _Draft, region: Region, cue: _Cue | None,
             labelled: bool) -> bool:
    """Whether ``region`` is a further part of the ``previous`` quote: the next paragraph of
    a quote left open, or the rest of a quote split by its attribution ("…,” he said, “…")."""
    last = previous.regions[-1]
    if labelled or (cue is not None and cue.rule == "cue-after" and region.start > region.open_at):
        # a transcript's next speaker, or a paragraph reopened by a mark with its own
        # "…,” said X", starts a new quote (not a line the quote was carried over)
        continues_paragraph = False
    else:
        continues_paragraph = (
            last.open_ended and region.paragraph == last.paragraph + 1
            and region.open_at == layout.paragraphs[region.paragraph][0]
        )
    split_by_cue = (
        previous.cue is not None and last.paragraph == region.paragraph and cue is None
        and previous.cue.cue_start >= last.close_end and previous.cue.rule != "sentence-subject"
        and len(layout.text[last.close_end : region.open_at].split()) <= 12
    )
    return continues_paragraph or split_by_cue


def _unbalanced_notices(layout: _Layout, drafts: list[_Draft]) -> list[Notice]:
    """A W003 notice for each quote left open at a paragraph's end that the next paragraph
    does not reopen (the news convention for a quotation that goes on)."""
    article, text, paragraph_ranges = layout.article, layout.text, layout.paragraphs
    notices: list[Notice] = []
    for draft in drafts:
        last = draft.regions[-1]
        if not last.open_ended:
            continue
        nxt_index = last.paragraph + 1
        reopened = nxt_index < len(paragraph_ranges) and (
            text[paragraph_ranges[nxt_index][0]] in _OPENERS + '"'
            or text.startswith(("''", "``"), paragraph_ranges[nxt_index][0])
        )
        if not reopened:
            notices.append(Notice(
                input=article.input, code=Code.W_UNBALANCED_QUOTE.value,
                message=f"article {article.id!r}, paragraph {last.paragraph + 1}: quote mark "
                f"at offset {last.open_at} is never closed; the quote is taken to run to "
                "the end of the paragraph",
            ))
    return notices


def _attributed_quotes(layout: _Layout, drafts: list[_Draft], resolver: Resolver) -> list[Quote]:
    """Return the quotes of the drafts, each speaker phrase resolved to a person, in order."""
    article, text, paragraph_ranges = layout.article, layout.text, layout.paragraphs
    quotes: list[Quote] = []
    spoken: list[tuple[int, str]] = []  # (offset of a quote, its speaker), in order
    for n, draft in enumerate(drafts, start=1):
        first = draft.regions[0]
        p_first = first.paragraph
        speaker: str | None = None
        speaker_span: Span | None = None
        cue_span: Span | None = None
        rule: AttributionRule = "unknown"
        window_floor = paragraph_ranges[max(0, p_first - 3)][0]
        # quotes are met in text order, so the recent ones are a tail of ``spoken``
        recent = spoken[bisect_left(spoken, (window_floor, "")):]
        if draft.cue is not None:
            cue = draft.cue
            phrase = text[cue.speaker_start : cue.speaker_end]
            speaker_span = article.span(cue.speaker_start, cue.speaker_end)
            cue_span = article.span(cue.cue_start, min(cue.cue_end, len(text)))
            rule = cue.rule
            speaker = resolver.resolve(phrase, cue.speaker_start, window_floor, recent,
                                       label=rule == "speaker-label")
        elif _opens_sentence(layout.plain(p_first), paragraph_ranges[p_first][0], first):
            speaker = _floating_speaker(layout, first, recent, resolver)
            if speaker is not None:
                rule = "continuation"
        parts = tuple(article.span(r.start, r.end) for r in draft.regions)
        quotes.append(Quote(
            id=f"{article.id}:q{n}", article_id=article.id, parts=parts, speaker=speaker,
            speaker_span=speaker_span, cue=cue_span, rule=rule,
            open_ended=any(r.open_ended for r in draft.regions),
        ))
        if speaker is not None:
            spoken.append((draft.regions[-1].start, speaker))
    return quotes


def _floating_speaker(layout: _Layout, first: Region, recent: list[tuple[int, str]],
                      resolver: Resolver) -> str | None:
    """The speaker a quote with no cue continues: the subject of the sentence just before, in
    the same paragraph, else the last person who spoke, in a quote or in indirect speech
    ("Cummings called him a master. “He showed …”"), in this paragraph or the one before."""
    paragraph_ranges = layout.paragraphs
    floor = paragraph_ranges[max(0, first.paragraph - 1)][0]
    subject = resolver.subject_before(first.open_at, paragraph_ranges[first.paragraph][0])
    latest = (first.open_at, subject) if subject is not None else max(
        [s for s in recent if s[0] >= floor] + resolver.sources_between(floor, first.open_at),
        default=None)
    return latest[1] if latest is not None else None


def article_paragraph(paragraph_ranges: list[tuple[int, int]], offset: int) -> int:
    """Return the index of the paragraph range that contains ``offset`` (or the one before)."""
    index = 0
    for i, (start, _) in enumerate(paragraph_ranges):
        if start <= offset:
            index = i
    return index
