"""Direct quotations: find quote regions and attribute each quote to its speaker.

Quote marks are paired per paragraph: ``“`` opens and ``”`` closes, ``"`` toggles, ``«``/``»``
open/close; a stray ``”`` right before a letter opens (a common typo).

**The repair rule for unbalanced marks** (never an exception): a quote still open at the end of a
paragraph runs to the end of that paragraph.  When the next paragraph opens with a quote mark,
this is the news convention for a quotation that goes on over several paragraphs, and the two
regions are parts of one quote.  Otherwise the mark is unbalanced: the quote is kept, flagged
``open_ended`` and a notice (W003) names the article and the paragraph.

Attribution looks for a cue verb ("said", "told", "added", "tweeted", ...) with a speaker in
either order right after the closing mark (``”, he said`` / ``”, said the actor``) or right
before the opening mark (``Ruffalo added, “``, ``He continued: “``), and "according to X".  A
pronoun or a description ("he", "the actor") is resolved to the last named speaker, else to the
nearest person named before the quote, else to the person the article is mostly about.  A quote
with no cue continues the previous speaker when it follows a quote in the same or the previous
paragraph (rule ``continuation``); otherwise its speaker is ``None`` (rule ``unknown``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newsweave.errors import Code
from newsweave.model import Article, AttributionRule, Notice, Quote, Span
from newsweave.text.tokens import STOPWORDS

CUE_VERBS = (
    "said|says|say|added|adds|continued|continues|concluded|concludes|began|begins|told|tells|"
    "explained|explains|asked|asks|noted|notes|wrote|writes|tweeted|posted|stated|states|"
    "declared|insisted|insists|argued|argues|recalled|recalls|quipped|gushed|sighed|replied|"
    "responded|remarked|warned|warns|urged|urges|announced|acknowledged|admitted|admits|claimed|"
    "claims|cautioned|joked|laughed|shouted|stressed|emphasized|emphasised|observed|"
    "pointed out|went on|goes on|exclaimed|promised|vowed|conceded|suggested|suggests|mused|"
    "countered|agreed|complained|predicted|confirmed|reiterated|repeated|commented|whispered|"
    "yelled|cried|screamed|maintained|elaborated|pleaded|boasted|teased|wondered|described|"
    "recounted|testified|cautioned|texted|emailed|wrote in"
)
_TITLES = (
    r"(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Rev|St)\.?|President|Senator|"
    r"Governor|Mayor|Minister|Chief|Fire Chief|Police Chief|Judge|Justice|Officer|Detective|"
    r"Professor|Doctor|Coach|Director|Chairman|Chairwoman|Secretary|Commissioner|Sheriff|"
    r"Inspector|Deputy|Councillor|Councilor|Councilman|Councilwoman|Pope|King|Queen|Prince|"
    r"Princess|Lord|Lady|Sir|Dame|Ambassador|Superintendent|Sergeant|Captain|Lieutenant"
)
# A capitalised word; only an initial ("F.") or an abbreviation ("Jr.") keeps a full stop, so
# "said Jane Doe. Then" stops at "Doe".
_NAME_WORD = r"(?:[A-Z]\.|(?:Jr|Sr|St)\.|[A-Z](?:[\w'’\-]*\w)?)"
_PARTICLE = r"(?:de|da|del|della|der|van|von|bin|al|el|la|le|du|dos|di|ter|ten)"
NAME = rf"(?:(?:{_TITLES})\s+)*{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,3}}"
PRONOUN = r"(?:he|she|they|I|we|He|She|They|We)"
DESCRIPTION = r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w'’\-]+\s+){0,3}?[a-z][\w\-]+"
SPEAKER = rf"(?:{PRONOUN}|{DESCRIPTION}|{NAME})"
# What may stand between a speaker and the cue: a party tag "(R-Utah)", an age ", 25,", an
# appositive ", a spokesman for the council,".
_APPOSITIVE = (
    r"(?:\s*\([A-Z]{1,2}-[\w. ]{1,20}\))?"
    r"(?:,\s*(?:\d{1,3}|(?:a|an|the|who|whose)\s[^,;.!?“”\"]{1,60}),)?"
)
# Lower-case role words before a name: "chief economist Maurice Obstfeld said".
_ROLE_PREFIX = r"(?:(?:[A-Z][\w.&\-]*\s+){0,2}(?:[a-z][\w\-]*\s+){1,3}(?=[A-Z]))?"

_CUE_AFTER_SPEAKER_FIRST = re.compile(
    rf"^[\s,.;:!?—–-]*{_ROLE_PREFIX}(?P<speaker>{SPEAKER}){_APPOSITIVE}\s+(?:\w+ly\s+)?"
    rf"(?P<cue>{CUE_VERBS})\b"
)
_CUE_AFTER_CUE_FIRST = re.compile(
    rf"^[\s,.;:!?—–-]*(?P<cue>{CUE_VERBS})\s+(?P<speaker>{SPEAKER})"
)
_ACCORDING_AFTER = re.compile(rf"^[\s,.;:—–-]*(?P<cue>according to)\s+(?P<speaker>{SPEAKER})")
_CUE_BEFORE = re.compile(
    rf"(?P<speaker>{SPEAKER}){_APPOSITIVE}\s+(?:\w+ly\s+)?(?P<cue>{CUE_VERBS})"
    rf"(?:\s+[\w'’\-]+){{0,6}}?\s*[,:]?\s*$"
)
_CUE_LEAD_IN = re.compile(
    rf"^(?P<speaker>{SPEAKER})\s+(?:\w+ly\s+)?(?P<cue>{CUE_VERBS})\b[^.!?]{{0,80}}[.:]\s*$"
)
_SUBORDINATORS = frozenset(
    """though although because despite based up premiering referencing talking according
    while whereas unless until once since if when after before as so""".split()
)
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their"})
_ACCORDING_BEFORE = re.compile(rf"(?P<cue>[Aa]ccording to)\s+(?P<speaker>{SPEAKER})\s*[,:]\s*$")

_OPENERS = "“«„"
_CLOSERS = "”»"
_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
_NOT_NAMES = frozenset(
    """The A An This That These Those It Its In On At For From With And But Or If When While
    After Before During Since As By Of To Our We He She They I You His Her Their Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Tonight Today Yesterday Tomorrow
    Wow Ok Okay Yes No Thank Thanks Meanwhile However Also Then There Here So""".split()
)
_PERSON_NAME = re.compile(
    rf"\b(?P<title>(?:(?:{_TITLES})\s+)*)(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})\b"
)
_SUBJECT_START = re.compile(
    rf"^(?P<speaker>{NAME}|{PRONOUN})\s+(?:\w+ly\s+)?(?P<cue>[a-z]+(?:ed|s))\b"
)
_COMMON_CAPITALISED = frozenset(
    """Much Know True False New Old Best Great First Second Third Last Next Good Bad Big
    Little Outstanding Lead Limited Series Movie Award Awards Emmy Emmys Oscar Oscars
    Academy Television Film Show News Times Post Daily Street Road River Bridge Center
    Centre Hall House Park University College School Hospital Council Church Club Company
    Group Party Court Department Ministry Office Service Services Festival Centre Museum
    Station Airport Hotel Fire Police Radio Engineering Trust General Valley Incredible
    Television Channel Network Studios Records Press Magazine Universe Cinematic""".split()
)


@dataclass
class Region:
    """A stretch of one paragraph inside quote marks."""

    paragraph: int
    open_at: int  # offset of the opening mark (or of the content, for a continuation)
    start: int  # first character of the content
    end: int  # end of the content (exclusive)
    close_end: int  # offset after the closing mark (== end when open-ended)
    open_ended: bool


@dataclass
class _Cue:
    speaker_start: int
    speaker_end: int
    cue_start: int
    cue_end: int
    rule: AttributionRule


@dataclass
class _Draft:
    regions: list[Region] = field(default_factory=list)
    cue: _Cue | None = None


def find_regions(text: str, paragraphs: list[tuple[int, int]]) -> list[Region]:
    """Return the quote regions of the given paragraph ranges of ``text``, in order.

    Never raises; a region left open at a paragraph's end runs to that end (``open_ended``).
    """
    regions: list[Region] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        opener = ""
        width = 1
        i = p_start
        while i < p_end:
            ch = text[i]
            # Typewriter forms: two apostrophes as a double quote (''...''), two backticks
            # as an opening one (``...'').
            pair = text[i : i + 2]
            mark = pair if pair in ("''", "``") else ch
            if open_at is None:
                if ch in _OPENERS or ch == '"' or mark in ("''", "``"):
                    open_at, opener, width = i, mark, len(mark)
                elif ch in _CLOSERS and i + 1 < p_end and text[i + 1].isalpha():
                    open_at, opener, width = i, ch, 1  # stray closer used as an opener
            elif (ch in _CLOSERS or ch == '"' or mark == "''") and not (
                ch == '"' and opener in _OPENERS and text[i - 1 : i].isdigit()
            ):
                regions.append(Region(p_index, open_at, open_at + width, i, i + len(mark),
                                      False))
                open_at = None
                i += len(mark)
                continue
            i += len(mark) if open_at == i else 1
        if open_at is not None:
            end = p_end
            while end > open_at + width and text[end - 1].isspace():
                end -= 1
            regions.append(Region(p_index, open_at, open_at + width, end, end, True))
    return regions


def _cue_from(match: re.Match[str], base: int, rule: AttributionRule) -> _Cue:
    speaker_end = match.end("speaker")
    phrase = match.group("speaker")
    if phrase.endswith(".") and len(phrase.split()[-1]) > 2:
        speaker_end -= 1  # "said Reyes." : the full stop ends the sentence, not an initial
    return _Cue(base + match.start("speaker"), base + speaker_end,
                base + match.start("cue"), base + match.end("cue"), rule)


def _cue_after(text: str, region: Region, limit: int) -> _Cue | None:
    window = text[region.close_end : limit]
    for pattern, rule in (
        (_CUE_AFTER_CUE_FIRST, "cue-after"),
        (_CUE_AFTER_SPEAKER_FIRST, "cue-after"),
        (_ACCORDING_AFTER, "according-to"),
    ):
        match = pattern.match(window)
        if match and not _bad_speaker(match.group("speaker")):
            return _cue_from(match, region.close_end, rule)  # type: ignore[arg-type]
    return None


def _cue_before(text: str, region: Region, floor: int) -> _Cue | None:
    # Only the clause right before the quote: from the last sentence end (or semicolon).
    window_start = _sentence_start(
        text, max(floor, region.open_at - 200), region.open_at, (". ", "? ", "! ", "; ")
    )
    window = text[window_start : region.open_at]
    for pattern, rule in ((_ACCORDING_BEFORE, "according-to"), (_CUE_BEFORE, "cue-before")):
        match = pattern.search(window)
        if match and not _bad_speaker(match.group("speaker")):
            return _cue_from(match, window_start, rule)  # type: ignore[arg-type]
    return None


def _bad_speaker(speaker: str) -> bool:
    first = speaker.split()[0]
    if first.lower() in _SUBORDINATORS:
        return True
    return first in _NOT_NAMES and first not in ("The", "He", "She", "They", "We", "I", "His",
                                                 "Her", "Their", "A", "An")


def _is_quote(text: str, region: Region, has_cue: bool, min_words: int) -> bool:
    content = text[region.start : region.end]
    words = content.split()
    if not words:
        return False
    # A Title Case stretch with no sentence punctuation is a work's title, not speech, even
    # after a cue ("Smith said “The Long Road Home” was his favourite").
    letters = [w for w in words if w[:1].isalpha()]
    title_case = bool(letters) and all(w[:1].isupper() or len(w) <= 3 for w in letters)
    if title_case and len(words) <= 10 and not re.search(r"[.!?,]\W*$", content) and (
        not region.open_ended
    ):
        return False
    return has_cue or region.open_ended or len(words) >= min_words


@dataclass(frozen=True)
class Mention:
    """A capitalised multi-word name outside quotes, with the title that preceded it."""

    position: int
    name: str
    title: str


def person_mentions(article: Article, regions: list[Region]) -> list[Mention]:
    """Return the person-like names mentioned outside quotes in ``article``, in order.

    A candidate is two or three capitalised words, none a function word or a common
    capitalised noun ("Outstanding Lead Actor", "Staples Center" are not people).
    """
    inside = [(r.start, r.end) for r in regions]
    mentions: list[Mention] = []
    for paragraph in article.paragraphs:
        for match in _PERSON_NAME.finditer(paragraph.text):
            pos = paragraph.start + match.start("name")
            if any(s <= pos < e for s, e in inside):
                continue
            name = re.sub(r"['’]s$", "", match.group("name")).rstrip(".")
            words = name.split()
            after = paragraph.text[match.end("name") : match.end("name") + 2]
            if (
                re.match(r"\s[A-Z]", after)  # part of a longer name ("... General Hospital")
                or words[0].endswith("ing")
                or len(words) < 2
                or words[0] in _NOT_NAMES
                or any(w.lower() in STOPWORDS or w in _COMMON_CAPITALISED for w in words)
                or any(w.endswith((".", "'s", "’s")) and len(w) > 2 for w in words[:-1])
            ):
                continue
            mentions.append(Mention(pos, name, match.group("title").strip()))
    return mentions


def strip_title(name: str) -> str:
    """Return ``name`` without leading titles ("Fire Chief Daniel Reyes" -> "Daniel Reyes")."""
    name = re.sub(rf"^(?:(?:{_TITLES})\s+)+", "", name.strip()).strip()
    words = name.split()
    if words and len(words[-1]) > 2:
        words[-1] = words[-1].rstrip(".")
    return " ".join(words)


class _Resolver:
    """Resolves the speaker phrases of one article to full names."""

    def __init__(self, article: Article, regions: list[Region]) -> None:
        self.mentions: list[Mention] = []
        self.use_mentions(person_mentions(article, regions), article)

    def use_mentions(self, mentions: list[Mention], article: Article) -> None:
        """Resolve against ``mentions`` (e.g. the named entities of a parser)."""
        self.text = article.text
        titled = {m.name: m.title for m in self.mentions if m.title}
        self.mentions = [
            m if m.title or m.name not in titled else Mention(m.position, m.name, titled[m.name])
            for m in mentions
        ]
        score: Counter[str] = Counter()
        for mention in self.mentions:
            score[mention.name] += 2
        for name in list(score):
            surname = name.split()[-1]
            score[name] += len(re.findall(rf"\b{re.escape(surname)}\b", article.text))
        self.score = score
        self.main_person = score.most_common(1)[0][0] if score else None

    def expand(self, phrase: str) -> str:
        """Return the full name a speaker phrase names ("Ruffalo" -> "Mark Ruffalo")."""
        name = strip_title(phrase)
        words = name.split()
        if len(words) != 1:
            return name
        matches = [n for n in self.score if words[0] in (n.split()[0], n.split()[-1])]
        if matches:
            return max(matches, key=lambda n: (self.score[n], -len(n)))
        return name

    def by_role(self, description: str) -> str | None:
        """Return the person whose title matches a description's head noun ("the mayor")."""
        head = description.split()[-1].lower()
        for mention in self.mentions:
            if head in mention.title.lower().split():
                return mention.name
        return None

    def recent_mention(self, position: int, floor: int) -> tuple[int, str] | None:
        """Return the last person named in ``[floor, position)``, or None."""
        found = [(m.position, m.name) for m in self.mentions
                 if floor <= m.position < position and self.person_like(m)]
        return found[-1] if found else None

    def person_like(self, mention: Mention) -> bool:
        """A name with a title, or whose surname the article also uses alone, is a person's.

        ("Barack Obama" ... "Obama"); "United States" or "South Asia" are not.
        """
        if mention.title:
            return True
        first, surname = mention.name.split()[0], mention.name.split()[-1]
        alone = re.findall(rf"(?<!{re.escape(first)} )\b{re.escape(surname)}\b", self.text)
        if alone:
            return True
        # Introduced as a person: "Marcus Doyle, who ...", "Ann Lee, 52, ...", "Ann Lee said".
        after = self.text[mention.position + len(mention.name):][:40]
        return bool(re.match(
            rf"(?:,\s*(?:who|whose|a|an|the|\d{{1,3}})\b|\s+(?:\w+ly\s+)?"
            rf"(?:{CUE_VERBS}|was|is|has|had|\w+ed)\b)",
            after,
        ))


