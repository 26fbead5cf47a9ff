"""Collation of the witnesses of one utterance: a variant graph in the spirit of CollateX.

The witnesses (word tokens of what each article printed) are aligned progressively onto a
sequence of *columns*, the vertices of a variant graph laid out in order: the fullest witness
first, then each other one, longest first, matched word by word on comparison keys (case,
typography and British/American spelling folded: :func:`newsweave.text.normalize.match_key`)
with difflib's SequenceMatcher.  A word that matches joins the column of the words it matches,
so shared text merges; a word that does not gets a column of its own, so differences branch.

A witness takes part only between its first and last word (its *extent*, widened over a word
replaced at either edge, since both witnesses print a word there): an article that quotes less
is not a variant.  Reading the columns in order gives the segments.  Where every witness taking
part prints the same word, the text is agreed.  Where some print other words or none, it is a
point of variance whose readings are the exact words each witness prints there (an omission is
an empty reading, with an empty span where the words would stand).  Words equal once
normalised but printed differently ("honour"/"honor", "The"/"the"), or the same two words with
different punctuation between them ("truth, everything"/"truth; everything"), are an
*orthographic* point of variance; quote glyphs, dash style and spacing are not differences.

Editors' marks read as what they are: words in square brackets ("[Our story] asks") stand for
the speaker's words, so where they differ from the others' words the reading keeps its
brackets ("[fellow nominees]" against "guys, Paul and Hugh"); an omission the article marks
with an ellipsis is *announced* (its reading is "…", its span the ellipsis), one it does not
mark is *silent* (an empty reading).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import Match, SequenceMatcher
from itertools import pairwise

from newsweave.model import CollationSegment, Reading, Span
from newsweave.text.normalize import fold_typography
from newsweave.text.tokens import Token

_QUOTE_MARKS = "\"'“”„‟«»‘’‚‛`"
# Punctuation between two words that is kept when a reading or the agreed text is rendered
# across a line break or a reopening quote mark (no letters, a few characters).
_MAX_GAP = 6
# The reading of an omission the article marks with an ellipsis; a silent one reads "".
ANNOUNCED_OMISSION = "…"
_ELLIPSIS = re.compile(r"…|\.\s?\.\s?\.")
# Words between two matches of a witness against the graph that still continue one run of
# matches (a rewording, an inserted phrase); matches farther apart are chance.
_RUN_GAP = 6

Witness = tuple[str, Sequence[Token]]


@dataclass
class _Column:
    """A vertex of the variant graph: the words of several witnesses that match."""

    key: str
    tokens: dict[int, Token] = field(default_factory=dict)  # witness index -> its word here


def _surface(word: str) -> str:
    """A word as printed, typography folded (curly and straight apostrophes are one)."""
    return fold_typography(word)


def _gap(text: str | None, prev: Token, tok: Token) -> str | None:
    """The punctuation between two adjacent words of one witness, for display and comparison.

    Returns the characters between them with runs of whitespace as one space and quote marks
    dropped; ``None`` when the gap holds letters or digits or is long (the words are apart: an
    attribution, or no text to look at).
    """
    if text is None:
        return None
    gap = text[prev.end : tok.start]
    if len(gap) > _MAX_GAP + 4 or any(c.isalnum() for c in gap):
        return None
    gap = "".join(c for c in gap if c not in _QUOTE_MARKS)
    return re.sub(r"\s+", " ", gap)


def _gap_key(text: str | None, prev: Token, tok: Token) -> str | None:
    """The comparison key of a gap: punctuation only, typography and dash style folded."""
    gap = _gap(text, prev, tok)
    if gap is None:
        return None
    folded = fold_typography(gap).replace(" ", "")
    return re.sub(r"-+", "-", folded)


def render_tokens(tokens: Sequence[Token], text: str | None) -> str:
    """Return the words of ``tokens`` as printed, with the punctuation between them.

    Takes tokens of one witness and the text they index (or None).  Where two words are apart
    in ``text`` (a quote resumed after "he said"), or no text is given, they are joined by a
    space; line breaks and reopening quote marks between two words are not kept.
    """
    if not tokens:
        return ""
    out = [tokens[0].text]
    for prev, tok in pairwise(tokens):
        gap = _gap(text, prev, tok)
        out.append((gap if gap is not None and len(gap) <= _MAX_GAP else " ") + tok.text)
    return "".join(out)


def _window(columns: Sequence[str], keys: Sequence[str]) -> tuple[int, int]:
    """The columns a witness is aligned against: around its longest run of matching words.

    Aligning a short witness against the whole graph lets its common words ("and", "the")
    match far away, which would stretch its extent over text it does not print.
    """
    matcher = SequenceMatcher(None, columns, keys, autojunk=False)
    anchor = matcher.find_longest_match(0, len(columns), 0, len(keys))
    if anchor.size == 0:
        return 0, len(columns)
    slack = len(keys) // 2 + 2
    lo = max(0, anchor.a - anchor.b - slack)
    hi = min(len(columns), anchor.a + anchor.size + (len(keys) - anchor.b - anchor.size) + slack)
    return lo, hi


Opcode = tuple[str, int, int, int, int]


def _stray(edge: Match, neighbour: Match) -> bool:
    """Whether a short match at a witness's edge lies apart from the rest of its matches."""
    first, second = sorted((edge, neighbour))
    column_gap = second.a - (first.a + first.size)
    witness_gap = second.b - (first.b + first.size)
    return edge.size <= 2 and column_gap - witness_gap > 2


