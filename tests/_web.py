"""Helpers of the web tests: a small corpus store and the example's files as uploads."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.corpus.runner import run_corpus
from newsweave.corpus.store import Store
from newsweave.settings import Settings

# Two invented events, each told by two invented outlets.
_BRIDGE = (
    "The Alder Street bridge was closed on {day} after inspectors found a crack in its main "
    "girder. City engineer {engineer} said the bridge would stay shut for {weeks} weeks while "
    "steel plates are fitted. Buses will be diverted over the Mill Road crossing, and {cars} "
    "cars a day will have to find another route. "
)
_BRIDGE_RETOLD = (
    "Inspectors found a crack in the main girder of the Alder Street bridge, which closed on "
    "{day}. Repairs with steel plates will keep it shut for {weeks} weeks, according to city "
    "engineer {engineer}. About {cars} cars a day must take another route and buses will use "
    "the Mill Road crossing. "
)
_LIBRARY = (
    "The new Harbourside library opened its doors on {day} with {books} books on its shelves. "
    "Head librarian {librarian} said the building had a reading garden on the roof and a "
    "maker room with three printers. The library will stay open until nine every weekday. "
)
_LIBRARY_RETOLD = (
    "With {books} books on the shelves, the Harbourside library welcomed its first readers on "
    "{day}. A roof garden for reading and a maker room with three printers are its pride, head "
    "librarian {librarian} said. It stays open until nine on weekdays. "
)


def _record(article_id: str, text: str, source: str, date: str, title: str) -> str:
    return json.dumps({"id": article_id, "text": text, "source": source, "date": date,
                       "title": title})


def corpus_store(folder: Path) -> Path:
    """Build a corpus store of two events in ``folder``; return its path."""
    bridge = dict(day="Monday", engineer="Mara Quist", weeks="six", cars="14,000")
    library = dict(day="Saturday", books="40,000", librarian="Tomas Reyes")
    lines = [
        _record("b1", _BRIDGE.format(**bridge), "Harbour Courier", "2024-05-06",
                "Alder Street bridge closed after crack found"),
        _record("b2", _BRIDGE_RETOLD.format(**bridge), "Evening Post", "2024-05-07",
                "Crack shuts Alder Street bridge for six weeks"),
        _record("l1", _LIBRARY.format(**library), "Harbour Courier", "2024-06-01",
                "Harbourside library opens with 40,000 books"),
        _record("l2", _LIBRARY_RETOLD.format(**library), "Town Radio", "2024-06-02",
                "Readers flock to the new Harbourside library"),
    ]
    stream = folder / "stream.jsonl"
    stream.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = folder / "corpus.db"
    with Store(db) as store:
        run_corpus([str(stream)], store,
                   Settings.from_overrides({"ingest.min_article_words": 5}))
    return db


def example_uploads(example_dir: Path) -> list[tuple[str, tuple[str, bytes]]]:
    """The example's files as ``files`` fields of a multipart request."""
    return [("files", (p.name, p.read_bytes())) for p in sorted(example_dir.iterdir())]
