"""Scale of a whole corpus run (read, duplicates, events, store; then briefs) on generated news.

Used by ``bench_corpus.py --scale``: for each size, a seeded synthetic stream is written as JSON
Lines and run through :func:`newsweave.corpus.runner.run_corpus` into a fresh store, in process
and on a local Dask cluster of two workers.  Printed: articles per second for the run without
briefs (reading, duplicates, events, store writes), the briefs of every event of at least two
articles at the smallest size (briefs cost per event, not per stream), peak memory of the
process (max RSS) and the growth exponent of the run time with size.
"""

from __future__ import annotations

import json
import math
import resource
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import _synthetic_news as synth
from newsweave.corpus.compute import Compute, InProcess, OnDask
from newsweave.corpus.runner import run_corpus
from newsweave.corpus.store import Store
from newsweave.settings import Settings


def _write_stream(size: int, folder: Path) -> Path:
    path = folder / f"synthetic-{size}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for article in synth.corpus(size, seed=7):
            out.write(json.dumps(article.record()) + "\n")
    return path


def _max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed_run(stream: Path, db: Path, settings: Settings, compute: Compute) -> tuple[float, int]:
    start = time.perf_counter()
    with Store(db) as store:
        report = run_corpus([str(stream)], store, settings, compute=compute)
    return time.perf_counter() - start, report.added


def scale_report(sizes: Sequence[int], workers: int = 2) -> None:
    """Print the corpus run's throughput, memory and growth for ``sizes`` articles."""
    no_briefs = Settings.from_overrides({"corpus.min_articles": 10**9})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        streams = {size: _write_stream(size, folder) for size in sizes}
        print("\nScale: a whole corpus run on the synthetic stream (seed 7), 2 cores shared")
        print(f"  {'where':<14} {'articles':>8} {'run s':>7} {'articles/s':>10} "
              f"{'max RSS MiB':>11}")
        computes: list[tuple[str, Compute]] = [("in process", InProcess())]
        try:
            computes.append((f"dask x{workers}", OnDask(workers=workers)))
        except Exception as exc:
            print(f"  dask: not run ({exc})")
        for name, compute in computes:
            points: list[tuple[int, float]] = []
            for size in sizes:
                seconds, added = _timed_run(streams[size], folder / f"{name[:4]}-{size}.db",
                                            no_briefs, compute)
                points.append((added, seconds))
                print(f"  {name:<14} {added:>8} {seconds:>7.1f} {added / seconds:>10.0f} "
                      f"{_max_rss_mib():>11.0f}")
            if len(points) > 1:
                (n0, t0), (n1, t1) = points[0], points[-1]
                print(f"  {name}: growth exponent {math.log(t1 / t0) / math.log(n1 / n0):.2f} "
                      "(1 = linear)")
            smallest = min(sizes)
            db = folder / f"{name[:4]}-{smallest}.db"
            start = time.perf_counter()
            with Store(db) as store:
                report = run_corpus([str(streams[smallest])], store, Settings(), compute=compute)
            seconds = time.perf_counter() - start
            print(f"  {name}: briefs of every event of 2+ articles at {smallest} articles: "
                  f"{report.briefs_written} briefs in {seconds:.1f} s "
                  f"({report.briefs_written / seconds:.1f} briefs/s)")
            compute.close()
