"""Verbs of speech: one entry a verb, with its lemma and the forms that cue a quote.

The quote stage's regex alternations (:data:`CUE_VERBS`, :data:`PARTICIPLES`, …) are built from
:data:`CUE_VERB_LIST`; the parser-assisted path matches :data:`SPEECH_LEMMAS`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CueVerb:
    """A verb that introduces speech.

    ``forms`` are the finite forms that cue a quote, in the order a regex should try them (a
    form that another extends comes first: "wrote" before "wrote in"); ``participle`` the
    -ing form when it names a speaker right before a quote ("footage of Ann Lee asking, “…”");
    ``plural_noun`` is True when the verb's -s form is also a common plural noun ("Lee's
    tweets"), which ends a noun phrase after a possessive; ``text_forms`` are forms that cue
    a quote only where the subject may be a text ("the letter reads", "The Times reports").
    """

    lemma: str
    forms: tuple[str, ...]
    participle: str = ""
    plural_noun: bool = False
    text_forms: tuple[str, ...] = ()


def _v(lemma: str, forms: str, participle: str = "", plural_noun: bool = False,
       text_forms: str = "") -> CueVerb:
    return CueVerb(lemma, tuple(f for f in forms.split("|") if f), participle, plural_noun,
                   tuple(f for f in text_forms.split("|") if f))


CUE_VERB_LIST: tuple[CueVerb, ...] = (
    _v("say", "said|says|say", "saying"),
    _v("add", "added|adds", "adding"),
    _v("continue", "continued|continues"),
    _v("conclude", "concluded|concludes"),
    _v("begin", "began|begins"),
    _v("tell", "told|tells", "telling"),
    _v("explain", "explained|explains", "explaining"),
    _v("ask", "asked|asks", "asking"),
    _v("note", "noted|notes", "noting", plural_noun=True),
    _v("write", "wrote|writes|wrote in", "writing"),
    _v("tweet", "tweeted|tweets", "tweeting", plural_noun=True),
    _v("post", "posted", plural_noun=True),
    _v("state", "stated|states", plural_noun=True),
    _v("declare", "declared|declares", "declaring"),
    _v("insist", "insisted|insists", "insisting"),
    _v("argue", "argued|argues", "arguing"),
    _v("recall", "recalled|recalls", plural_noun=True),
    _v("quip", "quipped"),
    _v("gush", "gushed"),
    _v("sigh", "sighed"),
    _v("reply", "replied|replies", plural_noun=True),
    _v("respond", "responded"),
    _v("remark", "remarked"),
    _v("warn", "warned|warns", "warning"),
    _v("urge", "urged|urges"),
    _v("announce", "announced"),
    _v("acknowledge", "acknowledged|acknowledges"),
    _v("admit", "admitted|admits"),
    _v("claim", "claimed|claims", plural_noun=True),
    _v("caution", "cautioned"),
    _v("joke", "joked|jokes", plural_noun=True),
    _v("laugh", "laughed"),
    _v("shout", "shouted", "shouting"),
    _v("stress", "stressed"),
    _v("emphasize", "emphasized"),
    _v("emphasise", "emphasised"),
    _v("observe", "observed"),
    _v("point out", "pointed out"),
    _v("go on", "went on|goes on"),
    _v("exclaim", "exclaimed"),
    _v("promise", "promised"),
    _v("vow", "vowed"),
    _v("concede", "conceded|concedes"),
    _v("suggest", "suggested|suggests"),
    _v("muse", "mused"),
    _v("counter", "countered|counters", plural_noun=True),
    _v("agree", "agreed"),
    _v("complain", "complained"),
    _v("predict", "predicted|predicts"),
    _v("confirm", "confirmed"),
    _v("reiterate", "reiterated"),
    _v("repeat", "repeated"),
    _v("comment", "commented"),
    _v("whisper", "whispered"),
    _v("yell", "yelled"),
    _v("cry", "cried"),
    _v("scream", "screamed"),
    _v("maintain", "maintained"),
    _v("elaborate", "elaborated"),
    _v("plead", "pleaded"),
    _v("boast", "boasted"),
    _v("tease", "teased"),
    _v("wonder", "wondered"),
    _v("describe", "described"),
    _v("recount", "recounted"),
    _v("testify", "testified"),
    _v("text", "texted"),
    _v("email", "emailed"),
    _v("report", "reported", text_forms="reports"),
    _v("read", "", text_forms="reads|read"),
    _v("chant", "chanted", "chanting"),
    _v("sing", "sang|sings"),
    _v("answer", "answered|answers", plural_noun=True),
    _v("interject", "interjected"),
    _v("interrupt", "interrupted"),
    _v("retort", "retorted"),
    _v("snap", "snapped"),
    _v("demand", "demanded"),
    _v("charge", "charged"),
    _v("contend", "contended|contends"),
    _v("assert", "asserted|asserts"),
    _v("allege", "alleged|alleges"),
    _v("put it", "put it"),
    _v("call", "called|calls", plural_noun=True),
    _v("dub", "dubbed"),
    _v("label", "labeled|labelled"),
    _v("brand", "branded"),
    # the parser reads these as speech; their finite forms say too little to cue a quote alone
    _v("praise", ""),
)


def _alternation(forms: list[str]) -> str:
    return "|".join(dict.fromkeys(f for f in forms if f))


ALL_FORMS = tuple(f for v in CUE_VERB_LIST for f in v.forms + v.text_forms)


# Forms that cue a quote with a person as the speaker ("said", "told", "went on").
CUE_VERBS = _alternation([f for v in CUE_VERB_LIST for f in v.forms])
# The same and the forms whose speaker may be a text ("the letter reads", "The Times reports").
CUE_VERBS_WITH_TEXTS = _alternation([f for v in CUE_VERB_LIST for f in v.forms + v.text_forms])
# Participles that name a speaker right before a quote.
PARTICIPLES = _alternation([v.participle for v in CUE_VERB_LIST])
# Cue forms that are also plural nouns: after a possessive they end a noun phrase.
NOUN_CUES = frozenset(f for v in CUE_VERB_LIST if v.plural_noun for f in v.forms
                      if f.endswith("s") and " " not in f)
# Lemmas of speech verbs (for a dependency parse).
SPEECH_LEMMAS = frozenset(v.lemma for v in CUE_VERB_LIST if " " not in v.lemma)

# Verbs of causing: their object is the subject of the infinitive after it ("prompted Lee to
# call it “…”").
CAUSATIVE_VERBS = (
    "led|leads|leading|prompted|prompts|prompting|caused|causes|forced|forces|pushed|drove|"
    "drives|inspired|inspires|spurred|moved|encouraged|encourages"
)
# Common irregular past forms and past participles, and the modal verbs: a word that is a verb
# without a regular ending.
IRREGULAR_VERB_FORMS = (
    "said|told|took|made|gave|spoke|wrote|went|came|got|put|set|ran|saw|thought|felt|knew|left|"
    "began|brought|kept|held|stood|won|lost|met|paid|sent|built|sought|fought|meant|read|let|"
    "cut|hit|led|drew|threw|struck|became|chose|rose|fell|sang|swore|wore|tore|forgot|forgave|"
    "hid|bit|shook|can|could|gone|done|been|seen|taken|given|written|spoken|known|shown|grown|"
    "drawn|chosen|begun|sung|will|would|should|must|may|might"
)


# Speech verbs that cue a quote but never report a clause ("laughed", "chanted"): left out of
# indirect speech as clause verbs ("call" comes back among the object verbs below).
_NO_CLAUSE = frozenset({
    "call", "dub", "label", "brand", "describe", "laugh", "sigh", "gush", "chant", "sing",
    "shout", "scream", "yell", "whisper", "cry", "post", "text", "email", "interrupt",
    "interject", "snap", "begin", "continue", "go on", "put it", "read", "praise", "recount",
    "elaborate", "tease", "muse", "quip", "comment", "remark",
})
# Verbs that report what someone said, thinks or found, beside the cue verbs of quotes
# ("believes that …", "a poll shows that …", "denied that …").
REPORTING_EXTRA: tuple[CueVerb, ...] = (
    _v("believe", "believes|believed|believe"),
    _v("think", "thinks|think"),
    _v("deny", "denied|denies"),
    _v("show", "shows|showed|show"),
    _v("find", "found|finds"),
    _v("indicate", "indicated|indicates"),
    _v("reveal", "revealed|reveals"),
    _v("estimate", "estimated|estimates"),
    _v("mention", "mentioned"),
    _v("assure", "assured"),
    _v("inform", "informed"),
    _v("remind", "reminded"),
    _v("pledge", "pledged|pledges"),
    _v("threaten", "threatened|threatens"),
    _v("hint", "hinted"),
    _v("learn", "learned|has learned"),
    # participles that report a clause after a main clause ("…, claiming that …"), not quotes
    _v("claim", "", "claiming"),
    _v("urge", "", "urging"),
    _v("suggest", "", "suggesting"),
    _v("announce", "", "announcing"),
    _v("promise", "", "promising"),
    _v("acknowledge", "", "acknowledging"),
    _v("admit", "", "admitting"),
    _v("deny", "", "denying"),
    _v("predict", "", "predicting"),
    _v("stress", "", "stressing"),
)
# Verbs whose content is what follows them, object and all, not a clause: "accused the mayor
# of lying", "praised the plan for its cost", "called for a recount", "called on voters to …",
# "called the plan a mess".
OBJECT_VERB_LIST: tuple[CueVerb, ...] = (
    _v("accuse", "accused|accuses", "accusing"),
    _v("criticize", "criticized|criticised|criticizes|criticises", "criticizing"),
    _v("blame", "blamed|blames", "blaming"),
    _v("praise", "praised|praises", "praising"),
    _v("endorse", "endorsed|endorses", "endorsing"),
    _v("call for", "called for|calls for", "calling for"),
    _v("call on", "called on|calls on", "calling on"),
    _v("propose", "proposed|proposes", "proposing"),
    _v("attack", "attacked|attacks", "attacking"),
    _v("call", "called|calls"),
    _v("cite", "cited|cites", "citing"),
)
REPORTING_EXTRA = REPORTING_EXTRA + OBJECT_VERB_LIST
# Their lemmas.
OBJECT_VERBS = frozenset(v.lemma for v in OBJECT_VERB_LIST)
REPORTING_VERB_LIST: tuple[CueVerb, ...] = tuple(
    v for v in CUE_VERB_LIST if v.lemma not in _NO_CLAUSE and v.forms) + REPORTING_EXTRA
# Finite forms of the verbs that report speech without quote marks ("said", "told", "denied").
REPORTING_VERBS = _alternation(sorted(
    (f for v in REPORTING_VERB_LIST for f in v.forms + v.text_forms), key=lambda f: -len(f)))
# The same verbs' lemmas, for a dependency parse.
REPORTING_LEMMAS = frozenset(v.lemma for v in REPORTING_VERB_LIST if " " not in v.lemma)
# The lemma of each finite form.
REPORTING_LEMMA_OF = {f: v.lemma for v in REPORTING_VERB_LIST for f in v.forms + v.text_forms}
# Verbs whose hearer stands between the verb and what was said ("told reporters that …",
# "assured voters …", "urged Congress to …").
HEARER_VERBS = frozenset({"tell", "inform", "assure", "remind", "warn", "ask", "urge",
                          "promise", "write"})
# Verbs that report a question ("asked whether …", "wondered why …").
QUESTION_VERBS = frozenset({"ask", "wonder", "question", "demand"})
# Verbs that state a position on something ("Senator Ray opposes the levy", "the union wants a
# vote"): a stance is reported speech only with one of these, not with any verb ("Ann Lee won
# the race" reports nothing Lee said).
STANCE_VERBS = frozenset("""
    support oppose back favor favour reject endorse want seek urge demand welcome condemn
    dismiss defend question doubt dispute challenge contest deny resist refuse decline
    prefer fear expect hope predict promise vow pledge intend plan propose recommend advocate
    insist argue believe think consider regard view blame accuse criticize criticise praise
    applaud hail slam denounce decry fault credit accept acknowledge concede admit agree
    disagree approve disapprove object protest threaten warn
""".split())