def _subject_cue(text: str, sentence_start: int, open_at: int) -> _Cue | None:
    """Attribute a partial quote inside a sentence to the sentence's subject."""
    match = _SUBJECT_START.match(text[sentence_start:open_at])
    if (
        match
        and not _bad_speaker(match.group("speaker"))
        and len(match.group("cue")) > 4
        and match.group("cue") not in STOPWORDS
    ):
        return _cue_from(match, sentence_start, "sentence-subject")
    return None


def _sentence_start(
    text: str, floor: int, position: int, enders: tuple[str, ...] = (". ", "? ", "! ")
) -> int:
    """Return where the sentence holding ``position`` starts (not before ``floor``)."""
    window = text[floor:position]
    cut = max(window.rfind(end) for end in enders)
    start = floor + cut + 2 if cut >= 0 else floor
    while start < position and text[start] in " \"“”'‘’":
        start += 1
    return start


_SPEECH_LEMMAS = frozenset(
    """say tell add continue conclude begin explain ask note write tweet post state declare
    insist argue recall quip gush sigh reply respond remark warn urge announce acknowledge
    admit claim caution joke laugh shout stress emphasize emphasise observe exclaim promise
    vow concede suggest muse counter agree complain predict confirm reiterate repeat comment
    whisper yell cry scream maintain elaborate plead boast tease wonder describe recount
    testify call praise""".split()
)


