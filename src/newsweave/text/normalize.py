"""Normalisation for matching, never for display.

Articles keep their exact characters; these functions give comparison keys so that typographic
and spelling differences (curly vs straight quotes, dashes, ellipses, "honour" vs "honor") do not
hide that two texts say the same thing.  The exact readings stay in the source spans.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200b": "",
    }
)

# British spellings mapped to the American form, for matching only.  Whole-word entries cover
# the frequent irregular pairs; the suffix rules below cover the regular families.
_BRITISH_TO_AMERICAN = {
    "honour": "honor", "colour": "color", "favour": "favor", "labour": "labor",
    "neighbour": "neighbor", "behaviour": "behavior", "humour": "humor", "rumour": "rumor",
    "harbour": "harbor", "flavour": "flavor", "vigour": "vigor", "valour": "valor",
    "armour": "armor", "endeavour": "endeavor", "savour": "savor", "odour": "odor",
    "centre": "center", "theatre": "theater", "metre": "meter", "litre": "liter",
    "fibre": "fiber", "calibre": "caliber", "defence": "defense", "offence": "offense",
    "licence": "license", "pretence": "pretense", "programme": "program",
    "catalogue": "catalog", "dialogue": "dialog", "analogue": "analog", "grey": "gray",
    "tyre": "tire", "kerb": "curb", "plough": "plow", "cheque": "check", "jewellery": "jewelry",
    "manoeuvre": "maneuver", "aluminium": "aluminum", "mum": "mom", "sceptical": "skeptical",
    "travelled": "traveled", "travelling": "traveling", "cancelled": "canceled",
    "cancelling": "canceling", "modelling": "modeling", "labelled": "labeled",
    "fuelled": "fueled", "counselling": "counseling", "jeweller": "jeweler",
    "mesmerising": "mesmerizing", "mesmerised": "mesmerized",
}
_OUR_STEMS = {
    "hon", "col", "fav", "lab", "neighb", "behavi", "hum", "rum", "harb", "flav", "vig",
    "val", "arm", "endeav", "sav", "od", "glam", "clam", "splend", "ard", "parl",
}
_ISE_STEMS = {
    "organ", "real", "recogn", "apolog", "critic", "emphas", "summar", "character", "prior",
    "author", "mobil", "minim", "maxim", "normal", "final", "standard", "modern", "special",
    "civil", "familiar", "memor", "sympath", "util", "visual", "legal", "capital", "central",
    "global", "local", "national", "public", "mesmer", "categor", "custom", "fantas", "general",
    "harmon", "hospital", "ideal", "jeopard", "legitim", "marginal", "material", "optim",
    "penal", "polar", "popular", "rational", "scrutin", "social", "stabil", "stigmat",
    "subsid", "symbol", "terror", "tranquil", "vapor", "westernis", "agon", "antagon",
}
_YSE_STEMS = {"anal", "paral", "catal", "dial"}


def fold_typography(text: str) -> str:
    """Return ``text`` with curly quotes, dashes, odd spaces and ellipses in plain ASCII form.

    Unlike :func:`match_key` this does not lower-case or respell; its output length may differ.
    """
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHIC)
    return text.replace("\u2026", "...")


def american_spelling(word: str) -> str:
    """Return the American spelling of a lower-case British ``word`` (or ``word`` unchanged)."""
    if word in _BRITISH_TO_AMERICAN:
        return _BRITISH_TO_AMERICAN[word]
    match = re.match(r"^(\w+?)our(s|ed|ing|able|ite|ites)?$", word)
    if match and match.group(1) in _OUR_STEMS:
        return f"{match.group(1)}or{match.group(2) or ''}"
    match = re.match(r"^(\w+?)is(e|es|ed|ing|ation|ations)$", word)
    if match and match.group(1) in _ISE_STEMS:
        return f"{match.group(1)}iz{match.group(2)}"
    match = re.match(r"^(\w+?)ys(e|es|ed|ing)$", word)
    if match and match.group(1) in _YSE_STEMS:
        return f"{match.group(1)}yz{match.group(2)}"
    return word


@lru_cache(maxsize=1 << 16)  # called once per word of every article: most words repeat
def match_key(token: str) -> str:
    """Return the comparison key of one word token: typography folded, lower case, US spelling.

    >>> match_key("Honour")
    'honor'
    >>> match_key("it’s")
    "it's"
    """
    folded = fold_typography(token).lower()
    return american_spelling(folded)
