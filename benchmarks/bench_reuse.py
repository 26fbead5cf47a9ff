"""Text reuse (who copied whom): newsweave beside datasketch's plain MinHash LSH, same run.

Usage: python benchmarks/bench_reuse.py [--quick] [--skip-dev] [--skip-synthetic] [--show N]

Two parts, each scored by the official scorer ``../shared/eval/score_reuse.py`` (run as a
subprocess with ``--json``; the figures printed are read from its JSON, nothing of the metric
lives here):

1. **reuse-dev** (``../shared/data/reuse-dev``, real DUC 2004 and ECB+ articles): every DUC
   cluster and ECB+ topic of the gold is given to each system on its own (pairs are only formed
   inside one); pairs, direction and passages are scored, plain and ``--strict``.  Halves: the
   clusters / topics are split once (``_common.half_of`` of ``_common.unit_key``: a DUC cluster,
   an ECB+ topic) into a tune half and a held-out half; each half is scored by the same scorer
   with its ``--split`` option on a copy of the gold whose pairs and groups carry their half as
   ``split`` (a temporary file outside the project), with that half's predictions only, so a
   half's recall counts its own gold pairs alone.  Direction per half is also given as right /
   wrong / unknown / not found over the gold pairs with a known derived article, and, not
   scored by the scorer, over the DUC positives one agency sent on one day (their document
   numbers give the order: a check of what the text alone tells, where the gold says unknown).
2. **synthetic** (``benchmarks/_synthetic_news.py``): a seeded corpus of invented articles with
   syndicated copies, rewrites with edits, partial lifts and same-topic independent articles
   (some quoting the same statement), its truth written in the scorer's gold format.  The
   systems get the whole corpus at once (no clusters: this is the corpus-scale path) at 5k, 10k
   and 20k articles (``--quick``: 500, 1k, 2k); pair precision / recall (``--strict``: the
   positives are exhaustive within a topic), direction, passages, throughput (articles per
   second, and ours as a ratio of the peer's) and peak traced memory (tracemalloc, in a second,
   traced run) with their growth from the smallest size.

Systems:

- ``newsweave``: ``extract_quotes`` on every article, then ``newsweave.reuse.find_reuse`` with
  the default settings (MinHash LSH + sampled seeds above 200 articles, passages, direction);
  its time includes quote extraction (shared quotes are how it tells quoting from copying) and
  is also given for ``find_reuse`` alone;
- ``datasketch`` (the peer): plain ``MinHashLSH`` over word 5-shingles of lower-cased ``\\w+``
  tokens, 128 permutations, seed 1, at the same Jaccard threshold as ours (0.5) and at 0.1;
  every pair sharing a bucket is predicted; ``derived`` = the later date, else the shorter
  article; no passages.

Outputs (predictions, golds, the scorer's JSON) go to ``benchmarks/results/reuse/``.
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from datasketch import MinHash, MinHashLSH

import _synthetic_news as synth
from _common import (
    EVAL,
    PARTS,
    ROOT,
    SHARED,
    Part,
    half_of,
    in_part,
    print_halves,
    run_scorer,
    split_counts,
    unit_key,
)
from newsweave.ingest.formats import read_json_lines
from newsweave.model import Article, Quote
from newsweave.quotes import extract_quotes
from newsweave.reuse import find_reuse
from newsweave.settings import Settings

SCORER = EVAL / "score_reuse.py"
DEV_GOLD = SHARED / "data" / "reuse-dev" / "gold.json"
RESULTS = ROOT / "benchmarks" / "results" / "reuse"
PEER_THRESHOLDS = (0.5, 0.1)
_WORDS = re.compile(r"\w+")

Prediction = dict[str, Any]


@dataclass
class Timed:
    """A system's predicted pairs and how long it took (seconds)."""

    pairs: list[Prediction]
    seconds: float
    reuse_seconds: float | None = None


def read_articles(path: Path) -> list[Article]:
    """Read a JSON Lines file of articles as newsweave's ingest does (text kept unchanged)."""
    return read_json_lines(path.stem, str(path), path.read_text(encoding="utf-8")).articles