class _Parser:
    """spaCy assistance for attribution (the ``nlp`` extra): parses paragraphs on demand."""

    def __init__(self, nlp: Any, article: Article) -> None:
        self.nlp = nlp
        self.article = article
        self.docs: dict[int, Any] = {}

    def doc(self, p_index: int) -> Any:
        if p_index not in self.docs:
            self.docs[p_index] = self.nlp(self.article.paragraphs[p_index].text)
        return self.docs[p_index]

    def cue(self, region: Region) -> _Cue | None:
        """Return the speech verb governing the quote's sentence and its subject, if any."""
        base = self.article.paragraphs[region.paragraph].start
        doc = self.doc(region.paragraph)
        inside = (region.open_at - base, region.close_end - base)
        for sent in doc.sents:
            if not (sent.start_char <= inside[0] < sent.end_char):
                continue
            for token in sent:
                if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in _SPEECH_LEMMAS:
                    continue
                if inside[0] <= token.idx < inside[1]:
                    continue
                subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
                if not subjects:
                    continue
                subtree = list(subjects[0].subtree)
                start, end = subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
                if start < inside[1] and end > inside[0]:
                    continue  # the subject is inside the quote
                # Keep the head of a long subject ("Smith, who ... ,"): up to the first comma.
                phrase = doc.text[start:end].split(",")[0].rstrip()
                return _Cue(base + start, base + start + len(phrase), base + token.idx,
                            base + token.idx + len(token.text), "dependency")
        return None

    def people(self, regions: list[Region]) -> list[Mention]:
        """Return PERSON entities of two or more words outside quotes, in document order."""
        inside = [(r.start, r.end) for r in regions]
        found: list[Mention] = []
        for p_index, paragraph in enumerate(self.article.paragraphs):
            for ent in self.doc(p_index).ents:
                pos = paragraph.start + ent.start_char
                name = re.sub(r"['’]s$", "", ent.text).strip()
                if ent.label_ != "PERSON" or len(name.split()) < 2:
                    continue
                if any(s <= pos < e for s, e in inside):
                    continue
                found.append(Mention(pos, strip_title(name), ""))
        return found


