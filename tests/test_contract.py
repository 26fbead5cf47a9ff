"""The brief's contract: JSON that reads back, a versioned schema that lists every field, the
same brief however the articles were analysed (one process, two, several threads), stages run
by need, settings recorded and overridable (issue 15)."""

from __future__ import annotations

import json
import pickle
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import newsweave
from newsweave.analysis import ArticleAnalysis, analyse_articles
from newsweave.cli import app
from newsweave.ingest import load_articles
from newsweave.model import BRIEF_PARTS, SCHEMA_VERSION, Article, Brief
from newsweave.pipeline import brief_from_analyses, build_brief
from newsweave.report.json import brief_schema
from newsweave.settings import Settings
from newsweave.stages import STAGES, plan

runner = CliRunner()


def _articles(path: Path) -> list[Article]:
    return load_articles([str(path)]).articles


# ---- JSON round trip and schema ----------------------------------------------------------


@pytest.mark.parametrize("cluster", ["example", "emmys"])
def test_brief_round_trips_through_json(
    cluster: str, example_brief: Brief, emmys_brief: Brief
) -> None:
    brief = example_brief if cluster == "example" else emmys_brief
    text = brief.to_json()
    again = Brief.model_validate_json(text)
    assert again == brief
    assert again.to_json() == text


def test_computed_fields_are_in_the_json(emmys_brief: Brief) -> None:
    data = json.loads(emmys_brief.to_json())
    article = data["articles"][0]
    assert article["words"] == emmys_brief.articles[0].words > 0
    quote = data["quotes"][0]
    assert quote["text"] == emmys_brief.quotes[0].text
    assert "speaker_as_written" in quote
    fact = data["facts"][0]
    assert fact["support"] == len(fact["articles"])
    group = data["quote_groups"][0]
    assert group["articles"] == list(dict.fromkeys(w["article_id"] for w in group["witnesses"]))
    assert all(not s["agreed"] for s in group["variants"])


