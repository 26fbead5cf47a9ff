"""Alignment scaling: newsweave's align stage beside all-pairs rapidfuzz matching, same run.

Usage: python benchmarks/bench_align.py [--quick] [--sizes N N ...] [--peer-limit SECONDS]

The articles are invented (``benchmarks/_synthetic_news.py``, ``event``): one event, articles
of about 800 words that share part of their sentences (a pool of the event's facts, some with a
word substituted) and print the rest alone; sizes 25, 50, 100 and 200 articles (``--quick``:
10 and 25).  The product's bar: 200 such articles aligned in under 30 s on this machine.

Ours, timed per stage, called as ``pipeline.build_brief`` calls them (positional arguments
only): ``newsweave.text.segment_article`` on every article, ``newsweave.align.
build_sentence_index``, ``newsweave.align.align_facts`` (with the reuse pairs of
``newsweave.reuse.find_reuse``, computed beforehand and not timed), ``newsweave.align.
find_conflicts``.

The peer: ``rapidfuzz.process.cdist(scorer=fuzz.token_set_ratio)`` over the same sentences,
all pairs, one worker (ours is single-threaded too), then greedy grouping: pairs of different
articles scoring at least 80, best first, each joining or founding a group that holds at most
one sentence per article.  Its cost is quadratic in sentences, so it runs only while the
previous size's time, grown by the square of the size ratio, predicts under ``--peer-limit``
seconds (60).

Printed per size: sentences, seconds per stage, facts found (content reported by two or more
articles) and the peer's seconds and groups, with the peer/ours time ratio at the sizes both
ran; then the fitted growth exponent of each stage (least-squares slope of log time against
log articles and against log sentences).  This benchmark has no scorer: nothing here is a
quality metric.  Results go to ``benchmarks/results/align/``.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

import numpy as np
from rapidfuzz import fuzz, process

import _synthetic_news as synth
from _common import ROOT
from newsweave.align import align_facts, build_sentence_index, find_conflicts
from newsweave.ingest.formats import read_json_lines
from newsweave.model import Article, Sentence
from newsweave.reuse import find_reuse
from newsweave.text import segment_article

RESULTS = ROOT / "benchmarks" / "results" / "align"
BAR_ARTICLES, BAR_SECONDS = 200, 30.0
PEER_SCORE = 80
STAGES = ("segment", "index", "facts", "conflicts")

T = TypeVar("T")


@dataclass
class Row:
    """One size's figures: ours per stage, and the peer's where it ran."""

    articles: int
    words: int
    sentences: int
    seconds: dict[str, float]
    facts: int
    multi_facts: int
    conflicts: int
    peer_seconds: float | None = None
    peer_groups: int | None = None
    peer_skipped: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def total(self) -> float:
        """Seconds of all four stages together."""
        return sum(self.seconds.values())


def make_articles(size: int, seed: int) -> list[Article]:
    """Generate ``size`` event articles and read them as newsweave's JSON Lines ingest does."""
    records = [a.record() for a in synth.event(size, seed=seed)]
    text = "\n".join(json.dumps(r) for r in records)
    result = read_json_lines("event", "event.jsonl", text)
    if len(result.articles) != size:
        raise RuntimeError(f"ingest kept {len(result.articles)} of {size} articles: "
                           + "; ".join(s.reason for s in result.skipped[:3]))
    return result.articles


def _timed(call: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = call()
    return value, time.perf_counter() - start


def run_ours(articles: Sequence[Article]) -> tuple[dict[str, float], list[Sentence], Row]:
    """Run the four align stages on ``articles``; return their seconds and the sentences."""
    reuse = find_reuse(articles, [])
    sentences, t_segment = _timed(lambda: [s for a in articles for s in segment_article(a)])
    index, t_index = _timed(lambda: build_sentence_index(sentences))
    facts, t_facts = _timed(lambda: align_facts(index, reuse))
    conflicts, t_conflicts = _timed(lambda: find_conflicts(index, articles))
    seconds = {"segment": t_segment, "index": t_index, "facts": t_facts,
               "conflicts": t_conflicts}
    multi = sum(1 for f in facts if f.support >= 2)
    row = Row(len(articles), sum(a.words for a in articles), len(sentences), seconds,
              len(facts), multi, len(conflicts), extra={"reuse_pairs": len(reuse)})
    return seconds, sentences, row


def run_peer(sentences: Sequence[Sentence]) -> tuple[float, int]:
    """All-pairs token_set_ratio and greedy grouping; return seconds and multi-article groups."""
    start = time.perf_counter()
    texts = [s.span.text for s in sentences]
    numbers: dict[str, int] = {}
    articles = np.array([numbers.setdefault(s.span.article_id, len(numbers))
                         for s in sentences])
    scores = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, dtype=np.uint8,
                           workers=1, score_cutoff=PEER_SCORE)
    i, j = np.nonzero(np.triu(scores, k=1))
    keep = articles[i] != articles[j]
    i, j = i[keep], j[keep]
    order = np.lexsort((j, i, -scores[i, j].astype(np.int16)))
    group_of: dict[int, int] = {}
    members: list[set[int]] = []
    for a, b in zip(i[order].tolist(), j[order].tolist(), strict=True):
        ga, gb = group_of.get(a), group_of.get(b)
        if ga is None and gb is None:
            group_of[a] = group_of[b] = len(members)
            members.append({int(articles[a]), int(articles[b])})
        elif ga is not None and gb is None and int(articles[b]) not in members[ga]:
            group_of[b] = ga
            members[ga].add(int(articles[b]))
        elif gb is not None and ga is None and int(articles[a]) not in members[gb]:
            group_of[a] = gb
            members[gb].add(int(articles[a]))
    return time.perf_counter() - start, len(members)