def extract_quotes(
    article: Article, min_words: int = 1, nlp: Any | None = None
) -> tuple[list[Quote], list[Notice]]:
    """Return the direct quotes of ``article`` with their speakers, and notices about them.

    Takes an article and, optionally, a loaded spaCy pipeline (the ``nlp`` extra): with it, a
    quote the rules cannot attribute is attributed from the dependency parse (the subject of
    the speech verb of its sentence), and people are found by named-entity recognition.
    Returns the quotes in document order (each with content spans, speaker, cue and the rule
    that attributed it) and a W003 notice for every unbalanced quote mark.  Never raises on
    any text.
    """
    text = article.text
    paragraph_ranges = [(p.start, p.end) for p in article.paragraphs]
    regions = find_regions(text, paragraph_ranges)
    notices: list[Notice] = []
    quoted_paragraphs = {r.paragraph for r in regions}
    parser = _Parser(nlp, article) if nlp is not None else None

    # Group regions into drafts: regions split by an attribution in one sentence, and
    # quotations running on over paragraphs, become one quote with several parts.
    drafts: list[_Draft] = []
    for k, region in enumerate(regions):
        p_start, p_end = paragraph_ranges[region.paragraph]
        nxt = regions[k + 1] if k + 1 < len(regions) else None
        limit = nxt.open_at if nxt and nxt.paragraph == region.paragraph else p_end
        prev = regions[k - 1] if k > 0 else None
        floor = prev.close_end if prev and prev.paragraph == region.paragraph else p_start
        cue = _cue_after(text, region, limit) or _cue_before(text, region, floor)
        if cue is None and region.open_at == p_start and region.paragraph > 0 and (
            region.paragraph - 1 not in quoted_paragraphs
        ):
            # "She described the moment to our reporter." / "Smith told reporters:" then a
            # paragraph that is all quote.
            prev_start, prev_end = paragraph_ranges[region.paragraph - 1]
            sentence = _sentence_start(text, prev_start, prev_end)
            match = _CUE_LEAD_IN.match(text[sentence:prev_end])
            if match and not _bad_speaker(match.group("speaker")):
                cue = _cue_from(match, sentence, "cue-before")
        if cue is None and region.open_at > p_start:
            sentence = _sentence_start(text, floor, region.open_at)
            if sentence < region.open_at:
                cue = _subject_cue(text, sentence, region.open_at)
        if parser is not None and (cue is None or cue.rule == "sentence-subject"):
            cue = parser.cue(region) or cue
        strong_cue = cue is not None and cue.rule != "sentence-subject"
        if not _is_quote(text, region, strong_cue, min_words):
            continue
        previous = drafts[-1] if drafts else None
        last = previous.regions[-1] if previous else None
        continues_paragraph = (
            last is not None and last.open_ended and region.paragraph == last.paragraph + 1
            and region.open_at == paragraph_ranges[region.paragraph][0]
        )
        split_by_cue = (
            last is not None and previous is not None and previous.cue is not None
            and last.paragraph == region.paragraph and cue is None
            and previous.cue.cue_start >= last.close_end
            and len(text[last.close_end : region.open_at].split()) <= 12
        )
        if previous is not None and (continues_paragraph or split_by_cue):
            previous.regions.append(region)
            if previous.cue is None:
                previous.cue = cue
        else:
            drafts.append(_Draft([region], cue))

    for draft in drafts:
        last = draft.regions[-1]
        if last.open_ended:
            nxt_index = last.paragraph + 1
            reopened = nxt_index < len(paragraph_ranges) and (
                text[paragraph_ranges[nxt_index][0]] in _OPENERS + '"'
                or text.startswith(("''", "``"), paragraph_ranges[nxt_index][0])
            )
            if not reopened:
                notices.append(Notice(
                    input=article.input, code=Code.W_UNBALANCED_QUOTE.value,
                    message=f"article {article.id!r}, paragraph {last.paragraph + 1}: quote mark "
                    f"at offset {last.open_at} is never closed; the quote is taken to run to "
                    "the end of the paragraph",
                ))

    resolver = _Resolver(article, regions)
    if parser is not None:
        people = parser.people(regions)
        if people:
            resolver.use_mentions(people, article)
    quotes: list[Quote] = []
    last_speaker: tuple[int, str] | None = None  # (offset of the quote, name)
    for n, draft in enumerate(drafts, start=1):
        first = draft.regions[0]
        p_first = first.paragraph
        speaker: str | None = None
        speaker_span: Span | None = None
        cue_span: Span | None = None
        rule: AttributionRule = "unknown"
        window_floor = paragraph_ranges[max(0, p_first - 2)][0]
        recent_speaker = last_speaker if last_speaker and last_speaker[0] >= window_floor else None
        if draft.cue is not None:
            cue = draft.cue
            phrase = text[cue.speaker_start : cue.speaker_end]
            speaker_span = article.span(cue.speaker_start, cue.speaker_end)
            cue_span = article.span(cue.cue_start, cue.cue_end)
            rule = cue.rule
            lower = phrase.lower()
            if lower in _PRONOUNS:
                candidates = [c for c in (
                    recent_speaker, resolver.recent_mention(first.open_at, window_floor)
                ) if c is not None]
                speaker = max(candidates)[1] if candidates else resolver.main_person
            elif not phrase[:1].isupper() or lower.split()[0] in _DETERMINERS:
                speaker = (
                    resolver.by_role(phrase)
                    or (recent_speaker[1] if recent_speaker else None)
                    or resolver.main_person
                )
            else:
                speaker = resolver.expand(phrase)
        elif recent_speaker is not None and p_first - article_paragraph(
            paragraph_ranges, recent_speaker[0]
        ) <= 1:
            speaker, rule = recent_speaker[1], "continuation"
        parts = tuple(article.span(r.start, r.end) for r in draft.regions)
        quotes.append(Quote(
            id=f"{article.id}:q{n}", article_id=article.id, parts=parts, speaker=speaker,
            speaker_span=speaker_span, cue=cue_span, rule=rule,
            open_ended=any(r.open_ended for r in draft.regions),
        ))
        if speaker is not None:
            last_speaker = (draft.regions[-1].start, speaker)
    return quotes, notices


def article_paragraph(paragraph_ranges: list[tuple[int, int]], offset: int) -> int:
    """Return the index of the paragraph range that contains ``offset`` (or the one before)."""
    index = 0
    for i, (start, _) in enumerate(paragraph_ranges):
        if start <= offset:
            index = i
    return index
