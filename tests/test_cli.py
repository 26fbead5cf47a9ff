"""Tests of the command line (in process with typer's CliRunner, and as a real subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app

runner = CliRunner()

_SCRIPT = Path(sys.executable).parent / "newsweave"
NEWSWEAVE = (
    [str(_SCRIPT)] if _SCRIPT.exists()
    else [sys.executable, "-c", "from newsweave.cli import main; main()"]
)


def _summary_words(data: dict) -> int:  # type: ignore[type-arg]
    return sum(len(s["span"]["text"].split()) for s in data["summary"])


def test_help() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "brief" in result.stdout


def test_help_as_subprocess() -> None:
    proc = subprocess.run([*NEWSWEAVE, "--help"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert proc.returncode == 0
    assert "brief" in proc.stdout


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert "newsweave" in result.stdout


def test_brief_json_to_folder(example_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["brief", str(example_dir), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    target = out / "brief.json"
    assert target.is_file()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["articles"]) == 5
    assert data["summary"]


def test_brief_markdown_to_stdout(example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "## Summary" in result.stdout


def test_brief_html_to_file(example_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "html"
    result = runner.invoke(app, ["brief", str(example_dir), "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "brief.html").read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")


def test_brief_html_to_named_file(example_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = runner.invoke(app, ["brief", str(example_dir), "--format", "html", "--out",
                                 str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_word_budget(example_dir: Path) -> None:
    sizes = {}
    for words in (40, 200):
        result = runner.invoke(app, ["brief", str(example_dir), "--format", "json", "--words",
                                     str(words)])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["settings"]["summary"]["words"] == words
        sizes[words] = _summary_words(data)
    assert sizes[40] < sizes[200]
    assert sizes[200] <= 200


@pytest.mark.parametrize(
    ("command", "kept", "emptied"),
    [
        ("quotes", ["quotes", "quote_groups"], ["summary", "reuse", "conflicts"]),
        ("reuse", ["reuse"], ["summary", "quotes", "conflicts"]),
        ("conflicts", ["facts", "conflicts"], ["summary", "quotes", "reuse"]),
    ],
)
def test_part_commands(example_dir: Path, command: str, kept: list[str],
                       emptied: list[str]) -> None:
    result = runner.invoke(app, [command, str(example_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in kept:
        assert data[key], key
    for key in emptied:
        assert data[key] == [], key
    assert len(data["articles"]) == 5


def test_part_command_markdown(example_dir: Path) -> None:
    result = runner.invoke(app, ["quotes", str(example_dir), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "Okafor" in result.stdout


def test_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert isinstance(schema, dict)
    assert "properties" in schema or "$defs" in schema


def test_stdin(example_dir: Path) -> None:
    data = (example_dir / "01-courier.txt").read_bytes()
    proc = subprocess.run([*NEWSWEAVE, "brief", "-", "--format", "json"], input=data,
                          capture_output=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    brief = json.loads(proc.stdout)
    assert [a["input"] for a in brief["articles"]] == ["<stdin>"]
    assert brief["articles"][0]["title"].startswith("Families demand answers")


def test_stdin_in_process(example_dir: Path) -> None:
    data = (example_dir / "05-radio.txt").read_bytes()
    result = runner.invoke(app, ["brief", "-", "--format", "json"], input=data)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"][0]["input"] == "<stdin>"


@pytest.mark.parametrize("words", ["0", "-5", "abc"])
def test_bad_words_is_usage_error(example_dir: Path, words: str) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--words", words])
    assert result.exit_code == 2


def test_unknown_option_is_usage_error(example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--no-such-option"])
    assert result.exit_code == 2


def test_no_usable_input_exit_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    env = {**os.environ, "COLUMNS": "300"}
    proc = subprocess.run([*NEWSWEAVE, "brief", str(empty), "--format", "json"],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert proc.returncode == 1
    assert "empty.txt" in proc.stderr
