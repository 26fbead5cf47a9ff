"""The English the stages share: pronouns and their gender, titles and honorifics, given names,
months and weekdays, verbs of speech, closed word classes, hedges and ranks, one stemmer.

Each word list lives here once; stages import it from ``newsweave.lang``.  This package imports
no stage (only the standard library and the ``gender-guesser`` name dictionary).
"""

from newsweave.lang.dates import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTHS,
    WEEKDAYS,
    capitalised,
    month_number,
)
from newsweave.lang.names import (
    HONORIFIC_ABBREVIATIONS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    ROLE_GENDER,
    TITLE_ABBREVIATIONS,
    TITLE_GENDER,
    TITLE_WORDS,
    TITLES,
    given_name_gender,
    is_given_name,
    role_pattern,
)
from newsweave.lang.pronouns import (
    FIRST_PERSON,
    PRONOUN_GENDER,
    SUBJECT_PRONOUNS,
    Gender,
    pronoun_pattern,
)
from newsweave.lang.speech import (
    CAUSATIVE_VERBS,
    CUE_VERB_LIST,
    CUE_VERBS,
    CUE_VERBS_WITH_TEXTS,
    IRREGULAR_VERB_FORMS,
    NOUN_CUES,
    PARTICIPLES,
    SPEECH_LEMMAS,
    CueVerb,
)
from newsweave.lang.stem import light_stem
from newsweave.lang.words import (
    AWARD_NOUNS,
    COMMON_CAPITALISED,
    COORDINATORS,
    DETERMINERS,
    HEDGES,
    MEDIA_NOUNS,
    NOT_NAMES,
    NUMBER_WORDS,
    ORDINALS,
    ORGANISATION_NOUNS,
    PLACE_NOUNS,
    PREPOSITIONS,
    QUANTIFIERS,
    RANK_WORDS,
    SENTENCE_ADVERBS,
    SUBORDINATORS,
    TENURE_WORDS,
    TIME_WORDS,
    WORK_NOUNS,
    HedgeKind,
    is_common_capitalised,
)

__all__ = [
    "AWARD_NOUNS", "CAUSATIVE_VERBS", "COMMON_CAPITALISED", "COORDINATORS", "CUE_VERBS",
    "CUE_VERBS_WITH_TEXTS",
    "CUE_VERB_LIST", "DETERMINERS", "FIRST_PERSON", "HEDGES", "HONORIFIC_ABBREVIATIONS",
    "IRREGULAR_VERB_FORMS", "MEDIA_NOUNS", "MONTHS", "MONTH_ABBREVIATIONS", "MONTH_NAMES",
    "NAME_PARTICLES", "NAME_SUFFIXES", "NOT_NAMES", "NOUN_CUES", "NUMBER_WORDS", "ORDINALS",
    "ORGANISATION_NOUNS", "PARTICIPLES", "PLACE_NOUNS", "PREPOSITIONS", "PRONOUN_GENDER",
    "QUANTIFIERS", "RANK_WORDS", "ROLE_GENDER", "SENTENCE_ADVERBS", "SPEECH_LEMMAS",
    "SUBJECT_PRONOUNS", "SUBORDINATORS", "TENURE_WORDS", "TIME_WORDS", "TITLES",
    "TITLE_ABBREVIATIONS", "TITLE_GENDER", "TITLE_WORDS", "WEEKDAYS", "WORK_NOUNS", "CueVerb",
    "Gender", "HedgeKind", "capitalised", "given_name_gender", "is_common_capitalised",
    "is_given_name", "light_stem", "month_number", "pronoun_pattern", "role_pattern",
]
