"""Corpus mode: a stream of articles grouped into events, each event briefed."""

from newsweave.corpus.events import (
    EventFeatures,
    EventSettings,
    OnlineEvents,
    cluster_events,
    event_features,
)

__all__ = ["EventFeatures", "EventSettings", "OnlineEvents", "cluster_events", "event_features"]
