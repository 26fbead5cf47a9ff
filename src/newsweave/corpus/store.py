"""The corpus store: one SQLite file holding articles, duplicates, events, briefs, runs and the
online clusterer's state.

The file is opened in WAL mode; every write runs in a transaction, and :meth:`Store.transaction`
groups several writes (a batch of articles, their memberships and the clusterer's state) so that
they commit together.  A process killed at any point leaves the file consistent: a batch is
there entirely or not at all, and rerunning the same input adds what is missing (adding an
article whose id is present is a no-op).

Schema (version :data:`SCHEMA_VERSION`, kept in ``schema_version``)::

    articles     id PK, input, date, source, title, url, json (the Article), content_hash
    duplicates   article_id PK → duplicate_of, jaccard
    events       id PK, created, first_date, last_date, title
    memberships  article_id PK → event_id
    briefs       event_id PK, json (the Brief), article_count, signature, updated
    runs         id PK, started, finished, inputs (JSON list), counts (JSON object), status
    state        key PK → value (JSON object)
    dedup_exact     hash PK → article_id (the original with these words)
    dedup_bands     (key, article_id) PK: the LSH band keys of each original
    dedup_shingles  article_id PK → shingles (sorted 64-bit hashes, little-endian bytes)

Version 2 added the three ``dedup_`` tables (the duplicate finder's index, kept so that a run
adds to it instead of rebuilding it from every stored article); a version 1 file is upgraded
when opened, its index built by the next run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.corpus.dedup import DedupSketch
from newsweave.errors import StoreError
from newsweave.model import Article, Brief
from newsweave.reuse.near_duplicates import Hashes

__all__ = [
    "DEFAULT_PATH",
    "SCHEMA_VERSION",
    "EventRecord",
    "RunRecord",
    "Store",
    "member_signature",
]

DEFAULT_PATH = Path("newsweave.db")
SCHEMA_VERSION = 2
_UPGRADABLE = (1,)  # older versions that opening brings up to date (tables added, none changed)
_SQLITE_MAGIC = b"SQLite format 3\x00"
_CHUNK = 500  # ids per IN (...) query, under SQLite's variable limit

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    input TEXT NOT NULL,
    date TEXT,
    source TEXT,
    title TEXT,
    url TEXT,
    json TEXT NOT NULL,
    content_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_content_hash ON articles (content_hash);
CREATE INDEX IF NOT EXISTS articles_date ON articles (date);
CREATE TABLE IF NOT EXISTS duplicates (
    article_id TEXT PRIMARY KEY,
    duplicate_of TEXT NOT NULL,
    jaccard REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    first_date TEXT,
    last_date TEXT,
    title TEXT
);
CREATE TABLE IF NOT EXISTS memberships (
    article_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS memberships_event ON memberships (event_id);
CREATE TABLE IF NOT EXISTS briefs (
    event_id TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    article_count INTEGER NOT NULL,
    signature TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,
    finished TEXT,
    inputs TEXT NOT NULL,
    counts TEXT,
    status TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dedup_exact (
    hash TEXT PRIMARY KEY,
    article_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dedup_bands (
    key INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dedup_shingles (
    article_id TEXT PRIMARY KEY,
    shingles BLOB NOT NULL
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class EventRecord:
    """One event as stored: its id, when it was created, its date range and title."""

    id: str
    created: str
    first_date: dt.date | None
    last_date: dt.date | None
    title: str | None


@dataclass(frozen=True)
class RunRecord:
    """One run of corpus mode: when, over which inputs, what it counted, how it ended."""

    id: int
    started: str
    finished: str | None
    inputs: tuple[str, ...]
    counts: dict[str, Any]
    status: str


def member_signature(article_ids: Iterable[str], context: str = "") -> str:
    """Return the signature of a set of article ids (blake2b of the sorted ids) and of what
    else a brief of them depends on (``context``, e.g. the settings as JSON), so that a brief
    is rewritten only when its event's members or that context changed."""
    digest = hashlib.blake2b(context.encode("utf-8") + b"\x01", digest_size=16)
    for article_id in sorted(set(article_ids)):
        digest.update(article_id.encode("utf-8") + b"\x00")
    return digest.hexdigest()


