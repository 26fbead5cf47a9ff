"""``newsweave serve`` on the command line (issue #18): options, the store check, the warning
when the server is bound beyond this machine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsweave.cli import app

pytest.importorskip("uvicorn", reason="the web extra (uvicorn) is not installed")

runner = CliRunner()


@pytest.fixture()
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What ``uvicorn.run`` was called with (the server is not started)."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_serve_defaults_to_this_machine_only(started: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    assert started[0]["host"] == "127.0.0.1" and started[0]["port"] == 8000
    assert "warning" not in result.output
    assert started[0]["app"].state.limits.max_request_bytes == 20_000_000


def test_serve_warns_when_bound_elsewhere(started: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--port", "8123",
                                 "--max-request-mb", "5", "--max-files", "3"])
    assert result.exit_code == 0, result.output
    assert "warning" in result.output and "0.0.0.0" in " ".join(result.output.split())
    limits = started[0]["app"].state.limits
    assert (limits.max_request_bytes, limits.max_files) == (5_000_000, 3)


def test_serve_refuses_a_missing_store(started: list[dict[str, Any]], tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no such store" in " ".join(result.output.split()) and not started


def test_serve_refuses_a_bad_setting(started: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve", "--set", "summary.nope=1"])
    assert result.exit_code == 2 and not started


def test_serve_help_teaches() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--db" in result.output and "--port" in result.output
