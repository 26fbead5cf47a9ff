"""Quotes of the same utterance across articles: grouping (collation is in ``quotes.collate``).

The units compared are a quote's *stretches*: its parts, joined where only line breaks or
reopening quote marks lie between them, so a quotation carried over several lines is one unit
while a quote split by its attribution (``"X," he said, "Y."``) gives two.  Two units of
different articles report the same utterance when

- the shorter one's content words are found, in order, in the longer one (a fragment, or a
  transcription that differs in a few words): a share of them above ``threshold``, three at
  least, and densely (the words matched are most of the stretch they span in either text, so
  one phrase shared by two different sentences does not count); or nearly every word of both
  matches in order ("go out and vote" / "get out and vote");
- or, for a short unit (under six words), the whole of it stands word for word in the other,
  or all its content words do, close together ("You resign!" in "You resign! You resign!",
  "the bullet of mercy" in "a bullet of mercy to the process").

Words an editor put in square brackets ("To be with these [fellow nominees]") are not the
speaker's and are no evidence either way: they stand for words the others print.  Words that
half the articles use in their own narrative are the event's topic ("Endangered
Species Act") and are no evidence.  The speakers weigh in without deciding alone, since
attribution differs between articles: quotes of one person (same surname, or one name inside
the other) need the least overlap; an unknown speaker a little more; two different speakers,
each named where the quote is attributed, an almost verbatim match of some length (wire copy
attributed differently), and a short fragment only when the words are the very same.  A
speaker resolved from "he" or a neighbouring quote, or read from the sentence's subject or a
cue elsewhere in the sentence, that differs counts as unknown.

Groups are the connected components of the relation, so they are closed under the fragment
rule: a quote that prints sentences A and B joins the quotes of A and those of B.  A short
fragment joins the group of what it is a fragment of but never bridges two groups that
longer quotes established, nor quotes of two different named speakers (a phrase both used, a
term in quote marks).

Where one article prints a passage whole and another cuts it with an attribution (``"A,"
he said, "B."``), a quote that matches B and starts with a few words more joins A when those
words are A's last ones (and the mirror case, a quote matching A that goes on into B's first
words), however few words that is.  A quote that runs two passages together (A then B) does
not join them when another article prints B before A: the articles disagree on the order,
so one of them ran two remarks, perhaps from two occasions, into one quote.  That quote is
cut where B's words start and compared again, so A's words are a witness of A's group and
B's of B's: no phrase is in two groups, and a speaker's transcript says each once.

The same words said on two days are two utterances (a chant on two nights, a stump speech):
quotes whose attributions name different days (:func:`occasion`) are never linked.

Last, a fragment still in no cross-article group (four words or fewer, or woven into the
article's own sentence: ``called the levy "a tax on tomorrow"``) attaches to its speaker's
utterance that holds its words word for word, when exactly one place of the speaker's quotes
does; with no place or several it stays alone (the transcript's note says why).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from difflib import Match, SequenceMatcher
from itertools import combinations
from typing import Literal

from newsweave.lang.dates import WEEKDAYS
from newsweave.lang.stem import light_stem
from newsweave.model import Article, Quote, QuoteGroup, ReusePair, Span, Witness
from newsweave.quotes.collate import collate
from newsweave.reuse import independent_articles
from newsweave.text.normalize import fold_typography
from newsweave.text.tokens import STOPWORDS, Token, tokenize

SpeakerRelation = Literal["same", "unknown", "different"]
_RUN_GAP = 3  # words apart that still continue a dense run of matches (a transcription difference)
# Two quotes of one person that print a passage of this many informative content words (and
# words) in common print one stretch of speech, however much else each prints.
_RUN_NEEDS = (4, 7)
_BRACKETS = re.compile(r"\[[^\[\]]*\]")  # an editor's words inside a quote
_SHORT = 6  # a quote of fewer words is a short fragment: it joins a group, never bridges two
FRAGMENT_WORDS = 4  # a quote stretch of this many words or fewer is a fragment of something said
_QUOTE_MARKS = "\"'“”„‟«»‘’‚‛`"
# (extra share of content words over ``threshold``, least density, least content words)
_NEEDS: dict[SpeakerRelation, tuple[float, float, int]] = {
    "same": (0.1, 0.4, 3),
    "unknown": (0.2, 0.6, 3),
    "different": (0.3, 0.7, 5),
}


def group_key(token: Token) -> str:
    """The key two quotes' words are compared by: the token's key (typography folded, lower
    case, American spelling: "Honour" / "honor") with one inflection stripped, so "gas
    chambers" meets "gas chamber"; stopwords are kept whole."""
    return token.key if token.key in STOPWORDS else light_stem(token.key, strict=True)


