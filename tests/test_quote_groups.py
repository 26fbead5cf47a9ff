"""Quote regions over lines, grouping across articles and collation, on small invented texts."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from _builders import make_article
from newsweave.model import Article, CollationSegment, Quote, Span
from newsweave.quotes import collate, extract_quotes, find_regions, group_quotes, quote_runs
from newsweave.quotes.group import occasion, same_occasion, same_utterance, speaker_relation
from newsweave.text import tokenize


def _regions(text: str) -> list[str]:
    article = make_article("x", text)
    regions = find_regions(text, [(p.start, p.end) for p in article.paragraphs])
    return [text[r.start : r.end] for r in regions]


def _quote(article: Article, start: int, end: int, speaker: str | None, n: int = 1,
           named: bool = True) -> Quote:
    """A quote over ``article.text[start:end]``, its speaker named there (or resolved from
    "he" when ``named`` is False)."""
    span = article.span(start, end)
    speaker_span = None
    if speaker is not None:
        phrase = speaker.split()[-1] if named else "he"
        at = article.text.find(phrase)
        speaker_span = article.span(at, at + len(phrase)) if at >= 0 else None
    return Quote(id=f"{article.id}:q{n}", article_id=article.id, parts=(span,),
                 speaker=speaker, speaker_span=speaker_span)


def _quotes_of(text: str, article_id: str, speaker: str | None) -> tuple[Article, list[Quote]]:
    """An article of ``text`` and one quote per pair of straight quote marks in it."""
    article = make_article(article_id, text)
    marks = [k for k, c in enumerate(text) if c == '"']
    quotes = [_quote(article, s + 1, e, speaker, n)
              for n, (s, e) in enumerate(zip(marks[::2], marks[1::2], strict=True), start=1)]
    return article, quotes


# --- quote regions ---------------------------------------------------------------------------


def test_quote_carried_over_lines_without_marks_is_one_stretch() -> None:
    # One sentence per line: the quote opens on the first line and closes on the third.
    text = ('Doe spoke after the vote.\n"The bridge is closed today.\nWe will open it in June.\n'
            'Nobody will pay a toll," Doe said.\nThe council met later.')
    article = make_article("x", text)
    (quote,) = extract_quotes(article)[0]
    assert [p.text for p in quote.parts] == [
        "The bridge is closed today.", "We will open it in June.", "Nobody will pay a toll,"]
    (run,) = quote_runs(quote.parts, text)
    assert text[run[0].start : run[-1].end].startswith("The bridge")
    assert quote.speaker_span is not None and quote.speaker_span.text == "Doe"


def test_quote_carried_over_a_line_without_marks_to_a_reopened_line_is_one_stretch() -> None:
    # One sentence per line: the second line of the first paragraph has no mark, the next
    # paragraph is reopened with one, as news does.
    text = ('Doe said after the vote:\n"The bridge is closed today.\nWe will open it in June.\n'
            '"Nobody will pay a toll."\nThe council met later.')
    (quote,) = extract_quotes(make_article("x", text))[0]
    assert [p.text for p in quote.parts] == [
        "The bridge is closed today.", "We will open it in June.", "Nobody will pay a toll."]
    assert len(quote_runs(quote.parts, text)) == 1


def test_quote_reopened_on_the_very_next_line_takes_no_other_line() -> None:
    text = ('Doe said after the vote:\n"The bridge is closed today.\n"Nobody will pay a toll."\n'
            "We will open it in June.\nThe council met later.")
    (quote,) = extract_quotes(make_article("x", text))[0]
    assert [p.text for p in quote.parts] == ["The bridge is closed today.",
                                              "Nobody will pay a toll."]


def test_line_whose_marks_pair_up_is_not_a_continuation() -> None:
    text = 'She said "we are done.\nThe rest of the day was quiet.\n"Go home," he said.'
    assert _regions(text) == ["we are done.", "Go home,"]


def test_reopening_mark_after_a_sentence_end_stays_inside_the_quote() -> None:
    text = ('Smith said: "We waited for hours. "Then the doors opened and we ran." '
            'Police arrived later. "It was chaos," Jones said.')
    assert _regions(text) == ['We waited for hours. "Then the doors opened and we ran.',
                              "It was chaos,"]


def test_quote_opened_with_a_single_mark_and_closed_with_a_double_one() -> None:
    text = ("Doe said in a statement: 'The plan is dead and we will not revive it.\" \"We "
            'tried," Smith said.')
    assert _regions(text) == ["The plan is dead and we will not revive it.", "We tried,"]


def test_apostrophes_do_not_open_a_quote_for_a_stray_double_mark() -> None:
    text = "O'Brien said it's over for the '90s plan.\" \"We tried,\" Smith said."
    assert "We tried," not in _regions(text)


def test_line_in_single_marks_is_a_quote_set_as_a_heading() -> None:
    text = "The mayor spoke on Monday.\n'Stronger than we've ever been'\nThe council met later."
    assert _regions(text) == ["Stronger than we've ever been"]


def test_line_with_two_single_marked_phrases_or_too_long_is_no_heading_quote() -> None:
    assert _regions("The mayor spoke.\n'Yes' and 'No' were the answers\nThe council met.") == []
    long_line = "'" + " ".join(["Stronger"] * 13) + "'"
    assert _regions(f"The mayor spoke.\n{long_line}\nThe council met.") == []
    assert _regions("The mayor spoke.\n'Stronger Than Ever Before.'\nThe council met.") == []


def test_closing_then_opening_marks_are_two_quotes() -> None:
    text = '"We waited for hours," Smith said. "Then the doors opened."'
    assert _regions(text) == ["We waited for hours,", "Then the doors opened."]


# --- speakers and the same-utterance rule ----------------------------------------------------


def test_speaker_relation() -> None:
    assert speaker_relation("Bob Livingston", "Robert L. Livingston") == "same"
    assert speaker_relation("Livingston", "Bob Livingston") == "same"
    assert speaker_relation("Jane Doe", None) == "unknown"
    assert speaker_relation("Authorities", "Jane Doe") == "unknown"
    assert speaker_relation("Jane Doe", "Tom Smith") == "different"


def test_same_utterance_rewording_needs_more_when_speakers_differ() -> None:
    a = tokenize("we will rebuild the old bridge before the winter comes and open it to every "
                 "family")
    b = tokenize("we are going to rebuild that old bridge before winter and open it to all the "
                 "families")
    assert same_utterance(a, b, relation="same")
    assert not same_utterance(a, b, relation="different")


def test_same_utterance_shared_phrase_in_different_sentences_is_not_enough() -> None:
    a = tokenize("the council has to end the politics of personal destruction in this town")
    b = tokenize("nobody wants the politics of personal destruction, she told the crowd again")
    assert not same_utterance(a, b, relation="same")


def test_same_utterance_passage_in_common_survives_a_three_word_rewording() -> None:
    a = ("We argued about the budget for a whole hour. My brother never trusted the council. "
         "I printed the old maps from the website and studied them at the kitchen table.")
    b = ("I never saw the river that high in my life, not once. Nobody warned the farms "
         "downstream. I printed old maps and studied those at the kitchen table.")
    assert same_utterance(tokenize(a), tokenize(b), relation="same")
    assert not same_utterance(tokenize(a), tokenize(b), relation="unknown")
    other = b.replace("I printed old maps and studied those at the kitchen table",
                      "I sold the old maps to a man who studied them in the city")
    assert not same_utterance(tokenize(a), tokenize(other), relation="same")


def test_same_utterance_topic_words_are_not_evidence() -> None:
    a = tokenize("protect the Clean Water Act for our children")
    b = tokenize("the Clean Water Act failed every farmer in the valley")
    assert same_utterance(a, b, relation="same")  # on the words alone they would pass
    assert not same_utterance(a, b, relation="same", common={"clean", "water", "act"})


def test_same_utterance_sees_through_inflection_and_spelling() -> None:
    a = tokenize("the brave harbours of granite towers")
    b = tokenize("brave harbor of granite tower")
    assert same_utterance(a, b, relation="unknown")
    assert not same_utterance(a, tokenize("brave gardens of marble halls"), relation="unknown")


# --- grouping --------------------------------------------------------------------------------


def test_fragments_and_a_fuller_quote_are_one_group() -> None:
    # A prints two sentences in one quote; B and C each print one of them.
    a, qa = _quotes_of('Doe said: "The river rose in an hour. We lost every single field."',
                       "a", "Jane Doe")
    b, qb = _quotes_of('"The river rose in an hour," Doe told us.', "b", "Jane Doe")
    c, qc = _quotes_of('"We lost every single field," said Doe.', "c", "Jane Doe")
    groups = group_quotes([*qa, *qb, *qc], [a, b, c])
    assert len(groups) == 1
    assert groups[0].articles == ("a", "b", "c")
    assert groups[0].speaker == "Jane Doe"


def test_sentences_every_article_quotes_apart_stay_two_groups() -> None:
    a, qa = _quotes_of('"The river rose in an hour," Doe said. "We lost every single field."',
                       "a", "Jane Doe")
    b, qb = _quotes_of('"We lost every single field," Doe said. "The river rose in an hour."',
                       "b", "Jane Doe")
    groups = group_quotes([*qa, *qb], [a, b])
    assert len(groups) == 2
    assert all(g.articles == ("a", "b") for g in groups)


def test_same_words_of_two_named_speakers_are_not_merged_through_a_quoted_phrase() -> None:
    a, qa = _quotes_of('"Smith wants the politics of personal destruction to stop," Doe said.',
                       "a", "Jane Doe")
    b, qb = _quotes_of('"Enough of the politics of personal destruction in this town," Smith '
                       "said.", "b", "Tom Smith")
    c, qc = _quotes_of('Critics called it "politics of personal destruction" on Monday.', "c",
                       None)
    groups = group_quotes([*qa, *qb, *qc], [a, b, c])
    assert not any({"a", "b"} <= set(g.articles) for g in groups)


def test_identical_long_quote_misattributed_in_one_article_is_still_grouped() -> None:
    words = "The water came up so fast that nobody had time to move the cars"
    a, qa = _quotes_of(f'"{words}," Jane Doe said.', "a", "Jane Doe")
    b, qb = _quotes_of(f'"{words}," Tom Smith said.', "b", "Tom Smith")
    (group,) = group_quotes([*qa, *qb], [a, b])
    assert group.articles == ("a", "b")


def test_resolved_speaker_does_not_block_a_rewording() -> None:
    a = make_article("a", 'Doe spoke.\n"We will rebuild the old bridge before the winter," '
                     "Doe said.")
    b = make_article("b", 'Smith came.\n"We will rebuild that old bridge before winter," he '
                     "said.")
    qa = [_quote(a, a.text.index('"') + 1, a.text.rindex('"'), "Jane Doe")]
    qb = [_quote(b, b.text.index('"') + 1, b.text.rindex('"'), "Tom Smith", named=False)]
    assert len(group_quotes([*qa, *qb], [a, b])) == 1


_PLEDGE = ("We will rebuild the old bridge before the winter comes and open it to every "
           "family in the valley")
_REWORDED = ("We are going to rebuild that old bridge before winter and then open it up to all "
             "the families, the mayor said again")


def test_unattributed_quote_joins_the_group_it_matches_and_takes_its_speaker() -> None:
    a, qa = _quotes_of(f'"{_PLEDGE}," Jane Doe said.', "a", "Jane Doe")
    c, qc = _quotes_of(f'Doe spoke. "{_PLEDGE}."', "c", "Jane Doe")
    b, qb = _quotes_of(f'A voice from the crowd. "{_REWORDED}."', "b", None)
    assert not same_utterance(tokenize(_PLEDGE), tokenize(_REWORDED), relation="unknown")
    (group,) = group_quotes([*qa, *qb, *qc], [a, b, c])
    assert group.articles == ("a", "b", "c")
    assert group.speaker == "Jane Doe"


def test_speaker_read_from_a_possessive_is_outvoted_by_a_named_one() -> None:
    a, qa = _quotes_of(f'"{_PLEDGE}." Smith\'s announced visit was delayed.', "a", "Tom Smith")
    at = a.text.index("Smith's")
    qa = [qa[0].model_copy(update={"speaker_span": a.span(at, at + len("Smith's"))})]
    b, qb = _quotes_of(f'Vera Wood said: "{_PLEDGE}."', "b", "Vera Wood")
    (group,) = group_quotes([*qa, *qb], [a, b])
    assert group.speaker == "Vera Wood"
    # with no speaker named elsewhere, the possessive's is still the best there is
    c, qc = _quotes_of(f'A voice said: "{_PLEDGE}."', "c", None)
    (group,) = group_quotes([*qa, *qc], [a, c])
    assert group.speaker == "Tom Smith"


def test_quote_of_a_different_named_speaker_does_not_join() -> None:
    a, qa = _quotes_of(f'"{_PLEDGE}," Jane Doe said.', "a", "Jane Doe")
    c, qc = _quotes_of(f'Doe spoke. "{_PLEDGE}."', "c", "Jane Doe")
    b, qb = _quotes_of(f'"{_REWORDED}," Tom Smith said.', "b", "Tom Smith")
    (group,) = group_quotes([*qa, *qb, *qc], [a, b, c])
    assert group.articles == ("a", "c")


def test_a_speaker_read_from_the_sentence_subject_is_no_proof_of_another_speaker() -> None:
    # B's attribution comes from its sentence's subject (rule "sentence-subject"), a reading
    # often wrong: it does not keep B out of the utterance A names Jane Doe for.
    a, qa = _quotes_of(f'"{_PLEDGE}," Jane Doe said.', "a", "Jane Doe")
    b, qb = _quotes_of('Tom Smith watched as the crowd heard "We are going to rebuild the old '
                       'stone bridge before winter comes and then open it to each family in '
                       'this valley."', "b", "Tom Smith")
    weak = [qb[0].model_copy(update={"rule": "sentence-subject"})]
    (group,) = group_quotes([*qa, *weak], [a, b])
    assert group.articles == ("a", "b")
    # attributed by a cue right next to the quote, the other name keeps it apart
    strong = [qb[0].model_copy(update={"rule": "cue-after"})]
    assert group_quotes([*qa, *strong], [a, b]) == []


_SORRY = "We let the town down on the night of the flood and I am sorry"
_PROMISE = "I promise that we will rebuild every house on this street before the winter"


def test_passage_cut_by_an_attribution_joins_through_the_words_where_it_is_cut() -> None:
    # A cuts the passage with "Doe said"; B prints it whole but for the first sentence's end.
    a, qa = _quotes_of(f'"{_SORRY}," Doe said. "And {_PROMISE}."', "a", "Jane Doe")
    b, qb = _quotes_of(f'Doe said: "I am sorry. {_PROMISE}."', "b", "Jane Doe")
    (group,) = group_quotes([*qa, *qb], [a, b])
    assert [w.quote_id for w in group.witnesses] == ["a:q1", "a:q2", "b:q1"]


def test_passage_cut_by_an_attribution_joins_through_words_reworded_at_the_cut() -> None:
    a, qa = _quotes_of('"I do not think the county council won," Doe said. "In her own words, '
                       'the river will always take back what it gave us."', "a", "Jane Doe")
    b, qb = _quotes_of('Doe said: "I believe the county council did not win. In her own words, '
                       'she said the river will always take back what it gave."', "b", "Jane Doe")
    (group,) = group_quotes([*qa, *qb], [a, b])
    assert [w.quote_id for w in group.witnesses] == ["a:q1", "a:q2", "b:q1"]


def test_other_words_before_a_matched_passage_do_not_join_the_piece_before_it() -> None:
    a, qa = _quotes_of(f'"{_SORRY}," Doe said. "And {_PROMISE}."', "a", "Jane Doe")
    b, qb = _quotes_of(f'Doe said: "The mayor was right. {_PROMISE}."', "b", "Jane Doe")
    far, qf = _quotes_of(f'"{_SORRY}," Doe said. The council met for two hours on Monday and '
                         "voted on the budget, the roads, the school and the new library in "
                         f'the park. "And {_PROMISE}."', "far", "Jane Doe")
    c, qc = _quotes_of(f'Doe said: "I am sorry. {_PROMISE}."', "c", "Jane Doe")
    (group,) = group_quotes([*qa, *qb], [a, b])
    assert [w.quote_id for w in group.witnesses] == ["a:q2", "b:q1"]
    (group,) = group_quotes([*qf, *qc], [far, c])  # not cut by an attribution: far apart
    assert [w.quote_id for w in group.witnesses] == ["far:q2", "c:q1"]


_CROSSING = "Our town deserves a safe crossing for every family and every school bus"
_RELIEF = "It is a great relief to finally say it out loud after all these months"


def test_quote_running_two_passages_together_in_another_order_does_not_join_them() -> None:
    # A prints the relief remark, then the statement; B runs them together the other way.
    a, qa = _quotes_of(f'"{_RELIEF}," Doe said. "{_CROSSING}."', "a", "Jane Doe")
    b, qb = _quotes_of(f'Doe said: "{_CROSSING}. {_RELIEF}."', "b", "Jane Doe")
    c, qc = _quotes_of(f'"{_CROSSING}," said Doe.', "c", "Jane Doe")
    d, qd = _quotes_of(f'"{_RELIEF}," Doe said.', "d", "Jane Doe")
    groups = group_quotes([*qa, *qb, *qc, *qd], [a, b, c, d])
    assert len(groups) == 2
    assert {"c", "d"} not in [set(g.articles) & {"c", "d"} for g in groups]
    # B's quote is cut where the second remark starts: each remark takes its own words, so
    # no phrase is in two groups and the transcript says each once
    assert sorted(g.agreed_text.rstrip(".") for g in groups) == [_RELIEF, _CROSSING]
    assert all(g.articles == tuple(sorted(g.articles)) and "b" in g.articles for g in groups)


def test_quote_running_two_passages_together_in_the_same_order_joins_them() -> None:
    a, qa = _quotes_of(f'"{_CROSSING}," Doe said. "{_RELIEF}."', "a", "Jane Doe")
    b, qb = _quotes_of(f'Doe said: "{_CROSSING}. {_RELIEF}."', "b", "Jane Doe")
    c, qc = _quotes_of(f'"{_CROSSING}," said Doe.', "c", "Jane Doe")
    d, qd = _quotes_of(f'"{_RELIEF}," Doe said.', "d", "Jane Doe")
    (group,) = group_quotes([*qa, *qb, *qc, *qd], [a, b, c, d])
    assert group.articles == ("a", "b", "c", "d")


_CHANT = "We will never give up on this town or on the people who built it"


def _extracted(article_id: str, text: str, date: dt.date | None = None) -> tuple[Article,
                                                                                 list[Quote]]:
    article = make_article(article_id, text, date)
    return article, extract_quotes(article)[0]


def test_same_words_said_on_two_weekdays_are_two_utterances() -> None:
    a, qa = _extracted("a", f'Doe spoke to the crowd. "{_CHANT}," Doe said on Monday.')
    b, qb = _extracted("b", f'Doe came back. "{_CHANT}," Doe told the crowd on Wednesday.')
    assert group_quotes([*qa, *qb], [a, b]) == []


def test_same_words_on_one_weekday_or_with_no_day_named_are_one_utterance() -> None:
    a, qa = _extracted("a", f'Doe spoke to the crowd. "{_CHANT}," Doe said on Monday.')
    b, qb = _extracted("b", f'Doe spoke again. "{_CHANT}," Doe told reporters on Monday.')
    c, qc = _extracted("c", f'Doe spoke to us. "{_CHANT}," Doe said.')
    (group,) = group_quotes([*qa, *qb, *qc], [a, b, c])
    assert group.articles == ("a", "b", "c")


def test_weekdays_read_against_the_articles_dates() -> None:
    # Both say "Monday", a week apart: two days.  A Tuesday's "Monday" is the day before.
    a, qa = _extracted("a", f'Doe spoke. "{_CHANT}," Doe said on Monday.', dt.date(2024, 5, 7))
    b, qb = _extracted("b", f'Doe spoke. "{_CHANT}," Doe said on Monday.', dt.date(2024, 5, 14))
    c, qc = _extracted("c", f'Doe spoke. "{_CHANT}," Doe said on Monday.', dt.date(2024, 5, 6))
    assert occasion(qa[0], a) == occasion(qc[0], c) == dt.date(2024, 5, 6)
    groups = group_quotes([*qa, *qb, *qc], [a, b, c])
    assert [g.articles for g in groups] == [("a", "c")]
    assert same_occasion("monday", dt.date(2024, 5, 6)) and same_occasion(None, "friday")
    assert not same_occasion("sunday", dt.date(2024, 5, 6))


# --- collation -------------------------------------------------------------------------------


def _collate(texts: dict[str, str]) -> tuple[str, tuple[CollationSegment, ...]]:
    return collate([(a, tokenize(t)) for a, t in texts.items()], texts)


def _variants(segments: tuple[CollationSegment, ...]) -> list[dict[str, tuple[str, ...]]]:
    return [{r.text: r.articles for r in s.readings} for s in segments if not s.agreed]


def test_collation_branches_where_three_witnesses_differ() -> None:
    agreed, segments = _collate({
        "a": "we must go out and vote for our town",
        "b": "we must get out and vote for our town",
        "c": "we must go out and vote for this town",
    })
    assert _variants(segments) == [{"go": ("a", "c"), "get": ("b",)},
                                   {"our": ("a", "b"), "this": ("c",)}]
    assert agreed == "we must go out and vote for our town"


def test_collation_omission_inside_an_extent_is_a_reading() -> None:
    _, segments = _collate({"a": "it just emboldens the spirit of the players",
                            "b": "it emboldens the spirit of the players"})
    assert _variants(segments) == [{"just": ("a",), "": ("b",)}]
    omission = next(r for s in segments for r in s.readings if r.text == "")
    assert omission.spans[0].start == omission.spans[0].end


def test_collation_difference_in_extent_is_not_a_variant() -> None:
    _, segments = _collate({"a": "the river rose in an hour and we lost every field",
                            "b": "we lost every field"})
    assert all(s.agreed for s in segments)
    assert [r.articles for s in segments for r in s.readings] == [("a",), ("a", "b")]


def test_collation_punctuation_and_case_are_orthographic() -> None:
    _, segments = _collate({"a": "the truth, everything we honour matters",
                            "b": "The truth; everything we honor matters"})
    variants = [s for s in segments if not s.agreed]
    assert variants and all(s.orthographic for s in variants)
    readings = {r.text for s in variants for r in s.readings}
    assert {"honour", "honor"} <= readings
    assert any("truth, everything" in r for r in readings)
    assert any("truth; everything" in r for r in readings)


def test_collation_quote_glyphs_are_not_variants() -> None:
    _, segments = _collate({"a": "it\u2019s what we\u2019re facing now",
                            "b": "it's what we're facing now"})
    assert all(s.agreed for s in segments)


# --- properties ------------------------------------------------------------------------------

_WORDS = st.lists(st.sampled_from(["we", "will", "honour", "Honor", "it's", "it\u2019s", "the",
                                   "vote", "1,000", "caf\u00e9", "x", "go", "get"]),
                  min_size=1, max_size=20)
_GAPS = st.sampled_from([" ", ", ", "; ", ". ", " - "])


@st.composite
def _witness_text(draw: st.DrawFn) -> str:
    words = draw(_WORDS)
    return "".join(w + (draw(_GAPS) if k < len(words) - 1 else "") for k, w in enumerate(words))


def _check_spans(segments: tuple[CollationSegment, ...], texts: dict[str, str]) -> None:
    for segment in segments:
        for reading in segment.readings:
            for span in reading.spans:
                assert span.article_id in reading.articles
                assert span.text == texts[span.article_id][span.start : span.end]


@settings(max_examples=60, deadline=None)
@given(_witness_text(), st.integers(min_value=1, max_value=4))
def test_identical_witnesses_agree_and_give_the_witness(text: str, copies: int) -> None:
    texts = {f"w{k}": text for k in range(copies)}
    agreed, segments = _collate(texts)
    assert all(s.agreed for s in segments)
    tokens = tokenize(text)
    assert agreed == text[tokens[0].start : tokens[-1].end]
    _check_spans(segments, texts)


@settings(max_examples=60, deadline=None)
@given(st.lists(_witness_text(), min_size=1, max_size=4))
def test_every_reading_span_indexes_its_article(witnesses: list[str]) -> None:
    texts = {f"w{k}": t for k, t in enumerate(witnesses)}
    _, segments = _collate(texts)
    _check_spans(segments, texts)
    for article_id in texts:  # every witness is read somewhere, and once per segment
        seen = [r for s in segments for r in s.readings if article_id in r.articles]
        assert seen


def _span_check(span: Span, article: Article) -> None:
    assert span.text == article.text[span.start : span.end]


def test_group_reading_spans_index_the_articles() -> None:
    a, qa = _quotes_of('"We will go out and vote for kindness," Doe said.', "a", "Jane Doe")
    b, qb = _quotes_of('"We will get out and vote for kindness," Doe said.', "b", "Jane Doe")
    (group,) = group_quotes([*qa, *qb], [a, b])
    articles = {"a": a, "b": b}
    assert _variants(group.segments) == [{"go": ("a",), "get": ("b",)}]
    for segment in group.segments:
        for reading in segment.readings:
            for span in reading.spans:
                _span_check(span, articles[span.article_id])