def _schema_node(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _check(schema: dict[str, Any], node: dict[str, Any], value: Any, where: str) -> None:
    """Every key of ``value`` is declared by the schema node, every required key present."""
    node = _schema_node(schema, node)
    for option in node.get("anyOf", []):
        option = _schema_node(schema, option)
        if option.get("type") == "null" and value is None:
            return
        if option.get("type") != "null":
            node = option
    if isinstance(value, dict) and "properties" in node:
        unknown = set(value) - set(node["properties"])
        assert not unknown, f"{where}: keys not in the schema: {unknown}"
        missing = set(node.get("required", [])) - set(value)
        assert not missing, f"{where}: required keys missing: {missing}"
        for key, item in value.items():
            _check(schema, node["properties"][key], item, f"{where}.{key}")
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for k, item in enumerate(value):
            _check(schema, node["items"], item, f"{where}[{k}]")


def test_schema_is_versioned_and_describes_every_field(emmys_brief: Brief) -> None:
    schema = brief_schema()
    assert schema["version"] == SCHEMA_VERSION == emmys_brief.schema_version
    assert SCHEMA_VERSION in schema["$id"]
    data = json.loads(emmys_brief.to_json())
    _check(schema, schema, data, "brief")
    article = _schema_node(schema, schema["properties"]["articles"]["items"])
    assert article["properties"]["words"].get("readOnly") is True


def test_schema_check_catches_an_undeclared_field(emmys_brief: Brief) -> None:
    data = json.loads(emmys_brief.to_json())
    data["articles"][0]["undeclared"] = 1
    with pytest.raises(AssertionError, match="undeclared"):
        _check(brief_schema(), brief_schema(), data, "brief")


def test_schema_command_prints_the_versioned_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["version"] == SCHEMA_VERSION


def test_a_brief_cites_only_what_it_holds(emmys_brief: Brief) -> None:
    assert emmys_brief.missing_references() == []
    dangling = emmys_brief.model_copy(update={"quotes": ()})
    assert any(ref.startswith("quote ") for ref in dangling.missing_references())


# ---- the same brief however the work is split ----------------------------------------


def _analyse(articles: list[Article]) -> bytes:
    return pickle.dumps(analyse_articles(articles, Settings()))


def test_analyses_are_picklable(example_dir: Path) -> None:
    analyses = analyse_articles(_articles(example_dir))
    again: list[ArticleAnalysis] = pickle.loads(pickle.dumps(analyses))
    assert [a.article for a in again] == [a.article for a in analyses]
    assert brief_from_analyses(again).to_json() == brief_from_analyses(analyses).to_json()


def test_two_halves_analysed_in_two_processes_give_the_same_brief(emmys_dir: Path) -> None:
    articles = _articles(emmys_dir)
    whole = build_brief(articles)
    halves = [articles[: len(articles) // 2], articles[len(articles) // 2 :]]
    with ProcessPoolExecutor(max_workers=2) as pool:
        parts = [pickle.loads(blob) for blob in pool.map(_analyse, halves)]
    merged = brief_from_analyses([a for part in parts for a in part])
    assert merged.to_json() == whole.to_json()


def test_briefs_in_threads_equal_briefs_one_at_a_time(emmys_dir: Path, example_dir: Path) -> None:
    inputs = [[str(emmys_dir)], [str(example_dir)]] * 3
    alone = [newsweave.brief(paths).to_json() for paths in inputs]
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(lambda paths: newsweave.brief(paths).to_json(), inputs))
    assert together == alone


def test_analyses_made_with_other_settings_are_refused(example_dir: Path) -> None:
    analyses = analyse_articles(_articles(example_dir),
                                Settings.from_overrides({"reuse.seed_words": 8}))
    with pytest.raises(newsweave.SettingsError, match="other settings"):
        brief_from_analyses(analyses, Settings())


# ---- stages and focused commands ------------------------------------------------------


def test_every_brief_part_has_a_stage_and_every_read_a_writer() -> None:
    written = {stage.writes for stage in STAGES}
    assert set(BRIEF_PARTS) <= written
    for stage in STAGES:
        assert set(stage.reads) <= written, stage.name
        if stage.settings is not None:
            assert stage.settings in Settings.model_fields, stage.name


def test_plan_runs_only_what_a_part_needs() -> None:
    assert [s.name for s in plan(["reuse"])] == ["reuse"]
    assert [s.name for s in plan(["conflicts"])] == ["index", "conflicts"]
    assert {s.name for s in plan(["quote_groups"])} == {"quotes", "reuse", "quote_groups"}
    assert [s.writes for s in plan(BRIEF_PARTS)] == [s.writes for s in STAGES]
    with pytest.raises(ValueError, match="no stage writes"):
        plan(["nonsense"])


@pytest.mark.parametrize("command,parts", [
    ("quotes", ("quotes", "quote_groups", "transcripts", "reported_speech")),
    ("reuse", ("reuse",)),
    ("conflicts", ("facts", "conflicts")),
])
def test_focused_commands_hold_their_parts_and_cite_only_what_they_hold(
    command: str, parts: tuple[str, ...], emmys_dir: Path
) -> None:
    result = runner.invoke(app, [command, str(emmys_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    brief = Brief.model_validate_json(result.stdout)
    assert brief.parts == parts
    assert brief.missing_references() == []
    for part in BRIEF_PARTS:
        if part not in parts:
            assert getattr(brief, part) == (), part
    assert any(getattr(brief, part) for part in parts)


# ---- settings --------------------------------------------------------------------------


def test_set_and_settings_file_override_and_are_recorded(
    example_dir: Path, tmp_path: Path
) -> None:
    file = tmp_path / "settings.toml"
    file.write_text("[summary]\nwords = 30\n[facts]\nsimilarity = 0.4\n", encoding="utf-8")
    result = runner.invoke(app, ["brief", str(example_dir), "--format", "json", "--settings",
                                 str(file), "--set", "summary.words=45"])
    assert result.exit_code == 0, result.output
    recorded = json.loads(result.stdout)["settings"]
    assert recorded["summary"]["words"] == 45  # --set wins over the file
    assert recorded["facts"]["similarity"] == 0.4
    assert recorded["conflicts"]["min_similarity"] == Settings().conflicts.min_similarity


@pytest.mark.parametrize("assignment", ["summary.wrds=3", "summary.words=3", "nonsense"])
def test_bad_setting_is_a_usage_error_naming_it(assignment: str, example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--set", assignment])
    assert result.exit_code == 2
    assert assignment.split("=")[0] in result.output


def test_settings_command_lists_every_setting() -> None:
    result = runner.invoke(app, ["settings"])
    assert result.exit_code == 0
    for name in Settings.names():
        assert name in result.stdout


def test_settings_change_what_the_stages_do(example_dir: Path) -> None:
    articles = _articles(example_dir)
    default = build_brief(articles)
    strict = build_brief(articles, Settings.from_overrides({"conflicts.min_similarity": 0.99,
                                                            "summary.redundancy": 0.05}))
    assert default.conflicts != strict.conflicts or default.summary != strict.summary