def quote_runs(parts: Sequence[Span], text: str) -> list[tuple[Span, ...]]:
    """Split a quote's parts into stretches of contiguous speech.

    Takes the parts (spans over ``text``) and the article text; returns the parts grouped in
    document order, a new stretch starting wherever anything but whitespace and quote marks
    lies between two parts (an attribution such as "he said").
    """
    runs: list[list[Span]] = []
    for part in sorted(parts, key=lambda p: p.start):
        if runs and all(c.isspace() or c in _QUOTE_MARKS
                        for c in text[runs[-1][-1].end : part.start]):
            runs[-1].append(part)
        else:
            runs.append([part])
    return [tuple(run) for run in runs]


def _name_words(name: str) -> list[str]:
    folded = re.sub(r"['’]s\b", "", fold_typography(name).lower())
    return re.findall(r"[a-z]+", folded)


def speaker_relation(a: str | None, b: str | None) -> SpeakerRelation:
    """Say whether two resolved speaker names name the same person.

    Takes two names (or None); returns ``"same"`` when they share the surname or one name's
    words are all in the other ("Bob Livingston" / "Robert L. Livingston"), ``"unknown"`` when
    either is missing or is a single word that is not the other's surname (attribution to
    "Authorities" or a stray capitalised word), else ``"different"``.
    """
    if not a or not b:
        return "unknown"
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb:
        return "unknown"
    if wa[-1] == wb[-1] or set(wa) <= set(wb) or set(wb) <= set(wa):
        return "same"
    if len(wa) < 2 or len(wb) < 2:
        return "unknown"
    return "different"


# Attributions read from a sentence's subject or from a cue elsewhere in the sentence are
# right about three times in four on the tune half of quote-groups-dev, against 85-87 % for a
# cue right before or after the quote: too weak to prove that two quotes have two speakers.
_WEAK_RULES = frozenset({"sentence-subject", "cue-in-sentence"})


def _named(quote: Quote) -> bool:
    """Whether a quote's speaker is named where it is attributed (not resolved from "he", "the
    actor" or a neighbouring quote, where attribution goes wrong most often)."""
    if quote.speaker is None or quote.speaker_span is None:
        return False
    if quote.rule in _WEAK_RULES:
        return False
    if re.search(r"['’]s$", quote.speaker_span.text.strip()):
        return False  # "Smith's announced plan was …": a possessive names no speaker
    return bool(set(_name_words(quote.speaker_span.text)) & set(_name_words(quote.speaker)))


def _relation(a: Quote, b: Quote) -> SpeakerRelation:
    """How the speakers of two quotes relate; resolved speakers that differ are not proof."""
    relation = speaker_relation(a.speaker, b.speaker)
    if relation == "different" and not (_named(a) and _named(b)):
        return "unknown"
    return relation


@dataclass(frozen=True)
class _Overlap:
    """How the words of two token sequences match, in order."""

    content: int  # content words matched
    informative: int  # content words matched that are not common in the articles' narrative
    shorter_content: int  # content words of the sequence that has fewer
    density: float  # words matched / the longer of the two stretches the matches span
    share: float  # words matched / words of the longer sequence
    whole_fragment: bool  # the shorter sequence stands in the longer one word for word
    run_informative: int  # informative content words matched in the best dense run of matches
    run_words: int  # words matched in that run
    run_meets: bool  # that run ends one sequence and starts the other


