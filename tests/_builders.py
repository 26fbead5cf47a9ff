"""Small builders shared by the tests (plain functions, not fixtures)."""

from __future__ import annotations

import datetime as dt

from newsweave.ingest.layout import Header, build_article
from newsweave.model import Article


def make_article(article_id: str, text: str, date: dt.date | None = None) -> Article:
    """Return a plain-text Article with id ``article_id`` and no header but ``date``."""
    return build_article(article_id=article_id, input_name=f"{article_id}.txt", fmt="text",
                         text=text, header=Header(date=date))
