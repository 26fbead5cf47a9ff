"""People's names: titles and honorifics (with the gender some tell), name particles, gendered
role nouns, and given names with their usual gender (from the ``gender-guesser`` dictionary)."""

from __future__ import annotations

import re
from functools import cache

import gender_guesser.detector

from newsweave.lang.pronouns import Gender

# Abbreviated honorifics and ranks written before a name ("Sen. Ann Lee", "Lt. Gov. Lee").
HONORIFIC_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen",
                           "Col", "Capt", "Lt", "Sgt", "Rev")
# Titles written in full before a name; several words where the title is ("Prime Minister").
TITLE_WORDS = (
    "President", "Senator", "Governor", "Mayor", "Minister", "Prime Minister", "Chief",
    "Fire Chief", "Police Chief", "Judge", "Justice", "Officer", "Detective", "Professor",
    "Doctor", "Coach", "Director", "Chairman", "Chairwoman", "Secretary", "Commissioner",
    "Sheriff", "Inspector", "Deputy", "Councillor", "Councilor", "Councilman", "Councilwoman",
    "Pope", "King", "Queen", "Prince", "Princess", "Lord", "Lady", "Sir", "Dame", "Ambassador",
    "Superintendent", "Sergeant", "Captain", "Lieutenant", "Speaker", "Leader",
    "Representative", "Congressman", "Congresswoman", "Attorney General", "Secretary General",
    "Secretary-General", "Chancellor", "Premier", "Vice President", "Senate Majority Leader",
)
# A regex alternation of every title, abbreviations with an optional full stop.
TITLES = (
    r"(?:" + "|".join(HONORIFIC_ABBREVIATIONS) + r"|St|Lt\. Gov)\.?|"
    + "|".join(TITLE_WORDS)
)
# What an abbreviated title stands for ("Sen." is a senator).
TITLE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "sen": ("senator",), "rep": ("representative", "congressman", "congresswoman"),
    "gov": ("governor",), "gen": ("general",), "dr": ("doctor",), "prof": ("professor",),
    "capt": ("captain",), "lt": ("lieutenant",), "sgt": ("sergeant",), "col": ("colonel",),
    "rev": ("reverend",),
}
# Titles and honorifics that tell a gender.
TITLE_GENDER: dict[str, Gender] = {
    **{t: "female" for t in ("mrs", "ms", "miss", "lady", "dame", "queen", "princess",
                             "chairwoman", "congresswoman", "councilwoman")},
    **{t: "male" for t in ("mr", "sir", "lord", "king", "prince", "chairman", "congressman",
                           "councilman", "pope")},
}
# Abbreviations after a name ("Joseph Biden Jr.").
NAME_SUFFIXES = ("Jr", "Sr")
# Lower-case particles inside a name ("Ludwig van Beethoven", "Osama bin Laden").
NAME_PARTICLES = ("de", "da", "del", "della", "der", "van", "von", "bin", "al", "el", "la",
                  "le", "du", "dos", "di", "ter", "ten")
# Offices: a description headed by one ("the mayor") names the holder of that office.
OFFICES = frozenset(
    """mayor senator governor president minister premier chancellor congressman
    congresswoman lawmaker chairman chairwoman chair ambassador secretary commissioner sheriff
    judge coach captain chief director commander treasurer""".split()
)
# Nouns of what people are or do; after "the" they usually refer back to someone named.
ROLE_NOUNS = OFFICES | frozenset(
    """actor actress star singer songwriter rapper musician comedian producer writer author
    novelist poet filmmaker playwright host presenter anchor journalist reporter columnist
    editor nominee winner champion player striker goalkeeper quarterback pitcher manager
    legislator politician candidate leader spokesman spokeswoman spokesperson diplomat officer
    detective lawyer attorney counsel prosecutor doctor surgeon scientist researcher professor
    economist analyst founder executive businessman businesswoman billionaire entrepreneur chef
    artist designer dancer athlete""".split()
)
# Role nouns that tell a gender ("the actress", "his wife").
ROLE_GENDER: dict[str, Gender] = {
    **{r: "female" for r in ("actress", "mother", "mom", "wife", "daughter", "sister", "woman",
                             "grandmother", "congresswoman", "chairwoman", "spokeswoman",
                             "businesswoman", "councilwoman", "girl", "widow", "aunt",
                             "niece")},
    **{r: "male" for r in ("father", "dad", "husband", "son", "brother", "man", "grandfather",
                           "congressman", "chairman", "spokesman", "businessman", "councilman",
                           "boy", "widower", "uncle", "nephew")},
}


def role_pattern(gender: Gender) -> re.Pattern[str]:
    """Return the pattern of the role nouns of ``gender`` as whole words."""
    return _ROLE_PATTERNS[gender]


_ROLE_PATTERNS: dict[Gender, re.Pattern[str]] = {
    g: re.compile(r"\b(?:" + "|".join(r for r, rg in ROLE_GENDER.items() if rg == g) + r")\b")
    for g in ("female", "male")
}


@cache
def _detector() -> gender_guesser.detector.Detector:
    """The given-name dictionary, read once (a few MB; thread-safe to share: read only)."""
    return gender_guesser.detector.Detector(case_sensitive=False)


_GUESSES: dict[str, Gender] = {"male": "male", "mostly_male": "male",
                               "female": "female", "mostly_female": "female"}


@cache
def given_name_gender(name: str) -> tuple[Gender | None, bool]:
    """Return the usual gender of the given name ``name`` and whether the dictionary is sure.

    ``(None, False)`` for a word that is no given name the dictionary knows, or one given to
    both sexes alike.  Usage in the United States is asked first (it is news's commonest
    setting), then usage anywhere.
    """
    detector = _detector()
    for country in ("usa", None):
        guess = detector.get_gender(name, country) if country else detector.get_gender(name)
        if guess in _GUESSES:
            return _GUESSES[guess], not guess.startswith("mostly")
    return None, False


def is_given_name(name: str) -> bool:
    """True when ``name`` is a given name the dictionary knows (of either gender)."""
    return bool(_detector().get_gender(name) != "unknown")
