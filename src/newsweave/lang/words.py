"""Closed classes of English the stages share: determiners, prepositions, subordinators,
sentence openers, hedges, rank words, numbers and ordinals, and the classes of capitalised
common nouns that are not people's names (institutions, places, media, works, awards)."""

from __future__ import annotations

from typing import Literal

from newsweave.lang.dates import MONTHS, WEEKDAYS
from newsweave.lang.pronouns import SUBJECT_PRONOUNS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words left out of comparison keys: function words, the commonest verbs of speech and
# honorifics, and the pieces a tokenizer leaves of contractions.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told mr mrs ms s t it's that's
    who's he's she's we're they're i'm i've we've don't didn't won't can't isn't""".split()
)
# The commonest English words, by which a text is told to be English.
FREQUENT_WORDS = _words(
    """the of and to a in is that for it on was with as he she his her be by at from this are
    have has had not but or an they which their were been who will would its said we i
    you"""
)

DETERMINERS = _words("the a an this that these those his her their its my our your")
# Quantifiers that stand as determiners ("one source", "several officials").
QUANTIFIERS = _words("one two three several some many another other both")
# Words that soften a number ("only 52 percent").
APPROXIMATORS = _words("only just about nearly almost")
AUXILIARIES = _words(
    "is was are were be been being has have had will would can could should may might must did "
    "does do"
)
RELATIVE_PRONOUNS = _words("who whom whose which that")
# Adverbs that stand between a subject and its verb ("she later added", "often said").
VERB_ADVERBS = _words(
    """often also then later again once still even never always just now too further first
    last twice recently previously already"""
)
PREPOSITIONS = _words(
    """of in on at to for from with by as into onto over under about after before during
    through across around near inside outside within without following behind since until
    upon amid among throughout like unlike despite up"""
)
COORDINATORS = _words("and or but nor yet so")
# Prepositions of place: a capitalised word after one is a place ("in Ostmere").
LOCATIVE_PREPOSITIONS = _words("in into at from near outside inside across throughout around")
WH_WORDS = _words("who what where why how whether")
SUBORDINATORS = _words(
    """though although because despite while whereas unless until once since if when after
    before as so whether where why how what who"""
)
# Adverbs and phrases that open a sentence before its subject ("Meanwhile, …", "Still, …").
SENTENCE_ADVERBS = _words(
    """meanwhile however also then there here so now still yet even just only instead finally
    again perhaps maybe indeed certainly clearly obviously sadly fortunately unfortunately
    later earlier last previously separately elsewhere"""
)
TIME_WORDS = _words("today tonight yesterday tomorrow")
INTERJECTIONS = _words("wow ok okay yes no thank thanks")
# Participles that open a sentence's introductory phrase ("Asked about …", "Speaking to …").
OPENING_PARTICIPLES = _words("asked speaking following")

# Words that, capitalised, open a sentence or a phrase but never a name.
NOT_NAMES = frozenset(
    w.capitalize() for w in DETERMINERS | PREPOSITIONS | COORDINATORS | SUBORDINATORS
    | SENTENCE_ADVERBS | TIME_WORDS | INTERJECTIONS | OPENING_PARTICIPLES | SUBJECT_PRONOUNS
    | frozenset(MONTHS) | frozenset(WEEKDAYS) | _words("you")
) | {"I"}

# Words that make a title a different, lower office ("deputy director", "acting chief").
RANK_WORDS = _words("co vice deputy assistant associate acting interim junior under")
# Words that place a title in time ("former president").
TENURE_WORDS = _words("former ex outgoing incoming")

HedgeKind = Literal["at least", "at most", "just under", "about"]
# Words before a number that bound or approximate it, by what they allow.
HEDGES: dict[str, HedgeKind] = {
    **{h: "at least" for h in ("at least", "more than", "over", "upwards of", "in excess of",
                               "another")},
    **{h: "at most" for h in ("up to", "fewer than", "less than", "under", "as many as",
                              "no more than")},
    **{h: "just under" for h in ("nearly", "almost", "just under", "close to")},
    **{h: "about" for h in ("about", "around", "approximately", "roughly", "an estimated",
                            "estimated", "some")},
}

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "twentieth": 20,
}

# Capitalised common nouns, by class: none of them is a person's name, and a run of capitalised
# words holding one names an organisation, a place, a work or an award, not a person.
ORGANISATION_NOUNS = _words(
    """academy administration agency association authority board bureau campaign church club
    college commission committee company congress corporation council court department
    foundation fund group hospital institute ministry museum network office parliament party
    police school senate service services studios trust union university
    bank holdings industries engineering construction systems technologies solutions partners
    associates enterprises laboratories labs airlines motors media entertainment pictures
    productions capital energy"""
)
# Names of events end in one ("Brackenford Lantern Festival").
EVENT_NOUNS = _words(
    """festival conference summit championship championships tournament games fair parade
    marathon concert gala ceremony expo"""
)
PLACE_NOUNS = _words(
    """street road avenue lane square park center centre airport station bridge river lake
    valley bay beach island islands mountain mountains county city town village harbour
    harbor port stadium arena hall hills heights coast province region district house hotel
    state states"""
)
MEDIA_NOUNS = _words(
    """news times post daily press magazine radio television channel network records journal
    herald tribune gazette review"""
)
WORK_NOUNS = _words(
    """film movie series miniseries novel book show sitcom drama documentary album song play
    musical podcast memoir comedy thriller opera single painting poem"""
)
AWARD_NOUNS = _words("award awards prize prizes medal trophy statuette title honor honour")
# Adjectives of political and civic life that head names of bodies, never people's names.
CIVIC_ADJECTIVES = _words(
    """federal national international united supreme general republican republicans democratic
    democrats democrat american americans islamic"""
)
# Common adjectives of degree and order, met capitalised in titles and names of things.
DEGREE_ADJECTIVES = _words("new old best great good bad big little last next")
COMMON_NOUN_CLASSES = (ORGANISATION_NOUNS | EVENT_NOUNS | PLACE_NOUNS | MEDIA_NOUNS | WORK_NOUNS
                       | AWARD_NOUNS | CIVIC_ADJECTIVES | DEGREE_ADJECTIVES
                       | frozenset(ORDINALS))

# The same, capitalised as they stand in running text ("Council", "Times").
COMMON_CAPITALISED = frozenset(w.capitalize() for w in COMMON_NOUN_CLASSES)


def alternation(words: frozenset[str] | tuple[str, ...], both_cases: bool = False) -> str:
    """Return a regex alternation of ``words``, longest first (so that a word is not cut
    short by another it begins with); with ``both_cases`` each also capitalised ("[Tt]he")."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    if both_cases:
        return "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" if w[:1].isalpha() else w
                        for w in ordered)
    return "|".join(ordered)


# Endings of English adjectives that names of people do not have in their middle ("Marvel
# Cinematic Universe", "The Incredible Hulk").
ADJECTIVE_SUFFIXES = ("ic", "ical", "ible", "able", "ous", "ive", "ful", "less", "ary")


def looks_like_adjective(word: str) -> bool:
    """True for a word of six letters or more with an English adjective's ending."""
    return len(word) >= 6 and word.isalpha() and word.lower().endswith(ADJECTIVE_SUFFIXES)


def is_common_capitalised(word: str) -> bool:
    """True when a capitalised word is a common English word of a class that never names a
    person (an institution, place, medium, work or award noun, a civic or degree adjective, an
    ordinal)."""
    return word.lower() in COMMON_NOUN_CLASSES
