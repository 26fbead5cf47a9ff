"""Time a whole brief (ingest → report) on a cluster of articles.

Usage: python benchmarks/bench_brief.py [PATH ...] [--repeat N]

Default input: ../shared/data/emmys-2020 (five real articles).  Prints the cold time (first
run in the process, including model-free warm-up such as pysbd's rules) and the median of warm
runs, and, as a peer on the same machine in the same run, the time of reading and segmenting
the same articles alone (the floor any pipeline over them pays), as a ratio.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import newsweave
from newsweave.ingest import load_articles
from newsweave.text import segment_article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "emmys-2020"


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT)])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    brief = newsweave.brief(args.paths)
    cold = time.perf_counter() - start
    warm = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        newsweave.brief(args.paths)
        warm.append(time.perf_counter() - start)
    floor = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for article in load_articles(args.paths).articles:
            segment_article(article)
        floor.append(time.perf_counter() - start)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "newsweave", "brief", *args.paths, "--format", "json"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    command = time.perf_counter() - start
    words = sum(a.words for a in brief.articles)
    print(f"input: {', '.join(args.paths)}  ({len(brief.articles)} articles, {words} words)")
    print(f"brief, cold (first in process): {cold:.3f} s")
    print(f"`newsweave brief --format json` as a new process: {command:.3f} s")
    print(f"brief, warm median of {args.repeat}: {statistics.median(warm):.3f} s")
    print(f"peer floor (read + segment only), median: {statistics.median(floor):.3f} s")
    print(f"ratio brief / floor: {statistics.median(warm) / statistics.median(floor):.1f}x")
    print("target (issue 2): a brief of the five emmys-2020 articles in under 2 s")


if __name__ == "__main__":
    main()
