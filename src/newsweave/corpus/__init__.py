"""Corpus mode: a stream of articles grouped into events, each event briefed.

``newsweave.corpus.run(inputs, db=...)`` is what ``newsweave corpus`` does; the store
(:class:`Store`) holds the articles, events, memberships, briefs and run log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from newsweave.corpus.compute import compute_for
from newsweave.corpus.events import (
    EventFeatures,
    EventSettings,
    OnlineEvents,
    cluster_events,
    event_features,
)
from newsweave.corpus.runner import CorpusReport, run_corpus, write_outputs
from newsweave.corpus.store import Store
from newsweave.settings import Settings

__all__ = [
    "CorpusReport",
    "EventFeatures",
    "EventSettings",
    "OnlineEvents",
    "Store",
    "cluster_events",
    "event_features",
    "run",
    "run_corpus",
    "write_outputs",
]


def run(
    inputs: Sequence[str], db: str | Path = "newsweave.db",
    settings: Mapping[str, Any] | Settings | None = None, out: str | Path | None = None,
    workers: int | None = None, scheduler: str | None = None,
) -> CorpusReport:
    """Read ``inputs`` into the store ``db``, group new articles into events, brief the events
    that changed, and (with ``out``) write the briefs and the events index; return the run's
    accounting.  The Python face of ``newsweave corpus``: the same store, the same events.

    ``settings`` overrides defaults by dotted name (``{"corpus.min_articles": 3}``); ``workers``
    or ``scheduler`` run the per-item work on Dask.  Raises SettingsError for a bad setting or
    an unreachable scheduler and StoreError for an unusable store.
    """
    resolved = settings if isinstance(settings, Settings) else Settings.from_overrides(settings)
    compute = compute_for(scheduler, workers)
    try:
        with Store(db) as store:
            report = run_corpus(inputs, store, resolved, compute=compute)
            if out is not None:
                write_outputs(store, Path(out))
    finally:
        compute.close()
    return report
