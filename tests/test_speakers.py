"""Speaker attribution rules (quotes/speakers.py and the cue rules of quotes/extract.py).

Every text here is invented for the test.
"""

from __future__ import annotations

import pytest

from newsweave.ingest import read_text
from newsweave.model import Quote
from newsweave.quotes import extract_quotes

LEAD = (
    "The city council met on Tuesday evening to discuss the budget, the new bridge and the "
    "flood defences for the coming year.\n\n"
)


def quotes_of(text: str) -> list[Quote]:
    article = read_text("t.txt", LEAD + text).articles[0]
    quotes, _ = extract_quotes(article)
    return quotes


def only(text: str, fragment: str) -> Quote:
    matching = [q for q in quotes_of(text) if fragment in q.text]
    assert len(matching) == 1, [q.text for q in quotes_of(text)]
    return matching[0]


def test_dash_credit_at_paragraph_end() -> None:
    text = (
        "Readers wrote in about the new bridge.\n\n"
        "“It is the best thing the council has built in years.” ― Maria Lopez\n\n"
        "“The tolls are far too high for the people who use it every day.”― Tom Becker\n"
    )
    assert only(text, "best thing").speaker == "Maria Lopez"
    tolls = only(text, "tolls")
    assert tolls.speaker == "Tom Becker"
    assert tolls.rule == "dash-credit"


def test_transcript_labels_start_new_quotes_and_are_not_quoted() -> None:
    text = (
        "Partial transcript of the interview with Mayor Helen Okafor and host Dan Reyes:\n\n"
        "\"REYES: Why did the vote on the budget take so long this year?\n\n"
        "\"OKAFOR: Because we listened to every neighbourhood before we decided.\n"
    )
    quotes = quotes_of(text)
    assert [q.speaker for q in quotes] == ["Dan Reyes", "Helen Okafor"]
    assert all(q.rule == "speaker-label" for q in quotes)
    assert quotes[1].text.startswith("Because")


def test_cue_elsewhere_in_the_sentence() -> None:
    text = (
        "The hearing ran late into the evening.\n\n"
        "A driver who “runs one red light” loses a licence for a month, Judge Anna Weiss said.\n"
    )
    quote = only(text, "red light")
    assert quote.speaker == "Anna Weiss"
    assert quote.rule == "cue-in-sentence"


def test_partial_quote_belongs_to_the_subject_after_an_introductory_phrase() -> None:
    text = (
        "Senator Paul Grant spoke in the town of Elm Creek on Monday.\n\n"
        "At a rally with farmers and their families, Grant dismissed the new tax as “a disgrace.”\n"
    )
    quote = only(text, "disgrace")
    assert quote.speaker == "Paul Grant"
    assert quote.rule == "sentence-subject"


def test_pronoun_follows_the_chain_of_sentence_subjects() -> None:
    text = (
        "Mr. Tom Clarke bought the mine from Peter Hale in the spring.\n\n"
        "Ultimately, Mr. Clarke hopes to offset the emissions with credits. But right now, he "
        "is offsetting only a tenth of them, which worries Peter Hale.\n\n"
        "“It is all I can afford,” he said.\n"
    )
    assert only(text, "afford").speaker == "Tom Clarke"


def test_pronoun_skips_a_person_of_the_other_gender() -> None:
    text = (
        "Ms. Dana Whitfield chaired the meeting, and Robert Lyle presented the report.\n\n"
        "Robert Lyle answered questions for an hour.\n\n"
        "“We will publish every figure,” she said.\n"
    )
    assert only(text, "publish").speaker == "Dana Whitfield"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("“The numbers do not add up,” one senior official on the panel said.",
         "one senior official on the panel"),
        ("“The numbers do not add up,” the report says.", "the report"),
    ],
)
def test_unnamed_sources_stay_as_written(sentence: str, speaker: str) -> None:
    text = f"Mayor Helen Okafor presented the budget on Tuesday.\n\n{sentence}\n"
    assert only(text, "numbers").speaker == speaker


def test_definite_description_resolves_to_the_titled_person() -> None:
    text = (
        "Mayor Helen Okafor presented the budget on Tuesday.\n\n"
        "“Every school gets a new roof,” the mayor said.\n"
    )
    quote = only(text, "roof")
    assert quote.speaker == "Helen Okafor"
    assert quote.speaker_as_written == "Helen Okafor (the mayor)"


def test_appositive_name_after_a_description() -> None:
    text = (
        "The plan drew criticism from many sides.\n\n"
        "Another critic, Laurence Pike, likened the rules to “burning the rule book.”\n"
    )
    assert only(text, "rule book").speaker == "Laurence Pike"


def test_participle_names_the_speaker_only_right_before_the_quote() -> None:
    text = (
        "Helen Okafor spoke about the flood in Riverton, Ohio, arguing that the new wall "
        "should be called “a success.”\n"
    )
    assert only(text, "success").speaker == "Helen Okafor"
