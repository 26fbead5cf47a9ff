"""Scale of a whole corpus run (read, duplicates, events, store; then briefs) on generated news.

Used by ``bench_corpus.py --scale``: for each size, a seeded synthetic stream is written as JSON
Lines and run through :func:`newsweave.corpus.runner.run_corpus` into a fresh store, in process
and on a local Dask cluster of two single-threaded workers.  Each run is a fresh Python process
(``python _corpus_scale.py --one ...``), so its peak memory is its own.  Printed per run:
articles per second for the run without briefs (reading, duplicates, events, store writes),
the same per core (the cores the run may use: 1 in process, all the machine's on Dask, since
the driver shares them with the workers), the peak memory of the driver and of the largest
worker (max RSS); per place: the growth exponent of run time with size (a least-squares fit
of log time on log size; 1 = linear), and the briefs of every event of two or more articles at
a stated size (``--brief-size``, default the smallest; briefs cost per event, not per
stream), as briefs per second.  The Dask
cluster is started before the clock starts and its start is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import _synthetic_news as synth
from _common import growth_exponent
from newsweave.corpus.compute import Compute, InProcess, OnDask
from newsweave.corpus.runner import run_corpus
from newsweave.corpus.store import Store
from newsweave.settings import Settings

HERE = Path(__file__).resolve().parent
NO_BRIEFS = {"corpus.min_articles": 10**9}


def _write_stream(size: int, folder: Path) -> Path:
    path = folder / f"synthetic-{size}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for article in synth.corpus(size, seed=7):
            out.write(json.dumps(article.record()) + "\n")
    return path


def _max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_run(stream: Path, db: Path, workers: int, briefs: bool) -> dict[str, Any]:
    """Run the stream into a fresh store ``db`` (no briefs), then (with ``briefs``) brief every
    event of two or more articles; return the timings, counts and peak memory (this is one
    child process)."""
    compute: Compute = OnDask(workers=workers) if workers else InProcess()
    try:
        start = time.perf_counter()
        with Store(db) as store:
            report = run_corpus([str(stream)], store, Settings.from_overrides(NO_BRIEFS),
                                compute=compute)
        seconds = time.perf_counter() - start
        result: dict[str, Any] = {"added": report.added, "duplicates": report.duplicates,
                                  "events": report.events_total, "seconds": seconds,
                                  "rss": _max_rss_mib()}
        if briefs:
            start = time.perf_counter()
            with Store(db) as store:
                briefed = run_corpus([str(stream)], store, Settings(), compute=compute)
            result.update(briefs=briefed.briefs_written,
                          brief_seconds=time.perf_counter() - start)
        if isinstance(compute, OnDask):
            worker_rss = compute.client.run(_max_rss_mib)
            result["worker_rss"] = max(worker_rss.values())
    finally:
        compute.close()
    return result


def _child(stream: Path, db: Path, workers: int, briefs: bool = False) -> dict[str, Any]:
    command = [sys.executable, str(HERE / "_corpus_scale.py"), "--one", str(stream), str(db),
               str(workers), *(["--briefs"] if briefs else [])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(HERE.parent / "src"), os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"scale run failed: {proc.stderr.strip()[-800:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def scale_report(sizes: Sequence[int], workers: int = 2, brief_size: int | None = None
                 ) -> None:
    """Print the corpus run's throughput, memory and growth for ``sizes`` articles, in process
    and on a local Dask cluster of ``workers`` workers; briefs are timed on a stream of
    ``brief_size`` articles (default: the smallest size)."""
    sizes = sorted(sizes)
    brief_size = brief_size or sizes[0]
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        streams = {size: _write_stream(size, folder) for size in {*sizes, brief_size}}
        print(f"\nScale: a whole corpus run on the synthetic stream (seed 7); {cores} cores; "
              "each run a fresh process")
        print("  dedup + events = read, duplicates, events, store writes (no briefs); "
              "per core = articles/s over the cores the run may use")
        print(f"  {'where':<10} {'articles':>8} {'dups':>6} {'events':>6} {'run s':>7} "
              f"{'articles/s':>10} {'per core':>8} {'RSS MiB':>8} {'worker RSS':>10}")
        for name, count, used in (("in process", 0, 1), (f"dask x{workers}", workers, cores)):
            points: list[tuple[int, float]] = []
            for size in sizes:
                try:
                    result = _child(streams[size], folder / f"{count}-{size}.db", count)
                except RuntimeError as exc:
                    print(f"  {name}: not run ({exc})")
                    break
                rate = result["added"] / result["seconds"]
                points.append((result["added"], result["seconds"]))
                worker = f"{result['worker_rss']:>10.0f}" if "worker_rss" in result else (
                    f"{'-':>10}")
                print(f"  {name:<10} {result['added']:>8} {result['duplicates']:>6} "
                      f"{result['events']:>6} {result['seconds']:>7.1f} {rate:>10.0f} "
                      f"{rate / used:>8.0f} {result['rss']:>8.0f} {worker}", flush=True)
            if len(points) > 1:
                print(f"  {name}: growth exponent of run time with size "
                      f"({points[0][0]} -> {points[-1][0]}): {growth_exponent(points):.2f} "
                      "(1 = linear)")
            try:
                briefed = _child(streams[brief_size], folder / f"{count}-b{brief_size}.db",
                                 count, briefs=True)
            except RuntimeError as exc:
                print(f"  {name}: briefs not run ({exc})")
                continue
            rate = briefed["briefs"] / briefed["brief_seconds"]
            print(f"  {name}: briefs of every event of 2+ articles at {briefed['added']} "
                  f"articles: {briefed['briefs']} briefs in {briefed['brief_seconds']:.1f} s "
                  f"({rate:.2f} briefs/s, {rate / used:.2f} per core)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="one scale run (used by scale_report)")
    parser.add_argument("--one", nargs=3, metavar=("STREAM", "DB", "WORKERS"), required=True)
    parser.add_argument("--briefs", action="store_true")
    args = parser.parse_args()
    stream, db, workers = args.one
    print(json.dumps(one_run(Path(stream), Path(db), int(workers), args.briefs)))


if __name__ == "__main__":
    main()
