"""Duplicates in a stream: exact copies, near-duplicates verified by exact Jaccard, originals
first (issue 16)."""

from __future__ import annotations

import pickle
from pathlib import Path

from _builders import make_article
from newsweave.corpus.dedup import DuplicateFinder
from newsweave.corpus.store import Store

BASE = (
    "The council approved the new budget for the harbour district on Monday after a long debate. "
    "Members voted nine to four in favour of the plan, which adds two ferries and a new pier. "
    "Opponents said the cost of the pier had doubled since the first estimate last spring. "
    "The mayor said work would begin in the autumn and finish within two years of the vote."
)


def test_exact_copy_with_other_typography_is_a_duplicate_of_the_first() -> None:
    finder = DuplicateFinder()
    assert finder.add(make_article("a", BASE)) is None
    copy = finder.add(make_article("b", BASE.replace("'", "’").upper().lower()))
    assert copy is not None and copy.original_id == "a" and copy.jaccard == 1.0


def test_near_duplicate_is_verified_and_unrelated_text_is_not() -> None:
    finder = DuplicateFinder(threshold=0.6)
    finder.add(make_article("a", BASE))
    edited = BASE.replace("on Monday", "on Monday evening").replace("two years", "three years")
    near = finder.add(make_article("b", edited))
    assert near is not None and near.original_id == "a" and 0.6 <= near.jaccard < 1.0
    other = ("Heavy rain flooded the coastal road overnight and closed two schools in the valley. "
             "Engineers inspected the damaged bridge and said it would stay shut until Friday.")
    assert finder.add(make_article("c", other)) is None


def test_copies_of_copies_point_to_the_original_and_readding_is_stable() -> None:
    finder = DuplicateFinder()
    finder.add(make_article("a", BASE))
    first = finder.add(make_article("b", BASE))
    second = finder.add(make_article("c", BASE))
    assert first is not None and second is not None
    assert first.original_id == second.original_id == "a"
    assert finder.add(make_article("a", BASE)) is None


def test_a_store_index_finds_what_the_memory_index_finds(tmp_path: Path) -> None:
    edited = BASE.replace("on Monday", "on Monday evening").replace("two years", "three years")
    articles = [make_article("a", BASE), make_article("b", edited), make_article("c", BASE),
                make_article("d", "Heavy rain flooded the coastal road overnight and closed "
                             "two schools in the valley near the old bridge.")]
    here = DuplicateFinder(threshold=0.6)
    with Store(tmp_path / "d.db") as store:
        there = DuplicateFinder(threshold=0.6, index=store)
        # sketches made in another process are the same: the sketcher travels by pickle
        sketcher = pickle.loads(pickle.dumps(there.sketcher))
        found = [there.add_sketch(a.id, sketcher.sketch(a)) for a in articles]
    assert found == [here.add(a) for a in articles]
    assert [d.original_id if d else None for d in found] == [None, "a", "a", None]
