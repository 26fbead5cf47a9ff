"""The hand-written conflict pairs of ``benchmarks/data/conflict_pairs.jsonl`` are well-formed."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

PAIRS = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "conflict_pairs.jsonl"
LABELS = {"agree", "contradiction", "update_over_time", "compatible"}
# Every category can hold each of the four labels (a changed role, a moved venue and a
# corrected name are updates as much as a rising toll), and the set must show each of them.
ALLOWED = {
    category: LABELS
    for category in ("number", "date_time", "ordinal", "role_title", "name", "place", "negation")
}
KEYS = {"id", "category", "label", "a", "b", "note"}


def _pairs() -> list[dict[str, Any]]:
    records = []
    for number, line in enumerate(PAIRS.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            record = json.loads(line)
            assert isinstance(record, dict), f"line {number} is not an object"
            records.append(record)
    return records


@pytest.fixture(scope="module")
def pairs() -> list[dict[str, Any]]:
    """Every record of the pairs file."""
    return _pairs()


def test_records_have_the_documented_fields(pairs: list[dict[str, Any]]) -> None:
    for record in pairs:
        assert set(record) == KEYS, record.get("id")
        assert isinstance(record["note"], str) and record["note"].strip(), record["id"]
        for side in ("a", "b"):
            assert set(record[side]) == {"text", "date"}, record["id"]
            text, date = record[side]["text"], record[side]["date"]
            assert isinstance(text, str) and text.strip() == text and text, record["id"]
            if date is not None:
                dt.date.fromisoformat(date)
        assert record["a"]["text"] != record["b"]["text"], record["id"]


def test_ids_are_unique_and_enough_pairs(pairs: list[dict[str, Any]]) -> None:
    ids = Counter(record["id"] for record in pairs)
    assert [i for i, n in ids.items() if n > 1] == []
    assert len(pairs) >= 60


def test_labels_and_categories_are_valid_and_all_present(pairs: list[dict[str, Any]]) -> None:
    seen = Counter((record["category"], record["label"]) for record in pairs)
    for record in pairs:
        assert record["category"] in ALLOWED, record["id"]
        assert record["label"] in ALLOWED[record["category"]], record["id"]
    missing = [(c, lab) for c, labels in ALLOWED.items() for lab in sorted(labels)
               if not seen[(c, lab)]]
    assert missing == []


def test_updates_are_decided_by_dates(pairs: list[dict[str, Any]]) -> None:
    for record in pairs:
        if record["label"] == "update_over_time":
            a, b = record["a"]["date"], record["b"]["date"]
            assert a is not None and b is not None and a != b, record["id"]
