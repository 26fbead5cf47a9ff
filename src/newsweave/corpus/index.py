"""The output of corpus mode: each event's brief as JSON and HTML, and an index of the events.

``events.json`` lists every briefed event (id, title, first and last date, article count,
outlets, the files of its brief); ``index.html`` is a self-contained page linking every brief.
Pure functions of the briefs; :func:`write_event_briefs` is the only one that writes files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

from newsweave.model import Brief
from newsweave.report._common import brief_title, sources


def event_record(event_id: str, brief: Brief) -> dict[str, Any]:
    """Return the index entry of one event: id, title, date range, articles, outlets, files."""
    dates = sorted(a.date.isoformat() for a in brief.articles if a.date)
    return {
        "id": event_id,
        "title": brief_title(brief),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "articles": len(brief.articles),
        "outlets": sources(brief),
        "json": f"{event_id}.json",
        "html": f"{event_id}.html",
    }


def render_index(records: Iterable[dict[str, Any]]) -> str:
    """Return the HTML index page of the events (newest first), every text escaped."""
    ordered = sorted(records, key=lambda r: (r["last_date"] or "", r["id"]), reverse=True)
    rows = "\n".join(
        f"<tr><td><a href=\"{escape(r['html'])}\">{escape(r['title'])}</a></td>"
        f"<td>{escape(r['first_date'] or '?')} – {escape(r['last_date'] or '?')}</td>"
        f"<td>{r['articles']}</td><td>{escape(', '.join(r['outlets']) or '—')}</td>"
        f"<td><a href=\"{escape(r['json'])}\">JSON</a></td></tr>"
        for r in ordered
    )
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>newsweave: events</title><style>body{font-family:system-ui,sans-serif;"
        "margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}"
        "td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}</style></head>"
        f"<body><h1>Events ({len(ordered)})</h1><table><thead><tr><th>Event</th>"
        "<th>Dates</th><th>Articles</th><th>Outlets</th><th>Data</th></tr></thead>"
        f"<tbody>\n{rows}\n</tbody></table></body></html>\n"
    )


def write_event_briefs(briefs: Iterable[tuple[str, Brief]], out: Path) -> list[Path]:
    """Write each ``(event_id, brief)`` as ``<id>.json`` and ``<id>.html`` under ``out``, then
    ``events.json`` and ``index.html``; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    records = []
    for event_id, brief in briefs:
        for suffix, text in ((".json", brief.to_json()), (".html", brief.to_html())):
            path = out / f"{event_id}{suffix}"
            path.write_text(text, encoding="utf-8")
            written.append(path)
        records.append(event_record(event_id, brief))
    index_json = out / "events.json"
    index_json.write_text(json.dumps(records, indent=2, ensure_ascii=False), encoding="utf-8")
    index_html = out / "index.html"
    index_html.write_text(render_index(records), encoding="utf-8")
    return [*written, index_json, index_html]
