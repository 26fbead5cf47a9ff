"""Corpus mode end to end (issue 16): a stream into a store, events, briefs of changed events;
idempotent reruns, ``corpus add`` equal to one run, kill and resume, the CLI and its index."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.corpus.events import EventSettings, OnlineEvents, event_features
from newsweave.corpus.runner import run_corpus, write_outputs
from newsweave.corpus.store import Store
from newsweave.model import Brief
from newsweave.settings import Settings

runner = CliRunner()

# Two invented events of one kind (two fires in two towns a week apart) and a third story, each
# told by several outlets, plus a wire copy printed twice.
_FIRE = (
    "A fire destroyed the {place} timber mill on {day}, and {n} workers were treated for smoke. "
    "Fire chief {chief} said the blaze started in the drying shed shortly after {hour} o'clock. "
    "Crews from {towns} towns fought the flames for {hours} hours before the roof collapsed. "
    "The owner, {owner}, said the mill employed {staff} people and would be rebuilt. "
)
_FIRE_RETOLD = (
    "{n} workers needed treatment for smoke after flames tore through the {place} timber mill "
    "on {day}. The blaze began in a drying shed soon after {hour} o'clock, according to fire "
    "chief {chief}, and it took crews from {towns} towns {hours} hours to bring it under "
    "control. {owner}, who owns the mill, promised to rebuild and keep its {staff} jobs. "
)
_VOTE_RETOLD = (
    "A housing developer will buy the old ferry terminal after the harbour board backed the "
    "sale on {day}. The money will pay for two new electric ferries, board chair {chair} told "
    "reporters. Opponents had wanted a public market there; the developer plans {homes} homes "
    "and a park by the water. "
)
_VOTE = (
    "The harbour board voted to sell the old ferry terminal to a housing developer on {day}. "
    "Board chair {chair} said the sale would raise money for two new electric ferries. "
    "Residents who opposed the sale said the terminal should become a public market. "
    "The developer plans {homes} homes and a waterfront park on the site. "
)


def _record(article_id: str, text: str, source: str, date: str) -> str:
    return json.dumps({"id": article_id, "text": text, "source": source, "date": date,
                       "title": text.split(",")[0]})


def _stream(tmp_path: Path) -> tuple[Path, Path]:
    north = dict(place="Northwick", day="Monday", n="three", chief="Ann Ortega", hour="six",
                 towns="four", hours="five", owner="Peter Lund", staff="eighty")
    south = dict(place="Southby", day="Tuesday", n="two", chief="Raj Malhotra", hour="nine",
                 towns="two", hours="three", owner="Grace Okoro", staff="forty")
    first = [
        _record("n1", _FIRE.format(**north), "Courier", "2024-03-04"),
        _record("v1", _VOTE.format(day="Monday", chair="Lena Berg", homes="120"), "Times",
                "2024-03-04"),
        _record("n2", _FIRE_RETOLD.format(**north), "Post", "2024-03-05"),
        _record("v2", _VOTE_RETOLD.format(day="Monday", chair="Lena Berg", homes="120"),
                "Herald", "2024-03-05"),
    ]
    second = [
        _record("s1", _FIRE.format(**south), "Courier", "2024-03-12"),
        _record("s2", _FIRE_RETOLD.format(**south), "Gazette", "2024-03-12"),
        _record("n3", _FIRE.format(**north), "Wire copy", "2024-03-13"),  # a copy of n1
    ]
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("\n".join(first) + "\n", encoding="utf-8")
    b.write_text("\n".join(second) + "\n", encoding="utf-8")
    return a, b


def _settings(**extra: object) -> Settings:
    return Settings.from_overrides({"ingest.min_article_words": 5, **extra})


def test_stream_into_events_and_briefs(tmp_path: Path) -> None:
    a, b = _stream(tmp_path)
    with Store(tmp_path / "c.db") as store:
        report = run_corpus([str(a), str(b)], store, _settings())
        members = store.memberships()
        assert report.read == report.added == 7 and report.duplicates == 1
        assert members["n3"] == members["n1"]  # the copy joins its original's event
        assert members["n1"] == members["n2"] != members["s1"] == members["s2"]
        assert members["v1"] == members["v2"] not in {members["n1"], members["s1"]}
        assert report.events_total == 3 and report.briefs_written == 3
        assert store.duplicates()["n3"][0] == "n1"
        for event_id, text in store.briefs():
            brief = Brief.model_validate_json(text)
            assert {a.id for a in brief.articles} == {
                k for k, v in members.items() if v == event_id}


def test_rerun_changes_nothing_and_add_equals_one_run(tmp_path: Path) -> None:
    a, b = _stream(tmp_path)
    with Store(tmp_path / "one.db") as one:
        run_corpus([str(a), str(b)], one, _settings())
        single = one.memberships()
    with Store(tmp_path / "two.db") as two:
        run_corpus([str(a)], two, _settings())
        added = run_corpus([str(b)], two, _settings())
        assert added.added == 3
        again = run_corpus([str(a), str(b)], two, _settings())
        assert (again.added, again.already_stored, again.briefs_written) == (0, 7, 0)
        assert two.memberships() == single
        # a batch re-clustering of the stored articles in stored order gives the same events
        stored = [x for x in two.articles() if x.id not in two.duplicates()]
        events = OnlineEvents(EventSettings())
        batch = {x.id: events.add(event_features(x, EventSettings())) for x in stored}
        batch = {k: events.resolve(v) for k, v in batch.items()}
        assert batch == {k: v for k, v in single.items() if k in batch}


def test_a_version_1_store_is_upgraded_and_its_duplicate_index_built(tmp_path: Path) -> None:
    a, b = _stream(tmp_path)
    with Store(tmp_path / "one.db") as one:
        run_corpus([str(a), str(b)], one, _settings())
        single = one.memberships()
    old = tmp_path / "old.db"
    with Store(old) as store:
        run_corpus([str(a)], store, _settings())
    with sqlite3.connect(old) as conn:  # what a version 1 store holds: no duplicate index
        for table in ("dedup_exact", "dedup_bands", "dedup_shingles"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DELETE FROM state WHERE key = 'dedup'")
        conn.execute("UPDATE schema_version SET version = 1")
    conn.close()
    with Store(old) as store:
        report = run_corpus([str(b)], store, _settings())
        assert report.duplicates == 1 and store.duplicates()["n3"][0] == "n1"
        assert store.memberships() == single


def test_only_changed_events_are_briefed_again(tmp_path: Path) -> None:
    a, b = _stream(tmp_path)
    with Store(tmp_path / "c.db") as store:
        run_corpus([str(a)], store, _settings())
        vote = store.memberships()["v1"]
        before = dict(store.briefs())[vote]
        report = run_corpus([str(b)], store, _settings())
        assert report.briefs_written == 2  # the new south fire, and north with its copy
        assert dict(store.briefs())[vote] == before


def test_cli_writes_briefs_and_index_and_lists_events(tmp_path: Path) -> None:
    a, b = _stream(tmp_path)
    db, out = tmp_path / "c.db", tmp_path / "out"
    result = runner.invoke(app, ["corpus", str(a), "--db", str(db), "--out", str(out),
                                 "--set", "ingest.min_article_words=5", "--quiet"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["events"] == 2
    result = runner.invoke(app, ["corpus", "add", str(b), "--db", str(db), "--out", str(out),
                                 "--set", "ingest.min_article_words=5", "--quiet"])
    assert result.exit_code == 0, result.output
    index = json.loads((out / "events.json").read_text(encoding="utf-8"))
    assert len(index) == 3 and all((out / r["html"]).exists() for r in index)
    assert "Northwick" in (out / "index.html").read_text(encoding="utf-8")
    listed = runner.invoke(app, ["events", "--db", str(db)])
    assert listed.exit_code == 0 and listed.stdout.count("brief") == 3


def test_cli_errors_name_the_store(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["corpus", "add", "x.jsonl", "--db", str(tmp_path / "no.db")])
    assert missing.exit_code == 2 and "no.db" in missing.output
    bad = tmp_path / "bad.db"
    bad.write_text("not a database", encoding="utf-8")
    a, _ = _stream(tmp_path)
    corrupt = runner.invoke(app, ["corpus", str(a), "--db", str(bad)])
    assert corrupt.exit_code == 1 and "bad.db" in corrupt.output


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_run_resumes_with_nothing_lost_or_duplicated(tmp_path: Path) -> None:
    records = []
    for k in range(400):  # many small events, committed 10 articles at a time
        records.append(json.dumps({
            "id": f"r{k:04d}", "date": "2024-01-01", "source": f"Outlet {k % 7}",
            "text": f"Report {k} on the matter of item {k}: the committee numbered {k} met "
                    f"in hall {k} and agreed budget line {k} after a debate on topic {k}."}))
    stream = tmp_path / "s.jsonl"
    stream.write_text("\n".join(records) + "\n", encoding="utf-8")
    args = ["corpus", str(stream), "--db", str(tmp_path / "k.db"), "--quiet",
            "--set", "corpus.batch_articles=10", "--set", "ingest.min_article_words=5",
            "--set", "corpus.min_articles=1"]
    command = [sys.executable, "-c", "from newsweave.cli import main; main()", *args]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONHASHSEED": "1"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if (tmp_path / "k.db").exists():
            with Store(tmp_path / "k.db") as peek:
                if peek.article_count() >= 50:
                    break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    clean = tmp_path / "clean.db"
    with Store(clean) as store:
        run_corpus([str(stream)], store, Settings.from_assignments(args[6::2][:3]))
        expected = store.memberships()
    with Store(tmp_path / "k.db") as resumed:
        assert resumed.integrity_check() == [] or resumed.integrity_check() == ["ok"]
        assert resumed.article_count() == 400
        assert resumed.memberships() == expected


def test_write_outputs_holds_every_brief(tmp_path: Path) -> None:
    a, b = _stream(tmp_path)
    with Store(tmp_path / "c.db") as store:
        run_corpus([str(a), str(b)], store, _settings())
        written = write_outputs(store, tmp_path / "o")
    assert sum(p.suffix == ".json" for p in written) == 3 + 1


def test_a_local_dask_cluster_gives_the_same_store_as_in_process(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the distributed extra (Dask) is not installed")
    from newsweave.corpus.compute import OnDask

    a, b = _stream(tmp_path)
    with Store(tmp_path / "here.db") as here:
        run_corpus([str(a), str(b)], here, _settings())
        expected = (here.memberships(), here.briefs())
    cluster = OnDask(workers=2)
    try:
        with Store(tmp_path / "dask.db") as there:
            run_corpus([str(a), str(b)], there, _settings(), compute=cluster)
            assert (there.memberships(), there.briefs()) == expected
    finally:
        cluster.close()


def test_unreachable_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the distributed extra (Dask) is not installed")
    a, _ = _stream(tmp_path)
    result = runner.invoke(app, ["corpus", str(a), "--db", str(tmp_path / "c.db"),
                                 "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "scheduler" in result.output


def test_python_api_runs_the_same_corpus_as_the_cli(tmp_path: Path) -> None:
    import newsweave.corpus

    a, b = _stream(tmp_path)
    report = newsweave.corpus.run([str(a), str(b)], db=tmp_path / "api.db",
                                  settings={"ingest.min_article_words": 5},
                                  out=tmp_path / "out")
    assert report.events_total == 3 and (tmp_path / "out" / "index.html").exists()
    result = runner.invoke(app, ["corpus", str(a), str(b), "--db", str(tmp_path / "cli.db"),
                                 "--set", "ingest.min_article_words=5", "--quiet"])
    assert result.exit_code == 0
    with Store(tmp_path / "api.db") as api, Store(tmp_path / "cli.db") as cli:
        assert api.memberships() == cli.memberships()
