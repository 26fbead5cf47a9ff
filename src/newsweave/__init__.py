"""newsweave: many news articles about one event → one sourced brief.

>>> import newsweave
>>> brief = newsweave.brief(["examples/river-festival"])        # doctest: +SKIP
>>> print(brief.to_markdown())                                   # doctest: +SKIP

Every item of a brief points back to the article and character span it came from.
"""

from __future__ import annotations

from typing import Any, BinaryIO

__version__ = "0.1.0"

from newsweave.errors import NewsweaveError, NoArticlesError, SettingsError
from newsweave.model import Article, Brief
from newsweave.settings import Settings


def brief(
    inputs: list[str], settings: dict[str, Any] | Settings | None = None,
    stdin: BinaryIO | None = None,
) -> Brief:
    """Read the articles that ``inputs`` name (files, folders, globs, ``-``) and brief them.

    ``settings`` overrides defaults by name (unknown names raise SettingsError).  Inputs that
    cannot be used are listed in ``Brief.skipped``; raises NoArticlesError if none can.
    """
    from newsweave.ingest import load_articles
    from newsweave.pipeline import brief_from_ingest

    resolved = settings if isinstance(settings, Settings) else Settings.from_overrides(settings)
    return brief_from_ingest(load_articles(inputs, resolved, stdin=stdin), resolved)


__all__ = [
    "Article",
    "Brief",
    "NewsweaveError",
    "NoArticlesError",
    "Settings",
    "SettingsError",
    "__version__",
    "brief",
]