def _densest(blocks: Sequence[Match]) -> list[Match]:
    """The run of matching blocks with most words where consecutive blocks lie at most
    ``_RUN_GAP`` words apart on one side at least (the other may hold an insertion, or many
    words an editor's bracket stands for): where a witness that overlaps the graph only in
    part (one article prints A and B, another B and C) really meets it.  Matches of common
    words far from that run would scatter the witness's other words over the graph."""
    runs: list[list[Match]] = []
    for m in blocks:
        if runs and min(m.a - (runs[-1][-1].a + runs[-1][-1].size),
                        m.b - (runs[-1][-1].b + runs[-1][-1].size)) > _RUN_GAP:
            runs.append([m])
        elif runs:
            runs[-1].append(m)
        else:
            runs.append([m])
    return max(runs, key=lambda run: sum(m.size for m in run)) if runs else []


def _opcodes(columns: Sequence[str], keys: Sequence[str]) -> list[Opcode]:
    """How a witness's words align to the columns: equal, replace and insert opcodes.

    Columns the witness lacks are left out (a gap inside its extent is an omission there).
    Words the witness has before its first match (after its last) are paired with as many
    columns just before (after) it: both print a word at that edge.
    """
    lo, hi = _window(columns, keys)
    matcher = SequenceMatcher(None, columns[lo:hi], keys, autojunk=False)
    blocks = [Match(m.a + lo, m.b, m.size) for m in matcher.get_matching_blocks() if m.size]
    blocks = _densest(blocks)
    while len(blocks) > 1 and _stray(blocks[0], blocks[1]):
        blocks.pop(0)
    while len(blocks) > 1 and _stray(blocks[-1], blocks[-2]):
        blocks.pop()
    if not blocks:
        return [("insert", len(columns), len(columns), 0, len(keys))]
    ops: list[Opcode] = []
    a, b = blocks[0].a, blocks[0].b
    if b:
        k = min(a, b)
        ops.append(("replace", a - k, a, 0, b) if k else ("insert", a, a, 0, b))
    for n, m in enumerate(blocks):
        if n:
            pa, pb = blocks[n - 1].a + blocks[n - 1].size, blocks[n - 1].b + blocks[n - 1].size
            if m.b > pb:
                ops.append(("replace" if m.a > pa else "insert", pa, m.a, pb, m.b))
        ops.append(("equal", m.a, m.a + m.size, m.b, m.b + m.size))
    a, b = blocks[-1].a + blocks[-1].size, blocks[-1].b + blocks[-1].size
    if b < len(keys):
        k = min(len(columns) - a, len(keys) - b)
        ops.append(("replace", a, a + k, b, len(keys)) if k else ("insert", a, a, b, len(keys)))
    return ops


_GREEDY_UP_TO = 40  # witnesses of a group beyond which they are added longest first


def _next_witness(rest: Sequence[int], keys: Sequence[str], witnesses: Sequence[Witness]) -> int:
    """The witness to align next: the one whose longest run of words already in the graph is
    longest (longest witness on a tie), so that a witness meets the graph where it overlaps
    most and a passage is built outward from what is already placed."""
    if len(rest) > _GREEDY_UP_TO:
        return rest[0]

    def overlap(w: int) -> int:
        other = [t.key for t in witnesses[w][1]]
        matcher = SequenceMatcher(None, keys, other, autojunk=False)
        return matcher.find_longest_match(0, len(keys), 0, len(other)).size

    return max(rest, key=lambda w: (overlap(w), -rest.index(w)))


