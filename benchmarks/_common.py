"""Helpers shared by the benchmarks: paths, building articles, running an official scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from newsweave.ingest import read_text
from newsweave.model import Article, Skipped
from newsweave.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"


def read_article(
    stem: str, raw: str, settings: Settings | None = None
) -> tuple[list[Article], list[Skipped]]:
    """Read one article's raw text as newsweave's ingest does for a file named ``<stem>.txt``.

    Takes the article's id (used as the file stem, so the Article's id is ``stem``), its text
    and optional settings; returns the articles read (their ``text`` is ``raw`` unchanged, so
    offsets index it) and what ingest skipped, with its reasons.
    """
    result = read_text(f"{stem}.txt", raw, settings)
    return result.articles, result.skipped


def run_scorer(cmd: list[str], json_path: Path) -> tuple[dict[str, Any], str]:
    """Run an official scorer (``cmd`` without the interpreter) writing ``--json json_path``.

    Returns the JSON it wrote and its printed output; raises RuntimeError when it fails.
    """
    proc = subprocess.run([sys.executable, *cmd, "--json", str(json_path)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"scorer {Path(cmd[0]).name} failed: {proc.stderr.strip()[-500:]}")
    result: dict[str, Any] = json.loads(json_path.read_text(encoding="utf-8"))
    return result, proc.stdout


def pct(value: Any) -> str:
    """A fraction as a percentage with one decimal, or n/a."""
    return "  n/a" if value is None else f"{100 * value:5.1f}"