def _content_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class Store:
    """The corpus database in one SQLite file (default ``./newsweave.db``).

    Opening checks the file (a folder, a read-only location, a file that is not SQLite, a
    damaged file or one written by a newer newsweave raise :class:`StoreError`) and creates the
    tables if they are missing.  ``busy_timeout`` is how many seconds a write waits for another
    process's lock before giving up with a :class:`StoreError`.  Use as a context manager, or
    call :meth:`close`.
    """

    def __init__(self, path: Path | str = DEFAULT_PATH, *, busy_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self._depth = 0
        self._check_location()
        try:
            self._conn = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        try:
            self._open()
        except BaseException:
            self._conn.close()
            raise

    # opening --------------------------------------------------------------------------------

    def _check_location(self) -> None:
        path = self.path
        if path.is_dir():
            raise StoreError(f"{path}: is a folder, not a database file; name a file inside it "
                             f"(e.g. {path / DEFAULT_PATH.name})")
        if path.exists():
            with path.open("rb") as stream:
                head = stream.read(len(_SQLITE_MAGIC))
            if head and head != _SQLITE_MAGIC:
                raise StoreError(f"{path}: is not a newsweave database (not an SQLite file); "
                                 "name another file or move this one away")
            if not os.access(path, os.W_OK):
                raise StoreError(f"{path}: the database file is read-only; newsweave needs to "
                                 "write to it")
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise StoreError(f"{path}: the folder {folder} does not exist")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreError(f"{path}: the folder {folder} is read-only; the database and its "
                             "write-ahead log must be written there")

    def _open(self) -> None:
        with self._errors():
            ok = [row[0] for row in self._conn.execute("PRAGMA quick_check")]
            if ok != ["ok"]:
                raise StoreError(f"{self.path}: the database is damaged (integrity check: "
                                 f"{'; '.join(map(str, ok[:3]))})")
            self._conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{self.path}: cannot switch the database to WAL mode "
                                 f"(journal mode stays {mode!r})")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            with self.transaction():
                tables = {row[0] for row in self._conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}
                if tables and "schema_version" not in tables:
                    raise StoreError(f"{self.path}: is an SQLite database but not a newsweave "
                                     f"one (tables: {', '.join(sorted(tables))})")
                if "schema_version" in tables:
                    row = self._conn.execute("SELECT version FROM schema_version").fetchone()
                    version = row[0] if row else None
                    if version != SCHEMA_VERSION and version not in _UPGRADABLE:
                        raise StoreError(
                            f"{self.path}: database schema version {version} is not the one "
                            f"this newsweave reads ({SCHEMA_VERSION}); "
                            + ("upgrade newsweave" if isinstance(version, int)
                               and version > SCHEMA_VERSION else "the file is not usable"))
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._conn.execute(statement)
                if "schema_version" not in tables:
                    self._conn.execute("INSERT INTO schema_version (version) VALUES (?)",
                                       (SCHEMA_VERSION,))
                else:
                    self._conn.execute("UPDATE schema_version SET version = ?",
                                       (SCHEMA_VERSION,))

    def _error(self, exc: sqlite3.Error) -> StoreError:
        message = str(exc)
        lower = message.lower()
        if "locked" in lower or "busy" in lower:
            return StoreError(f"{self.path}: the database is locked by another process "
                              f"(waited {self.busy_timeout:g} s); wait for it to finish or "
                              "raise the busy timeout")
        if "not a database" in lower or "malformed" in lower or "corrupt" in lower:
            return StoreError(f"{self.path}: the database is damaged ({message})")
        if "readonly" in lower or "read-only" in lower or "unable to open" in lower:
            return StoreError(f"{self.path}: cannot write the database ({message})")
        return StoreError(f"{self.path}: {message}")

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def close(self) -> None:
        """Close the database (committed work is kept; nothing is left half-written)."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def integrity_check(self) -> list[str]:
        """Return the problems ``PRAGMA integrity_check`` finds (empty for a sound file)."""
        with self._errors():
            rows = [str(r[0]) for r in self._conn.execute("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows

    # transactions ---------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes so that they commit together, or not at all if the block raises.

        Nested blocks join the outer one (a failing inner block rolls back only its own part,
        through a savepoint).  The write lock is taken at the start, so a locked database is
        reported before any work is done.
        """
        depth = self._depth
        with self._errors():
            if depth == 0:
                self._conn.execute("BEGIN IMMEDIATE")
            else:
                self._conn.execute(f"SAVEPOINT s{depth}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            with self._errors():
                if depth == 0:
                    self._conn.execute("ROLLBACK")
                else:
                    self._conn.execute(f"ROLLBACK TO s{depth}")
                    self._conn.execute(f"RELEASE s{depth}")
            raise
        self._depth -= 1
        with self._errors():
            self._conn.execute("COMMIT" if depth == 0 else f"RELEASE s{depth}")

    def _write(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        with self.transaction(), self._errors():
            return self._conn.execute(sql, params)

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._errors():
            return self._conn.execute(sql, params).fetchall()

    # articles -------------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> list[str]:
        """Store ``articles``; return the ids newly added, in order.  An article whose id is
        already stored is left as it is (adding the same input twice is a no-op)."""
        added: list[str] = []
        with self.transaction(), self._errors():
            for article in articles:
                cursor = self._conn.execute(
                    "INSERT OR IGNORE INTO articles (id, input, date, source, title, url, json, "
                    "content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (article.id, article.input,
                     article.date.isoformat() if article.date else None, article.source,
                     article.title, article.url, article.model_dump_json(),
                     _content_hash(article.text)),
                )
                if cursor.rowcount == 1:
                    added.append(article.id)
        return added

    def has_article(self, article_id: str) -> bool:
        """Return whether an article with this id is stored."""
        return bool(self._read("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def article_count(self) -> int:
        """Return how many articles are stored."""
        return int(self._read("SELECT COUNT(*) FROM articles")[0][0])

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Yield the stored articles: all in the order they were added, or those of ``ids`` in
        that order (ids not stored are left out).  Reads a chunk at a time."""
        if ids is None:
            last = 0
            while True:
                rows = self._read("SELECT rowid, json FROM articles WHERE rowid > ? "
                                  "ORDER BY rowid LIMIT ?", (last, _CHUNK))
                if not rows:
                    return
                for _rowid, text in rows:
                    yield Article.model_validate_json(text)
                last = rows[-1][0]
        wanted = list(ids)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            found = dict(self._read(f"SELECT id, json FROM articles WHERE id IN ({marks})",
                                    chunk))
            for article_id in chunk:
                if article_id in found:
                    yield Article.model_validate_json(found[article_id])

    def ids_with_content_hash(self, text: str) -> list[str]:
        """Return the ids of stored articles whose text is exactly ``text``."""
        rows = self._read("SELECT id FROM articles WHERE content_hash = ? ORDER BY rowid",
                          (_content_hash(text),))
        return [r[0] for r in rows]

    # duplicates -----------------------------------------------------------------------------

    def add_duplicate(self, article_id: str, duplicate_of: str, jaccard: float) -> None:
        """Record that ``article_id`` near-duplicates ``duplicate_of`` (with their Jaccard)."""
        self._write("INSERT OR REPLACE INTO duplicates (article_id, duplicate_of, jaccard) "
                    "VALUES (?, ?, ?)", (article_id, duplicate_of, float(jaccard)))

    def add_duplicates(self, rows: Iterable[tuple[str, str, float]]) -> None:
        """Record many ``(article_id, duplicate_of, jaccard)`` at once (one statement)."""
        with self.transaction(), self._errors():
            self._conn.executemany(
                "INSERT OR REPLACE INTO duplicates (article_id, duplicate_of, jaccard) "
                "VALUES (?, ?, ?)", ((a, b, float(j)) for a, b, j in rows))

    def duplicates(self) -> dict[str, tuple[str, float]]:
        """Return article id → (id of the article it duplicates, Jaccard)."""
        rows = self._read("SELECT article_id, duplicate_of, jaccard FROM duplicates")
        return {a: (b, float(j)) for a, b, j in rows}

    # events and memberships -----------------------------------------------------------------

    def put_event(self, event_id: str, *, title: str | None = None,
                  first_date: dt.date | None = None, last_date: dt.date | None = None) -> None:
        """Create or update an event (its creation time is kept from the first call)."""
        self._write(
            "INSERT INTO events (id, created, first_date, last_date, title) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET first_date = excluded.first_date, "
            "last_date = excluded.last_date, title = excluded.title",
            (event_id, _now(), first_date.isoformat() if first_date else None,
             last_date.isoformat() if last_date else None, title),
        )

    def put_events(self, rows: Iterable[tuple[str, str | None, dt.date | None, dt.date | None]]
                   ) -> None:
        """Create or update many events, each ``(id, title, first_date, last_date)``, as
        :meth:`put_event` does (one statement)."""
        now = _now()
        with self.transaction(), self._errors():
            self._conn.executemany(
                "INSERT INTO events (id, created, first_date, last_date, title) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "first_date = excluded.first_date, last_date = excluded.last_date, "
                "title = excluded.title",
                ((i, now, f.isoformat() if f else None, la.isoformat() if la else None, t)
                 for i, t, f, la in rows))

    def drop_event(self, event_id: str) -> None:
        """Remove an event and its brief (an event merged into another keeps no members)."""
        self._write("DELETE FROM briefs WHERE event_id = ?", (event_id,))
        self._write("DELETE FROM events WHERE id = ?", (event_id,))

    def events(self) -> list[EventRecord]:
        """Return every event, in order of creation."""
        rows = self._read("SELECT id, created, first_date, last_date, title FROM events "
                          "ORDER BY rowid")
        return [EventRecord(i, c, _date(f), _date(la), t) for i, c, f, la, t in rows]

    def set_membership(self, article_id: str, event_id: str) -> None:
        """Make ``article_id`` a member of ``event_id`` (replacing any earlier event)."""
        self._write("INSERT OR REPLACE INTO memberships (article_id, event_id) VALUES (?, ?)",
                    (article_id, event_id))

    def set_memberships(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Set many ``(article_id, event_id)`` memberships at once (one statement)."""
        with self.transaction(), self._errors():
            self._conn.executemany(
                "INSERT OR REPLACE INTO memberships (article_id, event_id) VALUES (?, ?)", pairs)

    def memberships(self) -> dict[str, str]:
        """Return article id → event id for every article assigned to an event."""
        return dict(self._read("SELECT article_id, event_id FROM memberships"))

    def event_sizes(self) -> dict[str, int]:
        """Return event id → number of member articles, for every event with members."""
        rows = self._read("SELECT event_id, COUNT(*) FROM memberships GROUP BY event_id")
        return {str(event_id): int(count) for event_id, count in rows}

    def briefed_events(self) -> set[str]:
        """Return the ids of the events that have a stored brief."""
        return {str(row[0]) for row in self._read("SELECT event_id FROM briefs")}

    def event_articles(self, event_id: str) -> list[Article]:
        """Return the articles of an event, in the order they were added to the store."""
        rows = self._read("SELECT a.json FROM memberships m JOIN articles a ON a.id = "
                          "m.article_id WHERE m.event_id = ? ORDER BY a.rowid", (event_id,))
        return [Article.model_validate_json(r[0]) for r in rows]

    # briefs ---------------------------------------------------------------------------------

    def put_brief(self, event_id: str, brief_json: str | Brief, signature: str) -> None:
        """Store (or replace) the brief of an event with the signature of its member set."""
        text = brief_json.model_dump_json() if isinstance(brief_json, Brief) else brief_json
        try:
            count = len(json.loads(text).get("articles", ()))
        except (ValueError, AttributeError) as exc:
            raise StoreError(f"{self.path}: the brief of event {event_id!r} is not a JSON "
                             f"object ({exc})") from exc
        self._write("INSERT OR REPLACE INTO briefs (event_id, json, article_count, signature, "
                    "updated) VALUES (?, ?, ?, ?, ?)", (event_id, text, count, signature, _now()))

    def brief_signature(self, event_id: str) -> str | None:
        """Return the member signature the event's stored brief was made from, or None."""
        rows = self._read("SELECT signature FROM briefs WHERE event_id = ?", (event_id,))
        return str(rows[0][0]) if rows else None

    def get_brief(self, event_id: str) -> Brief | None:
        """Return the stored brief of an event, or None if it has none."""
        rows = self._read("SELECT json FROM briefs WHERE event_id = ?", (event_id,))
        return Brief.model_validate_json(rows[0][0]) if rows else None

    def get_brief_json(self, event_id: str) -> str | None:
        """Return the stored brief of an event as its JSON text, or None."""
        rows = self._read("SELECT json FROM briefs WHERE event_id = ?", (event_id,))
        return str(rows[0][0]) if rows else None

    def briefs(self) -> list[tuple[str, str]]:
        """Return ``(event_id, brief JSON)`` of every stored brief, by event id."""
        rows = self._read("SELECT event_id, json FROM briefs ORDER BY event_id")
        return [(str(event_id), str(text)) for event_id, text in rows]

    # state ----------------------------------------------------------------------------------

    def save_state(self, key: str, value: Mapping[str, Any]) -> None:
        """Store a JSON-serialisable mapping under ``key`` (the online clusterer's state)."""
        self._write("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)",
                    (key, json.dumps(value, sort_keys=True)))

    def load_state(self, key: str) -> dict[str, Any] | None:
        """Return the mapping stored under ``key``, or None."""
        rows = self._read("SELECT value FROM state WHERE key = ?", (key,))
        if not rows:
            return None
        value = json.loads(rows[0][0])
        return value if isinstance(value, dict) else None

    # the duplicate finder's index ----------------------------------------------------------

    def dedup_original(self, exact: str) -> str | None:
        """Return the id of the indexed original whose words hash to ``exact``, or None."""
        rows = self._read("SELECT article_id FROM dedup_exact WHERE hash = ?", (exact,))
        return str(rows[0][0]) if rows else None

    def dedup_candidates(self, bands: Iterable[int]) -> set[str]:
        """Return the ids of the indexed originals sharing at least one LSH band key."""
        keys = list(bands)
        marks = ", ".join("?" * len(keys))
        rows = self._read(f"SELECT article_id FROM dedup_bands WHERE key IN ({marks})", keys)
        return {str(r[0]) for r in rows}

    def dedup_shingles(self, article_id: str) -> Hashes:
        """Return the shingle set of an indexed original (sorted unique 64-bit hashes)."""
        rows = self._read("SELECT shingles FROM dedup_shingles WHERE article_id = ?",
                          (article_id,))
        if not rows:
            raise StoreError(f"{self.path}: no shingles stored for article {article_id!r}")
        return np.frombuffer(rows[0][0], dtype="<u8").astype(np.uint64)

    def dedup_insert(self, article_id: str, sketch: DedupSketch) -> None:
        """Index ``article_id`` as an original: its word hash, band keys and shingles."""
        with self.transaction(), self._errors():
            self._conn.execute("INSERT OR IGNORE INTO dedup_exact (hash, article_id) "
                               "VALUES (?, ?)", (sketch.exact, article_id))
            if sketch.bands:
                cursor = self._conn.execute(
                    "INSERT OR IGNORE INTO dedup_shingles (article_id, shingles) VALUES (?, ?)",
                    (article_id, sketch.shingles.astype("<u8").tobytes()))
                if cursor.rowcount == 1:
                    self._conn.executemany(
                        "INSERT OR IGNORE INTO dedup_bands (key, article_id) VALUES (?, ?)",
                        ((key, article_id) for key in sketch.bands))

    def clear_dedup(self) -> None:
        """Empty the duplicate finder's index (before rebuilding it under another scheme)."""
        with self.transaction(), self._errors():
            for table in ("dedup_exact", "dedup_bands", "dedup_shingles"):
                self._conn.execute(f"DELETE FROM {table}")

    # runs -----------------------------------------------------------------------------------

    def start_run(self, inputs: Sequence[str]) -> int:
        """Log the start of a run over ``inputs``; return its id (status ``running``)."""
        cursor = self._write("INSERT INTO runs (started, inputs, status) VALUES (?, ?, ?)",
                             (_now(), json.dumps(list(inputs)), "running"))
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, counts: Mapping[str, Any], status: str = "finished") -> None:
        """Log the end of a run: its counts (``read``, ``duplicates``, ``skipped`` by reason,
        ``events``, ``briefs``, …) and how it ended (``finished``, ``failed``, …)."""
        self._write("UPDATE runs SET finished = ?, counts = ?, status = ? WHERE id = ?",
                    (_now(), json.dumps(dict(counts), sort_keys=True), status, run_id))

    def runs(self) -> list[RunRecord]:
        """Return the run log, oldest first (a run still ``running`` may have been killed)."""
        rows = self._read("SELECT id, started, finished, inputs, counts, status FROM runs "
                          "ORDER BY id")
        return [RunRecord(i, s, f, tuple(json.loads(inp)), json.loads(c) if c else {}, st)
                for i, s, f, inp, c, st in rows]
