"""Corpus mode: a stream of articles in, events and their briefs out, kept in an embedded store.

The run, in order:

1. **Read** every input (:func:`newsweave.corpus.readers.iter_stream`) as a stream, a batch at
   a time: each record is an article or a skipped record with its reason; articles already in
   the store are passed over (running twice on the same input changes nothing).
2. **Order**: the new articles in the order they arrive (inputs in the order given, records in
   file order): a stream arrives in date order, and an online pass takes it as it comes, so
   ``corpus add B`` after ``corpus A`` gives the same events as one run over A then B.
3. **Per-article work** (pure, wherever ``compute`` runs it, a whole batch per call and the next
   batch read while one is worked on): event features and the duplicate sketch.
4. **Duplicates** (:class:`~newsweave.corpus.dedup.DuplicateFinder` over the index the store
   keeps, to which each run adds its originals): a copy joins its original's event and is not
   counted as an independent report.
5. **Events** (:class:`~newsweave.corpus.events.OnlineEvents`, its state read from the store):
   every other article joins an event or starts one, in order of arrival.  Articles,
   memberships, the duplicate index and the clusterer's state are committed together, one
   batch at a time, so a run killed at any point leaves the store as it was after the last
   whole batch and the next run redoes only the rest.
6. **Briefs**: every event with at least ``corpus.min_articles`` articles whose member set
   changed since its last brief is briefed again (the pipeline over its articles); the others
   are left as they are.

Sequential by design: the online assignment depends on the order of arrival.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from newsweave.corpus.compute import Compute, InProcess
from newsweave.corpus.dedup import DedupSketch, DedupSketcher, DuplicateFinder
from newsweave.corpus.events import EventFeatures, OnlineEvents, event_features
from newsweave.corpus.index import write_event_briefs
from newsweave.corpus.readers import iter_stream
from newsweave.corpus.store import Store, member_signature
from newsweave.model import Article, Brief, Skipped
from newsweave.pipeline import build_brief
from newsweave.settings import EventSettings, Settings

_STATE_KEY = "events"
_DEDUP_KEY = "dedup"  # the scheme the store's duplicate index was built with

Progress = Callable[[str, int, int | None], None]


@dataclass
class CorpusReport:
    """What one run did: the accounting printed at its end and kept in the store's run log."""

    read: int = 0
    already_stored: int = 0
    added: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    events_total: int = 0
    events_changed: int = 0
    briefs_written: int = 0
    skipped_records: list[Skipped] = field(default_factory=list)

    def counts(self) -> dict[str, object]:
        """Return the accounting as plain data (for the run log and ``--format json``)."""
        return {"read": self.read, "already_stored": self.already_stored, "added": self.added,
                "duplicates": self.duplicates, "skipped": dict(sorted(self.skipped.items())),
                "events": self.events_total, "events_changed": self.events_changed,
                "briefs_written": self.briefs_written}


def _order_key(article: Article) -> tuple[int, str, str]:
    return (0, article.date.isoformat(), article.id) if article.date else (1, "", article.id)


def _brief_job(job: tuple[list[Article], Settings]) -> str:
    """One event's brief as JSON (a pure task: it may run on a Dask worker)."""
    articles, settings = job
    return build_brief(articles, settings).to_json(indent=None)


def _prepare(article: Article, *, settings: EventSettings, sketcher: DedupSketcher
             ) -> tuple[EventFeatures, DedupSketch]:
    """The per-article work (a pure task: it may run on a Dask worker): the article's event
    features and its duplicate sketch."""
    return event_features(article, settings), sketcher.sketch(article)


def _dedup_finder(store: Store, settings: Settings) -> DuplicateFinder:
    """The duplicate finder over the store's index; the index is rebuilt from the stored
    articles only when it was made under another scheme (other settings) or by a store
    version that kept none."""
    corpus = settings.corpus
    finder = DuplicateFinder(corpus.near_duplicate_jaccard, settings.reuse.shingle_words,
                             settings.reuse.minhash_perm, index=store)
    scheme = finder.sketcher.scheme()
    if store.load_state(_DEDUP_KEY) != scheme:
        with store.transaction():
            store.clear_dedup()
            for stored in store.articles():  # the copies' originals may be in earlier runs
                finder.add(stored)
            store.save_state(_DEDUP_KEY, scheme)
    return finder


