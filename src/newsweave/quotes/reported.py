"""Reported speech: what an article says people said without quote marks.

"The mayor said the bridge would reopen on Monday", "According to the police, …", "Officials
told reporters that …", "The bridge, she said, would reopen".  Each attribution found has a
source span, a cue span and content spans (character offsets into the article's text, as for
quotes), the source resolved to a person by the quote stage's own
:class:`~newsweave.people.speakers.Resolver`, and a kind: ``indirect``, or ``mixed`` where a
quoted fragment sits inside the content ("called the plan “a mess”" is not direct speech).

Two mechanisms, both over one sentence with its quote regions blanked out (so a "said" inside
a direct quote is never a cue, and a content that is mostly quoted is a direct quote, left to
:mod:`newsweave.quotes.extract`):

1. **a phrase reader** (always): a reporting verb of :data:`newsweave.lang.REPORTING_VERBS`
   with its speaker phrase before it (``speaker-cue``: "The mayor said (that) …", "…, the mayor
   said.", "…, she said, …") or after it (``cue-speaker``: "…, said the mayor."), or "according
   to X" (``according-to``); a sentence that opens with its subject, whatever its length, and
   then a verb of speech ("Farmers and shop owners in the valley say …"); without the parse,
   a name that opens a sentence with no other attribution, then a verb that states a position
   and its object, the content ("Ann Ray opposes the levy"); a headline's "Lee: …", "…, Lee
   Says", "Lee Warns …".  Its content is what
   follows the cue (past a hearer after "told", "assured", and a short adjunct, not a clause,
   before "that": "said in a statement that …"; a reported question from "whether", "if" or a
   wh-word after "asked"; a bare clause that opens like a clause, its subject a pronoun, a
   determiner, a name or a lower-case word with a verb after it, "said members will …"; after
   an object verb of :data:`newsweave.lang.OBJECT_VERBS`, "accused the board of lying", "called
   for a recount", the object and what follows it), or else what precedes the speaker up to
   its comma.
2. **the dependency parse** (the ``nlp`` extra, ``dependency``): a reporting verb's clausal
   complement (``ccomp``/``xcomp``) with its subject; any other verb whose complement opens
   right after it with "that" or a question word is read the same way ("investigators found
   that …", "the study explains how …"); a reporting verb set into its content ("…, the
   mayor said") takes its head's clause as content; "according to" takes the clause it
   modifies; an object verb with an active subject takes its object and what follows it,
   and so does a verb that states a position (:data:`~newsweave.lang.STANCE_VERBS`:
   "backs", "opposes", "wants") whose subject is a named person, body or group ("Senator
   Ray backs the levy", "the Harbour Board wants to sell the quay"); a verb of action is
   no stance ("Ray won the race").
   The phrase reader fills in what the parse does not find.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from newsweave.lang import (
    AUXILIARIES,
    COORDINATORS,
    CUE_VERB_LIST,
    DETERMINERS,
    HEARER_VERBS,
    IRREGULAR_VERB_FORMS,
    MONTHS,
    OBJECT_VERBS,
    PREPOSITIONS,
    QUANTIFIERS,
    QUESTION_VERBS,
    REPORTING_LEMMA_OF,
    REPORTING_LEMMAS,
    REPORTING_VERB_LIST,
    REPORTING_VERBS,
    STANCE_VERBS,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    VERB_ADVERBS,
    WEEKDAYS,
    alternation,
)
from newsweave.model import Article, ReportedRule, ReportedSpeech
from newsweave.people.speakers import (
    ADVERB,
    APPOSITIVE,
    DESCRIPTION,
    NAME,
    ORGANISATION,
    ROLE_PREFIX,
    SPEAKER,
    bad_speaker,
    cue_then_speaker,
    sentence_breaks,
    speaker_then_cue,
)
from newsweave.quotes.extract import QuoteExtraction, quote_extraction

__all__ = ["extract_attributions", "find_reported_speech"]

# A bare plural after a comma ("…, officials said", "…, Democratic leaders say") or opening
# the sentence ("Port officials said …", "Officials say …").
_BARE_PLURAL = (r"(?:(?<=,\s)(?:[A-Za-z][\w\-]*\s+){0,2}[a-z][\w\-]*s"
                r"|(?<![^\s])(?:[A-Z][\w\-]*\s+(?:[A-Za-z][\w\-]*\s+)?[a-z][\w\-]*s"
                r"|[A-Z][a-z\-]*s))")
# "The mayor said", "Ann Lee, 52, of Ohio, later told": a speaker phrase, then the cue.
_SPEAKER_CUE = re.compile(
    rf"(?<![\w#’'-]){ROLE_PREFIX}"
    rf"{speaker_then_cue(cues=REPORTING_VERBS, phrase=f'{SPEAKER}|{_BARE_PLURAL}')}\b")
# ", said the mayor" (the speaker after the cue, at the end of what was said).
_CUE_SPEAKER = re.compile(rf",\s*{cue_then_speaker(cues=REPORTING_VERBS)}")
# ", saying …": a participle cue after the main clause, its speaker the sentence's subject.
_PARTICIPLE_LEMMA = {v.participle: v.lemma for v in CUE_VERB_LIST + REPORTING_VERB_LIST
                     if v.participle}
_AND_CUE = re.compile(rf",?\s+and\s+(?:{REPORTING_VERBS})\b")
_PARTICIPLE_CUE = re.compile(
    rf",\s*(?P<cue>{'|'.join(sorted(_PARTICIPLE_LEMMA, key=len, reverse=True))})\b"
    # "… and said …": a second verb of the subject
    rf"|\sand\s+(?P<finite>{REPORTING_VERBS})\b")
_SUBJECT = re.compile(
    rf"^\s*(?:(?:But|And|Yet|So|Also|Later|Meanwhile)\b,?\s*)?"
    rf"(?P<speaker>{SPEAKER}|{_BARE_PLURAL}){APPOSITIVE}\s+{ADVERB}?"
    # then a verb: a regular ending, an irregular form or an auxiliary
    rf"(?=(?:[a-z]+(?:ed|s)|{IRREGULAR_VERB_FORMS}|is|are|was|were|has|have|had)\b)")
# "according to the police"
_ACCORDING = re.compile(
    rf"(?<!\w){cue_then_speaker(cues='[Aa]ccording to')}{APPOSITIVE}")
# A hearer after "told", "assured", …: "reporters", "the Post", "CNN", "him".
_HEARER = re.compile(
    rf"\s+(?:him|her|them|us|me|you|reporters|{DESCRIPTION}|{ORGANISATION}|{NAME})(?=[\s,])")
# Up to eight words (no sentence punctuation, no quote) before "that": "in a statement",
# "on Tuesday", ", speaking to reporters,".
_THAT = re.compile(r"(?:[^.;:!?#]{0,60}?[\s,])?(?P<that>that),?\s+(?=\S)")
# A reported question: "asked whether …", "wondered why …".
_QUESTION = re.compile(r"\s*(?P<wh>whether|if|why|how|what|when|where|who)\s")
# What opens a bare clause: a subject ("he", "the bridge", "Lee", "there", "42 people"), or
# "to" after a verb of promising or urging.
_CLAUSE_START = re.compile(
    r"\s+(?:(?:on|last|this|in\s+an?\s+\w+)\s+)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)\s*,?\s+)?"
    r"(?P<start>(?:he|she|they|it|we|I|there|you|the|a|an|his|her|their|its|our|this|these|"
    r"those|some|many|most|no|[A-Z][\w’'.\-]*|\d[\d,.]*)\b)"
)
# What opens the object of a verb such as "accused" or "called for": a word, not a
# preposition (a passive: "was accused of …", "was praised by …").
_OBJECT = re.compile(
    r"\s+(?P<start>(?!(?:of|by|for|as|in|on|at|to|with|from|after|over)\b)[\w$#])")
_TO_VERBS = frozenset({"promise", "urge", "vow", "pledge", "threaten", "ask", "tell", "warn",
                       "plead", "agree", "demand", "remind"})
# A sentence's first word that leads into its subject ("But Lee said …", "However, …").
_LEAD_WORD = r"^\s*(?:(?:But|And|Yet|So|Still|Also|Now|Meanwhile|However)\b,?\s*)?"
# What may open a sentence before a speaker that speaks first: "But", "In a statement,".
_OPENER = re.compile(
    _LEAD_WORD +
    r"(?:[A-Z][^,#]{0,60},\s*)?$")
# A conjunction that ends what precedes a speaker and opens a clause of its own.
_CONJUNCTION_END = re.compile(r"(?:^|[\s,])(?:but|yet|although|though|while|because)\s*$")
_MIN_WORDS = 3  # a content shorter than this reports nothing ("he said so")
# A name that opens the sentence, then a verb with a regular ending and its object.
_NAMED_STANCE = re.compile(
    _LEAD_WORD +
    rf"(?P<speaker>{NAME}){APPOSITIVE}\s+{ADVERB}?(?P<cue>[a-z]+(?:es|s|ed))"
    r"\s+(?!(?:of|by|for|as|in|on|at|to|with|from|after|over|up|out|down|off|into)\b)[\w$]")
# Headlines: "Lee: Ferry Must Stay", "Lee on the Ferry: It Must Stay", "Ferry Must Stay, Lee
# Says", "Lee Says Ferry Must Stay".
_TITLE_CUES = "|".join(sorted({f.capitalize() for f in REPORTING_LEMMA_OF
                               if " " not in f and f.endswith("s")}, key=len, reverse=True))
_HEADWORD = r"[A-Z][\w.'’\-]*"
_HEADLINES = (
    re.compile(rf"^\s*(?P<speaker>{_HEADWORD}(?:\s+{_HEADWORD}){{0,3}})"
               r"(?P<cue>(?:\s+on\s+[^:#]{1,40})?:)\s+(?P<content>[^#\s].*)$", re.S),
    re.compile(rf"^\s*(?P<content>[^#].*?),\s+(?P<speaker>(?:{_HEADWORD}\s+){{0,4}}{_HEADWORD}"
               rf"(?:\s+\([^)]{{1,12}}\))?)\s+(?P<cue>{_TITLE_CUES})[.!]?\s*$", re.S),
    re.compile(rf"^\s*(?P<speaker>{_HEADWORD}(?:\s+{_HEADWORD}){{0,3}})\s+"
               rf"(?P<cue>{_TITLE_CUES})\s+(?P<content>[^#\s].*)$", re.S),
)
# A verb form: an auxiliary or modal, an irregular form, a regular past or a negation.
_FINITE = re.compile(
    rf"(?i)\b(?:{alternation(AUXILIARIES)}|{IRREGULAR_VERB_FORMS}|[a-z]+ed|[a-z]+n[’']t)\b")
# A lower-case word that opens a clause as its subject ("members will help", "other changes
# are needed"): not a preposition, adverb or pronoun object that follows a verb of speech.
_LOWER_START = re.compile(
    r"\s+(?P<start>(?!(?:to|on|in|at|of|for|by|with|about|from|after|before|during|so|"
    r"nothing|little|much|yes|no|more|goodbye|hello|thanks|sorry|again|also|too|not|only|"
    r"later|earlier|then|now|once|twice|recently|previously|publicly|privately|repeatedly|"
    r"him|her|them|us|me|it|something|anything|everything|this|that|which|who|what|and|or|"
    r"but|as|if|because|when|while|though|although)\b)[a-z][\w’'\-]*)\s")
# A subject that opens the sentence, after an opener ("But", "In a statement,"): capitalised,
# up to ten words, no comma, quote or verb of its own ("Developers and supporters in the
# council say …", "Those close to him say …").
_OPENING_SUBJECT = re.compile(
    _LEAD_WORD +
    r"(?:[A-Z][^,#;:]{0,60},\s*)?"
    rf"(?P<speaker>\w[^\s,;:#“”\"()]*(?:\s+[^\s,;:#“”\"()]+){{0,9}}?)"
    # an appositive: ", Democrat of Ohio,", ", the agency that runs the port,"
    r"(?:,\s*[^,;:#“”\"()]{1,100},)?\s+"
    rf"{ADVERB}?"
    # "has said", "has often said": an adverb may stand between the auxiliary and the verb
    rf"(?P<cue>(?:has|have|had)\s+{ADVERB}?(?:{REPORTING_VERBS})|{REPORTING_VERBS})\b")
# The same with any verb of a regular ending whose complement opens with "that" ("Inspectors
# discovered that …").
_OPENING_THAT = re.compile(
    _OPENING_SUBJECT.pattern.rsplit("(?P<cue>", 1)[0]
    + r"(?P<cue>(?:(?:has|have|had)\s+)?[a-z]+(?:ed|es|s))(?=\s+that\s)")


@dataclass(frozen=True)
class _Found:
    """One attribution found in a paragraph (offsets into the paragraph)."""

    source: tuple[int, int]
    cue: tuple[int, int]
    parts: tuple[tuple[int, int], ...]
    rule: ReportedRule


def extract_attributions(
    article: Article, min_words: int = 1, nlp: Any | None = None,
    regions: list[Any] | None = None,
) -> tuple[QuoteExtraction, list[ReportedSpeech]]:
    """Return an article's direct quotes (with their notices and resolver) and its reported
    speech, speakers of both resolved by one resolver.

    Takes the arguments of :func:`newsweave.quotes.extract_quotes` (``nlp``: a loaded spaCy
    pipeline, which adds the dependency mechanism); never raises on any text.
    """
    found = quote_extraction(article, min_words, nlp, regions)
    return found, find_reported_speech(found)


def find_reported_speech(found: QuoteExtraction) -> list[ReportedSpeech]:
    """Return the reported speech of the article of ``found`` (a quote extraction), in order.

    Takes what :func:`~newsweave.quotes.extract.quote_extraction` returned for the article;
    returns one :class:`~newsweave.model.ReportedSpeech` per attribution, content never mostly
    inside quote marks (that is a direct quote).
    """
    article = found.article
    items: list[tuple[int, _Found, int]] = []  # (article offset of content, found, paragraph)
    for p_index, paragraph in enumerate(article.paragraphs):
        plain = found.plain(p_index)
        candidates: list[_Found] = []
        doc = found.doc(p_index)
        if doc is not None:
            candidates.extend(_from_parse(doc, plain))
        if p_index == 0:
            candidates.extend(_headline(plain))
        taken = [c.cue for c in candidates]
        for start, end in _sentences(plain):
            for cand in _from_phrases(plain, start, end, parsed=doc is not None):
                if not any(_overlaps(cand.cue, cue) for cue in taken):
                    candidates.append(cand)
                    taken.append(cand.cue)
        for cand in candidates:
            kept = _kept(plain, cand)
            if kept is not None:
                items.append((paragraph.start + kept.parts[0][0], kept, p_index))
    items.sort(key=lambda item: (item[0], item[1].cue))
    return _resolved(found, items)


def _resolved(found: QuoteExtraction,
              items: list[tuple[int, _Found, int]]) -> list[ReportedSpeech]:
    """Turn the paragraph-relative finds into reported speech with resolved speakers."""
    article, resolver = found.article, found.resolver
    spoken = sorted((q.parts[0].start, q.speaker) for q in found.quotes if q.speaker)
    out: list[ReportedSpeech] = []
    for n, (_, item, p_index) in enumerate(items, start=1):
        base = article.paragraphs[p_index].start
        s_start, s_end = base + item.source[0], base + item.source[1]
        floor = article.paragraphs[max(0, p_index - 3)].start
        recent = [s for s in spoken[bisect_left(spoken, (floor, "")):] if s[0] < s_start]
        phrase = article.text[s_start:s_end]
        speaker = resolver.resolve(phrase, s_start, floor, recent)
        parts = tuple(article.span(base + a, base + b) for a, b in item.parts)
        plain = found.plain(p_index)
        mixed = any("#" in plain[a:b] for a, b in item.parts)
        out.append(ReportedSpeech(
            id=f"{article.id}:r{n}", article_id=article.id, parts=parts, speaker=speaker,
            source=article.span(s_start, s_end),
            cue=article.span(base + item.cue[0], base + item.cue[1]),
            kind="mixed" if mixed else "indirect", rule=item.rule,
        ))
        if speaker is not None:
            spoken.insert(bisect_left(spoken, (s_start, speaker)), (s_start, speaker))
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _sentences(plain: str) -> list[tuple[int, int]]:
    """The sentences of a paragraph's plain text, as ``[start, end)`` offsets."""
    starts = [0, *sentence_breaks(plain)]
    ends = [*starts[1:], len(plain)]
    return [(s, e) for s, e in zip(starts, ends, strict=True) if plain[s:e].strip()]


