"""Cost and determinism: the caps that keep one brief linear, the time limit, the same bytes
whatever the hash seed or the order the inputs are named in.

No test here asserts on a timing: the growth figures are measured by
``benchmarks/bench_scaling.py``.  These tests check that each cap gives the same answer as
the plain computation where both apply, and says so where it cuts.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.align.facts import build_sentence_index, document_frequencies, sentence_terms
from newsweave.analysis import analyse_article
from newsweave.deadline import BriefTimeout, Deadline
from newsweave.ingest import read_text
from newsweave.pipeline import build_brief
from newsweave.settings import Settings
from newsweave.text import segment_article
from newsweave.text.segment import _raw_pieces, segment_paragraph_counted
from newsweave.text.spans import SpanSet, WordPositions

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "river-festival"
_SCRIPT = Path(sys.executable).parent / "newsweave"
NEWSWEAVE = ([str(_SCRIPT)] if _SCRIPT.exists()
             else [sys.executable, "-c", "from newsweave.cli import main; main()"])

spans = st.lists(st.tuples(st.integers(0, 200), st.integers(0, 40)).map(
    lambda se: (se[0], se[0] + se[1])), max_size=30)


@given(spans, st.integers(-5, 260))
def test_span_set_covers_like_a_scan(given_spans: list[tuple[int, int]], position: int) -> None:
    assert SpanSet(given_spans).covers(position) == any(
        s <= position < e for s, e in given_spans)


@given(spans, st.integers(0, 250), st.integers(0, 30))
def test_span_set_overlaps_like_a_scan(given_spans: list[tuple[int, int]], start: int,
                                       length: int) -> None:
    end = start + length  # an empty range shares no character with anything
    assert SpanSet(given_spans).overlaps(start, end) == (end > start and any(
        s < end and start < e for s, e in given_spans if e > s))


words = st.sampled_from("the council said bridge river Lind. Mr. U.S. “we will” 12 a".split())


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=900), st.integers(40, 400))
def test_windowed_pieces_are_ordered_and_keep_every_word(chosen: list[str], window: int) -> None:
    text = " ".join(chosen)
    pieces = _raw_pieces(text, window)
    assert pieces == sorted(pieces)
    assert all(0 <= s < e <= len(text) for s, e in pieces)
    for (_, end), (start, _) in pairwise(pieces):
        assert end <= start
    assert [w for s, e in pieces for w in text[s:e].split()] == text.split()


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=600), st.integers(20, 80))
def test_long_sentences_are_cut_into_ordered_pieces(chosen: list[str], most: int) -> None:
    text = " ".join(chosen)
    ranges, cut = segment_paragraph_counted(text, 0, most)
    assert ranges == sorted(ranges)
    for (_, end), (start, _) in pairwise(ranges):
        assert end <= start
    assert all(len(text[s:e].split()) <= most for s, e in ranges)
    assert cut == 0 or any(len(text[s:e].split()) == most for s, e in ranges)
    assert set(text.split()) == {w for s, e in ranges for w in text[s:e].split()}


def test_a_run_without_punctuation_is_cut_with_a_notice() -> None:
    body = " ".join(f"word{i % 50} and the council" for i in range(200))  # 800 words
    article = read_text("transcript.txt", "Council transcript\n\n" + body).articles[0]
    analysis = analyse_article(article, Settings.from_overrides({"text.max_sentence_words": 100}))
    assert all(len(s.span.text.split()) <= 100 for s in analysis.sentences)
    assert len(analysis.sentences) == 8
    notices = [n for n in analysis.notices if n.code == "W006"]
    assert len(notices) == 1
    assert "100 words" in notices[0].message and "transcript" in notices[0].message


def test_normal_paragraphs_are_not_windowed() -> None:
    text = (EXAMPLE / "01-courier.txt").read_text(encoding="utf-8")
    article = read_text("01-courier.txt", text).articles[0]
    assert all(len(p.text) < 4000 for p in article.paragraphs)
    assert segment_article(article) == segment_article(article, max_words=10_000)


def test_a_long_paragraph_segments_like_its_parts() -> None:
    sentence = "The council met on Monday to discuss the repairs to the old bridge. "
    text = sentence * 200  # 13,800 characters: several windows
    ranges, cut = segment_paragraph_counted(text)
    assert cut == 0
    assert [text[s:e] for s, e in ranges] == [sentence.strip()] * 200


def test_cross_article_pairs_match_the_full_product() -> None:
    articles = [read_text(p.name, p.read_text(encoding="utf-8")).articles[0]
                for p in sorted(EXAMPLE.glob("*.txt"))]
    sentences = [s for a in articles for s in segment_article(a)]
    terms = [sentence_terms(s.span.text) for s in sentences]
    index = build_sentence_index(sentences, terms, document_frequencies(terms))
    full = (index.vectors @ index.vectors.T).toarray()
    owner = np.array([s.span.article_id for s in sentences])
    expected = {(i, j): full[i, j] for i in range(len(sentences))
                for j in range(i + 1, len(sentences))
                if owner[i] != owner[j] and full[i, j] >= 0.3}
    pairs = index.similar_pairs(0.3)
    found = {(int(i), int(j)): float(v) for i, j, v in zip(pairs.row, pairs.col, pairs.data,
                                                          strict=True)}
    assert expected, "the example shares sentences across articles"
    assert found.keys() == expected.keys()
    assert all(abs(found[k] - expected[k]) < 1e-12 for k in found)
    rows = [0, 5, len(sentences) - 1]
    assert np.allclose(index.cosines(rows), full[np.ix_(rows, rows)])


def test_a_deadline_already_passed_names_the_stage() -> None:
    articles = [read_text(p.name, p.read_text(encoding="utf-8")).articles[0]
                for p in sorted(EXAMPLE.glob("*.txt"))]
    deadline = Deadline(1e-9)
    with pytest.raises(BriefTimeout, match=r"during the analysis of article '01-courier'"):
        build_brief(articles, timeout=deadline)
    with pytest.raises(ValueError, match="positive"):
        Deadline(0)


def test_the_alarm_stops_a_stage_in_the_middle() -> None:
    deadline = Deadline(0.05)
    with pytest.raises(BriefTimeout, match="during busy work"), deadline.alarm():
        deadline.stage = "busy work"
        while True:  # never checks the clock: only the alarm can stop it
            pass


def _cli(*args: str, seed: str = "0") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([*NEWSWEAVE, *args], capture_output=True, env=env, timeout=300,
                          check=False)


def test_same_bytes_under_any_hash_seed_and_input_order() -> None:
    files = [str(p) for p in sorted(EXAMPLE.iterdir())]
    first = _cli("brief", *files, "-f", "json", seed="0")
    assert first.returncode == 0, first.stderr.decode()
    again = _cli("brief", *files, "-f", "json", seed="12345")
    reversed_order = _cli("brief", *reversed(files), "-f", "json", seed="7")
    assert again.stdout == first.stdout
    assert reversed_order.stdout == first.stdout


def test_cli_timeout_exits_3_naming_the_stage(tmp_path: Path) -> None:
    body = (EXAMPLE / "01-courier.txt").read_text(encoding="utf-8")
    header, _, rest = body.partition("\n\n")
    (tmp_path / "long.txt").write_text(header + "\n\n" + "\n\n".join([rest] * 300),
                                       encoding="utf-8")
    done = _cli("brief", str(tmp_path / "long.txt"), str(EXAMPLE), "--timeout", "0.5",
                "-f", "json")
    assert done.returncode == 3
    message = done.stderr.decode()
    assert "time limit of 0.5 s" in message and "during" in message
    assert done.stdout == b""


name_words = st.sampled_from(["Lee", "Ann", "Lee's", "O'Brien", "Leeds", "Ann-Lee", "said", "."])


@settings(max_examples=80, deadline=None)
@given(st.lists(name_words, min_size=1, max_size=60), st.sampled_from(["Lee", "O'Brien", "Ann"]),
       st.integers(1, 4))
def test_word_positions_find_what_a_scan_finds(chosen: list[str], name: str, parts: int) -> None:
    text = " ".join(chosen)
    # paragraphs of whole words, as ingest makes them
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    paragraphs = list(pairwise([*starts[:: max(1, len(starts) // parts)], len(text)]))
    pattern = re.compile(rf"\b{re.escape(name)}\b(?!\s+[A-Z])")
    expected = [(start + m.start(), start + m.end()) for start, end in paragraphs
                for m in pattern.finditer(text[start:end])]
    found = [m.span() for m in WordPositions(text).matches(pattern, name, paragraphs)]
    assert found == expected
    assert [m.span() for m in WordPositions(text).matches(pattern, name)] == [
        m.span() for m in pattern.finditer(text)]