def run_ours(articles: Sequence[Article], settings: Settings) -> Timed:
    """Extract quotes and find reuse in ``articles``; return the pairs in the scorer's format."""
    start = time.perf_counter()
    quotes: list[Quote] = [q for a in articles for q in extract_quotes(a)[0]]
    middle = time.perf_counter()
    pairs = find_reuse(articles, quotes, settings.reuse)
    end = time.perf_counter()
    out = [{"a": p.a, "b": p.b, "derived": p.derived, "kind": p.kind,
            "passages": [{"a": [x.a.start, x.a.end], "b": [x.b.start, x.b.end]}
                         for x in p.passages]} for p in pairs]
    return Timed(out, end - start, end - middle)


def run_peer(articles: Sequence[Article], threshold: float) -> Timed:
    """datasketch's plain MinHash LSH over word 5-shingles of each article's text."""
    start = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sketches: dict[str, MinHash] = {}
    for article in articles:
        words = _WORDS.findall(article.text.lower())
        shingles = {" ".join(words[i : i + 5]) for i in range(max(0, len(words) - 4))}
        if not shingles:
            continue
        sketch = MinHash(num_perm=128, seed=1)
        sketch.update_batch([s.encode("utf-8") for s in shingles])
        lsh.insert(article.id, sketch)
        sketches[article.id] = sketch
    by_id = {a.id: a for a in articles}
    seen: set[tuple[str, str]] = set()
    pairs: list[Prediction] = []
    for aid, sketch in sketches.items():
        for other in lsh.query(sketch):
            key = (min(aid, other), max(aid, other))
            if other == aid or key in seen:
                continue
            seen.add(key)
            pairs.append({"a": key[0], "b": key[1],
                          "derived": _peer_derived(by_id[key[0]], by_id[key[1]])})
    return Timed(pairs, time.perf_counter() - start)


def _peer_derived(a: Article, b: Article) -> str:
    if a.date and b.date and a.date != b.date:
        return a.id if a.date > b.date else b.id
    return a.id if len(a.text) < len(b.text) else b.id


