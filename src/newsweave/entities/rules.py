"""Works, organisations and places found by rule in one article's paragraphs.

- **Works**: Title Case stretches in quote marks that are not speech ("I Know This Much Is
  True"); Title Case after a work noun ("HBO film The Normal Heart", "the novel Middlemarch");
  after "star(s/red) in"; before an appositive naming a work ("Newsflash, a ’60s drama").
- **Organisations**: acronyms and names ending in an organisation word (Council, Academy, ...).
- **Places**: capitalised spans after a locative preposition ("in/at/from/near Ostmere",
  "in the United States"); both sides of "City, State" ("Ashton, Md.", "Lyon, France").  A
  country or state adjective ("American", "Texan") is not a place, nor is a month, a weekday,
  a person, a work or an organisation (the caller removes those).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsweave.lang import (
    COMMON_CAPITALISED,
    DETERMINERS,
    MONTHS,
    ORDINALS,
    ORGANISATION_NOUNS,
    PLACE_NOUNS,
    SUBJECT_PRONOUNS,
    TIME_WORDS,
    WEEKDAYS,
    WORK_NOUNS,
    capitalised,
)
from newsweave.model import Article
from newsweave.quotes.extract import Region

ORG = re.compile(
    r"\b(?:[A-Z][\w&'’-]+\s+){0,4}(?:"
    + capitalised(tuple(sorted(ORGANISATION_NOUNS, key=lambda w: (-len(w), w)))) + r")\b"
    r"|\b[A-Z]{2,6}\b"
)
_ACRONYM_STOP = frozenset({"I", "A", "OK", "TV", "US", "UK", "PM", "AM", "ALSO", "READ", "BY"})
_ORG_LEAD = frozenset({"The", "A", "An", "In", "At", "On", "For", "From", "By", "Of"})

_STATES = (
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia "
    "Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland "
    "Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada "
    "New_Hampshire New_Jersey New_Mexico New_York North_Carolina North_Dakota Ohio Oklahoma "
    "Oregon Pennsylvania Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah "
    "Vermont Virginia Washington West_Virginia Wisconsin Wyoming"
)
# AP style state abbreviations, as datelines and "City, State" write them.
_STATE_ABBREVIATIONS = (
    "Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. "
    "Mich. Minn. Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. "
    "S.C. S.D. Tenn. Vt. Va. Wash. W.Va. Wis. Wyo. D.C."
)
_COUNTRIES = (
    "Afghanistan Albania Algeria Argentina Armenia Australia Austria Bangladesh Belgium "
    "Bolivia Brazil Bulgaria Cambodia Canada Chile China Colombia Croatia Cuba Denmark Egypt "
    "England Estonia Ethiopia Finland France Germany Ghana Greece Hungary Iceland India "
    "Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kenya Latvia Lebanon Libya "
    "Lithuania Malaysia Mexico Morocco Nepal Netherlands New_Zealand Nigeria North_Korea "
    "Norway Pakistan Peru Philippines Poland Portugal Romania Russia Saudi_Arabia Scotland "
    "Serbia Singapore Slovakia Somalia South_Africa South_Korea Spain Sudan Sweden "
    "Switzerland Syria Taiwan Thailand Turkey Uganda Ukraine United_Kingdom United_States "
    "Venezuela Vietnam Wales Yemen Zimbabwe Britain Europe Africa Asia America U.S. U.K. UK US"
)
KNOWN_PLACES = frozenset(w.replace("_", " ") for w in f"{_STATES} {_COUNTRIES}".split())
_PLACE_WORDS = frozenset(w.capitalize() for w in PLACE_NOUNS)
# Country and state adjectives, and the people of a place: not places themselves.
_ADJECTIVES = frozenset(
    """American Americans British Briton Britons English Scottish Welsh Irish French German
    Germans Italian Spanish Portuguese Dutch Belgian Swiss Austrian Swedish Norwegian Danish
    Finnish Polish Russian Russians Ukrainian Ukrainians Greek Turkish Israeli Israelis
    Palestinian Palestinians Iranian Iraqi Syrian Egyptian Saudi Indian Indians Pakistani
    Chinese Japanese Korean Vietnamese Thai Indonesian Filipino Australian Australians
    Canadian Canadians Mexican Mexicans Brazilian Argentine Chilean Colombian Cuban African
    Nigerian Kenyan European Europeans Asian Latin Texan Texans Californian Californians
    Floridian New_Yorker New_Yorkers Hawaiian Alaskan Western Eastern Northern Southern
    Arab Arabs Jewish Muslim Christian Catholic Protestant Hindu Buddhist""".replace(
        "_", " ").split()
)
_NOT_PLACES = frozenset(
    w.capitalize() for w in (*MONTHS, *WEEKDAYS, *SUBJECT_PRONOUNS, *ORDINALS, *DETERMINERS,
                             *TIME_WORDS, "you")
) | frozenset(
    "Christmas Easter Last Next Part Chapter Act Round Game Week Season Episode".split()
) | {"I"}
# A capitalised word; an apostrophe only inside a name ("O’Donnell"), never a possessive.
_COMPASS = frozenset({"North", "South", "East", "West", "Middle", "Upper", "Lower", "Central"})
_CAP_WORD = r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w\-]*(?:['’][A-Z][\w\-]*)?)"
CAP_SPAN = rf"{_CAP_WORD}(?:\s+(?:of\s+)?{_CAP_WORD}){{0,3}}"
_LOCATIVE = re.compile(
    rf"\b(?:in|into|at|from|near|outside|across|throughout|around)\s+(?P<the>the\s+)?"
    rf"(?P<place>{CAP_SPAN})(?![\w'’]|\s+[A-Z])"
)
_CITY_STATE = re.compile(
    rf"\b(?P<city>{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,2}}),\s+"
    rf"(?P<state>{'|'.join(re.escape(p) for p in sorted(KNOWN_PLACES, key=len, reverse=True))}"
    rf"|{'|'.join(re.escape(a) for a in _STATE_ABBREVIATIONS.split())})(?![\w])"
)
_KNOWN = re.compile(
    rf"(?<![\w.])(?:{'|'.join(re.escape(p) for p in sorted(KNOWN_PLACES, key=len, reverse=True))})"
    r"(?![\w'’]|\s+[A-Z])"
)
_SMALL = r"(?:of|the|a|an|and|in|on|at|to|for|with|from|or|is|are|my|your|our|his|her)"
TITLE_SPAN = rf"(?:(?:The|A|An)\s+)?{_CAP_WORD}(?:\s+(?:{_SMALL}\s+)?{_CAP_WORD}){{0,7}}"
_WORK_NOUNS = "|".join(sorted(WORK_NOUNS, key=lambda w: (-len(w), w)))
_WORK_AFTER_NOUN = re.compile(rf"\b(?:{_WORK_NOUNS})\s+(?P<work>{TITLE_SPAN})(?![\w'’])")
# A work noun after "best" names an award's category ("the best TV movie Emmy"), not a work.
_CATEGORY_BEFORE = re.compile(r"\bbest\s+(?:\S+\s+){1,2}$", re.IGNORECASE)
_WORK_STARRED_IN = re.compile(
    rf"\b(?:star|stars|starred|starring|appear|appears|appeared|appearing)\s+in\s+"
    rf"(?P<work>{TITLE_SPAN})(?![\w'’])"
)
_WORK_APPOSITIVE = re.compile(  # (?<!\w): tried only where a word starts (linear)
    rf"(?<!\w)(?P<work>{TITLE_SPAN}),\s+(?:a|an|the)\s+(?:[\w’'\-]+\s+){{0,3}}(?:{_WORK_NOUNS})"
    r"(?=\s+(?:from|by|about|that|which|starring|based|set|directed|written)\b|[,.;])"
)


def _paragraph_matches(article: Article, pattern: re.Pattern[str],
                       group: str | int) -> Iterable[tuple[int, str]]:
    for paragraph in article.paragraphs:
        for match in pattern.finditer(paragraph.text):
            yield paragraph.start + match.start(group), match.group(group)


def quoted_works(article: Article, regions: Iterable[Region]) -> set[str]:
    """Title Case stretches of one to ten words inside quote marks: titles of works."""
    works: set[str] = set()
    for region in regions:
        content = article.text[region.start : region.end].strip(" ,.")
        words = content.split()
        if 1 <= len(words) <= 10 and words[0][:1].isupper() and all(
            w[:1].isupper() or len(w) <= 3 for w in words
        ):
            works.add(content)
    return works


def pattern_works(article: Article) -> set[str]:
    """Titles after a work noun, after "star in", or before an appositive naming a work."""
    works: set[str] = set()
    for pattern in (_WORK_AFTER_NOUN, _WORK_STARRED_IN, _WORK_APPOSITIVE):
        for pos, title in _paragraph_matches(article, pattern, "work"):
            if pattern is _WORK_AFTER_NOUN and _CATEGORY_BEFORE.search(
                article.text[max(0, pos - 40) : pos]
            ):
                continue
            title = re.sub(r"['’]s$", "", title)
            words = [w for w in title.split() if not re.fullmatch(_SMALL, w)]
            if words and not all(w in COMMON_CAPITALISED or w in _NOT_PLACES for w in words):
                works.add(title)
    return works


def organisations(article: Article) -> set[str]:
    """Acronyms and names ending in an organisation word, without a leading "The"/"In"."""
    orgs: set[str] = set()
    for _, name in _paragraph_matches(article, ORG, 0):
        name = name.strip()
        first = name.split()[0]
        if first in _ORG_LEAD:
            name = name[len(first):].strip()
        if name and name not in _ACRONYM_STOP and len(name) > 1 and (
            " " in name or name.isupper()
        ):
            orgs.add(name)
    return orgs


def places(article: Article) -> set[str]:
    """Capitalised spans after a locative preposition and the two sides of "City, State"."""
    found: set[str] = set()
    for paragraph in article.paragraphs:
        for match in _LOCATIVE.finditer(paragraph.text):
            name = match.group("place")
            words = name.split()
            # After "the" most capitalised spans are organisations or works ("from the Marvel
            # Cinematic Universe"); places there are known ones, "the Hudson River", "the
            # Middle East".
            if match.group("the") and not (
                name in KNOWN_PLACES or words[-1] in _PLACE_WORDS or words[0] in _COMPASS
            ):
                continue
            if is_place_name(name):
                found.add(name)
        for match in _KNOWN.finditer(paragraph.text):
            found.add(match.group())
    for paragraph in article.paragraphs:
        for match in _CITY_STATE.finditer(paragraph.text):
            for group in ("city", "state"):
                if is_place_name(match.group(group)):
                    found.add(match.group(group))
    return found


def is_place_name(name: str) -> bool:
    """True for a span that can name a place: not an adjective of a country, a month, a
    pronoun, an acronym outside the known places, or a run of common capitalised nouns."""
    words = name.split()
    if name in KNOWN_PLACES:
        return True
    if not words or words[0] in _NOT_PLACES or name in _ADJECTIVES or words[0] in _ADJECTIVES:
        return False
    if name.replace(".", "").isupper():
        return False  # an acronym: an organisation more often than a place
    if words[-1] in _PLACE_WORDS:
        return True
    return not all(w in COMMON_CAPITALISED or w == "of" for w in words)
