"""Transcripts: a speaker's utterances ordered by the articles' own order of quotes."""

from __future__ import annotations

from newsweave.ingest import read_text
from newsweave.model import Article
from newsweave.quotes import build_transcripts, extract_quotes, group_quotes

FIRST = (
    "Mayor Jane Doe spoke to reporters at the town hall on Monday morning after the vote.\n\n"
    "“We opened the new library today after three long years of waiting,” Doe said.\n\n"
    "“Every child in this town deserves a quiet place to read and to learn,” she added.\n\n"
)
SECOND = (
    "Mayor Jane Doe addressed a crowd outside the building on Monday after the ceremony.\n\n"
    "“We opened the new library today after three long years of waiting,” said Doe.\n\n"
    "“The builders finished the roof two weeks ahead of the schedule we agreed,” she said.\n\n"
)


def _article(name: str, text: str) -> Article:
    return read_text(name, text).articles[0]


def test_shared_utterance_comes_first_and_carries_both_articles() -> None:
    articles = [_article("first.txt", FIRST), _article("second.txt", SECOND)]
    quotes = [q for a in articles for q in extract_quotes(a)[0]]
    groups = group_quotes(quotes, articles)
    transcripts = build_transcripts(quotes, groups, articles)
    assert [t.speaker for t in transcripts] == ["Jane Doe"]
    segments = transcripts[0].segments
    assert len(segments) == 3
    assert "library" in segments[0].text
    assert segments[0].support == 2
    assert segments[0].group_id is not None
    assert {s.support for s in segments[1:]} == {1}


def test_transcript_in_emmys_brief_ends_with_the_call_to_vote(emmys_brief) -> None:  # type: ignore[no-untyped-def]
    ruffalo = [t for t in emmys_brief.transcripts if t.speaker == "Mark Ruffalo"]
    assert ruffalo, "no transcript for Mark Ruffalo"
    segments = ruffalo[0].segments
    assert "vote" in segments[-1].text.lower()
    assert segments[-1].support == len(emmys_brief.articles)
    quoted = {q.id for q in emmys_brief.quotes if q.speaker == "Mark Ruffalo"}
    covered = {i for s in segments for i in s.quote_ids}
    assert covered == quoted