def _overlap(ka: Sequence[str], kb: Sequence[str], common: Collection[str] = ()) -> _Overlap:
    matcher = SequenceMatcher(None, ka, kb, autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    content_a = sum(k not in STOPWORDS for k in ka)
    content_b = sum(k not in STOPWORDS for k in kb)
    if not blocks:
        return _Overlap(0, 0, min(content_a, content_b), 0.0, 0.0, False, 0, 0, False)
    matched = sum(m.size for m in blocks)
    words = [ka[m.a + d] for m in blocks for d in range(m.size)]
    content = sum(k not in STOPWORDS for k in words)
    informative = sum(k not in STOPWORDS and k not in common for k in words)
    window = max(blocks[-1].a + blocks[-1].size - blocks[0].a,
                 blocks[-1].b + blocks[-1].size - blocks[0].b)
    shorter = min(len(ka), len(kb))
    whole = shorter >= 2 and max(m.size for m in blocks) == shorter and informative >= 1
    run_informative, run_words, meets = _dense_run(blocks, ka, kb, common)
    return _Overlap(content, informative, min(content_a, content_b), matched / window,
                    matched / max(len(ka), len(kb)), whole, run_informative, run_words, meets)


def _dense_run(blocks: Sequence[Match], ka: Sequence[str], kb: Sequence[str],
               common: Collection[str]) -> tuple[int, int, bool]:
    """The best stretch where two sequences print the same words: consecutive matching blocks
    with at most ``_RUN_GAP`` words between them on either side (a transcription difference),
    as (informative content words matched, words matched, whether the stretch ends one
    sequence and starts the other: two cuts of one passage that meet), the stretch with most
    informative words first.  Two quotes that overlap only in part (one prints A and B, the
    other B and C) share such a stretch, which the share of the shorter one's words misses."""
    best = (0, 0, False)
    informative = words = 0
    first = blocks[0] if blocks else None
    for n, m in enumerate(blocks):
        if n and (m.a - (blocks[n - 1].a + blocks[n - 1].size) > _RUN_GAP
                  or m.b - (blocks[n - 1].b + blocks[n - 1].size) > _RUN_GAP):
            informative = words = 0
            first = m
        informative += sum(k not in STOPWORDS and k not in common for k in ka[m.a : m.a + m.size])
        words += m.size
        assert first is not None
        meets = ((first.a <= 1 and m.b + m.size >= len(kb) - 1)
                 or (first.b <= 1 and m.a + m.size >= len(ka) - 1))
        best = max(best, (informative, words, meets))
    return best


def same_utterance(
    a: Sequence[Token], b: Sequence[Token], threshold: float = 0.5,
    relation: SpeakerRelation = "unknown", common: Collection[str] = (),
) -> bool:
    """Return True when two token sequences plausibly print the same utterance.

    Takes the two sequences, the share of the shorter one's content words that must be
    matched in order (for speakers known to be the same; more is needed otherwise), how the
    two quotes' speakers relate (:func:`speaker_relation`) and the comparison keys too common
    in the articles' own text to count as evidence (the event's topic: "Endangered Species
    Act").  See the module doc for the rules.
    """
    return _evidence(a, b, threshold, relation, common) is not None


def _evidence(
    a: Sequence[Token], b: Sequence[Token], threshold: float, relation: SpeakerRelation,
    common: Collection[str],
) -> Literal["match", "fragment"] | None:
    """Which rule makes two sequences one utterance: a match of enough words, a short
    fragment, or none (None)."""
    ka = [group_key(t) for t in a]
    kb = [group_key(t) for t in b]
    if not ka or not kb:
        return None
    found = _overlap(ka, kb, common)
    extra, density, least = _NEEDS[relation]
    if min(len(ka), len(kb)) >= _SHORT and (
        (found.informative >= least
         and found.shorter_content > 0
         and found.content / found.shorter_content >= min(1.0, threshold + extra)
         and found.density >= density)
        # nearly every word of both, in order ("go out and vote" / "get out and vote")
        or (relation != "different" and found.informative >= 2 and found.share >= 0.8)
        # a passage both print, the rest of each quote being different (A B / B C)
        or (relation == "same" and found.run_informative >= _RUN_NEEDS[0]
            and found.run_words >= _RUN_NEEDS[1])
        # one passage cut at different places: where one quote ends the other begins
        or (relation == "same" and found.run_meets and found.run_informative >= 2
            and found.run_words >= _SHORT)
    ):
        return "match"
    if relation == "different" and ka != kb:  # the very same words may be misattributed
        return None
    if found.whole_fragment or (found.informative >= 2 and found.density >= 0.75
                                and found.content == found.shorter_content):
        # A short quote that stands whole in the other, or all of whose content words do
        # ("the bullet of mercy" / "a bullet of mercy to the process").
        return "fragment"
    return None


def is_fragment(parts: Sequence[Span], text: str) -> bool:
    """Whether a quote stretch is a fragment of something said rather than a passage.

    Takes the stretch's parts (spans over ``text``) and the article text; returns True for a
    stretch of :data:`FRAGMENT_WORDS` words or fewer, or one woven into the article's own
    sentence: its first word is lower case and, before its opening quote mark, the sentence
    goes on (a letter, digit or comma: ``called the levy "a tax on tomorrow"``).
    """
    tokens = [t for p in parts for t in tokenize(p.text)]
    if not tokens:
        return False
    if len(tokens) <= FRAGMENT_WORDS:
        return True
    if not tokens[0].text[:1].islower():
        return False
    k = parts[0].start
    while k > 0 and (text[k - 1] in _QUOTE_MARKS or text[k - 1] in " \t"):
        k -= 1
    return k > 0 and (text[k - 1].isalnum() or text[k - 1] == ",")


def phrase_places(phrase: Sequence[str], texts: Sequence[Sequence[str]]) -> list[int]:
    """Where a phrase stands word for word: the index of the text for each occurrence.

    Takes the phrase's comparison keys and the texts' keys; returns one index per place the
    phrase occupies (a text that holds it twice is listed twice), so a fragment is unambiguous
    within a speaker's transcript when exactly one place is returned.
    """
    n = len(phrase)
    places: list[int] = []
    if not n:
        return places
    first = phrase[0]
    for index, keys in enumerate(texts):
        places.extend(index for k in range(len(keys) - n + 1)
                      if keys[k] == first and list(keys[k : k + n]) == list(phrase))
    return places


_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.?!][\"”’']?\s+(?=[\"“‘']?[A-Z])|\n")


