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


# Issue 3: speaker attribution on long news sentences.


def test_pronoun_goes_to_a_subject_with_a_role_prefix() -> None:
    text = (
        "Ms. Carla Dunmore said the budget was fair.\n\n"
        "Veteran transit economist Ilse Varga, who studies fares, said the plan was late.\n\n"
        "“Nobody checked the numbers,” she said.\n"
    )
    assert only(text, "numbers").speaker == "Ilse Varga"


def test_gendered_role_counts_only_when_said_of_the_person() -> None:
    # "a man" belongs to another sentence; it says nothing of Ruth Okoro.
    text = (
        "Mr. Paul Dent chaired the hearing.\n\n"
        "Ruth Okoro said a man had followed her. Ruth Okoro said the police came late.\n\n"
        "“They never called back,” she said.\n"
    )
    assert only(text, "called back").speaker == "Ruth Okoro"


def test_an_initial_does_not_end_the_sentence() -> None:
    text = (
        "Prime Minister Ivo Kallas said the talks had failed.\n\n"
        "Secretary of State John Q. Harlan said the allies would meet again.\n\n"
        "“We remain open to talks,” he said.\n"
    )
    assert only(text, "remain open").speaker == "John Q. Harlan"


def test_a_name_after_a_rejected_capitalised_run() -> None:
    text = (
        "Mr. Paul Dent praised the new fares.\n\n"
        "Transit Authority Executive Director Aaron Voss responded that fares must rise.\n\n"
        "“We cannot run buses for free,” he told reporters.\n"
    )
    assert only(text, "for free").speaker == "Aaron Voss"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("ELM CREEK, Ohio, Oct. 4 (Wire) — Mayor Ann Lee slammed the plan as a “disaster” "
         "on Monday.", "Ann Lee"),
        ("In May, Gov. Ann Lee of Ohio lauded the plan as “bold and overdue” in a speech.",
         "Ann Lee"),
        ("Attorney General Ann Lee (D), the mayor's rival in the race, pressed for releasing "
         "the files, saying that openness “builds trust.”", "Ann Lee"),
        ("Senator Ann Lee, R-Ohio, despite admitting that the fund had “real problems,” voted "
         "for it.", "Ann Lee"),
    ],
)
def test_sentence_subject_through_datelines_places_and_appositives(
    sentence: str, speaker: str
) -> None:
    text = f"The plan for the new bridge was debated for a month.\n\n{sentence}\n"
    (quote,) = quotes_of(text)
    assert quote.speaker == speaker
    assert quote.rule == "sentence-subject"


def test_a_reopened_paragraph_with_its_own_cue_is_a_new_quote() -> None:
    text = (
        "Members spoke after the vote.\n\n"
        "“The vote is a disgrace,” Rep. Ann Lee said. “If the bridge is closed, then\n\n"
        "“I have thought about this for a long time,” added Rep. Tom Birch.\n"
    )
    assert only(text, "thought about").speaker == "Tom Birch"


def test_pronoun_picks_up_a_person_named_in_the_sentence_before() -> None:
    text = (
        "The station would close, Mr. Paul Dent said. It had opened in 1901. Trains stopped "
        "there twice a day. Many came from far away.\n\n"
        "Nobody has written a song about the station, which worries Tom Birch, head of the "
        "local history society.\n\n"
        "“It was the heart of the town,” he said.\n"
    )
    assert only(text, "heart").speaker == "Tom Birch"


def test_object_of_a_preposition_is_not_the_speaker() -> None:
    text = (
        "The curfew began at midnight.\n\n"
        "Marchers walking through the streets chanted “No curfew!” until dawn.\n"
    )
    assert only(text, "No curfew").speaker == "Marchers"


def test_a_plural_group_noun_is_a_subject() -> None:
    text = (
        "The council cut the library budget.\n\n"
        "Democrats also blasted the council for calling the cuts “modest” on Monday.\n"
    )
    assert only(text, "modest").speaker == "Democrats"