def _trim(plain: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without surrounding spaces, commas and a final full stop."""
    while start < end and (plain[start].isspace() or plain[start] in ",;:—–-"):
        start += 1
    while end > start and (plain[end - 1].isspace() or plain[end - 1] in ",;:.!?—–-"):
        end -= 1
    return start, end


def _from_phrases(plain: str, s_start: int, s_end: int, parsed: bool = False) -> list[_Found]:
    """The attributions the phrase reader finds in the sentence ``plain[s_start:s_end]``
    (``parsed``: the parse has read the sentence, and its own reading of a named subject's
    verb stands in for the phrase reader's)."""
    found: list[_Found] = []
    sentence = plain[s_start:s_end]
    for match in _SPEAKER_CUE.finditer(sentence):
        speaker = match.group("speaker")
        if bad_speaker(speaker) or "#" in speaker:
            continue
        left = sentence[: match.start()]
        cue = (match.start("cue"), match.end("cue"))
        source = (match.start("speaker"), match.end("speaker"))
        lemma = REPORTING_LEMMA_OF.get(match.group("cue"), "")
        if lemma == "call" and re.match(r"(?i)an?\s", speaker):
            continue  # "a charity called Open Lanes": a name, not what someone said
        after = _content_after(sentence, match.end("cue"), lemma)
        leads = _OPENER.match(left) is not None or left.rstrip().endswith(
            ("that", ":", "—")) or re.search(rf"\b(?:{REPORTING_VERBS})\s*$", left) is not None or (
            # "…, but he said the tapes show …": a clause of its own after a conjunction
            _CONJUNCTION_END.search(left) is not None)
        if after is not None and (leads or left.rstrip().endswith(",")):
            parts = [after]
            if left.rstrip().endswith(",") and not leads:  # "The bridge, she said, would …"
                parts.insert(0, _trim(sentence, 0, len(left)))
            found.append(_shifted(source, cue, parts, "speaker-cue", s_start))
        elif after is None and left.rstrip().endswith(","):
            parts = [_trim(sentence, 0, len(left))]
            right = sentence[match.end("cue") :]
            if right.lstrip().startswith(",") and len(right.split()) >= 2:
                parts.append(_trim(sentence, match.end("cue"), len(sentence)))
            elif not _ends_here(sentence, match.end("cue")):
                continue
            found.append(_shifted(source, cue, parts, "speaker-cue", s_start))
    found.extend(_opening_subject(sentence, s_start, found, parsed))
    for match in _CUE_SPEAKER.finditer(sentence):
        speaker = match.group("speaker")
        if bad_speaker(speaker) or "#" in speaker or not _ends_here(sentence, match.end()):
            continue
        left = sentence[: match.start()]
        found.append(_shifted((match.start("speaker"), match.end("speaker")),
                              (match.start("cue"), match.end("cue")),
                              [_trim(sentence, 0, len(left))],
                              "cue-speaker", s_start))
    found.extend(_participle_cues(sentence, s_start, found))
    for match in _ACCORDING.finditer(sentence):
        speaker = match.group("speaker")
        if bad_speaker(speaker) or "#" in speaker:
            continue
        left, right = sentence[: match.start()], sentence[match.end() :]
        parts = []
        if left.strip(" ,"):
            parts.append(_trim(sentence, 0, len(left)))
        if right.strip(" ,.") and (right.lstrip().startswith(",") or not parts):
            parts.append(_trim(sentence, match.end(), len(sentence)))
        found.append(_shifted((match.start("speaker"), match.end("speaker")),
                              (match.start("cue"), match.end("cue")), parts, "according-to",
                              s_start))
    if not parsed:
        found.extend(_named_stance(sentence, s_start, found))
    return found


def _headline(plain: str) -> list[_Found]:
    """The attribution of a headline (an article's first paragraph): "Lee: Ferry Must Stay",
    "Ferry Must Stay, Lee Says", "Lee Says Ferry Must Stay", the verb in title case."""
    if len(plain.split()) > 30 or "\n" in plain.strip():
        return []
    for regex in _HEADLINES:
        match = regex.match(plain)
        if match is None or bad_speaker(match.group("speaker")):
            continue
        if regex is not _HEADLINES[0]:
            words = re.findall(r"[A-Za-z][\w’'\-]*", plain)
            if sum(w[0].isupper() for w in words) < 0.6 * len(words):
                continue  # not a title-case headline
        content = _trim(plain, *match.span("content"))
        cue_start, cue_end = match.span("cue")
        cue_start += len(match.group("cue")) - len(match.group("cue").lstrip())
        return [_Found(match.span("speaker"), (cue_start, cue_end), (content,), "speaker-cue")]
    return []


def _is_stance_form(verb: str) -> bool:
    """Whether a verb with a regular ending ("opposes", "backed", "denies") is a form of a
    verb that states a position (:data:`~newsweave.lang.STANCE_VERBS`)."""
    stems = {verb[:-1], verb[:-2], verb[:-3] + "y"} if len(verb) > 3 else set()
    return bool(stems & STANCE_VERBS)


def _named_stance(sentence: str, s_start: int, found: list[_Found]) -> list[_Found]:
    """"Senator Ann Ray opposes the levy": a name that opens the sentence, a verb of its own
    with a regular ending, then its object, which is the content; nothing where a cue of
    ``found`` already took the sentence."""
    if any(s_start <= f.cue[0] < s_start + len(sentence) for f in found):
        return []
    match = _NAMED_STANCE.match(sentence)
    if match is None or bad_speaker(match.group("speaker")):
        return []
    verb = match.group("cue").lower()
    if not _is_stance_form(verb):
        return []
    start = match.end("cue") + 1
    second = _AND_CUE.search(sentence, start)
    content = _trim(sentence, start, second.start() if second else len(sentence))
    if len(sentence[content[0]:content[1]].split()) < _MIN_WORDS:
        return []
    return [_shifted(match.span("speaker"), match.span("cue"), [content], "speaker-cue",
                     s_start)]


def _opening_subject(sentence: str, s_start: int, found: list[_Found],
                     parsed: bool = False) -> list[_Found]:
    """"Developers and supporters in the council say the scheme works": the words that open
    the sentence are the source of the first verb of speech when they hold no verb or
    subordinator of their own and a content follows the verb; nothing where a cue of
    ``found`` (sentence-relative offsets shifted by ``s_start``) already took that verb.
    Without the parse (``parsed`` False), any verb with a regular ending followed by "that"
    counts too ("Inspectors discovered that …"): the parse reads those itself."""
    match = _OPENING_SUBJECT.match(sentence) or (
        None if parsed else _OPENING_THAT.match(sentence))
    if match is None:
        return []
    speaker = match.group("speaker")
    words = [w.lower() for w in re.findall(r"[\w’'\-]+", speaker)]
    # a lone capitalised plural is a group, not an adjective ("Republicans say …")
    bad = bad_speaker(speaker) and not re.fullmatch(r"[A-Z][a-z]+s", speaker)
    # a verb of its own ends a subject; a capitalised "-ed" word is a name ("United")
    if not words or bad or any(not (v[:1].isupper() and v.endswith("ed"))
                               for v in _FINITE.findall(speaker)):
        return []
    if any(w in SUBORDINATORS or w in _RELATIVE or w in ("there", "it") for w in words):
        return []
    cue = (match.start("cue") + s_start, match.end("cue") + s_start)
    if any(_overlaps(cue, f.cue) for f in found):
        return []
    lemma = REPORTING_LEMMA_OF.get(match.group("cue").split()[-1], "")
    if lemma == "call" and re.match(r"(?i)an?\s", speaker):
        return []  # "a charity called Open Lanes": a name
    after = _content_after(sentence, match.end("cue"), lemma)
    if after is None:
        return []
    return [_shifted((match.start("speaker"), match.end("speaker")),
                     (match.start("cue"), match.end("cue")), [after], "speaker-cue", s_start)]


def _participle_cues(sentence: str, s_start: int, found: list[_Found]) -> list[_Found]:
    """"The mayor defended the plan, saying it would create jobs", "… and said it would …":
    the content after the participle or the second verb, the source the subject that opens
    the sentence or, where none does, the source of the first attribution of ``found`` in the
    sentence ("“…,” the mayor said, adding that …")."""
    source: tuple[int, int] | None = None
    subject = _SUBJECT.match(sentence)
    if subject is not None and not bad_speaker(subject.group("speaker")) and "#" not in (
            subject.group("speaker")):
        source = subject.span("speaker")
    # (cue end, source) of the sentence's speakers, with those of direct quotes ("“…,” the
    # mayor said, adding that …")
    earlier = sorted([(f.cue[1] - s_start, (f.source[0] - s_start, f.source[1] - s_start))
                      for f in found if s_start <= f.cue[0] < s_start + len(sentence)]
                     + [(m.end("cue"), m.span("speaker"))
                        for regex in (_SPEAKER_CUE, _CUE_SPEAKER)
                        for m in regex.finditer(sentence)
                        if not bad_speaker(m.group("speaker")) and "#" not in m.group("speaker")])
    out: list[_Found] = []
    for match in _PARTICIPLE_CUE.finditer(sentence, subject.end() if subject else 0):
        group = "cue" if match.group("cue") else "finite"
        cue = (match.start(group), match.end(group))
        if any(_overlaps((cue[0] + s_start, cue[1] + s_start), f.cue) for f in found):
            continue
        who = source
        if who is None:
            before = [span for end, span in earlier if end <= cue[0]]
            if not before:
                continue
            who = before[0]
        word = match.group(group)
        lemma = _PARTICIPLE_LEMMA.get(word) or REPORTING_LEMMA_OF.get(word, "")
        after = _content_after(sentence, cue[1], lemma)
        if after is not None:
            out.append(_shifted(who, cue, [after], "speaker-cue", s_start))
    return out


def _ends_here(sentence: str, at: int) -> bool:
    """True when little more than an adjunct follows ``at`` to the sentence's end ("said on
    Tuesday.", "told reporters.")."""
    rest = sentence[at:].strip(" .!?")
    return len(rest.split()) <= 6 and not re.search(r"\bthat\b|#", rest)


def _content_after(sentence: str, at: int, lemma: str) -> tuple[int, int] | None:
    """The content a cue at ``at`` introduces, to the sentence's end: past a hearer, a short
    adjunct before "that", a question word, or a clause that opens like one; None if none."""
    pos = at
    if lemma in HEARER_VERBS:
        hearer = _HEARER.match(sentence, pos)
        if hearer is not None:
            pos = hearer.end()
    start: int | None = None
    if lemma in OBJECT_VERBS:
        # the object and what follows it: "accused the mayor of lying", "called for a recount"
        obj = _OBJECT.match(sentence, pos)
        start = obj.start("start") if obj is not None else None
    elif (that := _THAT.match(sentence, pos)) is not None and not re.search(
            rf"\b(?:{REPORTING_VERBS})\b", sentence[pos : that.start("that")]) and not (
            # "say the plan has helped towns that …": a clause, not an adjunct, before "that"
            _FINITE.search(sentence[pos : that.start("that")])):
        start = that.start("that")
    elif lemma in QUESTION_VERBS and (wh := _QUESTION.match(sentence, pos)) is not None:
        start = wh.start("wh")
    elif lemma in _TO_VERBS and (to := re.match(r"\s+to\s+[a-z]", sentence[pos:])) is not None:
        start = pos + to.start() + 1 + to.group().lstrip().find("to")
    elif (clause := _CLAUSE_START.match(sentence, pos)) is not None:
        start = clause.start("start")
    elif (lower := _LOWER_START.match(sentence, pos)) is not None and _verb_follows(
            sentence[lower.end("start"):]):
        start = lower.start("start")
    if start is None:
        return None
    # "praised the crew and said …": the second verb of speech starts an attribution of its own
    second = _AND_CUE.search(sentence, start)
    trimmed = _trim(sentence, start, second.start() if second else len(sentence))
    return trimmed if len(sentence[trimmed[0] : trimmed[1]].split()) >= _MIN_WORDS else None


def _verb_follows(text: str) -> bool:
    """True when a verb of the subject that opens ``text`` comes within its first six words:
    not after "and" or "or" ("vast wealth and said …" is an object, then a second verb)."""
    words = text.split()[:6]
    for n, word in enumerate(words):
        if _FINITE.fullmatch(word.strip(",;")):
            return n == 0 or words[n - 1].lower() not in ("and", "or", "but")
    return False


def _shifted(source: tuple[int, int], cue: tuple[int, int], parts: list[tuple[int, int]],
             rule: ReportedRule, by: int) -> _Found:
    return _Found((source[0] + by, source[1] + by), (cue[0] + by, cue[1] + by),
                  tuple((a + by, b + by) for a, b in parts if b > a), rule)


def _kept(plain: str, cand: _Found) -> _Found | None:
    """The candidate if its content is reported speech: some words, most of them outside
    quote marks (a mostly quoted content is a direct quote), not overlapping its source."""
    source = plain[cand.source[0] : cand.source[1]]
    if not re.search(r"\w", source) or "#" in source:
        return None  # a parse's subject that names nothing, or one inside a quote
    short = _source_phrase(plain, cand.source)
    if short is None:
        return None
    spans = [short]
    if cand.rule == "according-to" and (whole := _to_comma(plain, short)) is not None:
        spans.insert(0, whole)
    for span in spans:
        # a content that opened right after the source starts after its longer span
        parts = tuple(_trim(plain, span[1], b) if cand.source[1] <= a < span[1] else (a, b)
                      for a, b in cand.parts)
        parts = tuple(p for p in parts if plain[p[0] : p[1]].strip())
        if parts and _reported_content(plain, parts) and not any(
                _overlaps(p, span) or _overlaps(p, cand.cue) for p in parts):
            return _Found(span, cand.cue, parts, cand.rule)
    return None


def _reported_content(plain: str, parts: tuple[tuple[int, int], ...]) -> bool:
    """True when content ``parts`` hold some words, most of them outside quote marks."""
    text = "".join(plain[a:b] for a, b in parts)
    letters = [c for c in text if not c.isspace()]
    words = re.findall(r"[^\W\d_][\w’'\-]*", text.replace("#", " "))
    if len(words) < _MIN_WORDS or not letters:
        return False
    return sum(c == "#" for c in letters) < 0.5 * len(letters)


def _to_comma(plain: str, source: tuple[int, int]) -> tuple[int, int] | None:
    """The source of "according to" up to the comma or sentence end that closes it, where a
    few more words follow the phrase the speaker pattern read ("according to [a report by
    the Harbour Trust]", "[a survey of port workers]"); None where nothing more or too much
    follows, or a quote."""
    rest = re.match(r"[^,;:.!?#\n]*", plain[source[1] :])
    words = rest.group().split() if rest else []
    if not words or len(words) > 8:
        return None
    return source[0], source[1] + len(rest.group().rstrip()) if rest else source[1]


# Capitalised words right after a source phrase, not a day or a month ("the nonpartisan
# [Harbour Trust]", not "the agency [Monday]").
_NAME_AFTER = re.compile(
    rf"(?:\s+(?!(?:{alternation(frozenset(w.capitalize() for w in WEEKDAYS + MONTHS))})\b)"
    r"[A-Z][\w.&’'\-]*)+")


# Words that cannot end a noun phrase: a determiner, quantifier, preposition or conjunction.
_OPEN_ENDS = DETERMINERS | QUANTIFIERS | PREPOSITIONS | COORDINATORS | SUBORDINATORS - {"one"}


def _adverb_or_auxiliary(word: str) -> bool:
    """True for a word that stands between a subject and its verb: an auxiliary ("has"), an
    adverb of :data:`~newsweave.lang.VERB_ADVERBS` or a lower-case "-ly" adverb
    ("aggressively"; not a noun such as "family", "assembly" or "supply")."""
    return word in AUXILIARIES or word in VERB_ADVERBS or (
        word.islower() and len(word) >= 6 and word.endswith("ly")
        and not word.endswith(("ily", "mbly", "pply")))


def _source_phrase(plain: str, source: tuple[int, int]) -> tuple[int, int] | None:
    """The source span without the auxiliaries and adverbs a speaker pattern took up before
    its verb ("The mayor sharply", "She has" -> "The mayor", "She"); None when a subject
    pronoun still has words after it ("She also reviews many of the": a pronoun takes no
    modifiers, so a verb of its own follows and the reading is wrong)."""
    words = list(re.finditer(r"[^\s]+", plain[source[0] : source[1]]))
    end = len(words)
    while end > 1 and _adverb_or_auxiliary(words[end - 1].group()):
        end -= 1
    kept = plain[source[0] : source[0] + words[end - 1].end()] if words else ""
    if end < len(words) and (bad_speaker(kept) or kept.lower() in DETERMINERS):
        end = len(words)  # "the family": the trailing word was the head, not an adverb
    if words and words[0].group().lower() in SUBJECT_PRONOUNS and end > 1:
        return None
    if not words:
        return source
    if words[0].group() in COORDINATORS or words[end - 1].group().lower() in _OPEN_ENDS:
        return None  # "but also several other", "too many of their": no noun phrase
    last = words[end - 1].group()
    if end == len(words) and words[0].group().lower() in ("the", "a", "an") and last.islower():
        # "according to the nonpartisan Harbour Trust": the description stopped at its last
        # lower-case modifier; the name it modifies follows
        name = _NAME_AFTER.match(plain, source[1])
        if name is not None:
            return (source[0], name.end())
    return (source[0], source[0] + words[end - 1].end())


# ----------------------------------------------------------------------------- parse
_SUBJECTS = ("nsubj", "nsubjpass")
_RELATIVE = frozenset({"who", "which", "that", "whom"})
# Object verbs for the parse: their lemmas ("call for" is "call" with "for") and the children
# that make up their content.
_OBJECT_LEMMAS = frozenset(v.split()[0] for v in OBJECT_VERBS)
_OBJECT_DEPS = frozenset({"dobj", "prep", "dative", "oprd", "xcomp", "ccomp", "attr"})
# What opens a clausal complement that reports content ("that", a question word).
_COMPLEMENT_OPENERS = frozenset({"that", "whether", "if", "how", "why", "what", "when", "where",
                                 "who", "which"})


def _from_parse(doc: Any, plain: str) -> list[_Found]:
    """The attributions the dependency parse of a paragraph shows (offsets into it)."""
    found: list[_Found] = []
    for token in doc:
        if plain[token.idx : token.idx + 1] == "#":
            continue
        lower = token.lower_
        if lower == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            found.extend(_according_parse(doc, token))
            continue
        lemma = token.lemma_.lower()
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if lemma not in REPORTING_LEMMAS and not _that_complement(token):
            found.extend(_stance(doc, token))
            continue
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        if not subjects and lemma in _OBJECT_LEMMAS and token.dep_ == "conj":
            # "… urged voters to stay home and criticized the board": the first verb's subject
            subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
        if not subjects and token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "conj"):
            # ", saying …": the participle's speaker is its head verb's subject
            subjects = [c for c in token.head.children if c.dep_ in _SUBJECTS]
        if not subjects or subjects[0].lower_ in _RELATIVE:
            continue
        source = _phrase(doc, subjects[0])
        cue = (token.idx, token.idx + len(token.text))
        if lemma in _OBJECT_LEMMAS:
            if subjects[0].dep_ == "nsubj" and (obj := _object_span(doc, token)) is not None:
                found.append(_Found(source, cue, (obj,), "dependency"))
            continue
        complements = [c for c in token.children if c.dep_ in ("ccomp", "xcomp")
                       and c.i > token.i]
        if complements:
            comp = complements[0]
            marks = [c for c in comp.children if c.dep_ == "mark" and c.i < comp.i]
            first = min([t.i for t in comp.subtree] + [m.i for m in marks])
            last = max(t.i for t in comp.subtree)
            found.append(_Found(source, cue, (_char_span(doc, first, last),), "dependency"))
            continue
        head = token.head
        if token.dep_ in ("parataxis", "ccomp", "advcl") and head.i != token.i and (
                head.pos_ in ("VERB", "AUX")) and not _subordinate(token):
            own = list(token.subtree)
            skip = {t.i for t in own}
            rest = [t.i for t in head.subtree if t.i not in skip]
            if not rest:
                continue
            before = [i for i in rest if i < own[0].i]
            after = [i for i in rest if i > own[-1].i]
            parts = tuple(_char_span(doc, min(side), max(side))
                          for side in (before, after) if side)
            found.append(_Found(source, cue, parts, "dependency"))
    return found


# Entity types of a subject whose verb states a stance ("Senator Ray backs the levy").
_PEOPLE = frozenset({"PERSON", "ORG", "NORP"})


def _stance(doc: Any, verb: Any) -> list[_Found]:
    """The attribution of ``verb`` (a token) when its subject is a named person, body or group
    and it has an object: the object and what follows it ("Senator Ray backs the levy", "the
    Harbour Board wants to sell the quay"); an empty list otherwise."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in STANCE_VERBS:
        return []
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects:
        return []
    subject = subjects[0]
    if subject.ent_type_ not in _PEOPLE:
        return []
    obj = _object_span(doc, verb)
    if obj is None:
        return []
    return [_Found(_phrase(doc, subject), (verb.idx, verb.idx + len(verb.text)), (obj,),
                   "dependency")]


def _object_span(doc: Any, verb: Any) -> tuple[int, int] | None:
    """The object of an object verb and what follows it ("accused [the board of lying]",
    "called for [a recount]"), or None when it has none."""
    right = [c for c in verb.children if c.i > verb.i and c.dep_ in _OBJECT_DEPS]
    if not right:
        return None
    first = right[0]
    if first.dep_ == "prep":
        if verb.lemma_.lower() != "call" or first.lower_ not in ("for", "on"):
            return None
        inner = [c for c in first.children if c.i > first.i]
        if not inner:
            return None
        first = inner[0]
    last = max(t.i for c in right for t in c.subtree)
    return _char_span(doc, min(t.i for t in first.subtree), last)


def _according_parse(doc: Any, according: Any) -> list[_Found]:
    """"according to X": X is the source, the clause "according" modifies the content."""
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in according.children if c.dep_ == "pobj"]
    if not objects:
        return []
    source = _phrase(doc, objects[0])
    phrase = list(according.subtree)
    skip = {t.i for t in phrase}
    head = according.head
    while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head.i != head.i:
        head = head.head
    rest = [t.i for t in head.subtree if t.i not in skip]
    before = [i for i in rest if i < phrase[0].i]
    after = [i for i in rest if i > phrase[-1].i]
    parts = tuple(_char_span(doc, min(side), max(side)) for side in (before, after) if side)
    cue = (according.idx, to.idx + len(to.text))
    return [_Found(source, cue, parts, "dependency")] if parts else []


def _subordinate(verb: Any) -> bool:
    """True when the clause of ``verb`` (a token) is subordinate to its head, not a verb of
    speech set into what it reports: the complement that follows its head ("Lee said [Ray
    had asked …]") or a clause with a subordinator ("… because Ray had asked …")."""
    if verb.dep_ == "ccomp" and verb.i > verb.head.i:
        return True
    return any(c.dep_ == "mark" for c in verb.children)


def _that_complement(verb: Any) -> bool:
    """True when ``verb`` (a token) is a verb other than "be" whose clausal complement opens
    right after it with "that" or a question word ("found that …", "explained how …")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() == "be":
        return False
    for comp in verb.children:
        if comp.dep_ == "ccomp" and comp.i > verb.i:
            first = min(t.i for t in comp.subtree)
            # right after the verb: "found that …", not "used cameras, whether at home …"
            if first == verb.i + 1 and verb.doc[first].lower_ in _COMPLEMENT_OPENERS:
                return True
    return False


def _phrase(doc: Any, head: Any) -> tuple[int, int]:
    """The span of a subject's phrase, up to its first comma, bracket or dash."""
    subtree = list(head.subtree)
    start, end = subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
    text = doc.text[start:end]
    cut = re.split(r",|\s[(—–]", text)[0].rstrip()
    return start, start + len(cut)


def _char_span(doc: Any, first: int, last: int) -> tuple[int, int]:
    """Character offsets of tokens ``first``..``last`` (inclusive), punctuation trimmed."""
    return _trim(doc.text, doc[first].idx, doc[last].idx + len(doc[last].text))