def run_corpus(
    inputs: Sequence[str], store: Store, settings: Settings | None = None,
    progress: Progress | None = None, compute: Compute | None = None,
) -> CorpusReport:
    """Read ``inputs`` into ``store``, assign new articles to events, re-brief changed events.

    Takes the inputs (files, folders, globs: JSON Lines, gzip, WARC, Parquet, text, HTML), an
    open store, the settings, an optional progress callback ``(stage, done, total)`` (total
    None while the stream is still being read) and where to compute the per-article work
    (event features, duplicate sketches) and the briefs (default: this process).
    Returns the run's accounting; the run log in the store holds the same.
    """
    settings = settings or Settings()
    compute = compute or InProcess()
    report = CorpusReport()
    run_id = store.start_run(list(inputs))
    corpus = settings.corpus
    finder = _dedup_finder(store, settings)
    state = store.load_state(_STATE_KEY)
    event_settings = settings.events
    events = (OnlineEvents.from_state(event_settings, state) if state is not None
              else OnlineEvents(event_settings))
    memberships = store.memberships()
    known = {e.id: e for e in store.events()}
    ranges: dict[str, list[dt.date | None]] = {
        e.id: [e.first_date, e.last_date] for e in known.values()}
    titles = {e.id: e.title for e in known.values()}
    changed: set[str] = set()

    def batches() -> Iterator[list[Article]]:
        """The new articles in order of arrival, a batch at a time, read as they are needed.
        The clusterer's state, saved with every batch, grows with the events: batches that
        grow with the store (a quarter of it) keep the total cost of saving it linear."""
        seen: set[str] = set()
        stored = len(memberships)
        batch: list[Article] = []
        for record in iter_stream(inputs, settings):
            if isinstance(record, Skipped):
                report.skipped[record.code] += 1
                report.skipped_records.append(record)
                continue
            report.read += 1
            if record.id in seen or store.has_article(record.id):
                report.already_stored += 1
                continue
            seen.add(record.id)
            batch.append(record)
            if len(batch) >= max(corpus.batch_articles, stored // 4):
                yield batch
                stored += len(batch)
                batch = []
        if batch:
            yield batch

    prepare = partial(_prepare, settings=event_settings, sketcher=finder.sketcher)
    for batch, prepared in compute.map_batches(prepare, batches()):
        duplicates: list[tuple[str, str, float]] = []
        with store.transaction():
            store.add_articles(batch)
            for article, (article_features, sketch) in zip(batch, prepared, strict=True):
                duplicate = finder.add_sketch(article.id, sketch)
                if duplicate is not None:
                    event_id = events.resolve(memberships[duplicate.original_id])
                    duplicates.append((article.id, duplicate.original_id, duplicate.jaccard))
                else:
                    event_id = events.add(article_features)
                memberships[article.id] = event_id
                changed.add(event_id)
                span = ranges.setdefault(event_id, [None, None])
                if article.date is not None:
                    span[0] = min(filter(None, (span[0], article.date)))
                    span[1] = max(filter(None, (span[1], article.date)))
                titles[event_id] = titles.get(event_id) or article.title
            store.add_duplicates(duplicates)
            store.set_memberships((a.id, memberships[a.id]) for a in batch)
            store.put_events((e, titles.get(e), ranges[e][0], ranges[e][1])
                             for e in sorted({memberships[a.id] for a in batch}))
            store.save_state(_STATE_KEY, events.state())
        report.added += len(batch)
        report.duplicates += len(duplicates)
        if progress is not None:
            progress("events", report.added, None)

    # Two events that one article showed to be the same were merged; their articles now
    # belong to the surviving event (also repairs a run killed before it got here).
    resolved = {a: events.resolve(e) for a, e in memberships.items()}
    moved = {a: e for a, e in resolved.items() if e != memberships[a]}
    if moved:
        emptied = {memberships[a] for a in moved} - set(moved.values())
        with store.transaction():
            for article_id, event_id in sorted(moved.items()):
                store.set_membership(article_id, event_id)
                changed.add(event_id)
            for event_id in sorted(emptied):
                store.drop_event(event_id)
        memberships.update(moved)
    members: dict[str, list[str]] = {}
    for article_id, event_id in memberships.items():
        members.setdefault(event_id, []).append(article_id)
    report.events_total = len(members)
    report.events_changed = len(changed)
    context = json.dumps(settings.as_record(), sort_keys=True)
    signature = {e: member_signature(ids, context) for e, ids in members.items()
                 if len(ids) >= corpus.min_articles}
    due = [e for e in sorted(signature) if store.brief_signature(e) != signature[e]]
    step = max(1, corpus.batch_articles // 10)
    for start in range(0, len(due), step):
        chunk = due[start : start + step]
        jobs = [(sorted(store.event_articles(e), key=_order_key), settings) for e in chunk]
        for event_id, text in zip(chunk, compute.map(_brief_job, jobs), strict=True):
            store.put_brief(event_id, text, signature[event_id])
            report.briefs_written += 1
        if progress is not None:
            progress("briefs", report.briefs_written, len(due))
    store.finish_run(run_id, report.counts(), "finished")
    return report


def write_outputs(store: Store, out: Path) -> list[Path]:
    """Write every stored brief as JSON and HTML under ``out``, with ``events.json`` and an
    ``index.html`` linking them; return the files written."""
    briefs = ((event_id, Brief.model_validate_json(text)) for event_id, text in store.briefs())
    return write_event_briefs(briefs, out)
