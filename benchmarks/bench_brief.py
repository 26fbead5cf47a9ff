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
from _common import timed
from newsweave.analysis import analyse_article, analyse_articles, load_nlp
from newsweave.errors import SettingsError
from newsweave.ingest import load_articles
from newsweave.pipeline import brief_from_analyses, build_brief
from newsweave.settings import Settings
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
    analyse_once(args.paths, args.repeat)


def analyse_once(paths: list[str], repeat: int) -> None:
    """Print what analysing each article once saves (issue 15).

    Re-briefing a set after one more article arrives (corpus mode, a server holding analyses)
    analyses only the new article and runs the merges; the peer is a brief from scratch of the
    same set.  With the nlp extra, the brief parses each paragraph once; the peer is the quote
    and entity stages each parsing for themselves, as before the analysis record.
    """
    articles = load_articles(paths).articles
    settings = Settings()
    analyses = analyse_articles(articles, settings)
    scratch = timed(lambda: build_brief(articles, settings), repeat)
    merge = timed(lambda: brief_from_analyses(analyses, settings), repeat)
    one_more = timed(lambda: brief_from_analyses(
        [*analyses[:-1], analyse_article(articles[-1], settings)], settings), repeat)
    per_article = timed(lambda: analyse_articles(articles, settings), repeat)
    print(f"analyse {len(articles)} articles: {per_article:.3f} s; merges alone: {merge:.3f} s")
    print(f"re-brief after one new article (analyse 1 + merges): {one_more:.3f} s vs a brief from "
          f"scratch {scratch:.3f} s: {scratch / one_more:.1f}x faster")
    try:
        nlp = load_nlp()
    except SettingsError:
        print("nlp extra not installed: parse-once figure skipped")
        return
    with_nlp = Settings.from_overrides({"use_nlp": True})
    parse_once = timed(lambda: build_brief(articles, with_nlp), repeat)

    def parse_twice() -> None:  # before the analysis record, entities parsed every paragraph again
        build_brief(articles, with_nlp)
        for article in articles:
            list(nlp.pipe([p.text for p in article.paragraphs]))

    peer = timed(parse_twice, repeat)
    print(f"brief --nlp, each paragraph parsed once: {parse_once:.3f} s; peer (the same plus the "
          f"second parse of every paragraph): {peer:.3f} s: ratio {peer / parse_once:.2f}")


if __name__ == "__main__":
    main()