def slope(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Least-squares slope of log y against log x (the growth exponent), None under 2 points."""
    points = [(math.log(x), math.log(y)) for x, y in zip(xs, ys, strict=True) if x > 0 and y > 0]
    if len(points) < 2:
        return None
    fitted = np.polyfit([p[0] for p in points], [p[1] for p in points], 1)
    return float(fitted[0])


def _f(value: float | None, fmt: str = "{:6.2f}") -> str:
    return "   n/a" if value is None else fmt.format(value)


def report(rows: list[Row]) -> dict[str, Any]:
    """Print the table and the growth exponents; return them for the results file."""
    print(f"{'articles':>8} {'words':>7} {'sents':>6} " + " ".join(f"{s:>9}" for s in STAGES)
          + f" {'ours s':>8} {'facts2+':>7} {'confl':>6} {'peer s':>8} {'groups':>7}"
          + f" {'peer/ours':>9}")
    for row in rows:
        ratio = row.peer_seconds / row.total if row.peer_seconds is not None else None
        print(f"{row.articles:8d} {row.words:7d} {row.sentences:6d} "
              + " ".join(f"{row.seconds[s]:9.3f}" for s in STAGES)
              + f" {row.total:8.3f} {row.multi_facts:7d} {row.conflicts:6d} "
              + f"{_f(row.peer_seconds, '{:8.2f}'):>8} "
              + f"{row.peer_groups if row.peer_groups is not None else 'n/a':>7} "
              + f"{_f(ratio, '{:9.1f}'):>9}")
        if row.peer_skipped:
            print(f"{'':8} peer not run: {row.peer_skipped}")
    growth: dict[str, dict[str, float | None]] = {}
    print("\ngrowth exponent (log-log slope of seconds)   vs articles   vs sentences")
    series = {s: [r.seconds[s] for r in rows] for s in STAGES}
    series["ours total"] = [r.total for r in rows]
    peer_rows = [r for r in rows if r.peer_seconds is not None]
    for name, ys in series.items():
        g = {"articles": slope([r.articles for r in rows], ys),
             "sentences": slope([r.sentences for r in rows], ys)}
        growth[name] = g
        print(f"  {name:<42} {_f(g['articles']):>11} {_f(g['sentences']):>14}")
    g = {"articles": slope([r.articles for r in peer_rows],
                           [r.peer_seconds or 0.0 for r in peer_rows]),
         "sentences": slope([r.sentences for r in peer_rows],
                            [r.peer_seconds or 0.0 for r in peer_rows])}
    growth["peer (rapidfuzz cdist + grouping)"] = g
    print(f"  {'peer (rapidfuzz cdist + grouping)':<42} {_f(g['articles']):>11} "
          f"{_f(g['sentences']):>14}")
    return growth


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 10 and 25")
    parser.add_argument("--sizes", type=int, nargs="+", help="article counts to run")
    parser.add_argument("--peer-limit", type=float, default=60.0,
                        help="run the peer only while it is predicted under this many seconds")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    sizes = args.sizes or ([10, 25] if args.quick else [25, 50, 100, 200])
    rows: list[Row] = []
    last_peer: tuple[int, float] | None = None
    for size in sorted(sizes):
        articles = make_articles(size, args.seed)
        _, sentences, row = run_ours(articles)
        predicted = (None if last_peer is None
                     else last_peer[1] * (len(sentences) / last_peer[0]) ** 2)
        if predicted is not None and predicted >= args.peer_limit:
            row.peer_skipped = f"predicted {predicted:.0f} s >= {args.peer_limit:.0f} s"
        else:
            row.peer_seconds, row.peer_groups = run_peer(sentences)
            if row.peer_seconds >= args.peer_limit:
                row.peer_skipped = f"took {row.peer_seconds:.0f} s: not run at larger sizes"
            last_peer = (len(sentences), row.peer_seconds)
        rows.append(row)
        print(f"[{size} articles done: ours {row.total:.2f} s]", file=sys.stderr)
    growth = report(rows)
    bar = next((r for r in rows if r.articles == BAR_ARTICLES), None)
    if bar is not None:
        verdict = "under" if bar.total < BAR_SECONDS else "OVER"
        print(f"\n{BAR_ARTICLES} articles: {bar.total:.2f} s, {verdict} the {BAR_SECONDS:.0f} s "
              f"bar")
        if bar.total >= BAR_SECONDS:
            stage = max(STAGES, key=lambda s: bar.seconds[s])
            print(f"dominant stage: {stage} ({bar.seconds[stage]:.2f} s, "
                  f"{100 * bar.seconds[stage] / bar.total:.0f}% of the total)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / ("quick.json" if args.quick else "results.json")
    out.write_text(json.dumps({
        "machine": {"python": platform.python_version(), "processor": platform.processor(),
                    "platform": platform.platform()},
        "seed": args.seed, "peer_score": PEER_SCORE, "peer_limit_s": args.peer_limit,
        "rows": [{**asdict(r), "total": r.total} for r in rows], "growth": growth,
    }, indent=2), encoding="utf-8")
    print(f"\nresults: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
