"""Regression tests for behaviour found wrong while building issue 2 (one test per finding)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.ingest import load_articles, read_text
from newsweave.ingest.boilerplate import boilerplate_reason
from newsweave.quotes import extract_quotes


@pytest.mark.parametrize(
    "line",
    [
        "Residents were urged to sign up for flood alerts from the council.",
        "Crowds gathered on the bank to see the lanterns here.",
        "The council urged residents to download the app for updates.",
    ],
)
def test_reporting_sentences_are_not_boilerplate(line: str) -> None:
    assert boilerplate_reason(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Get our free newsletter in your inbox: subscribe now",
        "Watch the full interview here:",
    ],
)
def test_prompts_to_the_reader_are_boilerplate(line: str) -> None:
    assert boilerplate_reason(line) is not None


def test_work_title_after_a_cue_is_not_a_quote() -> None:
    text = (
        "Critics praised the film.\n\n"
        "Smith said “The Long Road Home” was his favourite of the year, and he would see it "
        "again with his family before the awards in the spring of next year.\n\n"
        "“It moved me,” Smith said."
    )
    article = read_text("review.txt", text).articles[0]
    quotes, _ = extract_quotes(article)
    assert [q.text for q in quotes] == ["It moved me,"]


def test_hidden_files_in_a_folder_are_listed_not_dropped(tmp_path: Path) -> None:
    body = "The council met on Monday to discuss the bridge. " * 6
    (tmp_path / "story.txt").write_text(body, encoding="utf-8")
    (tmp_path / ".notes.txt").write_text(body, encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "copy.txt").write_text(body, encoding="utf-8")
    result = load_articles([str(tmp_path)])
    assert [a.id for a in result.articles] == ["story"]
    reasons = {Path(s.input).name: s.reason for s in result.skipped}
    assert "hidden file" in reasons[".notes.txt"]
    assert "hidden folder" in reasons[".cache"]


def test_typewriter_double_quotes_are_quote_marks() -> None:
    # NYT-style text writes a double quote as two apostrophes (''...'').
    text = (
        "The senator spoke after the vote on the budget bill in the capital on Monday.\n\n"
        "''We did what the voters sent us here to do,'' said Senator Ana Ruiz of Ohio.\n\n"
    )
    article = read_text("budget.txt", text).articles[0]
    quotes, notices = extract_quotes(article)
    assert [q.text for q in quotes] == ["We did what the voters sent us here to do,"]
    assert quotes[0].speaker == "Ana Ruiz"
    assert notices == []


@pytest.mark.parametrize(
    ("attribution", "speaker"),
    [
        ("said Brad Cole, a spokesman for the council.", "Brad Cole"),
        ("Quina Jones, 25, said.", "Quina Jones"),
        ("Rep. Jason Chaffetz (R-Utah) said.", "Jason Chaffetz"),
        ("chief economist Maurice Obstfeld said.", "Maurice Obstfeld"),
    ],
)
def test_speaker_phrase_with_appositive_tag_or_role(attribution: str, speaker: str) -> None:
    text = (
        "The hearing on the budget went on late into the evening on Thursday in the capital.\n\n"
        f"“We will not accept these cuts to the program,” {attribution}\n\n"
    )
    article = read_text("hearing.txt", text).articles[0]
    quotes, _ = extract_quotes(article)
    assert [q.speaker for q in quotes] == [speaker]