def score(pred: list[Prediction], gold: Path, name: str, root: Path | None = None,
          strict: bool = False, split: str | None = None) -> dict[str, Any]:
    """Score predictions with the official scorer (``--split split`` when given); return its
    JSON."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    pred_path = RESULTS / f"{name}.pred.json"
    pred_path.write_text(json.dumps({"pairs": pred}), encoding="utf-8")
    cmd = [str(SCORER), str(pred_path), str(gold)]
    if root is not None:
        cmd += ["--root", str(root)]
    if strict:
        cmd.append("--strict")
    if split is not None:
        cmd += ["--split", split]
    result, _ = run_scorer(cmd, RESULTS / f"{name}{'.strict' if strict else ''}.score.json")
    return result


def _f(value: Any) -> str:
    return "  n/a" if value is None else f"{value:.3f}"


def print_scores(rows: list[tuple[str, dict[str, Any]]]) -> None:
    """Print one line per system: pairs, recall per label, direction, passages."""
    print(f"  {'system':22s} {'P':>6s} {'R':>6s} {'F1':>6s}  {'tp':>5s} {'fp':>5s} {'fn':>5s}  "
          f"{'exact':>5s} {'near':>5s} {'part':>5s}  {'quote-FP':>8s} {'unrel-FP':>8s}  "
          f"{'dir':>5s} {'dir/all':>7s}  {'pasF1':>6s}")
    for name, res in rows:
        p, lab = res["pairs"], res["by_label"]

        def rec(label: str, lab: dict[str, Any] = lab) -> str:
            return _f(lab[label]["recall"]) if label in lab and lab[label]["gold"] else "  n/a"

        def fps(label: str, lab: dict[str, Any] = lab) -> str:
            item = lab.get(label)
            return (f"{item['predicted (false positives)']}/{item['gold']}"
                    if item else "0/0")

        d, ps = res["direction"], res["passages"]
        print(f"  {name:22s} {_f(p['precision'])} {_f(p['recall'])} {_f(p['f1'])}  "
              f"{p['tp']:5d} {p['fp']:5d} {p['fn']:5d}  {rec('exact_duplicate')} "
              f"{rec('near_duplicate')} {rec('partial_reuse')}  {fps('shared_quote_only'):>8s} "
              f"{fps('unrelated_same_event'):>8s}  {_f(d['accuracy_on_found'])} "
              f"{_f(d['accuracy_on_all']):>7s}  {_f(ps['micro_f1']):>6s}")
    unused = {name: res["unlabelled_predictions"] for name, res in rows
              if res["unlabelled_predictions"]}
    for name, kinds in unused.items():
        print(f"  not used by the scorer ({name}): "
              + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))


# ----------------------------------------------------------------------------- reuse-dev
def bench_dev(settings: Settings) -> None:
    """Run both systems on every reuse-dev cluster/topic and print the scorer's figures."""
    gold = json.loads(DEV_GOLD.read_text(encoding="utf-8"))
    articles: dict[str, Article] = {}
    for patterns in gold["sources"].values():
        for pattern in patterns:
            for name in sorted(glob.glob(str(SHARED / pattern))):
                for article in read_articles(Path(name)):
                    articles[article.id] = article
    groups = [[articles[m] for m in info["members"] if m in articles]
              for info in gold["groups"].values()]
    units = [unit_key(*name.split("/", 1)) for name in gold["groups"]]
    missing = sum(1 for info in gold["groups"].values() for m in info["members"]
                  if m not in articles)
    systems: dict[str, Callable[[Sequence[Article]], Timed]] = {
        "newsweave": lambda arts: run_ours(arts, settings),
        **{f"datasketch@{t}": (lambda arts, t=t: run_peer(arts, t)) for t in PEER_THRESHOLDS},
    }
    rows, strict_rows, seconds = [], [], {}
    by_unit: dict[str, list[tuple[str, Prediction]]] = {}
    for name, system in systems.items():
        pred: list[Prediction] = []
        by_unit[name] = []
        seconds[name] = 0.0
        for unit, members in zip(units, groups, strict=True):
            timed = system(members)
            pred.extend(timed.pairs)
            by_unit[name] += [(unit, p) for p in timed.pairs]
            seconds[name] += timed.seconds
        rows.append((name, score(pred, DEV_GOLD, f"dev-{name}")))
        strict_rows.append((name, score(pred, DEV_GOLD, f"dev-{name}", strict=True)))
    total = sum(len(g) for g in groups)
    print(f"== reuse-dev: {len(groups)} clusters/topics, {total} article slots"
          + (f", {missing} gold articles not read" if missing else "") + " ==")
    print_scores(rows)
    print("  --strict (same-cluster unlabelled predictions count as false positives):")
    print_scores(strict_rows)
    peer = seconds[f"datasketch@{PEER_THRESHOLDS[0]}"]
    print(f"  time: newsweave {seconds['newsweave']:.2f} s (with quote extraction), datasketch "
          f"{peer:.2f} s: ratio {seconds['newsweave'] / peer:.1f}x")
    print("  (dir = direction accuracy on found gold pairs with a known derived article; "
          "dir/all over all of them; pasF1 = passage micro F1 on true-positive pairs)")
    halves = score_dev_halves(gold, by_unit)
    parts = {"all": (dict(rows), dict(strict_rows)), **halves}
    table = []
    for name in systems:
        for part, (plain, strict) in parts.items():
            res, st = plain[name], strict[name]
            pairs, d, ps = res["pairs"], res["direction"], res["passages"]
            table.append((name, part, [
                str(pairs["tp"] + pairs["fn"]), _f(pairs["precision"]), _f(pairs["recall"]),
                _f(pairs["f1"]), _f(st["pairs"]["precision"]), _f(st["pairs"]["f1"]),
                _f(d["accuracy_on_all"]), _f(ps["micro_f1"])]))
    print_halves(f"  reuse-dev by half (split by DUC cluster / ECB+ topic, "
                 f"{split_counts(units)}; each half scored on its own gold with --split):",
                 ["gold+", "P", "R", "F1", "strictP", "strictF1", "dir/all", "pasF1"], table)
    print("\n  direction per half, gold pairs with a known derived article (from the scorer's "
          "JSON): right / wrong / unknown (found, no answer) / not found")
    for name in systems:
        print(f"  {name:15s} " + "   ".join(
            f"{part} {direction_counts(plain[name])}" for part, (plain, _) in parts.items()))
    print_silver_direction(gold, by_unit["newsweave"])