def occasion(quote: Quote, article: Article | None) -> dt.date | str | None:
    """The day the attribution of a quote says it was said: the one weekday named in the
    sentence around its cue, outside the quote marks ("…,” she said on Monday"), as a date
    when the article's date is known (the latest such weekday on or before it), else as the
    weekday's name; None when the sentence names no weekday or several, or there is no cue."""
    if quote.cue is None or article is None:
        return None
    text = article.text
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, quote.cue.start)]
    start = starts[-1] if starts else 0
    stop = _SENTENCE_END.search(text, quote.cue.end)
    end = stop.start() if stop else len(text)
    outside = list(text[start:end])
    for part in quote.parts:
        for k in range(max(part.start, start), min(part.end, end)):
            outside[k - start] = " "
    days = {m.group(1).lower() for m in _WEEKDAY.finditer("".join(outside))}
    if len(days) != 1:
        return None
    day = days.pop()
    if article.date is None:
        return day
    back = (article.date.weekday() - WEEKDAYS.index(day)) % 7
    return article.date - dt.timedelta(days=back)


def same_occasion(a: dt.date | str | None, b: dt.date | str | None) -> bool:
    """Whether two quotes' occasions (:func:`occasion`) may be one: unless both are known
    and name different days (a date and a weekday compare by the date's weekday)."""
    if a is None or b is None:
        return True
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        return a == b
    return _day_name(a) == _day_name(b)


def _day_name(day: dt.date | str) -> str:
    return day if isinstance(day, str) else WEEKDAYS[day.weekday()]


@dataclass(frozen=True)
class _Unit:
    """A stretch of one quote: the unit that grouping compares."""

    quote: Quote
    parts: tuple[Span, ...]
    tokens: tuple[Token, ...]
    compared: tuple[Token, ...]  # the tokens outside an editor's [brackets]: the speaker's
    after_cut: bool = False  # the second piece of a quote that ran two remarks into one


def _split_unit(unit: _Unit, at: int) -> tuple[_Unit, _Unit]:
    """Cut a unit in two at character offset ``at`` (a word's start): the words before it and
    the words from it on, each with its own stretch of the quote's parts."""
    before: list[Span] = []
    after: list[Span] = []
    for part in unit.parts:
        if part.end <= at:
            before.append(part)
        elif part.start >= at:
            after.append(part)
        else:
            head = part.text[: at - part.start].rstrip()
            before.append(part.model_copy(update={"end": part.start + len(head), "text": head}))
            after.append(part.model_copy(update={"start": at, "text": part.text[at - part.start:]}))
    return (
        _Unit(unit.quote, tuple(before), tuple(t for t in unit.tokens if t.start < at),
              tuple(t for t in unit.compared if t.start < at), unit.after_cut),
        _Unit(unit.quote, tuple(after), tuple(t for t in unit.tokens if t.start >= at),
              tuple(t for t in unit.compared if t.start >= at), True),
    )


def _units(quotes: Sequence[Quote], articles: Sequence[Article]) -> list[_Unit]:
    order = {a.id: k for k, a in enumerate(articles)}
    texts = {a.id: a.text for a in articles}
    units = []
    for q in quotes:
        for run in quote_runs(q.parts, texts.get(q.article_id, "")):
            tokens = tuple(t for p in run for t in tokenize(p.text, p.start))
            inserted = [(p.start + m.start(), p.start + m.end()) for p in run
                        for m in _BRACKETS.finditer(p.text)]
            compared = tuple(t for t in tokens
                             if not any(s <= t.start < e for s, e in inserted))
            units.append(_Unit(q, run, tokens, compared))
    units = [u for u in units if u.tokens]
    units.sort(key=lambda u: (order.get(u.quote.article_id, 0), u.parts[0].start))
    return units


