"""Who speaks: the grammar of speaker phrases and the resolution of phrases to people.

A *speaker phrase* is what an article writes next to a cue verb: a name ("Jane Doe", "Sen.
Ann Lee", "chief economist Maurice Obstfeld"), a pronoun ("he"), or a description ("the
mayor", "one Democratic source on the panel", "Obama's former campaign strategist").

Resolution turns a phrase into the person it refers to:

- a surname or first name alone is expanded to the full name the article uses ("Ruffalo" ->
  "Mark Ruffalo");
- a pronoun goes to the most recent *source* before it (a person the article has just made
  speak, directly or in indirect speech: "Scott responded with logic. ... he said"), else to
  the most recent person named, in both cases skipping people of the other gender where the
  article tells the gender (an honorific, a gendered role noun, a common first name);
- a description goes to the person whose title or role matches its head noun ("the mayor" ->
  Mayor Helen Okafor, "the Vermont senator" -> Sen. Bernie Sanders); a description that names
  nobody in the article ("the report", "one Democratic source") stays the speaker: it is what
  the article says, and a guess would be wrong more often than right.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from newsweave.lang import (
    APPROXIMATORS,
    AUXILIARIES,
    COMMON_CAPITALISED,
    COORDINATORS,
    CUE_VERBS,
    DETERMINERS,
    HONORIFIC_ABBREVIATIONS,
    MONTH_ABBREVIATIONS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NOT_NAMES,
    OFFICES,
    PREPOSITIONS,
    PRONOUN_GENDER,
    QUANTIFIERS,
    RELATIVE_PRONOUNS,
    ROLE_GENDER,
    ROLE_NOUNS,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    TITLE_ABBREVIATIONS,
    TITLE_GENDER,
    TITLES,
    VERB_ADVERBS,
    Gender,
    alternation,
    capitalised,
    given_name_gender,
    is_common_capitalised,
    is_given_name,
    looks_like_adjective,
    pronoun_pattern,
    role_pattern,
)
from newsweave.model import Article
from newsweave.text.spans import SpanSet, WordPositions
from newsweave.text.tokens import STOPWORDS

_TITLES = TITLES
# A capitalised word; only an initial ("F.") or an abbreviation ("Jr.") keeps a full stop, so
# "said Jane Doe. Then" stops at "Doe".
_NAME_WORD = (rf"(?:[A-Z]\.(?:[A-Z]\.)*|(?:{'|'.join(NAME_SUFFIXES)}|St)\.|"
              r"[A-Z](?:[\w'’\-]*\w)?)")
_PARTICLE = rf"(?:{'|'.join(NAME_PARTICLES)})"
NAME = (
    rf"(?:the\s+(?=(?:{_TITLES})\s))?(?:(?:{_TITLES})\s+)*"
    rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,4}}"
)
PRONOUN = pronoun_pattern()
# Determiners that open a description; a possessive name ("Obama's") works as one too.
_DETERMINER = (
    rf"(?:{alternation(DETERMINERS | QUANTIFIERS, both_cases=True)}|"
    # a quantity: "63 percent of voters", "Only 52 percent of registered voters"
    rf"(?:(?:{alternation(APPROXIMATORS, both_cases=True)})\s+)?\d[\d,.]*%?|"
    rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}['’]s)"
)
_FUNCTION_WORDS = (
    "(?:" + alternation(
        DETERMINERS | PREPOSITIONS | COORDINATORS | RELATIVE_PRONOUNS | AUXILIARIES
        | SUBJECT_PRONOUNS - {"i"} | SUBORDINATORS - {"who", "what", "where", "why", "how"}
        | frozenset({"not", "than"})
        # adverbs between a description and its verb ("my father often said")
        | VERB_ADVERBS
    ) + ")"
)
# A word of a description that is not a function word (descriptions stop at "and", "has").
_DESCRIPTION_WORD = rf"(?:and\s+)?(?!{_FUNCTION_WORDS}\b)\w[\w'’\-]*(?:\.[A-Z]\.)?"
# "the actor", "the Vermont senator", "one Democratic source on the panel", "a narrator in the
# Clinton ad": up to four modifiers, a lower-case head, and an optional short "of/on/in/at/for"
# phrase.
DESCRIPTION = (
    rf"{_DETERMINER}\s+(?:{_DESCRIPTION_WORD}\s+){{0,4}}(?!{_FUNCTION_WORDS}\b)"
    # the head: a lower-case noun, or an age ("the 52-year-old")
    rf"(?:[a-z]|\d{{1,3}}-year-)[\w\-]+"
    rf"(?:\s+(?:of|on|in|at|for|from|with)\s+(?:the\s+|a\s+)?(?:{_DESCRIPTION_WORD}\s+){{0,2}}"
    rf"(?!{_FUNCTION_WORDS}\b)[\w\-]+)?"
)
# An organisation named with "the": "the Security Council", "The Times", "the Association of
# Flight Attendants".
ORGANISATION = (
    # not a title before a name: "the Rev. Ann Lee" is a name
    rf"[Tt]he\s+(?!(?:{_TITLES})\s+[A-Z]){_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?"
    rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})?"
)
SPEAKER = rf"(?:{PRONOUN}|(?!(?:that|this|it|there)\s){DESCRIPTION}|{ORGANISATION}|{NAME})"
# What may stand between a speaker and the cue: a party tag "(R-Utah)" or ", R-Wis.,", an age
# ", 25,", appositives ", a spokesman for the council,", ", 59, of Ashton, Md., who …,", a
# participle ", speaking to reporters,".
_APPOSITIVE_PART = (
    r",\s*(?:\d{1,3}|[A-Z]-[A-Z][\w.]*|[A-Z][a-z]{1,3}\.|"
    r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}|"
    r"(?:[a-z][\w\-]*|[A-Z][\w.\-]*['’]s)\s(?:(?!\.\s)[^,;!?“”\"#]){1,160}?)"
)
APPOSITIVE = (
    # "Mr. Morgan of the Sierra Club said"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3})?"
    rf"(?:\s*\([A-Z][\w.]{{0,4}}(?:-[\w. ]{{1,20}})?\))?(?:(?:{_APPOSITIVE_PART}){{1,4}},)?"
)
# Lower-case role words before a name: "chief economist Maurice Obstfeld said", "MSNBC host
# Chris Matthews said", "Latvian journalist Dainis Ivans".
# The role words are not verbs, prepositions or determiners ("Clinton called half of Trump's
# supporters" has no role prefix).
_ROLE_WORD = (
    rf"(?!(?:{CUE_VERBS}|"
    + alternation(DETERMINERS | QUANTIFIERS | PREPOSITIONS | COORDINATORS | AUXILIARIES
                  | RELATIVE_PRONOUNS | frozenset({"then", "also", "when"}))
    + r")\s)[a-z0-9][\w/\-]*(?<!ed)\s+"
)
# "NBC’s Dante Chinni", "the network’s chief editor Ann Lee" work the same way.
ROLE_PREFIX = (
    rf"(?:(?:[A-Z][\w.&\-]*\s+){{0,2}}(?:{_ROLE_WORD}){{1,4}}(?=[A-Z])"
    rf"|[A-Z][\w.&\-]*['’]s\s+(?:{_ROLE_WORD}){{0,4}}(?=[A-Z]))?"
)

PRONOUNS = SUBJECT_PRONOUNS
# Adverbs between a speaker and the cue: "Mexicans often say", "she later added".
ADVERB = rf"(?:(?:\w+ly|{alternation(VERB_ADVERBS)})\s+)"
_NOT_NAMES = NOT_NAMES
__all__ = ["COMMON_CAPITALISED", "CUE_VERBS"]  # read by other stages until they import lang
_PERSON_NAME = re.compile(
    rf"\b(?P<title>(?:(?:{_TITLES})\s+)*)(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})\b"
)
_TITLED_SURNAME = re.compile(
    rf"\b(?P<title>{'|'.join(HONORIFIC_ABBREVIATIONS)})\.?\s+(?P<name>[A-Z][\w'’\-]*\w)\b(?!\s+[A-Z])"
)


def speaker_then_cue(speaker: str = "speaker", cue: str = "cue", phrase: str | None = None,
                     cues: str = CUE_VERBS) -> str:
    """The regex of a speaker phrase, its appositives and adverbs, then its cue verb ("Ann Lee,
    52, of Ohio, later said"), in named groups ``speaker`` and ``cue``."""
    phrase = SPEAKER if phrase is None else phrase
    return rf"(?P<{speaker}>{phrase}){APPOSITIVE}\s+{ADVERB}?(?P<{cue}>{cues})"


def cue_then_speaker(speaker: str = "speaker", cue: str = "cue", phrase: str | None = None,
                     cues: str = CUE_VERBS) -> str:
    """The regex of a cue verb, then the role words and speaker phrase after it ("said
    chief economist Ann Lee"), in named groups ``cue`` and ``speaker``."""
    phrase = SPEAKER if phrase is None else phrase
    return rf"(?P<{cue}>{cues})\s+{ROLE_PREFIX}(?P<{speaker}>{phrase})"


_SOURCE = re.compile(  # (?<!\w): tried only where a word starts (linear on long runs)
    rf"(?<!\w)(?:(?P<according>[Aa]ccording to)\s+(?P<s1>{NAME})"
    rf"|{speaker_then_cue('s2', 'c2', NAME)}\b"
    rf"|\b{cue_then_speaker('s3', 'c3', NAME)})"
)

_GENDERED_ROLES: tuple[tuple[Gender, re.Pattern[str]], ...] = (
    ("female", role_pattern("female")), ("male", role_pattern("male")))
# What may open a sentence before its subject: "But", "Ultimately,", "In July,".
_SENTENCE_OPENING = re.compile(
    r"(?:(?:But|And|So|Yet|Still|Then|Also|Now)\s+)?"
    r"(?:(?:[A-Z][a-z]*ly|In|At|On|During|After|Before|Since|Later|Earlier|Last\s\w+|"
    r"Meanwhile|However|Still|Instead)\b[^,.;#]{0,60},\s+)?"
)


# A full stop that ends an initial or a common abbreviation rather than a sentence ("John F.
# Kerry", "Sen. Ann Lee", "Joseph Biden Jr. said", "Oct. 4", "U.S. Senate").
_ABBREVIATION_STOP = re.compile(
    rf"(?:^|[^\w.])(?:[A-Z]|{'|'.join(HONORIFIC_ABBREVIATIONS + NAME_SUFFIXES)}|St|Mt|Ft|"
    rf"{'|'.join(m.capitalize() for m in MONTH_ABBREVIATIONS)}|vs|U\.S|U\.K|U\.N)\.$"
)


def ends_sentence(text: str, i: int) -> bool:
    """True when the mark at ``text[i]`` (".", "?" or "!") ends a sentence, not an initial or
    an abbreviation such as "Sen." or "Jr."."""
    return text[i] != "." or _ABBREVIATION_STOP.search(text[max(0, i - 6) : i + 1]) is None


@lru_cache(maxsize=256)  # asked once per quote of a paragraph: computed once per paragraph
def sentence_breaks(text: str) -> tuple[int, ...]:
    """Return the offsets (ascending) just after each sentence end of ``text``: a mark, a
    space, and no lower-case word next ("the U.S. voting system" goes on).  A no-break space
    counts as a space."""
    return tuple(m.start() + 2 for m in re.finditer(r"[.?!][ \u00a0](?![\s\"“‘']*[a-z])", text)
                 if ends_sentence(text, m.start()))


@dataclass(frozen=True)
class Mention:
    """A person named outside quotes: where, the full name, and the title that preceded it."""

    position: int
    name: str
    title: str


_LONE_WORDS = DETERMINERS | QUANTIFIERS
# Heads of descriptions that are not people: "the report says", "the letter reads".
THING_HEADS = frozenset(
    """report reports statement statements letter letters ad ads advert piece article story
    study poll survey website site page post tweet tweets book film video memo document
    documents bill law complaint lawsuit filing release note email message paper editorial
    column headline transcript release indictment ruling order""".split()
)
# Nouns of a body of people: "the police said" reports the body, never one person in it.
GROUP_HEADS = frozenset(
    """police government administration military army navy company committee council board
    campaign court department agency ministry team party group public press family staff
    management authorities prosecution defence defense opposition jury union office bureau
    service services trust commission institute organisers organizers""".split()
)


_SUBORDINATORS = SUBORDINATORS | PREPOSITIONS | {"according"}
_TITLE = re.compile(TITLES)
# Gendered pronouns that may follow a person's mention.
_GENDERED_PRONOUN = r"\b(" + "|".join(w for w in PRONOUN_GENDER if not w.endswith("self")) + r")\b"


def _participle(word: str) -> bool:
    """True for a lower-case participle ("premiering", "based"): it opens a phrase, never a
    speaker."""
    return word.islower() and len(word) > 4 and word.endswith(("ing", "ed"))


# Nouns for a group of people that take no plural "s" ("Police say").
_COLLECTIVES = frozenset({"Police", "People", "Staff", "Clergy", "Management"})


def _abstract(noun: str) -> bool:
    """True for a noun that names a thing by its suffix ("analysis", "investigation",
    "statement"): "the analysis found" names no person."""
    return noun.endswith(("sis", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism"))


def _plural(noun: str) -> bool:
    """True for a noun that reads as a plural ("officials"), not "actress" or "census"."""
    return noun.endswith("s") and not noun.endswith(("ss", "us", "is"))


def bad_speaker(speaker: str) -> bool:
    """True when a matched speaker phrase is a function word, not a speaker ("When she",
    "The")."""
    words = speaker.split()
    first = words[0]
    if first.lower() in _SUBORDINATORS or _participle(first) or (
        len(words) == 1 and first.lower() in _LONE_WORDS
    ):
        return True
    if len(words) > 1 and words[1][:1].isdigit():
        return False  # a quantity: "Only 52 percent of voters"
    if first.endswith("ing") and first[:1].isupper() and len(words) == 1:
        return True  # "Lamenting their luck, …"
    if len(words) == 1 and first in _COLLECTIVES:
        return False  # "Police say …"
    if len(words) == 1 and is_common_capitalised(first):
        return True  # "Republican claims", "Democratic states": an adjective before a noun
    # a capitalised pronoun or determiner opens a speaker phrase ("He", "The mayor")
    return first in _NOT_NAMES and first.lower() not in SUBJECT_PRONOUNS | DETERMINERS


def strip_title(name: str) -> str:
    """Return ``name`` without leading titles ("Fire Chief Daniel Reyes" -> "Daniel Reyes")."""
    name = re.sub(rf"^(?:the\s+(?=(?:{_TITLES})\s+[A-Z]))?(?:(?:{_TITLES})\s+)+", "",
                  name.strip()).strip()
    words = name.split()
    if words and len(words[-1]) > 2:
        words[-1] = words[-1].rstrip(".")
    return " ".join(words)


# A surname under an abbreviated title, as written.
_TITLED_NAME = re.compile(r"^[A-Z][a-z]{1,3}\.\s+\S+$")


def is_titled(name: str) -> bool:
    """True for a surname under an abbreviated title, as written ("Mr. Clarke", "Sen. Lee")."""
    return _TITLED_NAME.match(name) is not None


def is_description(phrase: str) -> bool:
    """True for a speaker phrase that describes rather than names ("the actor", "a doctor")."""
    words = phrase.split()
    if not words or re.match(rf"[Tt]he\s+(?:{_TITLES})\s+[A-Z]", phrase):
        return False  # "the Rev. Ann Moss" names her
    return not phrase[:1].isupper() or words[0][:1].isdigit() or words[0].lower() in (
        DETERMINERS | QUANTIFIERS | APPROXIMATORS
    ) or bool(re.match(r"^[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,2}['’]s\s+[a-z]", phrase))


def description_head(phrase: str) -> str:
    """Return the head noun of a description, before any of/on/in phrase ("one Democratic
    source on the panel" -> "source"), or "" for an empty phrase."""
    words = re.sub(r"\s+(?:of|on|in|at|for|from|with)\s.*$", "", phrase).split()
    return words[-1] if words else ""


def masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Return ``text`` with every ``[start, end)`` span replaced by ``#`` (same length)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "#" * (end - start)
    return "".join(chars)


def person_mentions(
    article: Article, quoted: list[tuple[int, int]], extra: Iterable[Mention] = ()
) -> list[Mention]:
    """Return the person-like names mentioned outside the ``quoted`` spans, in order.

    A candidate is two or three capitalised words, none a function word or a common
    capitalised noun ("Outstanding Lead Actor", "Staples Center" are not people); a titled
    single name ("Mr. Clarke") counts too, and so do the ``extra`` mentions (a parser's
    PERSON entities).  Later mentions of a known person by surname alone ("Ruffalo") are
    mentions of that person.
    """
    mentions: list[Mention] = []
    inside_quotes = SpanSet(quoted)
    for paragraph in article.paragraphs:
        at = 0
        while (match := _PERSON_NAME.search(paragraph.text, at)) is not None:
            # A rejected candidate may hide a name further on ("Executive Director Aaron Lee",
            # "Secretary General Ban Ki-moon"): look again from its second word.
            second = re.search(r"\s\S", paragraph.text[match.start() : match.end()])
            at = match.start() + second.end() - 1 if second else match.end()
            pos = paragraph.start + match.start("name")
            if inside_quotes.covers(pos):
                continue
            name = re.sub(r"['’]s$", "", match.group("name")).rstrip(".")
            words = name.split()
            after = paragraph.text[match.end("name") : match.end("name") + 2]
            if (
                re.match(r"\s[A-Z]", after)  # part of a longer name ("... General Hospital")
                or words[0].endswith("ing")
                or len(words) < 2
                or re.fullmatch(_TITLES, words[-1])  # "Former Ohio Gov." before "Ann Lee"
                or words[0] in _NOT_NAMES
                or any(w.lower() in STOPWORDS or is_common_capitalised(w) for w in words)
                or any(w.endswith((".", "'s", "’s")) and len(w) > 2 for w in words[:-1])
            ):
                continue
            at = match.end()
            mentions.append(Mention(pos, name, match.group("title").strip()))
    known = {m.position for m in mentions}
    mentions.extend(m for m in extra if m.position not in known)
    full_names = {m.name for m in mentions}
    mentions.extend(_lone_names(article, quoted, full_names))
    for paragraph in article.paragraphs:
        for match in _TITLED_SURNAME.finditer(paragraph.text):
            pos = paragraph.start + match.start("name")
            if inside_quotes.covers(pos):
                continue
            surname = re.sub(r"['’]s$", "", match.group("name"))
            if not any(n.split()[-1] == surname for n in full_names):
                mentions.append(Mention(pos, surname, match.group("title")))
    return _with_surname_mentions(article, mentions, quoted)


_LONE_SPEAKER = re.compile(
    rf"(?<![\w'’-])(?P<a>[A-Z][a-z][\w'’\-]*)\s+{ADVERB}?(?:{CUE_VERBS})\b"
    rf"|\b(?:said|says)\s+(?P<b>[A-Z][a-z][\w'’\-]*)\b(?!\s+[A-Z])"
)


def _lone_names(article: Article, quoted: list[tuple[int, int]],
                full_names: set[str]) -> list[Mention]:
    """Mentions of people the article names by one word only and makes speak ("Melanie
    said"): every use of that word outside quotes.  A word the article also writes in lower
    case ("Officials said" / "officials") or that belongs to a full name is not one."""
    plain = masked(article.text, quoted)
    parts = {w for n in full_names for w in n.split()}
    lone: set[str] = set()
    written_lower: dict[str, bool] = {}  # one search of the text per word, not per use
    for match in _LONE_SPEAKER.finditer(plain):
        group = "a" if match.group("a") else "b"
        word = re.sub(r"['’]s$", "", match.group(group))
        if word in lone:
            continue
        if (re.search(r"[A-Z][\w.'’\-]*\s$", plain[max(0, match.start(group) - 30)
                                                     : match.start(group)])
                or word in _NOT_NAMES or is_common_capitalised(word) or word in parts
                or re.fullmatch(_TITLES, word) or word.lower() in STOPWORDS):
            continue
        if word not in written_lower:
            written_lower[word] = bool(
                re.search(rf"\b{re.escape(word.lower())}\b", article.text))
        if not written_lower[word]:
            lone.add(word)
    return [Mention(m.start(), word, "") for word in sorted(lone)
            for m in re.finditer(rf"\b{re.escape(word)}\b(?!\s+[A-Z])", plain)
            if not re.search(r"[A-Z][\w.'’\-]*\s$", plain[max(0, m.start() - 30) : m.start()])]


def lone_name_parts(
    words: WordPositions, first_seen: Mapping[str, int], part: int, blocked: SpanSet,
    within: Sequence[tuple[int, int]] | None = None,
) -> list[tuple[int, int, str]]:
    """Return ``(start, end, full name)`` for each time one part of a person's name is written
    alone after the person's first mention ("Ruffalo" after "Mark Ruffalo").

    Takes the text's word positions, the full names of the article's people with the offset
    of each one's first mention, which part to look for (``-1`` the surname, ``0`` the first
    name), the spans where a mention cannot start (quotes, other mentions) and, optionally,
    the ranges a mention must start in (the paragraphs).  A part shared by several people
    names the one the article introduced first (the one the story is mostly about: "Donald
    Trump … Ivanka Trump … Trump said"); a part followed by a capitalised word belongs to a
    longer name.  Both the quote stage's resolver and the entity stage find surnames here.
    """
    owners: dict[str, list[str]] = {}
    for name in first_seen:
        parts = name.split()
        if len(parts) >= 2:
            owners.setdefault(parts[part], []).append(name)
    out: list[tuple[int, int, str]] = []
    for word, names in owners.items():
        pattern = re.compile(rf"\b{re.escape(word)}\b(?!\s+[A-Z])")
        for match in words.matches(pattern, word, within):
            pos = match.start()
            introduced = [(first_seen[n], n) for n in names if first_seen[n] < pos]
            if introduced and not blocked.covers(pos):
                out.append((pos, match.end(), min(introduced)[1]))
    return out


def _with_surname_mentions(
    article: Article, mentions: list[Mention], quoted: list[tuple[int, int]]
) -> list[Mention]:
    """Add the mentions of known people by surname alone, after their first full mention."""
    first_seen: dict[str, int] = {}
    titles: dict[str, str] = {}
    for m in mentions:
        first_seen.setdefault(m.name, m.position)
        if m.title:
            titles.setdefault(m.name, m.title)
    taken = {(m.position, m.name) for m in mentions}
    covered = [(m.position, m.position + len(m.name)) for m in mentions]
    # one pass over the text, not one per surname
    found = lone_name_parts(WordPositions(article.text), first_seen, -1,
                            SpanSet(quoted + covered))
    extra = [Mention(pos, name, titles.get(name, "")) for pos, _, name in found
             if (pos, name) not in taken]
    out = [Mention(m.position, m.name, m.title or titles.get(m.name, "")) for m in mentions]
    return sorted(out + extra, key=lambda m: m.position)


# An age told in apposition ("Ann Lee, 52,").
_AGE_OF = re.compile(r"(?<!\w)(?P<name>[A-Z][\w'’\-]*),\s+(?P<age>\d{1,3})\s*,")
# "said Hester": a cue just before a single name (searched in the few characters before it)
_SAID_BEFORE_NAME = re.compile(r"\b(?:said|says|to)\s+$")


# A definite role description that stands for a person of the article ("the actor", "the
# Vermont senator", "the 52-year-old"): up to three modifiers, then a role noun or an age.
_AGE_NOUNS = r"man|woman|boy|girl|mother|father"  # belong to an age ("the 52-year-old man")
_AGE_HEAD = r"\d{1,3}-year-old"
_AGE = re.compile(r"\b(\d{1,3})-year-old\b")  # the age a description gives
_MODIFIER_STOP = STOPWORDS | {"said", "says"}
_MODIFIER = rf"(?!(?:{'|'.join(sorted(_MODIFIER_STOP))})\s)[\w’'\-]+\s+"
_ROLE_DESCRIPTION = re.compile(
    rf"\b[Tt]he\s+(?P<mods>(?:{_MODIFIER}){{0,3}})"
    rf"(?P<head>(?:{'|'.join(sorted(ROLE_NOUNS, key=len, reverse=True))})(?![\w\-])"
    rf"|{_AGE_HEAD}(?:\s+(?:{_AGE_NOUNS})\b)?(?![\w\-]))"
)
# After an age alone the description must end: "the 52-year-old said", not "the 52-year-old law".
_AFTER_AGE = re.compile(
    rf"\s*(?:[,.;:!?)”\"]|$|(?:\w+ly\s+)?(?:{CUE_VERBS}|was|is|has|had|who|will|would)\b)"
)


@dataclass(frozen=True)
class RoleDescription:
    """A definite role description outside quotes, ``[start, end)``, its head noun, and the
    person it refers to."""

    start: int
    end: int
    head: str
    name: str


class Resolver:
    """Resolves the speaker phrases of one article to people (rules in the module docstring)."""

    def __init__(self, article: Article, quoted: list[tuple[int, int]],
                 extra_people: Iterable[Mention] = ()) -> None:
        self.article = article
        self.text = article.text
        self.quoted = quoted
        self.plain = masked(article.text, quoted)
        self.sentence_starts = sorted(
            {p.start for p in article.paragraphs}
            | {m.end() for m in re.finditer(r"[.!?][”\"’'#)]*\s+(?=[A-Z“\"‘'#(])", self.plain)
               if ends_sentence(self.plain, m.start())}
        )
        self._person_like_seen: dict[str, bool] = {}
        found = person_mentions(article, quoted, extra_people)
        self.mentions = found
        self._end_words: dict[str, list[str]] | None = None
        self._mentions_of: dict[str, list[Mention]] = {}
        for mention in found:
            self._mentions_of.setdefault(mention.name, []).append(mention)
        self._text_words = WordPositions(self.text)
        self._plain_words = WordPositions(self.plain)
        score: Counter[str] = Counter()
        for mention in found:
            score[mention.name] += 1
        self.score = score
        self.main_person = next(
            (n for n, _ in score.most_common() if self._person_like(n)), None
        )
        self.gender = {name: self._gender(name) for name in score}
        self.sources = self._source_mentions(article)
        self._source_positions = [p for p, _ in self.sources]
        self._mention_positions = [m.position for m in self.mentions]

    # -- names ---------------------------------------------------------------------------
    def expand(self, phrase: str) -> str:
        """Return the full name a speaker phrase names ("Ruffalo" -> "Mark Ruffalo")."""
        name = strip_title(re.sub(r"['’]s$", "", phrase))
        words = name.split()
        if not words:
            return phrase
        if len(words) == 1:
            matches = self._names_by_end_word().get(words[0], [])
            if matches:
                return max(matches, key=lambda n: (self.score[n], -len(n)))
            return name
        # "G. Mitchell" or "Gen. Carter Ham" -> the full name with the same surname and initial
        matches = [n for n in self._names_by_end_word().get(words[-1], [])
                   if n.split()[-1] == words[-1] and len(n) > len(name)
                   and n.split()[0][0] == words[0][0]]
        return max(matches, key=lambda n: self.score[n]) if matches else name

    def _names_by_end_word(self) -> dict[str, list[str]]:
        """The people named, by their first and by their last word (each list in the order
        of :attr:`score`), built on first use."""
        if self._end_words is None:
            index: dict[str, list[str]] = {}
            for person in self.score:
                parts = person.split()
                for word in dict.fromkeys((parts[0], parts[-1])) if parts else ():
                    index.setdefault(word, []).append(person)
            self._end_words = index
        return self._end_words

    def is_person(self, name: str) -> bool:
        """True when the article treats ``name`` as a person's (see :meth:`_person_like`)."""
        return self._person_like(name)

    def _person_like(self, name: str) -> bool:
        """A name with a title, whose surname the article also uses alone, or introduced as a
        person ("Marcus Doyle, who ...", "Ann Lee, 52,", "Ann Lee said"); not "United States".

        Asked for the same names again and again while pronouns are resolved, so remembered.
        """
        if name not in self._person_like_seen:
            self._person_like_seen[name] = self._judge_person_like(name)
        return self._person_like_seen[name]

    def _judge_person_like(self, name: str) -> bool:
        words = name.split()
        if not words or words[0] in _NOT_NAMES or is_description(name):
            return False
        if any(looks_like_adjective(w) and not is_given_name(w) for w in words[1:-1]):
            return False  # "Marvel Cinematic Universe": an adjective inside a name of a thing
        mentions = self._mentions_of.get(name, [])
        if any(m.title for m in mentions):
            return True
        if len(words) == 1:  # a single name speaks somewhere: "Melanie said", "said Hester"
            word = re.escape(name)
            speaks = re.compile(rf"\b{word}\s+{ADVERB}?(?:{CUE_VERBS})\b")
            spoken_to = re.compile(rf"\b{word}\b")
            return any(True for _ in self._plain_words.matches(speaks, name)) or any(
                _SAID_BEFORE_NAME.search(self.plain, max(0, m.start() - 40), m.start())
                for m in self._plain_words.matches(spoken_to, name))
        first, surname = words[0], words[-1]
        alone = re.compile(rf"(?<!{re.escape(first)} )\b{re.escape(surname)}\b")
        if any(True for _ in self._text_words.matches(alone, surname)):
            return True
        for m in mentions:
            # made to speak: "…, noted NBC’s Ann Lee."
            if re.search(rf"\b(?:{CUE_VERBS})\s+{ROLE_PREFIX}[A-Z]$",
                         self.plain[max(0, m.position - 60) : m.position + 1]):
                return True
            after = self.text[m.position + len(name) : m.position + len(name) + 40]
            if re.match(
                rf"(?:,\s*(?:who|whose|a|an|the|\d{{1,3}})\b|\s+(?:\w+ly\s+)?"
                rf"(?:{CUE_VERBS}|was|is|has|had|\w+ed)\b"
                # a role in apposition ("Ann Lee, political science professor at ...") or a
                # party tag ("Ann Lee (D-Ohio)", "Ann Lee, R-Utah,")
                r"|,\s*(?:[a-z][\w\-]*\s+){1,4}(?:of|at|for|in|with)\s"
                r"|\s*\([A-Z]-|,\s*[A-Z]-[A-Z])",
                after,
            ):
                return True
        return is_given_name(first) and first not in _NOT_NAMES and not _TITLE.fullmatch(first)

    def _gender(self, name: str) -> Gender | None:
        titles = {m.title.lower().rstrip(".") for m in self._mentions_of.get(name, [])}
        told = {TITLE_GENDER[t] for t in titles if t in TITLE_GENDER}
        if len(told) == 1:
            return told.pop()
        votes: Counter[Gender] = Counter()
        for m in self._mentions_of.get(name, []):
            # Only a role said of this mention: right before it in the same clause ("the
            # actress Jane Doe") or in an appositive after it ("Jane Doe, his wife,").
            before = re.split(r"[.!?;#“”\"]", self.plain[max(0, m.position - 40) : m.position])
            after = self.plain[m.position + len(name) : m.position + len(name) + 60]
            for gender, roles in _GENDERED_ROLES:
                if re.search(rf"{roles.pattern}\W+(?:\S+\s+){{0,3}}$", before[-1].lower()) or (
                    re.match(rf",\s*(?:[\w'’\-]+\s+){{0,4}}?{roles.pattern}", after.lower())
                ):
                    votes[gender] += 1
        if votes and len(votes) == 1:
            return next(iter(votes))
        # a single word is mostly a surname ("Clinton"): its gender is not a given name's
        words = name.split()
        by_name, sure = (given_name_gender(words[0].lower()) if len(words) > 1
                         else (None, False))
        if by_name is not None and sure:
            return by_name
        # The pronoun that first follows a mention in the same or the next sentence.
        for m in self._mentions_of.get(name, []):
            after = self.plain[m.position + len(name) : m.position + len(name) + 160]
            found = re.search(_GENDERED_PRONOUN, after, re.IGNORECASE)
            if found:
                votes[PRONOUN_GENDER[found.group(1).lower()]] += 1
        top = votes.most_common(2)
        if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] >= 2 * top[1][1]):
            return top[0][0]
        # a name given mostly to one sex, where the article's pronouns do not say otherwise
        return by_name if by_name is not None and not votes else None

    def sources_between(self, start: int, end: int) -> list[tuple[int, str]]:
        """The people made to speak outside quotes at offsets in ``[start, end)``, in order."""
        return self.sources[bisect_left(self._source_positions, start)
                            : bisect_left(self._source_positions, end)]

    def _mentions_between(self, start: int, end: int) -> list[Mention]:
        """The person mentions at offsets in ``[start, end)``, in text order."""
        return self.mentions[bisect_left(self._mention_positions, start)
                             : bisect_left(self._mention_positions, end)]

    def _last_named_before(self, position: int,
                           agrees: Callable[[str], bool]) -> list[tuple[int, str]]:
        """The mentions at the last offset before ``position`` naming a person who
        ``agrees`` (one offset may hold more than one name), or an empty list."""
        k = bisect_left(self._mention_positions, position)
        found: list[tuple[int, str]] = []
        while k > 0:
            k -= 1
            m = self.mentions[k]
            if found and m.position != found[0][0]:
                break
            if agrees(m.name) and self._person_like(m.name):
                found.append((m.position, m.name))
        return found

    def _source_mentions(self, article: Article) -> list[tuple[int, str]]:
        """People the article makes speak outside quotes (cue verbs, "according to")."""
        sources: list[tuple[int, str]] = []
        for paragraph in article.paragraphs:
            plain = self.plain[paragraph.start : paragraph.end]
            for match in _SOURCE.finditer(plain):
                group = next(g for g in ("s1", "s2", "s3") if match.group(g))
                phrase = match.group(group)
                if bad_speaker(phrase) or is_common_capitalised(phrase.split()[0]):
                    continue
                name = self.expand(phrase)
                if name in self.score and self._person_like(name):
                    sources.append((paragraph.start + match.start(group), name))
        return sources

    # -- phrases ---------------------------------------------------------------------------
    def resolve(self, phrase: str, position: int, floor: int, recent: list[tuple[int, str]],
                label: bool = False) -> str | None:
        """Return the speaker a speaker phrase stands for, or None (the rules of this module).

        Takes the phrase as written ("he", "the mayor", "Ruffalo"), its offset in the article,
        how far back a pronoun may look (``floor``), the people recently made to speak
        (``recent``: (offset, name) in text order) and whether the phrase is a transcript's
        speaker label ("PENCE"); returns a full name, a description that names nobody in the
        article (kept as written), or None for a pronoun with no antecedent.  Direct quotes
        and reported speech both resolve their speakers here.
        """
        lower = re.sub(r"['’]s$", "", phrase.lower()).strip()
        if not lower:
            return None
        if label:
            return self.expand(phrase.title())
        if lower in PRONOUNS:
            if lower == "it":  # "the report says … It also points out": the last thing quoted
                return recent[-1][1] if recent and is_description(recent[-1][1]) else None
            if lower in ("they", "we"):
                return recent[-1][1] if recent else None
            return self.pronoun(lower, position, floor, recent)
        if is_description(phrase):
            # "Another critic, Laurence H. Tribe, likened …": the appositive names the speaker
            named = re.match(rf",\s*(?P<name>{NAME}),", self.text[position + len(phrase) :][:80])
            if named and not bad_speaker(named.group("name")):
                return self.expand(named.group("name"))
            head = description_head(phrase)
            definite = lower.split()[0] == "the" and not _plural(head.lower())
            if (head.lower() in THING_HEADS | GROUP_HEADS or _abstract(head.lower())
                    or not definite
                    or head[:1].isupper()):
                # "the report", "one Democratic source", "the Association of Flight
                # Attendants": what the article says
                return phrase
            # the people who spoke last, then the article's main person, then anyone named
            main = [(-1, self.main_person)] if self.main_person is not None else []
            mentioned = ((m.position, m.name) for m in self._mentions_between(0, position)
                         if self._person_like(m.name))
            return self.referent(phrase, position, recent, main, mentioned)
        return self.expand(phrase)

    def pronoun(self, pronoun: str, position: int, floor: int,
                recent_speakers: list[tuple[int, str]]) -> str | None:
        """Return the person a pronoun speaker at ``position`` refers to, or None.

        Looks back to ``floor``, people of the other gender skipped where the gender is known:
        the subject of the pronoun's own sentence, then the chain of sentence subjects before
        it (a sentence whose subject is the same pronoun passes the search on to the one
        before; a sentence holding a quote has its speaker as subject), then the people the
        article last made speak (``recent_speakers``, the speakers of earlier quotes, and the
        cue phrases of indirect speech), then anyone named, then the article's main person.
        """
        gender = PRONOUN_GENDER.get(pronoun.lower())

        def agrees(name: str) -> bool:
            known = self.gender.get(name)
            return gender is None or known is None or known == gender

        chained = self._subject_chain(pronoun.lower(), position, floor, recent_speakers, agrees)
        if chained is not None:
            return chained
        speakers = [(p, n) for p, n in self.sources_between(floor, position) + recent_speakers
                    if floor <= p < position and agrees(n) and self._person_like(n)]
        # A person named in the sentence before, after anyone spoke ("… which concerns Ann
        # Lee, head of the caucus. ¶ “…,” she said."), is the one the pronoun picks up.
        upto = bisect_right(self.sentence_starts, position)
        previous = self.sentence_starts[max(0, upto - 2) : upto][-2:-1]
        latest_speaker = max(speakers)[0] if speakers else -1
        named_before = [(m.position, m.name) for m in self._mentions_between(
                            max(previous[0], latest_speaker + 1), position)
                        if agrees(m.name) and self._person_like(m.name)] if previous else []
        if named_before:
            return max(named_before)[1]
        if speakers:
            return max(speakers)[1]
        named = self._last_named_before(position, agrees)
        if named and (gender is not None or named[-1][0] >= floor):
            return max(named)[1]
        main = self.main_person
        return main if main is not None and agrees(main) else None

    def _subject_chain(self, pronoun: str, position: int, floor: int,
                       spoken: list[tuple[int, str]], agrees: Callable[[str], bool]) -> str | None:
        """Follow sentence subjects back from ``position`` (at most four sentences)."""
        starts = self.sentence_starts[bisect_left(self.sentence_starts, floor)
                                      : bisect_right(self.sentence_starts, position)]
        budget = 5  # sentences looked at; one whose subject is the same pronoun is free
        for n, start in enumerate(reversed(starts)):
            if budget == 0:
                break
            budget -= 1
            after = bisect_right(self.sentence_starts, start)
            end = position if n == 0 else (
                self.sentence_starts[after] if after < len(self.sentence_starts)
                else len(self.text))
            quoted_here = [name for p, name in spoken if start <= p < end]
            subject = self._subject_at(start, end)
            if subject is None and quoted_here:
                subject = quoted_here[-1]
            if subject is None:  # a sentence that makes someone speak is about that person
                here = self.sources_between(start, end)
                subject = here[-1][1] if here else None
            if subject is None:
                continue
            if subject.lower() == pronoun:
                budget += 1
                continue  # "He notes …. He says, “…”": the same person, look further back
            if subject.lower() == "it":
                continue
            if subject.lower() in PRONOUNS:
                return None  # another pronoun: leave it to the recency rules
            if agrees(subject) and self._person_like(subject):
                return subject
        return None

    def subject_before(self, position: int, floor: int) -> str | None:
        """Return the person who is the subject of the sentence just before ``position``
        (not before ``floor``), or None: "Ann Lee called him a master. “He showed …”"."""
        before = bisect_left(self.sentence_starts, position)
        if before == 0 or self.sentence_starts[before - 1] < floor:
            return None
        subject = self._subject_at(self.sentence_starts[before - 1], position)
        if subject is None or subject.lower() in PRONOUNS or not self._person_like(subject):
            return None
        return subject

    def _subject_at(self, start: int, end: int) -> str | None:
        """The person (or pronoun) that opens the sentence at ``start``, if any."""
        while start < end and self.plain[start] in "\"“‘'":  # an excerpt's opening mark
            start += 1
        head = self.plain[start : min(end, start + 160)]
        match = _SENTENCE_OPENING.match(head)
        offset = start + (match.end() if match else 0)
        pronoun = re.match(r"(He|She|They|We|I|It)\b", self.plain[offset : offset + 5])
        if pronoun and offset < end:
            return pronoun.group(1).lower()
        # The last name the lead reaches: in "Clinton aide Ann Lee said" the subject is Lee.
        subject = None
        for m in self._mentions_between(offset, min(offset + 61, end)):
            if _subject_lead(self.plain[offset : m.position + 1]):
                subject = m.name
        if subject is None:
            # a single name that speaks, met nowhere else as a full name ("Lee said …")
            lone = re.match(rf"([A-Z][\w'’\-]+)\s+{ADVERB}?(?:{CUE_VERBS})\b",
                            self.plain[offset : min(end, offset + 60)])
            if lone and lone.group(1) not in _NOT_NAMES and not is_common_capitalised(
                lone.group(1)
            ):
                subject = self.expand(lone.group(1))
        return subject

    def role_descriptions(
        self, candidates: Sequence[tuple[int, str]], epithets: Mapping[str, str],
    ) -> list[RoleDescription]:
        """Return the article's definite role descriptions outside quotes ("the actor", "the
        52-year-old"), each resolved to a person, in text order.

        Takes the people a description may pick up (``(offset, name)``) and epithets already
        known (head noun -> person, e.g. from a quote "said the actor").  Each description
        goes to :meth:`referent`; an article keeps one epithet for one person, so a head once
        resolved refers to the same person later on (an office excepted, when the title names
        its holder).  Descriptions naming nobody are left out.
        """
        known = dict(epithets)
        inside_quotes = SpanSet(self.quoted)
        out: list[RoleDescription] = []
        for paragraph in self.article.paragraphs:
            for match in _ROLE_DESCRIPTION.finditer(paragraph.text):
                start, end = paragraph.start + match.start(), paragraph.start + match.end()
                head = match.group("head")
                if inside_quotes.covers(start):
                    continue
                if re.search(r"\b(?:for|as)\s+$", paragraph.text[: match.start()]):
                    continue  # "nominated for the best actor", "as the host": a role
                rest = paragraph.text[match.end():]
                if re.match(r",?\s+(?:[A-Z][a-z]{1,3}\.\s+)?[A-Z][a-z]", rest):
                    continue  # "the actor Mark Ruffalo": the name is the mention
                if re.fullmatch(_AGE_HEAD, head) and not _AFTER_AGE.match(rest):
                    continue
                name = self.referent(match.group(), start, candidates)
                if head in known and (name is None or head not in OFFICES):
                    name = known[head]
                if name is not None:
                    known[head] = name
                    out.append(RoleDescription(start, end, head, name))
        return out

    def referent(self, description: str, position: int,
                 *candidates: Iterable[tuple[int, str]]) -> str | None:
        """Return the person a definite description refers to ("the actor", "the mayor",
        "the 52-year-old"), or None.

        Takes the description as written, its offset, and the people it may pick up as
        ``(offset, name)`` pairs (people named, or made to speak, before it), in one or more
        groups tried in turn.  The person whose title matches the head noun comes first
        (:meth:`by_role`); else, group by group, the last candidate before ``position`` who is
        compatible: not of the other gender where both are known, not holding another office
        when the head is an office, not of another age when the description gives an age.
        Both the quote stage ("said the actor") and the entity stage (every "the actor" of the
        article) resolve descriptions here.
        """
        by_title = self.by_role(description, position)
        if by_title is not None:
            return by_title
        head = description_head(description).lower()
        gender = ROLE_GENDER.get(head)
        age = _AGE.search(description)
        for group in candidates:
            for _, name in sorted((c for c in group if c[0] < position), reverse=True):
                known = self.gender.get(name) or self.gender.get(name.split()[-1])
                if gender is not None and known is not None and known != gender:
                    continue
                if head in OFFICES and (name in self._titled_names or is_titled(name)):
                    continue  # titled, and by_role found no such title: another office
                if age is not None:
                    told = self.ages.get(name.split()[-1])
                    if told is not None and told != age.group(1):
                        continue
                return name
        return None

    @cached_property
    def _titled_names(self) -> frozenset[str]:
        """The people the article names with a title ("Mayor Helen Okafor")."""
        return frozenset(m.name for m in self.mentions if m.title)

    @cached_property
    def ages(self) -> dict[str, str]:
        """The age the article gives each surname ("Ann Lee, 52,": {"Lee": "52"})."""
        return {m.group("name"): m.group("age") for m in _AGE_OF.finditer(self.text)}

    def by_role(self, description: str, position: int) -> str | None:
        """Return the person whose title matches a description's head noun ("the mayor"),
        the most recent before ``position`` first."""
        head = description_head(description).lower()
        if not head or head in {"source", "sources", "official", "officials", "report",
                                "statement", "letter", "group", "groups"}:
            return None
        matching = [m for m in self.mentions if head in m.title.lower().rstrip(".").split()
                    or head in _expand_title(m.title)]
        if not matching:
            matching = [m for m in self.mentions if self._role_near(m, head)]
        before = [m for m in matching if m.position < position]
        pick = before[-1] if before else (matching[0] if matching else None)
        return pick.name if pick else None

    def _role_near(self, mention: Mention, head: str) -> bool:
        """True when the article calls this person ``head`` next to a mention ("Aaron Kall,
        the director of debate", "Democratic senator Bernie Sanders")."""
        before = self.text[max(0, mention.position - 40) : mention.position].lower()
        after = self.text[mention.position + len(mention.name):][:60].lower()
        return bool(re.search(rf"\b{re.escape(head)}\s*$", before)
                    or re.match(rf"^[^.;]{{0,10}},\s*(?:a|an|the)\s[^,.;]{{0,40}}"
                                rf"\b{re.escape(head)}\b", after))


# What may stand before a sentence subject's name: titles, capitalised words and role words
# ("Conservative economist ", "NBC's ", "Secretary General "), then the name's first letter.
_APPOSED_DETERMINERS = ("the", "a", "an", "another", "his", "her", "their", "its")
_SUBJECT_LEAD = re.compile(
    # a description with the name in apposition: "The minister of the economy, Mr. Ann Lee,"
    rf"(?:(?:{capitalised(_APPOSED_DETERMINERS)})\s[^,#.;:]{{1,60}},\s+)?"
    rf"(?:(?:[A-Z][\w.&\-]*\s+){{0,3}}(?:{_TITLES})(?:\s+of\s+[A-Z]\w*)?\s+"
    rf"|[A-Z][\w.&\-]*['’]s\s+)*{ROLE_PREFIX}"
    rf"(?:(?:{_TITLES})(?:\s+of\s+[A-Z]\w*)?\s+)*[A-Z]"
)


def _subject_lead(text: str) -> bool:
    """True when ``text`` is what may open a sentence before its subject's name, the name's
    first letter included."""
    return _SUBJECT_LEAD.fullmatch(text) is not None


def _expand_title(title: str) -> set[str]:
    words = title.lower().replace(".", "").split()
    out = set(words)
    for word in words:
        out.update(TITLE_ABBREVIATIONS.get(word, ()))
    return out