def direction_counts(res: dict[str, Any]) -> str:
    """``right/wrong/unknown/not found`` over the gold pairs with a known direction, read from
    one scorer JSON (``direction``: gold, found, answered, correct)."""
    d = res["direction"]
    right, answered = d["correct"], d["answered"]
    found, gold = d["found_pairs_with_direction"], d["gold_pairs_with_direction"]
    return f"{right}/{answered - right}/{found - answered}/{gold - found} of {gold}"


def print_silver_direction(gold: dict[str, Any],
                           preds: list[tuple[str, Prediction]]) -> None:
    """Print how newsweave's direction fares where the gold says "unknown" but the order is
    known another way: DUC positives of one agency sent the same day, whose document numbers
    follow the order they were sent in (``../shared/data/reuse-dev/README.md``, Limits).  Not
    an official figure (the scorer does not score these pairs); it shows what the text alone
    tells (same-day wire versions carry no dates), per half."""
    answers = {frozenset((p["a"], p["b"])): p.get("derived") for _, p in preds}
    counts: dict[str, list[int]] = {part: [0, 0, 0, 0] for part in PARTS[1:]}
    for pair in gold["pairs"]:
        a, b = pair["a"], pair["b"]
        if (pair["label"] not in gold["positive_labels"] or pair["collection"] != "duc2004"
                or a[:11] != b[:11]):  # agency and day: "APW19981030"
            continue
        half = counts[half_of(unit_key(pair["collection"], pair["group"]))]
        key = frozenset((a, b))
        if key not in answers:
            half[3] += 1
        elif answers[key] is None:
            half[2] += 1
        else:
            half[0 if answers[key] == max(a, b) else 1] += 1
    print("  silver (not scored): DUC same-day pairs of one agency, the later document number "
          "derived: right / wrong / unknown / not found: "
          + "   ".join(f"{part} {'/'.join(map(str, c))} of {sum(c)}"
                       for part, c in counts.items()))


def score_dev_halves(
    gold: dict[str, Any], by_unit: dict[str, list[tuple[str, Prediction]]]
) -> dict[Part, tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]]:
    """Score each system's reuse-dev predictions on each half: the gold's pairs and groups get
    their half as ``split`` (a temporary copy of the gold), the scorer keeps that half with
    ``--split``, and only the half's predictions are given.  Returns {half: (plain, strict)},
    each {system: scorer JSON}."""
    relabelled = {
        **gold,
        "pairs": [{**p, "split": half_of(unit_key(p["collection"], p["group"]))}
                  for p in gold["pairs"]],
        "groups": {name: {**info, "split": half_of(unit_key(*name.split("/", 1)))}
                   for name, info in gold["groups"].items()},
    }
    out: dict[Part, tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]] = {}
    with tempfile.TemporaryDirectory(prefix="reuse-half-") as tmp:
        half_gold = Path(tmp) / "gold-halves.json"
        half_gold.write_text(json.dumps(relabelled), encoding="utf-8")
        for part in PARTS[1:]:
            plain, strict = {}, {}
            for name, preds in by_unit.items():
                kept = [p for unit, p in preds if in_part(part, unit)]
                plain[name] = score(kept, half_gold, f"dev-{name}.{part}", split=part)
                strict[name] = score(kept, half_gold, f"dev-{name}.{part}", strict=True,
                                     split=part)
            out[part] = (plain, strict)
    return out