def _align(witnesses: Sequence[Witness]) -> tuple[list[_Column], list[tuple[int, int]]]:
    """Align the witnesses onto columns; returns the columns and each witness's extent."""
    order = sorted(range(len(witnesses)), key=lambda k: (-len(witnesses[k][1]), k))
    base = order[0]
    columns = [_Column(t.key, {base: t}) for t in witnesses[base][1]]
    # Columns that print different words at a witness's first or last word: a witness that
    # reaches one of them takes part in all of them (both print a word there).
    edge: dict[int, list[_Column]] = {}
    rest = order[1:]
    while rest:
        w = _next_witness(rest, [c.key for c in columns], witnesses)
        rest.remove(w)
        tokens = witnesses[w][1]
        ops = _opcodes([c.key for c in columns], [t.key for t in tokens])
        for n, (tag, i1, i2, j1, j2) in enumerate(reversed(ops)):
            if tag == "equal":
                for d in range(i2 - i1):
                    columns[i1 + d].tokens[w] = tokens[j1 + d]
                continue
            own = [_Column(t.key, {w: t}) for t in tokens[j1:j2]]
            if tag == "replace" and n in (0, len(ops) - 1):
                together = [*columns[i1:i2], *own]
                for column in together:
                    edge[id(column)] = together
            columns[i2:i2] = own
    where = {id(c): k for k, c in enumerate(columns)}
    extents = []
    for w in range(len(witnesses)):
        own_at = [k for k, c in enumerate(columns) if w in c.tokens]
        first, last = columns[own_at[0]], columns[own_at[-1]]
        extents.append((min(where[id(c)] for c in edge.get(id(first), [first])),
                        max(where[id(c)] for c in edge.get(id(last), [last]))))
    return columns, extents


@dataclass
class _Stretch:
    """Consecutive columns read as one segment, with the witnesses that take part in them."""

    lo: int
    hi: int  # inclusive
    members: frozenset[int]
    kind: str  # "agreed", "orthographic" or "variant"


def _stretches(
    columns: list[_Column], extents: list[tuple[int, int]], witnesses: Sequence[Witness],
    texts: Mapping[str, str],
) -> list[_Stretch]:
    """Split the columns into agreed, orthographic and variant stretches."""
    members = [frozenset(w for w, (lo, hi) in enumerate(extents) if lo <= k <= hi)
               for k in range(len(columns))]
    full = [members[k] <= set(c.tokens) for k, c in enumerate(columns)]
    odd = [full[k] and len({_surface(t.text) for t in c.tokens.values()}) > 1
           for k, c in enumerate(columns)]
    for k in range(len(columns) - 1):
        if not (full[k] and full[k + 1]) or members[k] != members[k + 1]:
            continue
        gaps = {_gap_key(texts.get(witnesses[w][0]), columns[k].tokens[w],
                         columns[k + 1].tokens[w]) for w in members[k]}
        gaps.discard(None)
        if len(gaps) > 1:
            odd[k] = odd[k + 1] = True
    out: list[_Stretch] = []
    for k in range(len(columns)):
        kind = "variant" if not full[k] else "orthographic" if odd[k] else "agreed"
        last = out[-1] if out else None
        if last is not None and last.kind == kind and last.members == members[k]:
            last.hi = k
        else:
            out.append(_Stretch(k, k, members[k], kind))
    return out


def _span(article_id: str, text: str | None, tokens: Sequence[Token]) -> Span | None:
    if text is None or not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    return Span(article_id=article_id, start=start, end=end, text=text[start:end])


