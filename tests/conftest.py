"""Shared fixtures: the repository root, the two real/example clusters and their briefs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newsweave
from newsweave.model import Brief

REPO_ROOT = Path(__file__).resolve().parents[1]
EMMYS_DIR = REPO_ROOT.parent / "shared" / "data" / "emmys-2020"
EXAMPLE_DIR = REPO_ROOT / "examples" / "river-festival"
EXPECTED_JSON = REPO_ROOT / "examples" / "river-festival.expected.json"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The root of the repository (the folder holding pyproject.toml)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def emmys_dir() -> Path:
    """The five real Emmys 2020 articles in ../shared, next to the repository."""
    if not EMMYS_DIR.is_dir():
        pytest.skip("../shared/data/emmys-2020 not present")
    return EMMYS_DIR


@pytest.fixture(scope="session")
def example_dir() -> Path:
    """The invented river-festival cluster shipped in examples/."""
    return EXAMPLE_DIR


@pytest.fixture(scope="session")
def expected() -> dict[str, Any]:
    """The ground truth of the river-festival cluster."""
    return json.loads(EXPECTED_JSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def emmys_brief(emmys_dir: Path) -> Brief:
    """The brief of the Emmys articles, built once per session."""
    return newsweave.brief([str(emmys_dir)])


@pytest.fixture(scope="session")
def example_brief(example_dir: Path) -> Brief:
    """The brief of the river-festival example, built once per session."""
    return newsweave.brief([str(example_dir)])


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy pipeline of the ``nlp`` extra, loaded once (skips where it is not installed)."""
    from newsweave.analysis import load_nlp
    from newsweave.errors import SettingsError

    try:
        return load_nlp()
    except SettingsError as exc:
        pytest.skip(f"the nlp extra is not installed: {exc}")
