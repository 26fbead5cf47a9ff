"""Values a sentence states: the comparable claims that conflicts are made of.

A *value* is one checkable statement inside a sentence, with the span of its words and a *slot*
saying what it is a value of, so that two articles' values can be compared only when they are
about the same thing:

- ``number``: a count, amount or measure with its unit family and the noun it counts ("60
  people" killed, "$82 million" deal, "44,000-pound" module, "magnitude 7.6"); measures are
  converted to one base unit per family (metres, kilograms) so that "135 km" and "85 miles"
  compare; the hedge ("at least", "nearly", "about") is kept as a bound;
- ``age``: "Wang, 31," / "31-year-old Robert Buckley": the age of the named person;
- ``record``: win-loss records "53-3" of a named person or team;
- ``year``, ``month``, ``weekday``, ``clock``: dates and times with the verb they date
  ("appointed ... in 1988"); weekdays and "last year" are resolved against the article's date
  when it has one;
- ``ordinal``: "second Emmy", "sixth defense", with the modifiers that qualify it ("first
  *acting* Emmy");
- ``role``: titles such as "co-executive producer of X" with their rank modifiers and object;
- ``home``: where a named person is from ("Anthony LaSalle, 36, of Minneapolis");
- ``direction``: "55 km south of Bireun".

Everything here is plain pattern reading over the sentence text; offsets are relative to the
sentence and turned into article spans by the caller.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from newsweave.lang import (
    AWARD_NOUNS,
    HEDGES,
    HONORIFIC_ABBREVIATIONS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NOT_NAMES,
    NUMBER_WORDS,
    ORDINALS,
    RANK_WORDS,
    ROLE_NOUNS,
    TENURE_WORDS,
    TIME_WORDS,
    TITLE_WORDS,
    WEEKDAYS,
    alternation,
    capitalised,
    is_common_capitalised,
    light_stem,
    month_number,
)
from newsweave.text.tokens import STOPWORDS

ValueKind = str  # one of the kinds listed in the module docstring

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# "$35m", "$2.1bn", "50k": a scale written as a suffix (money only: "10m" is also ten metres)
_SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "bn": 1e9}
# unit word -> (family, factor to the family's base unit)
_UNITS: dict[str, tuple[str, float]] = {
    **{u: ("length", 1000.0) for u in ("km", "kms", "kilometre", "kilometres", "kilometer",
                                       "kilometers")},
    **{u: ("length", 1609.344) for u in ("mile", "miles", "mi")},
    **{u: ("length", 1.0) for u in ("m", "metre", "metres", "meter", "meters")},
    **{u: ("length", 0.3048) for u in ("ft", "foot", "feet")},
    **{u: ("weight", 0.4536) for u in ("pound", "pounds", "lb", "lbs")},
    **{u: ("weight", 1000.0) for u in ("ton", "tons", "tonne", "tonnes")},
    **{u: ("weight", 1.0) for u in ("kg", "kilogram", "kilograms", "kilo", "kilos")},
    **{u: ("duration", 1.0) for u in ("hour", "hours")},
    **{u: ("duration", 24.0) for u in ("day", "days")},
    **{u: ("duration", 168.0) for u in ("week", "weeks")},
    **{u: ("duration", 730.5) for u in ("month", "months")},
    **{u: ("duration", 8766.0) for u in ("year", "years")},
    **{u: ("duration", 1 / 60) for u in ("minute", "minutes", "min")},
    **{u: ("duration", 1 / 3600) for u in ("second", "seconds", "sec", "secs")},
    "percent": ("percent", 1.0), "per cent": ("percent", 1.0), "%": ("percent", 1.0),
    "degrees": ("degrees", 1.0),
}
_HEDGE = re.compile(
    r"(?:\b(?:" + "|".join(sorted(HEDGES, key=len, reverse=True)) + r")\s+)$", re.IGNORECASE
)
# Nouns that only say "people": counts of them compare by the event they take part in.
_PEOPLE = frozenset("""people persons others residents victims civilians children adults men women
    students teenagers teens youths soldiers troops officers workers passengers patients
    pupils person""".split())
# Events a count of people takes part in (stem -> event), for "killed 60" / "60 dead".
_EVENTS = (
    ("dead", r"kill|dead|die[ds]?\b|dying|deaths|fatal|lives|bodies|toll"),
    ("injured", r"injur|wound|hurt|hospital"),
    ("missing", r"missing|unaccounted"),
    ("arrested", r"arrest|detain|custody|held"),
    ("evacuated", r"evacuat|displac|homeless|shelter|flee|fled"),
    ("rescued", r"rescu|sav"),
)
_EVOLVING = frozenset({"dead", "injured", "missing", "arrested", "evacuated", "rescued"})
_NUMBER = re.compile(
    r"(?<![\w.$:/-])(?P<cur>(?:US|A|C|NZ|HK)?\$|£|€)?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    r"(?:a\s+)?dozen|" + "|".join(sorted((w for w in NUMBER_WORDS if w != "a dozen"),
                                         key=len, reverse=True)) + r")"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion)|(?<=\d)(?P<suffix>bn|m|k)\b)?"
    r"(?P<hyphen>-(?P<hunit>[a-z]+(?:-[a-z]+)*))?"
    r"(?![\w:]|[.,]\d|-\d)",
    re.IGNORECASE,
)
_MONTH = re.compile(
    r"\b(?P<month>" + capitalised(MONTHS) +
    r"|(?:" + capitalised(MONTH_ABBREVIATIONS) + r")\.?)"
    r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
_WEEKDAY = re.compile(r"\b(?P<day>" + capitalised(WEEKDAYS) + r")\b")
_YEAR = re.compile(r"\b(?:in|since|of|from|until|by)\s+(?P<year>(?:19|20)\d\d)\b(?![-–]\d)")
_LAST_YEAR = re.compile(r"\b(?P<rel>last|next|this)\s+year\b", re.IGNORECASE)
_CLOCK = re.compile(
    r"\b(?P<h>\d{1,2}):(?P<m>\d\d)\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)?(?![\d:])"
    r"(?:\s*\(?(?P<zone>(?:E|C|M|P)[SD]?T|ET|CT|MT|PT|GMT|UTC|BST|CET|Eastern|Central|"
    r"Mountain|Pacific)\b)?",
    re.IGNORECASE,
)
# hours to add to a zone's clock time to get UTC (standard time; a DST hour is within reach)
_ZONES = {"et": 5, "est": 5, "edt": 4, "eastern": 5, "ct": 6, "cst": 6, "cdt": 5, "central": 6,
          "mt": 7, "mst": 7, "mdt": 6, "mountain": 7, "pt": 8, "pst": 8, "pdt": 7,
          "pacific": 8, "gmt": 0, "utc": 0, "bst": -1, "cet": -1}
_RECORD = re.compile(r"(?<![\w$.-])(?P<rec>\d{1,3}-\d{1,3}(?:-\d{1,2})?)(?![\w-])")
_ORDINAL = re.compile(
    r"\b(?P<ord>" + "|".join(ORDINALS) + r"|\d+(?:st|nd|rd|th))\b"
    r"(?P<rest>(?:\s+[A-Za-z][\w’'-]*){1,3})",
    re.IGNORECASE,
)
# Heads that say only "an award" or "a win": the name before them says what is counted.
_GENERIC_HEADS = AWARD_NOUNS | {"win", "victory"}
_TIME_WORDS = TIME_WORDS | frozenset(
    "now year years week month season time night morning evening".split())
# Modifiers that make a different office of the same title ("co-", "deputy", "acting"); "former"
# (a tenure word) is read as a modifier but compares as the same office, said at another time.
RANK_MODIFIERS = RANK_WORDS
_ROLE_BASE = alternation(ROLE_NOUNS)
_ROLE = re.compile(
    r"\b(?P<mods>(?:(?:" + alternation(RANK_WORDS | TENURE_WORDS)
    + r"|executive|senior|supervising|general|head|managing|lead)[\s-]+){0,3})"
    r"(?P<base>" + _ROLE_BASE + r")\b(?P<obj>\s+(?:of|on|for|at|with)\s+[^.;:!?]{0,60})?",
    re.IGNORECASE,
)
_NAME = r"[A-Z][a-zA-Z’'\-]*[a-z](?:\s+[A-Z]\.)?(?:\s+[A-Z][a-zA-Z’'\-]*[a-z]){0,2}"
# (?<!\w): a name starts where a word starts; tried inside a long run of letters, the
# pattern would re-read the run from every character (quadratic)
_HOME = re.compile(
    r"(?<!\w)(?P<name>" + _NAME + r"),\s+(?:\d{1,3},\s+)?(?:a\s+[\w\s-]{0,30}?\s+)?of\s+"
    r"(?P<place>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})(?=[,.;]|\s+(?:was|is|who|has|and)\b)"
)
# "Raj Chohan, who lived in South Ozone Park": the home said with a verb
_HOME_LIVED = re.compile(
    r"(?<!\w)(?P<name>" + _NAME + r"),\s+who\s+(?:lived|lives|resided|resides)\s+in\s+"
    r"(?P<place>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})(?=[,.;]|\s)"
)
_AGE_AFTER = re.compile(r"(?<!\w)(?P<name>" + _NAME + r"),\s+(?P<age>\d{1,3}),")
_AGE_BEFORE = re.compile(r"\b(?P<age>\d{1,3})-year-old\s+(?P<name>" + _NAME + r")")
_DIRECTION = re.compile(
    r"\b(?P<dir>(?:north|south|east|west)(?:-?(?:east|west))?|northeast|northwest|southeast|"
    r"southwest)\s+of\s+(?:the\s+(?:town|city|village|capital)\s+of\s+)?"
    r"(?P<place>(?-i:[A-Z])[\w’'-]+)",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|would|due|is to|are to|scheduled|expected|plans?|planned|"
                     r"next|upcoming|set to)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_SPLIT_RECORD = re.compile(r"\s+(?:in|on|at|against|versus|vs\.?)\s+(?:[\w-]+\s+){0,3}?"
                           r"(?:games|road|home|conference|division|series|matches|fights|"
                           r"meetings|starts|finals|playoffs)\b", re.IGNORECASE)
_QUAKE = re.compile(r"\b(?:quakes?|earthquakes?|tremors?|temblors?|magnitude|Richter)\b",
                    re.IGNORECASE)
# "4 minutes 48 seconds", "2 hours and 10 minutes": the second part of one duration
_COMPOUND_DURATION = re.compile(r"\s+[a-z]+\s*,?\s*(?:and\s+)?(?P<num>\d{1,2})\s+"
                                r"(?P<unit>minutes?|seconds?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Frame:
    """The question a value answers, read from its clause: what two values must share to conflict.

    ``subject``: the name words of the clause (who or what the value is about: "Klitschko's
    record", "Aceh's toll"), possessives dropped and lower-cased; ``predicate``: the stems of
    the content words right around the value ("killed", "countries", "deliberated");
    ``scope``: words that narrow or widen what is counted ("career", "season", "total",
    "alone", "another", the first or second of several); ``reference``: the place a distance
    or direction is measured from ("of the port", "from Manokwari"); ``era``: the year the
    clause places it in ("2004", "last year" resolved when the article is dated), '' if none.
    """

    subject: frozenset[str] = frozenset()
    predicate: frozenset[str] = frozenset()
    scope: frozenset[str] = frozenset()
    reference: str = ""
    era: str = ""


@dataclass(frozen=True)
class Value:
    """One comparable value in a sentence.

    ``start``/``end`` index the sentence text (the value as printed); ``slot`` is what it is a
    value of (compared for equality between articles); ``amount`` the value on a common scale
    (numbers in base units, dates as ordinal days, ordinals as integers) or ``None`` for
    values compared as labels; ``label`` the normalised label (roles, places, directions);
    ``hedge`` the bound or approximation word before a number; ``mods`` the qualifying words
    of an ordinal or the rank of a role; ``context`` content words near the value.
    """

    kind: ValueKind
    start: int
    end: int
    text: str
    slot: tuple[str, ...]
    amount: float | None = None
    label: str = ""
    hedge: str = ""
    mods: frozenset[str] = field(default_factory=frozenset)
    context: frozenset[str] = field(default_factory=frozenset)
    precision: float = 1.0
    frame: Frame = field(default_factory=Frame)

    @property
    def evolving(self) -> bool:
        """True for counts that rise or get revised as news comes in (tolls, arrests)."""
        return self.kind == "number" and len(self.slot) > 2 and self.slot[2] in _EVOLVING


def _stem(word: str) -> str:
    return light_stem(re.sub(r"[’']s?$", "", word.lower()), strict=True)


def _context(text: str, start: int, end: int, width: int = 60) -> frozenset[str]:
    window = text[max(0, start - width) : start] + " " + text[end : end + width]
    return frozenset(_stem(w) for w in _WORD.findall(window)
                     if w.lower() not in STOPWORDS and len(w) > 2)


def _event(text: str, start: int, end: int, reach: int = 40) -> str:
    """Return the event a count near ``[start, end)`` belongs to, nearest first ('' if none)."""
    best, best_distance = "", 10**6
    for name, pattern in _EVENTS:
        for match in re.finditer(rf"\b(?:{pattern})\w*", text, re.IGNORECASE):
            distance = (start - match.end()) if match.end() <= start else (match.start() - end)
            if -1 <= distance < reach and distance < best_distance:
                best, best_distance = name, distance
    return best


def _number_value(raw: str) -> float:
    key = raw.lower().replace("a ", "").strip()
    if key in NUMBER_WORDS:
        return float(NUMBER_WORDS[key])
    return float(raw.replace(",", ""))


def _significance(raw: str, scale: str | None) -> float:
    """Return the rounding step a written number implies ("4 billion" -> 1e9, "4.2" -> 0.1)."""
    key = raw.replace(",", "")
    if not key[:1].isdigit():
        return 1.0
    if "." in key:
        step = 10.0 ** -len(key.split(".")[1])
    else:
        stripped = key.rstrip("0")
        step = 10.0 ** (len(key) - len(stripped)) if stripped else 1.0
    return step * (_SCALES[scale.lower()] if scale else 1.0)


def _hedge(text: str, start: int) -> str:
    match = _HEDGE.search(text[max(0, start - 25) : start])
    return match.group().strip().lower() if match else ""


def _skip_number(text: str, start: int, end: int, raw: str) -> bool:
    before = text[max(0, start - 12) : start]
    if re.search(r"(?:\b(?:Route|Highway|No|Number|Street|Avenue|Interstate|I|Flight|Room|"
                 r"Channel|Article|Section|Chapter|Page|Act)\.?|#)\s*$", before):
        return True
    if re.search(r"\b(?:" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?\s*$", before,
                 re.IGNORECASE):
        return True  # a day of a month
    if re.fullmatch(r"(?:19|20)\d\d", raw):
        return True  # a year (read as a date)
    if re.search(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w-]*[A-Za-z]\s$", before) and not re.search(
            r"\b(?:" + "|".join(m[:3] for m in MONTHS) + r")", before[-5:], re.IGNORECASE):
        return True  # "Boeing 737", "the Colts 7": a number that is part of a name
    return bool(re.match(r"\s*(?:a\.?m\b|p\.?m\b|GMT|ET|EST|PST|local time)", text[end : end + 12],
                         re.IGNORECASE))


def _counted_noun(text: str, end: int) -> tuple[str, str]:
    """Return the unit (if any) and the noun counted by a number ending at ``end``."""
    rest = text[end : end + 60]
    match = re.match(r"\s*(per cent|%|[A-Za-z][\w-]*)(?:\s+([A-Za-z][\w-]*))?"
                     r"(?:\s+([A-Za-z][\w-]*))?", rest)
    if not match:
        return "", ""
    words = [w for w in match.groups() if w]
    first = words[0].lower()
    if first in ("percent", "%", "per cent"):
        of = re.match(r"\s*(?:per cent|percent|%)\s+of\s+(?:(?:the|all|its|their|eligible|"
                      r"registered)\s+)*([a-z][\w-]*)", rest, re.IGNORECASE)
        if of:
            return "percent", of.group(1).lower()
        # "a 20 percent premium", "a 5 percent stake": the noun the percentage is of
        after = re.match(r"\s*(?:per cent|percent|%)\s+([a-z][\w-]*)\b", rest, re.IGNORECASE)
        key = after.group(1).lower() if after else ""
        return "percent", (key if key and key not in STOPWORDS and not key.endswith("ed")
                           and not key.endswith("ly") else "")
    if first in _UNITS:
        return first, first
    if first in STOPWORDS or first in ("killed", "dead", "injured", "wounded"):
        return "", ""
    noun = first
    # "career points", "drunk-driving convictions": a singular modifier before a plural noun
    if len(words) > 1 and words[1].lower() not in STOPWORDS and not first.endswith("s") and (
        words[1].lower().endswith("s")
    ):
        noun = words[1].lower()
    return "", noun


_NONE = re.compile(r"\b(?:[Nn]o one|[Nn]obody|[Nn]one|[Nn]o\s+(?P<noun>[a-z]+))\b"
                   r"(?=(?:\s+\w+){0,3}?\s+(?:was|were|has|have|had)\b)")


def _zero_counts(text: str) -> list[Value]:
    """Return the counts of zero a sentence states ("No one was injured", "no deaths")."""
    values: list[Value] = []
    for match in _NONE.finditer(text):
        noun = (match.group("noun") or "people").lower()
        if noun in _PEOPLE or noun == "people":
            noun = "people"
        event = _event(text, match.start(), match.end(), reach=30) if noun == "people" else ""
        if noun == "people" and not event:
            continue
        values.append(Value(
            kind="number", start=match.start(), end=match.end(), text=match.group(),
            slot=("number", "count", event or _stem(noun)), amount=0.0,
            context=_context(text, match.start(), match.end()),
        ))
    return values


def _numbers(text: str) -> list[Value]:
    values: list[Value] = _zero_counts(text)
    for match in _NUMBER.finditer(text):
        raw = match.group("num")
        if raw.lower() == "one" and not re.match(r"\s+(?:[a-z]+\s+)?(?:person|people|man|woman|"
                                                 r"child|victim|body)", text[match.end():]):
            continue  # "one" is far more often a pronoun than a count
        if _skip_number(text, match.start("num"), match.end(), raw):
            continue
        before = text[max(0, match.start() - 30) : match.start()]
        if re.search(r"[A-Z][\w’'-]+\)?,\s*$", before) and (
            re.match(r"\s*(?:,|\)|and\b)", text[match.end() :])
        ):
            continue  # "Wang, 31," is an age, read with its person
        amount = _number_value(raw)
        scale = match.group("scale")
        if scale:
            amount *= _SCALES[scale.lower()]
        suffix = (match.group("suffix") or "").lower()
        if suffix and not match.group("cur"):
            continue  # "10m" without a currency: metres or millions, unknown
        if suffix:
            amount *= _SUFFIX_SCALES[suffix]
        hunit = (match.group("hunit") or "").lower()
        if hunit.startswith("year-old") or hunit in ("years-old",):
            continue  # ages are read with their person
        if hunit:
            head = hunit.split("-")[-1]
            unit = hunit if hunit in _UNITS else hunit.split("-")[0]
            if unit not in _UNITS:
                _, after = _counted_noun(text, match.end())
                unit, noun = "", f"{head} {after}".strip()
            else:
                _, noun = _counted_noun(text, match.end())
                noun = noun or unit
        else:
            unit, noun = _counted_noun(text, match.end())
        if re.search(r"\b(?:hours?|minutes?)\s*,?\s*(?:and\s+)?$",
                     text[max(0, match.start() - 12):match.start()]) and unit in _UNITS:
            continue  # the "48 seconds" of "4 minutes 48 seconds": read with the minutes
        if match.group("cur"):
            family, factor = "money", 1.0
            unit = match.group("cur")
        elif unit:
            family, factor = _UNITS[unit]
        else:
            family, factor = "count", 1.0
        if re.match(r"(?i)magnitude", noun) or re.search(r"(?i)magnitude\s*(?:of\s*)?$",
                                                          text[max(0, match.start() - 14):
                                                               match.start()]):
            family, noun = "magnitude", "magnitude"
        if family == "duration" and re.match(r"\s*(?:[a-z]+\s+)?(?:\d+\s+[a-z]+\s+)?"
                                             r"(?:remaining|left|to play|to go)\b",
                                             text[match.end():match.end() + 30]):
            continue  # "with 4 minutes remaining": a moment of a game, not a duration
        if (family == "count" and "." in raw and 1.0 <= amount < 10.0 and not scale
                and _QUAKE.search(text)):
            family, noun = "magnitude", "magnitude"  # "two quakes, measuring 7.6 and 7.4"
        if family == "count" and not noun:
            # "killed 60", "60 dead": a bare number counts people only right next to the event
            noun = "people" if _event(text, match.start(), match.end(), reach=12) else ""
        if family == "count" and not noun:
            continue
        if family == "percent":
            slot_noun = _stem(noun)
        if noun in _PEOPLE:
            noun = "people"
        event = _event(text, match.start(), match.end()) if noun == "people" else ""
        hedge = _hedge(text, match.start())
        end = match.end()
        if family == "duration":
            rest = _COMPOUND_DURATION.match(text, end)
            if rest and rest.group("unit").lower() in _UNITS:
                amount += float(rest.group("num")) * _UNITS[rest.group("unit").lower()][1] / factor
                end = rest.end()
        values.append(Value(
            kind="number", start=match.start(), end=end, text=text[match.start():end].strip(),
            slot=("number", family, event or _stem(noun)) if family == "count" else
                 ("number", family, slot_noun if family == "percent" else family),
            amount=amount * factor, hedge=hedge,
            context=_context(text, match.start(), match.end()),
            precision=_significance(raw, scale) * factor * _SUFFIX_SCALES.get(suffix, 1.0),
        ))
    return values


def _name_tokens(name: str) -> frozenset[str]:
    """Return the words of a person's name, without possessives ("Wang Youcai" -> both)."""
    return frozenset(re.sub(r"[’']s$", "", w).lower() for w in name.split()
                     if w[:1].isupper() and len(w) > 1 and not w.endswith("."))


def _ages_and_homes(text: str) -> list[Value]:
    values: list[Value] = []
    for pattern in (_AGE_AFTER, _AGE_BEFORE):
        for match in pattern.finditer(text):
            name = match.group("name")
            values.append(Value(
                kind="age", start=match.start("age"), end=match.end("age"),
                text=match.group("age"), slot=("age",), mods=_name_tokens(name),
                amount=float(match.group("age")), context=_context(text, *match.span()),
            ))
    for match in [*_HOME.finditer(text), *_HOME_LIVED.finditer(text)]:
        values.append(Value(
            kind="home", start=match.start("place"), end=match.end("place"),
            text=match.group("place"), slot=("home",), mods=_name_tokens(match.group("name")),
            label=match.group("place").lower(), context=_context(text, *match.span()),
        ))
    for match in _DIRECTION.finditer(text):
        values.append(Value(
            kind="direction", start=match.start("dir"), end=match.end("dir"),
            text=match.group(), slot=("direction", match.group("place").lower()),
            label=match.group("dir").lower().replace("-", ""),
            context=_context(text, *match.span()),
        ))
    return values


def _records(text: str) -> list[Value]:
    values: list[Value] = []
    for match in _RECORD.finditer(text):
        before = text[max(0, match.start() - 60) : match.start()]
        names = re.findall(r"[A-Z][a-z’'-]+", before)
        after = text[match.end() : match.end() + 12]
        score = re.search(r"\b(?:beat|beats|defeated|edged|lost|won|drew|tied|trailed|led)\b"
                          r"(?:,?\s+[\w’'-]+){0,5}[\s,]*$", before)
        if not (re.search(r"\b(?:record|mark)\b", before[-30:] + after) or score
                or re.search(r"[,(]\s*$", before)):
            continue
        if not names or _SPLIT_RECORD.match(text, match.end()):
            continue  # no one's, or a part of a record ("9-1 in one-possession games")
        # "beat the Jaguars 31-24", "a 20-13 victory": the score of one game, not a record
        game = bool(score) or bool(re.match(r"\s*(?:victory|win|loss|defeat|lead|triumph|"
                                            r"rout|decision)\b", after + text[match.end() + 12:
                                                                             match.end() + 20]))
        values.append(Value(
            kind="record", start=match.start(), end=match.end(), text=match.group(),
            slot=("score",) if game else ("record",), label=match.group(),
            mods=_name_tokens(names[-1]),
            context=_context(text, *match.span()),
        ))
    return values


def _verb_near(text: str, start: int, end: int) -> frozenset[str]:
    """Return the stems of the content words right before and after a date (its event)."""
    before = _WORD.findall(text[max(0, start - 50) : start])[-4:]
    after = _WORD.findall(text[end : end + 40])[:3]
    return frozenset(_stem(w) for w in before + after
                     if w.lower() not in STOPWORDS and w[:1].islower() and len(w) > 2)


def _dates(text: str, date: dt.date | None) -> list[Value]:
    values: list[Value] = []
    taken: list[tuple[int, int]] = []
    for match in _MONTH.finditer(text):
        month_key = match.group("month").lower().rstrip(".")
        month = month_number(month_key)
        if month is None or (month_key == "may" and not (match.group("day") or
                                                         match.group("year"))):
            continue
        year = int(match.group("year")) if match.group("year") else None
        if match.group("day"):
            if year is None and date is not None:
                year = date.year
            label = f"{year or '?'}-{month:02d}-{int(match.group('day')):02d}"
            kind = "day"
        else:
            label = f"{year or '?'}-{month:02d}"
            kind = "month"
        taken.append(match.span())
        values.append(Value(kind=kind, start=match.start(), end=match.end(), text=match.group(),
                            slot=(kind,), label=label,
                            context=_verb_near(text, match.start(), match.end())))
    for match in _WEEKDAY.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        name = match.group("day").lower()
        if date is not None:
            # news names the last such day, or the next one when the sentence looks ahead
            back = (date.weekday() - WEEKDAYS.index(name)) % 7
            if back and _FUTURE.search(text):
                back -= 7
            label = (date - dt.timedelta(days=back)).isoformat()
            kind = "day"
        else:
            label, kind = name, "weekday"
        values.append(Value(kind=kind, start=match.start(), end=match.end(), text=match.group(),
                            slot=(kind,), label=label,
                            context=_verb_near(text, match.start(), match.end())))
    for match in _YEAR.finditer(text):
        if any(s <= match.start("year") < e for s, e in taken):
            continue
        values.append(Value(kind="year", start=match.start("year"), end=match.end("year"),
                            text=match.group("year"), slot=("year",),
                            label=match.group("year"),
                            context=_verb_near(text, match.start(), match.end())))
    if date is not None:
        for match in _LAST_YEAR.finditer(text):
            shift = {"last": -1, "next": 1, "this": 0}[match.group("rel").lower()]
            values.append(Value(kind="year", start=match.start(), end=match.end(),
                                text=match.group(), slot=("year",),
                                label=str(date.year + shift),
                                context=_verb_near(text, match.start(), match.end())))
    for match in _CLOCK.finditer(text):
        hour, minute = int(match.group("h")), int(match.group("m"))
        ampm = (match.group("ampm") or "").lower().replace(".", "").replace(" ", "")
        if not ampm:
            continue  # a game clock or a score, not a time of day
        if ampm == "pm" and hour < 12:
            hour += 12
        if ampm == "am" and hour == 12:
            hour = 0
        zone = (match.group("zone") or "").lower()
        if zone in _ZONES:
            hour = (hour + _ZONES[zone]) % 24
        values.append(Value(kind="clock", start=match.start(), end=match.end(),
                            text=match.group(), slot=("clock", "utc" if zone else "local"),
                            amount=hour * 60.0 + minute,
                            hedge=_hedge(text, match.start()),
                            context=_verb_near(text, match.start(), match.end())))
    return values


def _ordinals(text: str) -> list[Value]:
    values: list[Value] = []
    for match in _ORDINAL.finditer(text):
        if re.search(r"\bthe\s+$", text[max(0, match.start() - 5):match.start()],
                     re.IGNORECASE):
            continue  # "the first quake", "the second robbery": which one, not how many
        word = match.group("ord").lower()
        number = ORDINALS.get(word) or (int(word[:-2]) if word[:-2].isdigit() else None)
        if number is None:
            continue
        words: list[str] = []
        end = match.end("ord")
        for following in re.finditer(r"\s+([A-Za-z][\w’'-]*)", match.group("rest")):
            lower = following.group(1).lower()
            if lower in STOPWORDS and lower != "time":
                break
            words.append(lower)
            end = match.start("rest") + following.end()
            if lower in ("time", "times"):
                break
        if not words or (match.group("ord")[:1].isdigit()
                         and match.group("rest").split()[0][:1].isupper()):
            continue  # "the 72nd Primetime Emmy Awards": an edition in a name, not a count
        head, mods = words[-1], frozenset(words[:-1])
        if head in _GENERIC_HEADS and mods:
            # "second Nobel prize", "third Grammy award": a generic head after a name counts
            # what the name names, so that "third Grammy" is the same slot
            named = [w for w in match.group("rest").split()
                     if w[:1].isupper() and w.lower() not in _GENERIC_HEADS]
            if named:
                head = named[-1].lower()
                mods = frozenset(mods - {head})
        if head in ("half", "quarter", "round", "place", "lady", "floor", "street", "avenue",
                    "century", "grade", "degree", "graf", "day", "night", "week", "straight",
                    "consecutive"):
            continue
        after = text[end : end + 60]
        qualifier = re.match(r"\s+(?:\w+\s+){0,3}?(as|since|after|under|in\s+(?:\w+\s+)?"
                             r"(?:years|decades|history))\b(?:\s+an?)?\s*(\w*)", after)
        if qualifier:
            mods |= {f"{qualifier.group(1).split()[0]} {qualifier.group(2)}".strip().lower()}
        values.append(Value(kind="ordinal", start=match.start(), end=end,
                            text=text[match.start() : end], slot=("ordinal", _stem(head)),
                            amount=float(number), mods=mods,
                            context=_context(text, *match.span())))
    # "finished fourth", "came in second": a placing, the verb is what it counts
    for match in re.finditer(r"\b(?P<verb>finish(?:ed|es)?|placed|came(?:\s+in)?|ranked|"
                             r"ranks|was|is)\s+(?P<ord>" + "|".join(ORDINALS) +
                             r")\b(?=\s*(?:[,.;]|in\b|on\b|at\b|with\b|behind\b|among\b))",
                             text, re.IGNORECASE):
        values.append(Value(kind="ordinal", start=match.start("ord"), end=match.end("ord"),
                            text=match.group(), slot=("ordinal", "placing"),
                            amount=float(ORDINALS[match.group("ord").lower()]),
                            context=_context(text, *match.span())))
    for match in re.finditer(r"\b(?P<ord>" + "|".join(ORDINALS) + r")-(?P<adj>[a-z]+est)\s+"
                             r"(?P<head>[a-z]+)", text, re.IGNORECASE):
        values.append(Value(kind="ordinal", start=match.start(), end=match.end(),
                            text=match.group(),
                            slot=("ordinal", f"{match.group('adj').lower()} "
                                  f"{_stem(match.group('head'))}"),
                            amount=float(ORDINALS[match.group("ord").lower()]),
                            context=_context(text, *match.span())))
    # "his second": an ordinal that stands for a noun said just before ("his win ... his second")
    for match in re.finditer(r"\b(?:his|her|their|its|[A-Z][\w-]*[’']s)\s+(?P<ord>"
                             + "|".join(ORDINALS) +
                             r")\b(?=\s*[,.;]|\s+(?:and|in|of|since|after|resulting)\b)",
                             text, re.IGNORECASE):
        nouns = [w for w in _WORD.findall(text[max(0, match.start() - 50) : match.start()])
                 if w.lower() not in STOPWORDS and w[:1].islower() and w not in _TIME_WORDS]
        if not nouns:
            continue
        values.append(Value(kind="ordinal", start=match.start("ord"), end=match.end("ord"),
                            text=match.group(), slot=("ordinal", _stem(nouns[-1])),
                            amount=float(ORDINALS[match.group("ord").lower()]),
                            context=_context(text, *match.span())))
    return values


def _roles(text: str) -> list[Value]:
    values: list[Value] = []
    for match in _ROLE.finditer(text):
        obj = match.group("obj") or ""
        capitals = frozenset(w.lower() for w in re.findall(r"[A-Z][\w-]+", obj)
                             if w.lower() not in STOPWORDS)
        if not capitals:
            continue  # a role with no named object cannot be compared across articles
        mods = frozenset(m.lower() for m in re.split(r"[\s-]+", match.group("mods")) if m)
        values.append(Value(kind="role", start=match.start(), end=match.end("base"),
                            text=text[match.start() : match.end("base")].strip(),
                            slot=("role", match.group("base").lower()),
                            label=" ".join(sorted(mods)), mods=mods, context=capitals))
    return values


def extract_values(text: str, date: dt.date | None = None) -> list[Value]:
    """Return the comparable values stated in the sentence ``text``.

    Takes the sentence and its article's date (to resolve weekdays and "last year"); returns
    values in text order (see :class:`Value`), each with the :class:`Frame` of its clause.
    """
    values = (_numbers(text) + _ages_and_homes(text) + _records(text) + _dates(text, date)
              + _ordinals(text) + _roles(text))
    framed = [replace(v, frame=read_frame(text, v.start, v.end, date)) for v in values]
    return sorted(framed, key=lambda v: (v.start, v.end, v.kind))


# Where a clause ends: strong punctuation, or a comma before a conjunction or a relative word.
_CLAUSE_END = re.compile(r"[;:()\[\]]|\s[—–-]{1,2}\s|"
                         r",\s+(?=(?:[\w.’'-]+\s+){0,5}(?:said|says|reported|told)\b)|,\s+(?:and|but|while|whereas|which|who|"
                         r"after|before|when|including|compared|up from|down from|off from|"
                         r"from|than|against|bringing|making)\b")
_NAME_WORD = re.compile(r"(?<![\w’'-])[A-Z][\w’'.-]*[A-Za-z]")
# Words that narrow or widen what a figure counts: two figures with different ones answer
# different questions ("a career total" / "this season's").
_SCOPE_WORDS = frozenset("""career season seasons total overall alone combined annual annually
    per each average additional another other remaining previous earlier former extra cumulative
    lifetime weekly daily monthly yearly initial final""".split())
_ORDINAL_SCOPE = frozenset(("first", "second", "third", "fourth", "fifth", "latest", "last"))
_ERA = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b(?![-–]\d)|\b(?P<rel>last|previous|next)\s+"
                  r"(?P<unit>year|month|week)\b|\b(?P<ago>\w+\s+(?:years?|decades?)\s+ago)\b",
                  re.IGNORECASE)
