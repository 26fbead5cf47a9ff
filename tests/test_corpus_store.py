"""The corpus store: round trips, idempotence, atomic batches (also under SIGKILL), and clear
errors for locked, damaged, misplaced and newer databases."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from _builders import make_article
from newsweave.corpus.store import SCHEMA_VERSION, Store, member_signature
from newsweave.errors import StoreError
from newsweave.model import Brief

_TEXT = ("The council approved the new bridge on Tuesday after a long debate. The mayor said "
         "construction would start in the spring and finish within two years.")


def test_articles_round_trip_and_adding_twice_is_a_no_op(tmp_path: Path) -> None:
    first = make_article("a1", _TEXT, dt.date(2024, 5, 1))
    second = make_article("a2", _TEXT + " More.")
    with Store(tmp_path / "n.db") as store:
        assert store.add_articles([first, second]) == ["a1", "a2"]
        assert store.add_articles([second, first]) == []
        assert store.has_article("a1") and not store.has_article("zz")
        assert list(store.articles()) == [first, second]
        assert list(store.articles(["a2", "missing", "a1"])) == [second, first]
        assert store.article_count() == 2
        assert store.ids_with_content_hash(_TEXT) == ["a1"]
    with Store(tmp_path / "n.db") as again:  # and it is on disk
        assert list(again.articles()) == [first, second]


def test_events_memberships_briefs_state_and_runs(tmp_path: Path, example_brief: Brief) -> None:
    brief = example_brief
    ids = [a.id for a in brief.articles]
    with Store(tmp_path / "n.db") as store:
        store.add_articles(brief.articles)
        store.put_event("e1", title="River festival", first_date=dt.date(2024, 6, 1),
                        last_date=dt.date(2024, 6, 2))
        for article_id in ids:
            store.set_membership(article_id, "e1")
        assert store.memberships() == dict.fromkeys(ids, "e1")
        assert [a.id for a in store.event_articles("e1")] == ids
        [event] = store.events()
        assert (event.id, event.title, event.first_date) == ("e1", "River festival",
                                                             dt.date(2024, 6, 1))
        assert store.brief_signature("e1") is None
        signature = member_signature(ids)
        assert signature == member_signature(reversed(ids))
        store.put_brief("e1", brief.model_dump_json(), signature)
        assert store.brief_signature("e1") == signature
        assert store.get_brief("e1") == brief
        assert store.get_brief("nope") is None
        store.add_duplicate(ids[1], ids[0], 0.91)
        assert store.duplicates() == {ids[1]: (ids[0], 0.91)}
        store.save_state("clusterer", {"centroids": [[1, 2]], "next": 3})
        assert store.load_state("clusterer") == {"centroids": [[1, 2]], "next": 3}
        assert store.load_state("other") is None
        run = store.start_run(["feed.jsonl.gz"])
        store.finish_run(run, {"read": 5, "skipped": {"E007": 1}, "events": 1, "briefs": 1})
        [record] = store.runs()
        assert (record.id, record.inputs, record.status) == (run, ("feed.jsonl.gz",), "finished")
        assert record.counts["skipped"] == {"E007": 1}


def test_a_failing_transaction_leaves_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        store.add_articles([make_article("keep", _TEXT)])
        with pytest.raises(RuntimeError), store.transaction():
            store.add_articles([make_article("lost", _TEXT)])
            store.set_membership("lost", "e9")
            store.save_state("clusterer", {"n": 1})
            raise RuntimeError("crash mid-batch")
        assert [a.id for a in store.articles()] == ["keep"]
        assert store.memberships() == {} and store.load_state("clusterer") is None
        with store.transaction():  # a failing inner block undoes only its own part
            store.set_membership("keep", "e1")
            with pytest.raises(RuntimeError), store.transaction():
                store.set_membership("keep", "e2")
                raise RuntimeError
        assert store.memberships() == {"keep": "e1"}


_WRITER = textwrap.dedent("""
    import sys
    from newsweave.corpus.store import Store
    from newsweave.model import Article

    path, batches, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    filler = " ".join(["word"] * 200)
    with Store(path) as store:
        for b in range(batches):
            articles = [Article(id=f"b{b}-{i}", input="t", format="text",
                                text=f"{b} {i} {filler}", paragraphs=()) for i in range(size)]
            with store.transaction():
                store.add_articles(articles)
                for article in articles:
                    store.set_membership(article.id, f"e{b}")
                store.save_state("clusterer", {"last": b, "count": store.article_count()})
            print(b, flush=True)
""")


def _check_whole_batches(path: Path, size: int) -> int:
    """Assert every stored batch is complete and the state agrees; return the batch count."""
    with Store(path) as store:
        assert store.integrity_check() == []
        members = store.memberships()
        by_event: dict[str, list[str]] = {}
        for article_id, event_id in members.items():
            by_event.setdefault(event_id, []).append(article_id)
        batches = len(by_event)
        assert sorted(by_event) == sorted(f"e{b}" for b in range(batches))
        assert all(len(ids) == size for ids in by_event.values())
        stored = [a.id for a in store.articles()]
        assert len(stored) == len(set(stored)) == batches * size == len(members)
        state = store.load_state("clusterer")
        if batches:
            assert state == {"last": batches - 1, "count": batches * size}
        else:
            assert state is None
    return batches


def test_a_writer_killed_mid_batch_leaves_whole_batches_and_a_rerun_completes(
    tmp_path: Path, repo_root: Path
) -> None:
    script = tmp_path / "writer.py"
    script.write_text(_WRITER)
    db = tmp_path / "kill.db"
    env = {**os.environ, "PYTHONPATH": str(repo_root / "src")}
    total, size = 120, 40
    command = [sys.executable, str(script), str(db), str(total), str(size)]
    seen_before = 0
    for round_, delay in enumerate((0.0, 0.013, 0.029)):
        proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        for _ in range(3 + round_):  # let it commit a few batches, then kill it mid-run
            assert proc.stdout.readline()
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        batches = _check_whole_batches(db, size)
        assert seen_before <= batches < total
        seen_before = batches
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, timeout=300)
    assert _check_whole_batches(db, size) == total


def test_a_locked_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    store = Store(path, busy_timeout=0.2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match=r"n\.db: the database is locked by another"):
            store.add_articles([make_article("a1", _TEXT)])
        with pytest.raises(StoreError, match="locked"):
            Store(path, busy_timeout=0.2)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.add_articles([make_article("a1", _TEXT)]) == ["a1"]
    store.close()


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match=r"notes\.db: is not a newsweave database"):
        Store(path)


def test_a_damaged_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    with Store(path) as store:
        store.add_articles([make_article(f"a{i}", f"{_TEXT} {i}") for i in range(50)])
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xa5" * (4096 - 100)  # the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"n\.db: the database is damaged"):
        Store(path)


def test_another_sqlite_file_or_a_newer_schema_is_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(StoreError, match="not a newsweave one"):
        Store(foreign)
    newer = tmp_path / "newer.db"
    Store(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.close()
    with pytest.raises(StoreError, match="upgrade newsweave"):
        Store(newer)


def test_a_folder_or_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder, not a database file"):
        Store(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nowhere" / "n.db")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_location_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="read-only"):
            Store(folder / "n.db")
    finally:
        folder.chmod(0o755)
