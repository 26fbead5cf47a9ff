"""The brief as JSON: the versioned schema is the model's (``newsweave schema`` prints it)."""

from __future__ import annotations

import json
from typing import Any

from newsweave.model import SCHEMA_VERSION, Brief


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """Return the brief as plain JSON-ready data (computed fields such as word counts included)."""
    return brief.model_dump(mode="json")


def render_json(brief: Brief, indent: int | None = 2) -> str:
    """Return the brief as JSON text; the same brief always gives the same bytes.

    ``Brief.model_validate_json`` reads it back to an equal brief.
    """
    return json.dumps(brief_to_dict(brief), indent=indent, ensure_ascii=False, sort_keys=False)


def brief_schema() -> dict[str, Any]:
    """Return the JSON Schema of a brief (the document that ``to_json`` produces).

    Computed fields are listed as read-only; the schema names its version (``schema_version``
    of every brief) in ``$id`` and ``version``.
    """
    schema = Brief.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:newsweave:brief:{SCHEMA_VERSION}",
        "version": SCHEMA_VERSION,
        **schema,
    }