# The place a distance is measured from: the first name, else the noun, after "from"/"of".
_REFERENCE = re.compile(r"[^,;]{0,40}?\b(?:from|of|off|outside|near)\s+(?:(?:the|a|an)\s+)?"
                        r"(?:(?:[a-z’'-]+\s+){0,4}?(?P<name>[A-Z][\w’'-]+)|(?P<noun>[a-z]+))")
_PREDICATE_REACH = 6
_NOT_SUBJECTS = (frozenset(w.lower() for w in NOT_NAMES)
                 | frozenset(t.lower().rstrip(".") for t in HONORIFIC_ABBREVIATIONS + TITLE_WORDS)
                 | frozenset(u.lower() for u in _UNITS)
                 | frozenset("""am pm gmt utc usgs ko kos said says according police officials
                     authorities""".split()))


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the clause around ``[start, end)`` (see ``_CLAUSE_END``)."""
    lo, hi = 0, len(text)
    for match in _CLAUSE_END.finditer(text):
        if match.end() <= start:
            lo = match.end()
        elif match.start() >= end:
            hi = match.start()
            break
    return lo, hi


def _subject(text: str, lo: int, hi: int) -> frozenset[str]:
    words: set[str] = set()
    for match in _NAME_WORD.finditer(text, lo, hi):
        word = re.sub(r"[’']s?$", "", match.group()).rstrip(".")
        key = word.lower()
        if match.start() == 0 and (word in NOT_NAMES or key in STOPWORDS
                                   or is_common_capitalised(word)
                                   or not re.match(r"\s+[A-Z]", text[match.end():])):
            continue  # a sentence's first word is capitalised whatever it is
        if key in _NOT_SUBJECTS or key in STOPWORDS or key in MONTHS or len(key) < 2:
            continue
        words.add(key)
    return frozenset(words)


def read_frame(text: str, start: int, end: int, date: dt.date | None = None) -> Frame:
    """Return the :class:`Frame` of the value at ``[start, end)`` of the sentence ``text``.

    Takes the sentence, the value's offsets and the article's date (to resolve "last year");
    returns the subject names, predicate stems, scope words, reference place and era of the
    value's clause.
    """
    lo, hi = _clause(text, start, end)
    before = _WORD.findall(text[lo:start])[-_PREDICATE_REACH:]
    after = _WORD.findall(text[end:hi])[:_PREDICATE_REACH]
    predicate = frozenset(_stem(w) for w in before + after
                          if w.lower() not in STOPWORDS and len(w) > 2 and w[:1].islower())
    scope = {w.lower() for w in before + after if w.lower() in _SCOPE_WORDS}
    # "the first quake", "the second robbery": which of several things of one kind
    scope |= {w for w in (x.lower() for x in before[-3:]) if w in _ORDINAL_SCOPE}
    reference = _REFERENCE.match(text, end, min(len(text), end + 80))
    era = ""
    for match in _ERA.finditer(text, lo, hi):
        if match.group("year"):
            era = match.group("year")
        elif match.group("ago"):
            era = "past"
        else:
            shift = {"last": -1, "previous": -1, "next": 1}[match.group("rel").lower()]
            era = (str(date.year + shift) if date is not None and match.group("unit").lower()
                   == "year" else f"{match.group('rel').lower()} {match.group('unit').lower()}")
        break
    return Frame(subject=_subject(text, lo, hi), predicate=predicate, scope=frozenset(scope),
                 reference=(reference.group("name") or reference.group("noun")).lower()
                 if reference else "", era=era)
