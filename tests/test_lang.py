"""The shared English of newsweave.lang: each list once, consistent, and usable by the stages."""

from __future__ import annotations

import re

import pytest

from newsweave import lang
from newsweave.lang import (
    CUE_VERB_LIST,
    CUE_VERBS,
    CUE_VERBS_WITH_TEXTS,
    HEDGES,
    NOUN_CUES,
    PARTICIPLES,
    PRONOUN_GENDER,
    RANK_WORDS,
    SPEECH_LEMMAS,
    TITLE_ABBREVIATIONS,
    TITLE_GENDER,
    TITLES,
    given_name_gender,
    is_common_capitalised,
    is_given_name,
    light_stem,
    month_number,
    pronoun_pattern,
)


def test_each_cue_verb_has_its_lemma_and_each_form_is_listed_once() -> None:
    lemmas = [v.lemma for v in CUE_VERB_LIST]
    assert len(lemmas) == len(set(lemmas))
    forms = [f for v in CUE_VERB_LIST for f in v.forms + v.text_forms]
    assert len(forms) == len(set(forms))
    for verb in CUE_VERB_LIST:
        assert verb.lemma and verb.lemma.islower()
        assert verb.forms or verb.text_forms or verb.lemma in SPEECH_LEMMAS
    assert {"say", "tell", "write", "tweet"} <= SPEECH_LEMMAS


def test_cue_alternations_are_built_from_the_list() -> None:
    cue = re.compile(rf"\b(?:{CUE_VERBS})\b")
    for word in ("said", "told", "pointed out", "went on", "tweeted", "reported"):
        assert cue.fullmatch(word), word
    assert not cue.fullmatch("reads")  # a text reads; a person does not
    assert re.fullmatch(rf"(?:{CUE_VERBS_WITH_TEXTS})", "reads")
    assert re.fullmatch(rf"(?:{PARTICIPLES})", "saying")
    assert "tweets" in NOUN_CUES and "said" not in NOUN_CUES
    # "wrote" is tried before "wrote in"
    assert CUE_VERBS.index("wrote|") < CUE_VERBS.index("wrote in")


def test_pronouns_and_titles_tell_gender() -> None:
    assert PRONOUN_GENDER["she"] == "female" and PRONOUN_GENDER["his"] == "male"
    assert re.fullmatch(pronoun_pattern(), "He") and re.fullmatch(pronoun_pattern(), "I")
    assert not re.fullmatch(pronoun_pattern(), "i")
    assert TITLE_GENDER["mrs"] == "female" and TITLE_GENDER["sir"] == "male"
    assert re.fullmatch(TITLES, "Sen.") and re.fullmatch(TITLES, "Prime Minister")
    assert "senator" in TITLE_ABBREVIATIONS["sen"]


@pytest.mark.parametrize(("name", "gender"), [
    ("mary", "female"), ("john", "male"), ("hillary", "female"), ("daniel", "male"),
    ("helen", "female"), ("maurice", "male"),
])
def test_given_names_have_their_gender_from_the_dictionary(name: str, gender: str) -> None:
    assert given_name_gender(name)[0] == gender
    assert is_given_name(name)


def test_words_that_are_no_given_names() -> None:
    assert given_name_gender("council") == (None, False)
    assert not is_given_name("outstanding")


@pytest.mark.parametrize(("word", "number"), [
    ("January", 1), ("Sept.", 9), ("sep", 9), ("Oct", 10), ("may", 5), ("December", 12),
    ("Monday", None), ("Mayor", None),
])
def test_months_parse(word: str, number: int | None) -> None:
    assert month_number(word) == number


def test_ranks_hedges_and_the_stemmer() -> None:
    assert {"acting", "interim", "deputy", "co"} <= RANK_WORDS
    assert HEDGES["at least"] == "at least" and HEDGES["roughly"] == "about"
    assert light_stem("rejected") == "reject" and light_stem("deaths") == "death"
    assert light_stem("is") == "is" and light_stem("recently") == "recent"
    assert light_stem("annually", strict=True) == "annually"
    assert light_stem("yards", strict=True) == "yard"


def test_common_capitalised_words_are_classes_not_names() -> None:
    for word in ("Council", "University", "Times", "Award", "Series", "Second", "Federal"):
        assert is_common_capitalised(word), word
    for word in ("Ruffalo", "Lee", "Mark"):
        assert not is_common_capitalised(word), word


def test_lang_imports_no_stage() -> None:
    import ast
    from pathlib import Path

    stages = ("quotes", "align", "entities", "summarize", "reuse", "ingest", "report", "text",
              "pipeline", "cli", "model", "settings")
    for path in Path(lang.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not any(node.module.startswith(f"newsweave.{s}") for s in stages), path