# ----------------------------------------------------------------------------- synthetic
def _traced(call: Callable[[], object]) -> float:
    """Return the peak traced memory (MiB) of ``call``."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def bench_synthetic(sizes: Sequence[int], settings: Settings, memory: bool) -> None:
    """Generate, run, score and time both systems at each corpus size."""
    print(f"== synthetic corpus (seeded, invented text), sizes {', '.join(map(str, sizes))} ==")
    scale: list[tuple[int, float, float, float, float | None, float | None]] = []
    for size in sizes:
        folder = RESULTS / f"synthetic-{size}"
        folder.mkdir(parents=True, exist_ok=True)
        corpus = synth.corpus(size)
        path = folder / "articles.jsonl"
        path.write_text("".join(json.dumps(a.record()) + "\n" for a in corpus), encoding="utf-8")
        gold_path = folder / "gold.json"
        gold_path.write_text(json.dumps(synth.gold(corpus, "articles.jsonl")), encoding="utf-8")
        articles = read_articles(path)
        ours = run_ours(articles, settings)
        peers = {t: run_peer(articles, t) for t in PEER_THRESHOLDS}
        rows = [(f"newsweave (n={len(articles)})",
                 score(ours.pairs, gold_path, f"syn{size}-newsweave", folder, strict=True))]
        rows += [(f"datasketch@{t}", score(p.pairs, gold_path, f"syn{size}-peer{t}", folder,
                                             strict=True)) for t, p in peers.items()]
        print(f"-- {len(articles)} articles ({len(corpus) - len(articles)} not read), --strict:")
        print_scores(rows)
        peer = peers[PEER_THRESHOLDS[0]]
        print(f"  throughput: newsweave {len(articles) / ours.seconds:,.0f} articles/s "
              f"({len(articles) / (ours.reuse_seconds or ours.seconds):,.0f}/s find_reuse "
              f"alone), datasketch@{PEER_THRESHOLDS[0]} {len(articles) / peer.seconds:,.0f}/s: "
              f"newsweave takes {ours.seconds / peer.seconds:.1f}x the peer's time")
        mem_ours = mem_peer = None
        if memory:
            quotes = [q for a in articles for q in extract_quotes(a)[0]]
            mem_ours = _traced(partial(find_reuse, articles, quotes))
            mem_peer = _traced(partial(run_peer, articles, PEER_THRESHOLDS[0]))
            print(f"  peak traced memory: newsweave find_reuse {mem_ours:.0f} MiB, "
                  f"datasketch {mem_peer:.0f} MiB")
        scale.append((len(articles), ours.seconds, ours.reuse_seconds or 0.0, peer.seconds,
                      mem_ours, mem_peer))
    n0, t0, r0, p0, m0, q0 = scale[0]
    print("-- growth from the smallest size (near-linear: time and memory ratios close to the "
          "article ratio):")
    for n, t, r, p, m, q in scale:
        line = (f"  {n:6d} articles (x{n / n0:.1f}): newsweave time x{t / t0:.2f} "
                f"(find_reuse x{r / r0:.2f}), peer time x{p / p0:.2f}")
        if m is not None and m0 and q is not None and q0:
            line += f"; memory newsweave x{m / m0:.2f}, peer x{q / q0:.2f}"
        print(line)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="synthetic sizes 500, 1k, 2k")
    parser.add_argument("--skip-dev", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--no-memory", action="store_true", help="skip the traced runs")
    args = parser.parse_args()
    settings = Settings()
    if not args.skip_dev:
        if DEV_GOLD.is_file():
            bench_dev(settings)
        else:
            print(f"reuse-dev skipped: {DEV_GOLD} not found", file=sys.stderr)
    if not args.skip_synthetic:
        sizes = (500, 1000, 2000) if args.quick else (5000, 10000, 20000)
        bench_synthetic(sizes, settings, memory=not args.no_memory)


if __name__ == "__main__":
    main()
