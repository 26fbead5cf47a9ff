"""Personal pronouns: the ones that speak, and the gender the third person singular tells."""

from __future__ import annotations

from typing import Literal

Gender = Literal["male", "female"]

# Subject pronouns that may stand as a quote's speaker ("he said", "we say").
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it"})
# Every form of the gendered third person singular.
PRONOUN_GENDER: dict[str, Gender] = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}
# First-person forms: a sentence with one speaks in someone's voice.
FIRST_PERSON = frozenset({"i", "i'm", "i've", "i’m", "i’ve", "we", "we're", "we’re", "my", "our",
                          "us", "me"})


def pronoun_pattern(words: frozenset[str] = SUBJECT_PRONOUNS) -> str:
    """Return a regex alternation of ``words`` in lower case and capitalised ("he|He|…"), the
    longest first; "I" only capitalised."""
    forms = sorted({w.upper() if w == "i" else w for w in words}
                   | {w.capitalize() for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(forms) + ")"
