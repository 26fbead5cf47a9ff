"""The ``nlp`` extra: spaCy's parse attributes what the rules cannot (skipped without spaCy)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsweave.ingest import read_text
from newsweave.quotes import extract_quotes

TEXT = (
    "Governor Ann Lee unveiled the housing plan at the state capitol on Tuesday morning.\n\n"
    "The governor (who had spent the morning with donors) insisted that the plan “will protect "
    "every family in the state.”\n\n"
)



def test_rules_alone_leave_the_quote_unattributed() -> None:
    article = read_text("plan.txt", TEXT).articles[0]
    quotes, _ = extract_quotes(article)
    assert len(quotes) == 1
    assert quotes[0].speaker is None


def test_parse_finds_the_subject_of_the_speech_verb(nlp: Any) -> None:
    article = read_text("plan.txt", TEXT).articles[0]
    quotes, _ = extract_quotes(article, nlp=nlp)
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.rule == "dependency"
    assert quote.cue is not None and quote.cue.text == "insisted"
    assert quote.speaker_span is not None and quote.speaker_span.text == "The governor"
    assert quote.speaker == "Ann Lee"


# ---- the nlp path through the pipeline and the command line (issue 15) ----------------


def test_pipeline_with_use_nlp_attributes_from_the_parse(nlp: Any) -> None:
    from newsweave.pipeline import build_brief, load_nlp
    from newsweave.settings import Settings

    article = read_text("plan.txt", TEXT).articles[0]
    rules = build_brief([article])
    parsed = build_brief([article], Settings.from_overrides({"use_nlp": True}))
    assert [q.speaker for q in rules.quotes] == [None]
    assert [(q.speaker, q.rule) for q in parsed.quotes] == [("Ann Lee", "dependency")]
    assert parsed.settings.use_nlp is True
    assert any(e.name == "Ann Lee" and e.kind == "person" for e in parsed.entities)
    assert load_nlp() is load_nlp()  # loaded once per process


def test_cli_nlp_option_reaches_the_quote_stage(nlp: Any, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsweave.cli import app
    from newsweave.model import Brief

    source = tmp_path / "plan.txt"
    source.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    for args in (["brief", "--nlp"], ["quotes", "--nlp"], ["brief", "--set", "use_nlp=true"]):
        result = runner.invoke(app, [*args, str(source), "--format", "json"])
        assert result.exit_code == 0, result.output
        brief = Brief.model_validate_json(result.stdout)
        assert [q.speaker for q in brief.quotes] == ["Ann Lee"], args