def _common_keys(quotes: Sequence[Quote], articles: Sequence[Article]) -> frozenset[str]:
    """Content keys that half the articles (two at least) use outside their quotes."""
    inside: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for quote in quotes:
        inside[quote.article_id].extend((p.start, p.end) for p in quote.parts)
    df: Counter[str] = Counter()
    for article in articles:
        spans = sorted(inside.get(article.id, []))
        keys = set()
        k = 0
        for token in tokenize(article.text):
            while k < len(spans) and spans[k][1] <= token.start:
                k += 1
            if k < len(spans) and spans[k][0] <= token.start:
                continue
            if token.key not in STOPWORDS:
                keys.add(group_key(token))
        df.update(keys)
    least = max(2, (len(articles) + 1) // 2)
    return frozenset(key for key, n in df.items() if n >= least)


def _candidates(units: Sequence[_Unit]) -> list[tuple[int, int]]:
    """Pairs of units in different articles that share a content word (each pair once)."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, unit in enumerate(units):
        for key in dict.fromkeys(group_key(t) for t in unit.tokens if t.key not in STOPWORDS):
            index[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        # pairs within one article are never candidates: skipping them keeps one article with
        # thousands of quotes linear
        by_article: dict[str, list[int]] = defaultdict(list)
        for i in members:
            by_article[units[i].quote.article_id].append(i)
        groups = list(by_article.values())
        for x, group in enumerate(groups):
            for other in groups[x + 1 :]:
                pairs.update((min(i, j), max(i, j)) for i in group for j in other)
    return sorted(pairs)


def _group_speaker(units: Sequence[_Unit]) -> str | None:
    """The speaker most units agree on (names of one person counted together); speakers
    named where the quote is attributed outvote those resolved from "he" or a neighbour."""
    names = [u.quote.speaker for u in units if u.quote.speaker and _named(u.quote)] or [
        u.quote.speaker for u in units if u.quote.speaker]
    if not names:
        return None
    counts = Counter(names)
    support = {n: sum(c for m, c in counts.items() if speaker_relation(n, m) == "same")
               for n in counts}
    return max(sorted(counts), key=lambda n: (support[n], counts[n], len(n.split())))


def _witnesses(units: Sequence[_Unit]) -> list[Witness]:
    """One witness per quote: the stretches of that quote in the group, in document order."""
    witnesses: list[Witness] = []
    for unit in units:
        quote = unit.quote
        text = " ".join(p.text for p in unit.parts)
        if witnesses and witnesses[-1].quote_id == quote.id:
            previous = witnesses[-1]
            witnesses[-1] = previous.model_copy(update={
                "parts": (*previous.parts, *unit.parts), "text": f"{previous.text} {text}",
            })
        else:
            witnesses.append(Witness(quote_id=quote.id, article_id=quote.article_id, text=text,
                                     parts=unit.parts))
    return witnesses


def _components(
    units: Sequence[_Unit], find: Callable[[int], int],
) -> tuple[dict[int, list[int]], dict[int, set[str]], dict[int, str | None]]:
    """Return the current groups of ``units`` (members by root), the articles of each and its
    speaker."""
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(units)):
        components[find(i)].append(i)
    articles = {root: {units[i].quote.article_id for i in members}
                for root, members in components.items()}
    speakers = {root: _group_speaker([units[i] for i in members])
                for root, members in components.items()}
    return components, articles, speakers


Region = tuple[int, int]  # a stretch of a unit's compared words: [start, end)
_REGION_GAP = 4  # words apart that still continue one matched region (a rewording)
# words reworded at a cut before the two pieces meet ("did not win" / "won")
_EDGE = 3


def _regions(ka: Sequence[str], kb: Sequence[str]) -> tuple[Region, Region]:
    """Where two matching sequences print their common passage: the region of each that the
    run of matches with most words spans (matches at most ``_REGION_GAP`` words apart on
    either side continue a run; a stray common word elsewhere does not widen it)."""
    # stopwords alone do not carry a region on ("to" in "wait to get" and "not to keep")
    blocks = [m for m in SequenceMatcher(None, ka, kb, autojunk=False).get_matching_blocks()
              if m.size >= 3 or any(k not in STOPWORDS for k in ka[m.a : m.a + m.size])]
    if not blocks:
        return (0, 0), (0, 0)
    runs: list[list[Match]] = [[blocks[0]]]
    for m in blocks[1:]:
        last = runs[-1][-1]
        if (m.a - (last.a + last.size) > _REGION_GAP
                or m.b - (last.b + last.size) > _REGION_GAP):
            runs.append([m])
        else:
            runs[-1].append(m)
    best = max(runs, key=lambda run: sum(m.size for m in run))
    return ((best[0].a, best[-1].a + best[-1].size), (best[0].b, best[-1].b + best[-1].size))


def _without_conflations(
    units: Sequence[_Unit], matches: Sequence[tuple[int, int]],
    regions: dict[tuple[int, int], tuple[Region, Region]],
) -> tuple[list[tuple[int, int]], dict[int, int]]:
    """Drop the links by which one quote would join two passages it prints one after the
    other (A then B) when another article prints B before A: the articles disagree on the
    order, so the quote runs two remarks into one (two occasions) rather than printing one
    passage.  Its links to the passage it shares fewer words with are dropped; where every
    article that prints both prints A before B the quote joins the two, as a passage
    printed whole and in pieces is one utterance.

    Returns the links kept and, for each quote unit that runs two remarks together, where
    to cut it (the character offset where the second remark's words start), so that each
    remark can take its own part of the quote."""
    partners: dict[int, list[tuple[int, Region]]] = defaultdict(list)
    cuts: dict[int, int] = {}
    for i, j in matches:
        ri, rj = regions[(i, j)]
        partners[i].append((j, ri))
        partners[j].append((i, rj))
    dropped: set[tuple[int, int]] = set()
    for u, found in partners.items():
        # partners whose regions in ``u`` overlap print the same passage of it
        clusters: list[tuple[Region, list[int]]] = []
        for other, (start, end) in sorted(found, key=lambda f: f[1]):
            if clusters and start < clusters[-1][0][1]:
                (c_start, c_end), members = clusters[-1]
                clusters[-1] = ((c_start, max(c_end, end)), [*members, other])
            else:
                clusters.append(((start, end), [other]))
        article = units[u].quote.article_id
        for (first_region, first), (then_region, then) in combinations(clusters, 2):
            reversed_order = any(
                units[b].quote.article_id == units[a].quote.article_id != article and b < a
                for a in first for b in then)
            if not reversed_order:
                continue
            weaker = (then if then_region[1] - then_region[0] < first_region[1] - first_region[0]
                      else first)
            dropped.update((min(u, w), max(u, w)) for w in weaker)
            if first_region[1] <= then_region[0] < len(units[u].compared):
                cuts.setdefault(u, units[u].compared[then_region[0]].start)
    return [(i, j) for i, j in matches if (min(i, j), max(i, j)) not in dropped], cuts


def _neighbours(units: Sequence[_Unit], texts: dict[str, str]) -> dict[int, int]:
    """Each unit's next unit in its article when nothing but an attribution lies between
    them (at most twelve words: ``…,” he said. “…``) and their speakers are not two different
    people: one passage an article cuts in two."""
    following: dict[int, int] = {}
    for i in range(len(units) - 1):
        a, b = units[i], units[i + 1]
        if (a.quote.article_id != b.quote.article_id or b.after_cut
                or _relation(a.quote, b.quote) == "different"):
            continue
        between = texts.get(a.quote.article_id, "")[a.parts[-1].end : b.parts[0].start]
        if len(between.split()) <= 12:
            following[i] = i + 1
    return following


def _meets(cut: Sequence[str], other: Sequence[str], at_end: bool) -> bool:
    """Whether the words left over at one end of a quote (``cut``) are the words at the
    adjoining end of ``other``: matched in order from that edge (within ``_EDGE`` words of it
    in both), with every content word of ``cut`` matched or two at least."""
    if at_end:  # ``cut`` continues where ``other`` begins: compare from their starts
        a, b = list(cut), list(other)
    else:  # ``cut`` leads into where ``other`` ends: compare from their ends
        a, b = list(reversed(cut)), list(reversed(other))
    blocks = [m for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
              if m.size]
    if not blocks or blocks[0].a > _EDGE or blocks[0].b > _EDGE:
        return False
    content = sum(k not in STOPWORDS for k in a)
    matched = sum(k not in STOPWORDS for m in blocks for k in a[m.a : m.a + m.size])
    return matched >= min(2, content) and matched >= 1


def _adjacent_passages(
    units: Sequence[_Unit], matches: Sequence[tuple[int, int]],
    regions: dict[tuple[int, int], tuple[Region, Region]], keys: Sequence[Sequence[str]],
    texts: dict[str, str],
) -> list[tuple[int, int]]:
    """Links for a passage one article prints as one quote and another cuts in two with an
    attribution: where a quote matches one piece and goes on past that piece's end (or
    starts before its beginning), the words it goes on with are compared with the piece the
    other article prints next (or just before), and when they meet there (:func:`_meets`)
    the two are joined, however few words that part shares."""
    following = _neighbours(units, texts)
    preceding = {b: a for a, b in following.items()}
    links: list[tuple[int, int]] = []
    for (i, j) in matches:
        for u, x, (u_region, x_region) in ((i, j, regions[(i, j)]),
                                           (j, i, regions[(i, j)][::-1])):
            ku, kx = keys[u], keys[x]
            nxt, prev = following.get(x), preceding.get(x)
            if (nxt is not None and len(ku) - u_region[1] >= 2 and x_region[1] >= len(kx) - 1
                    and _relation(units[u].quote, units[nxt].quote) != "different"
                    and _meets(ku[u_region[1]:], keys[nxt], at_end=True)):
                links.append((u, nxt))
            if (prev is not None and u_region[0] >= 2 and x_region[0] <= 1
                    and _relation(units[u].quote, units[prev].quote) != "different"
                    and _meets(ku[: u_region[0]], keys[prev], at_end=False)):
                links.append((u, prev))
    return links


def _attach_fragments(units: Sequence[_Unit], texts: dict[str, str], common: Collection[str],
                      find: Callable[[int], int], parent: list[int]) -> None:
    """Attach each fragment left out of every cross-article group to the one place of its
    speaker's transcript that holds its words, word for word; leave it where it is when no
    place or several places do (the transcript says why)."""
    components, articles, speakers = _components(units, find)
    joins: list[tuple[int, int]] = []
    for i, unit in enumerate(units):
        root = find(i)
        speaker = unit.quote.speaker
        if len(articles[root]) >= 2 or not speaker:
            continue
        if not is_fragment(unit.parts, texts.get(unit.quote.article_id, "")):
            continue
        phrase = [group_key(t) for t in unit.compared]
        if not any(k not in STOPWORDS and k not in common for k in phrase):
            continue
        places: list[int] = []
        for other, members in components.items():
            if other == root or speaker_relation(speaker, speakers[other]) != "same":
                continue
            most = max(len(phrase_places(phrase, [[group_key(t) for t in units[j].compared]]))
                       for j in members)
            places.extend([other] * most)
        if len(places) == 1 and articles[places[0]] - {unit.quote.article_id}:
            joins.append((i, places[0]))
    for i, other in joins:
        parent[find(i)] = find(other)


def _attach_unattributed(units: Sequence[_Unit], pairs: Sequence[tuple[int, int]],
                         threshold: float, common: Collection[str],
                         find: Callable[[int], int], parent: list[int]) -> None:
    """Attach each quote with no speaker, still in no cross-article group, to the group of a
    known speaker in other articles whose words it matches as that speaker's own quote would
    (the rules for one person): the speaker comes from the group.  A quote that matches so
    two groups (it would bridge them), or none, stays where it is; a quote whose speaker is
    known is never attached here."""
    _, articles, speakers = _components(units, find)
    targets: dict[int, set[int]] = defaultdict(set)
    for i, j in pairs:
        for x, y in ((i, j), (j, i)):
            rx, ry = find(x), find(y)
            if (units[x].quote.speaker is not None or len(articles[rx]) >= 2
                    or speakers[ry] is None or units[x].quote.article_id in articles[ry]):
                continue
            if _evidence(units[x].compared, units[y].compared, threshold, "same",
                         common) == "match":
                targets[x].add(ry)
    joins = [(x, next(iter(roots))) for x, roots in targets.items() if len(roots) == 1]
    for x, root in joins:
        parent[find(x)] = find(root)


def _links(
    units: Sequence[_Unit], threshold: float, common: Collection[str],
    articles: dict[str, Article], texts: dict[str, str],
) -> tuple[list[tuple[int, int]], dict[int, list[int]], list[tuple[int, int]], dict[int, int]]:
    """Compare the units of different articles: returns the links that make two units one
    utterance, the fragments (unit -> the units it is a fragment of), the candidate pairs
    compared and the cuts of units that run two remarks into one
    (:func:`_without_conflations`)."""
    fragments: dict[int, list[int]] = defaultdict(list)
    pairs = _candidates(units)
    keys = [[group_key(t) for t in u.compared] for u in units]
    occasions = [occasion(u.quote, articles.get(u.quote.article_id)) for u in units]
    # the same words on two days are two utterances (a chant, a stump speech)
    pairs = [(i, j) for i, j in pairs if same_occasion(occasions[i], occasions[j])]
    matches: list[tuple[int, int]] = []
    for i, j in pairs:
        relation = _relation(units[i].quote, units[j].quote)
        kind = _evidence(units[i].compared, units[j].compared, threshold, relation, common)
        if kind == "match":
            matches.append((i, j))
        elif kind == "fragment":  # filed under the shorter of the two: the fragment
            short, long = (i, j) if len(units[i].tokens) <= len(units[j].tokens) else (j, i)
            fragments[short].append(long)
    regions = {(i, j): _regions(keys[i], keys[j]) for i, j in matches}
    links = [*matches, *_adjacent_passages(units, matches, regions, keys, texts)]
    regions.update({(i, j): _regions(keys[i], keys[j]) for i, j in links
                    if (i, j) not in regions})
    kept, cuts = _without_conflations(units, links, regions)
    return kept, fragments, pairs, cuts


def group_quotes(
    quotes: Sequence[Quote], articles: Sequence[Article], reuse: Sequence[ReusePair] = (),
    threshold: float = 0.5,
) -> list[QuoteGroup]:
    """Group what several articles print of one utterance, and collate each group.

    Takes all quotes of a brief (any order), the articles, the reuse pairs (for independent
    support) and the least share of content words matched for one speaker's quotes to be one
    utterance; returns groups with witnesses in at least two articles, ordered by the number
    of articles (most first), then by first appearance.
    """
    order = {a.id: k for k, a in enumerate(articles)}
    texts = {a.id: a.text for a in articles}
    units = _units(quotes, articles)
    common = _common_keys(quotes, articles)
    by_id = {a.id: a for a in articles}
    links, fragments, pairs, cuts = _links(units, threshold, common, by_id, texts)
    if cuts:  # a quote that runs two remarks into one: each remark takes its own words
        units = [piece for k, unit in enumerate(units)
                 for piece in (_split_unit(unit, cuts[k]) if k in cuts else (unit,))]
        links, fragments, pairs, _ = _links(units, threshold, common, by_id, texts)
    parent = list(range(len(units)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in links:
        parent[find(j)] = find(i)
    # A short fragment joins the group of what it is a fragment of, but does not bridge two
    # groups that longer quotes established, nor quotes of two different named speakers (a
    # phrase both used, a quoted term).
    sizes = Counter(find(i) for i in range(len(units)))
    for i in sorted(fragments, key=lambda k: (-len(units[k].tokens), k)):
        roots = {find(j) for j in fragments[i]} | {find(i)}
        partners = [units[j].quote for j in fragments[i]]
        if sum(sizes[r] >= 2 for r in roots) >= 2 or any(
            _relation(x, y) == "different" for x, y in combinations(partners, 2)
        ):
            continue
        for j in fragments[i]:
            parent[find(j)] = find(i)
    _attach_unattributed(units, pairs, threshold, common, find, parent)
    _attach_fragments(units, texts, common, find, parent)
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(units)):
        components[find(i)].append(i)
    groups: list[QuoteGroup] = []
    for members in components.values():
        group_units = [units[i] for i in members]
        article_ids = list(dict.fromkeys(u.quote.article_id for u in group_units))
        if len(article_ids) < 2:
            continue
        agreed, segments = collate([(u.quote.article_id, u.tokens) for u in group_units], texts)
        evidence: dict[str, Span] = {}
        for unit in group_units:
            evidence.setdefault(unit.quote.article_id, unit.parts[0])
        witnesses = _witnesses(group_units)
        groups.append(QuoteGroup(
            id="",
            speaker=_group_speaker(group_units),
            witnesses=tuple(witnesses),
            agreed_text=agreed,
            segments=segments,
            independent_articles=independent_articles(article_ids, evidence, reuse),
        ))
    groups.sort(key=lambda g: (-len(g.articles), order.get(g.witnesses[0].article_id, 0),
                               g.witnesses[0].parts[0].start))
    return [g.model_copy(update={"id": f"g{k + 1}"}) for k, g in enumerate(groups)]
