"""The brief as JSON: the versioned schema is the model's (``newsweave schema`` prints it)."""

from __future__ import annotations

import json
from typing import Any

from newsweave.model import Brief


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """Return the brief as plain JSON-ready data, with each article's word count added."""
    data = brief.model_dump(mode="json")
    for article, record in zip(brief.articles, data["articles"], strict=True):
        record["words"] = article.words
    return data


def render_json(brief: Brief, indent: int | None = 2) -> str:
    """Return the brief as JSON text; the same brief always gives the same bytes."""
    return json.dumps(brief_to_dict(brief), indent=indent, ensure_ascii=False, sort_keys=False)


def brief_schema() -> dict[str, Any]:
    """Return the JSON Schema of a brief (the document that ``to_json`` produces)."""
    return Brief.model_json_schema()
