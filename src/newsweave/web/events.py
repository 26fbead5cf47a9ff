"""The events of a corpus store as the events page and API list them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from newsweave.corpus.store import Store

__all__ = ["EventView", "list_events"]


@dataclass(frozen=True)
class EventView:
    """One event as listed: id, title, date range, number of articles, whether it has a brief."""

    id: str
    title: str
    first_date: dt.date | None
    last_date: dt.date | None
    articles: int
    briefed: bool

    def as_json(self) -> dict[str, object]:
        """The event as plain data (an item of ``GET /api/events``)."""
        return {"id": self.id, "title": self.title,
                "first_date": self.first_date.isoformat() if self.first_date else None,
                "last_date": self.last_date.isoformat() if self.last_date else None,
                "articles": self.articles, "briefed": self.briefed,
                "brief_url": f"/events/{self.id}" if self.briefed else None}


def list_events(db_path: Path, query: str = "", since: dt.date | None = None,
                until: dt.date | None = None) -> list[EventView]:
    """Return the events of the store at ``db_path``, newest first (by last date, then by
    id), those whose title holds every word of ``query`` (any case) and whose dates meet
    the range ``since``–``until`` (an event without dates is kept only without a range)."""
    with Store(db_path) as store:
        records, sizes, briefed = store.events(), store.event_sizes(), store.briefed_events()
    words = query.casefold().split()
    views = []
    for record in records:
        title = record.title or ""
        if any(word not in title.casefold() for word in words):
            continue
        first, last = record.first_date or record.last_date, record.last_date or record.first_date
        if (since or until) and (first is None or last is None):
            continue
        if since and last and last < since:
            continue
        if until and first and first > until:
            continue
        views.append(EventView(record.id, title, record.first_date, record.last_date,
                               sizes.get(record.id, 0), record.id in briefed))
    views.sort(key=lambda v: v.id)
    views.sort(key=lambda v: (v.last_date or v.first_date or dt.date.min), reverse=True)
    return views