def collate(
    witnesses: Sequence[Witness], texts: Mapping[str, str] | None = None
) -> tuple[str, tuple[CollationSegment, ...]]:
    """Collate witnesses ``(article_id, tokens)``; return the agreed text and the segments.

    ``texts`` maps article ids to their text, so that readings keep the punctuation printed
    between words and carry the spans where each article prints them.  Returns the agreed
    text (at each point of variance, the reading most articles carry; the fullest witness's on
    a tie) and the segments in order.  Collating a witness with itself (or with identical
    copies) yields a single agreed segment.
    """
    witnesses = [(a, list(tokens)) for a, tokens in witnesses if tokens]
    if not witnesses:
        return "", ()
    texts = texts or {}
    columns, extents = _align(witnesses)
    rank = {w: r for r, w in enumerate(sorted(range(len(witnesses)),
                                              key=lambda k: (-len(witnesses[k][1]), k)))}
    segments: list[CollationSegment] = []
    agreed_words: list[str] = []
    for stretch in _stretches(columns, extents, witnesses, texts):
        readings: dict[str, tuple[list[str], list[Span], int]] = {}
        shown: dict[str, str] = {}
        # the punctuation each witness prints after its words here: a place of its own, where
        # the majority decides (ties to the fullest witness)
        after: Counter[str] = Counter()
        for w in sorted(stretch.members, key=rank.__getitem__):
            article_id = witnesses[w][0]
            text = texts.get(article_id)
            own = [columns[k].tokens[w] for k in range(stretch.lo, stretch.hi + 1)
                   if w in columns[k].tokens]
            reading = render_tokens(own, text)
            span = _span(article_id, text, own) if own else _omission(
                article_id, text, columns, stretch, w)
            if span is not None and own and text is not None:
                # an editor's words standing for the speaker's: the reading keeps its brackets
                span, reading = _with_brackets(text, span, reading)
            if span is not None and not own and span.text:
                reading = ANNOUNCED_OMISSION
            # Readings that differ only in quote glyphs or spacing are one reading.
            key = " ".join(fold_typography(reading).split())
            shown.setdefault(key, reading)
            if own and text is not None:
                mark = _punctuation_after(text, own[-1])
                # a comma that closes the witness is the one before "he said", not the speech's
                if not (own[-1] is witnesses[w][1][-1] and mark.startswith((",", ";", ":"))):
                    after[mark] += 1
            articles, spans, _ = readings.setdefault(key, ([], [], rank[w]))
            if article_id not in articles:
                articles.append(article_id)
            if span is not None:
                spans.append(span)
        ordered = sorted(readings.items(), key=lambda kv: (-len(kv[1][0]), kv[1][2]))
        kind = stretch.kind if len(ordered) > 1 else "agreed"
        segments.append(CollationSegment(
            agreed=kind == "agreed", orthographic=kind == "orthographic",
            readings=tuple(Reading(text=shown[t], articles=tuple(a), spans=tuple(s))
                           for t, (a, s, _) in ordered),
        ))
        if ordered[0][0]:
            ends = after.most_common(1)
            agreed_words.append(shown[ordered[0][0]] + (ends[0][0] if ends else ""))
    return _agreed_text(agreed_words), tuple(segments)


_PUNCTUATION_AFTER = re.compile(rf"[{re.escape(_QUOTE_MARKS)}]*([.,;:!?]+)")


def _punctuation_after(text: str, token: Token) -> str:
    """The sentence punctuation printed right after a word ("honor." -> "."), quote marks
    skipped; "" where a word or a space comes first."""
    found = _PUNCTUATION_AFTER.match(text, token.end, token.end + 4)
    return found.group(1) if found else ""


def _agreed_text(stretches: Sequence[str]) -> str:
    """The stretches of the agreed text joined, each with the punctuation that ends it where
    the next one starts (a sentence's full stop between a variant and agreed words), except
    a sentence's end before words that go on in lower case; the text does not end on a comma
    (the one before "he said")."""
    out = list(stretches)
    for k in range(len(out) - 1):
        if out[k + 1][:1].islower() and out[k].endswith((".", "!", "?")):
            # one witness ends a sentence where the next words go on it: "diversity. and"
            out[k] = out[k].rstrip(".!?")
    return " ".join(out).rstrip(",;:")


def _omission(
    article_id: str, text: str | None, columns: list[_Column], stretch: _Stretch, w: int
) -> Span | None:
    """Where witness ``w`` lacks the words of a stretch: the ellipsis it prints there (an
    announced omission), else an empty span before its next word (a silent one)."""
    if text is None:
        return None
    after = next((c.tokens[w] for c in columns[stretch.hi + 1 :] if w in c.tokens), None)
    before = next((c.tokens[w] for c in reversed(columns[: stretch.lo]) if w in c.tokens), None)
    at = after.start if after is not None else before.end if before is not None else 0
    if before is not None and after is not None:
        found = _ELLIPSIS.search(text, before.end, after.start)
        if found is not None:  # the article marks the cut: an announced omission
            return Span(article_id=article_id, start=found.start(), end=found.end(),
                        text=found.group())
    return Span(article_id=article_id, start=at, end=at, text="")


def _with_brackets(text: str, span: Span, reading: str) -> tuple[Span, str]:
    """A reading and its span widened over an editor's bracket that opens just before it or
    closes just after it ("[fellow nominees] is"), so the reading shows the bracket."""
    start, end = span.start, span.end
    if start > 0 and text[start - 1] == "[":
        start, reading = start - 1, "[" + reading
    if end < len(text) and text[end] == "]":
        end, reading = end + 1, reading + "]"
    if (start, end) == (span.start, span.end):
        return span, reading
    return Span(article_id=span.article_id, start=start, end=end, text=text[start:end]), reading
