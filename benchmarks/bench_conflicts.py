"""Cross-source conflicts: newsweave beside a naive TF-IDF baseline, same run.

Usage: python benchmarks/bench_conflicts.py [--skip-pairs] [--skip-dev] [--show N]

Both systems see the same articles; whatever ``newsweave.pipeline.build_brief`` returns in its
``conflicts`` is what is scored, so the benchmark follows the detector as it changes.

1. **pairs** (``benchmarks/data/conflict_pairs.jsonl``, our own set, not an official one): 99
   pairs of short news sentences **written by hand for this benchmark** (invented events,
   people and places; no text taken from ``../shared``), 14 or 15 in each of the categories
   number, date_time, ordinal, role_title, name, place and negation.  Each pair is labelled by
   the rules of ``../shared/data/conflicts-dev/README.md``: ``contradiction`` (both cannot hold
   of the same thing at the same time), ``update_over_time`` (the dates show a later, changed
   figure or a plan overtaken), ``compatible`` (bounds, rounding, unit conversion, part vs
   whole, qualified ordinals or titles, wider vs narrower place, spelling variants, different
   referents), plus ``agree`` (the same values, reworded).  Dates are given only where the label
   depends on them (every update, and same-day contradictions of a figure that could change).
   Every category has contradictions, compatible look-alikes, agreements and updates.  Each
   pair becomes two Articles (one paragraph each, the pair's dates) given to ``build_brief``;
   the verdict is the label of the conflicts that span both articles (contradiction before
   update before compatible; none: agree).  No official scorer exists for this set, so the
   figures are computed here: per category and overall, contradiction precision / recall / F1
   (predicted vs gold contradiction) and the accuracy of the 4-way label, with the confusion
   matrix; ``--show N`` prints our first N failures.
2. **dev** (``../shared/data/conflicts-dev/gold.json``, 183 hand-checked items over 25 DUC 2004
   clusters and 42 ECB+ events): every cluster or event of the gold is read from its
   ``articles.jsonl`` (ECB+ events grouped by the ``event`` column of ``ecbplus/gold.tsv``) with
   ``text`` exactly as stored and, for DUC, the ``date`` and ``source`` fields; ``build_brief``
   runs on each.  A conflict becomes one prediction with one side per (conflict side, evidence
   article): that article's first evidence sentence, as ``[start, end)`` offsets into the
   stored text (checked against it; a side whose offsets do not index the stored text is
   dropped and counted).  The official ``../shared/eval/score_conflicts.py`` scores the
   predictions (subprocess, ``--json``), over all items, per corpus and per half (the gold
   restricted to one corpus or one half, written to a temporary folder outside the project,
   with that part's predictions only).  Halves: the clusters / events are split once
   (``_common.half_of`` of ``_common.unit_key``: a DUC cluster, an ECB+ topic, so both events
   of a topic fall in the same half) into a tune half and a held-out half.

The peer (a **naive baseline** written here, labelled as such): sentences are split by a simple
regular expression; every pair of sentences from different articles whose TF-IDF cosine
(scikit-learn, fitted on the sentences of the pair or cluster) is at least 0.2 is called a
contradiction when both contain numbers and the numbers differ, or both contain capitalised
words (not counting the first word) and those differ, or exactly one of them has a negation word.

Outputs (per-pair verdicts, predictions, the scorer's JSON, a summary) go to
``benchmarks/results/conflicts/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import json
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer

from _common import EVAL, ROOT, SHARED, half_of, pct, run_scorer, split_counts, unit_key
from newsweave.ingest.layout import Header, build_article
from newsweave.model import Article, Conflict
from newsweave.pipeline import build_brief

PAIRS = ROOT / "benchmarks" / "data" / "conflict_pairs.jsonl"
DEV_GOLD = SHARED / "data" / "conflicts-dev" / "gold.json"
DUC = SHARED / "data" / "duc2004"
ECB = SHARED / "data" / "ecbplus"
SCORER = EVAL / "score_conflicts.py"
RESULTS = ROOT / "benchmarks" / "results" / "conflicts"

LABELS = ("agree", "contradiction", "update_over_time", "compatible")
CATEGORIES = ("number", "date_time", "ordinal", "role_title", "name", "place", "negation")
# The model's labels in the gold's words; the order is the verdict's priority for a pair.
MODEL_LABELS = {"contradiction": "contradiction", "update": "update_over_time",
                "compatible": "compatible"}
PEER_MIN_COSINE = 0.2

Prediction = dict[str, Any]


# ----------------------------------------------------------------------------- articles
def make_article(article_id: str, text: str, date: dt.date | None = None,
                 source: str | None = None, input_name: str | None = None) -> Article:
    """Return the Article for ``text`` as ingest builds one (paragraphs, boilerplate listed).

    The text is kept exactly as given (the JSON Lines reader would also normalise ``\\r``), so
    every span's offsets index it.
    """
    return build_article(article_id=article_id, input_name=input_name or f"{article_id}.txt",
                         fmt="jsonl", text=text, header=Header(date=date, source=source))


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Return the JSON objects of a JSON Lines file, one per non-blank line."""
    # split on "\n" only: str.splitlines would also cut at U+2028 inside a JSON string
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n")
            if line.strip()]


# ----------------------------------------------------------------------------- the peer
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"'”’)]*)\s+(?=[\"“A-Z0-9])")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot|without)\b|n[’']t\b", re.I)


@dataclass(frozen=True)
class PeerSentence:
    """A sentence of the naive peer: its article, offsets and text."""

    doc: str
    start: int
    end: int
    text: str


def peer_sentences(article: Article) -> list[PeerSentence]:
    """Split each content paragraph of ``article`` after ``. ! ?`` before a capital or digit."""
    out: list[PeerSentence] = []
    for para in article.paragraphs:
        begin = 0
        for cut in [m.end(1) for m in _SENTENCE_END.finditer(para.text)] + [len(para.text)]:
            chunk = para.text[begin:cut]
            lead = len(chunk) - len(chunk.lstrip())
            text = chunk.strip()
            if text:
                start = para.start + begin + lead
                out.append(PeerSentence(article.id, start, start + len(text), text))
            begin = cut
    return out


def _peer_differs(x: str, y: str) -> bool:
    nx, ny = set(_NUMBER.findall(x)), set(_NUMBER.findall(y))
    if nx and ny and nx != ny:
        return True
    cx, cy = (set(_CAPITALISED.findall(s.split(None, 1)[1] if " " in s else "")) for s in (x, y))
    if cx and cy and cx != cy:
        return True
    return bool(_NEGATION.search(x)) != bool(_NEGATION.search(y))


def run_peer(articles: Sequence[Article]) -> list[tuple[PeerSentence, PeerSentence]]:
    """The naive baseline: similar sentence pairs of different articles that differ at all."""
    sentences = [s for a in articles for s in peer_sentences(a)]
    if len(sentences) < 2:
        return []
    try:
        matrix = TfidfVectorizer().fit_transform([s.text for s in sentences])
    except ValueError:  # nothing but stop words / no tokens
        return []
    sims = (matrix @ matrix.T).tocoo()
    pairs = []
    for i, j, value in zip(sims.row, sims.col, sims.data, strict=True):
        if i < j and value >= PEER_MIN_COSINE:
            x, y = sentences[i], sentences[j]
            if x.doc != y.doc and _peer_differs(x.text, y.text):
                pairs.append((x, y))
    pairs.sort(key=lambda p: (p[0].doc, p[0].start, p[1].doc, p[1].start))
    return pairs


# ----------------------------------------------------------------------------- ours
def run_ours(articles: Sequence[Article]) -> tuple[list[Conflict], float, str | None]:
    """Return the conflicts of ``build_brief(articles)``, the seconds it took, and the error
    it raised (``None`` when it ran), so that one failing input is counted, not fatal."""
    start = time.perf_counter()
    try:
        brief = build_brief(articles)
    except Exception as exc:  # the pipeline under test may fail; that is a result to report
        return [], time.perf_counter() - start, f"{type(exc).__name__}: {exc}"
    return list(brief.conflicts), time.perf_counter() - start, None


def conflict_articles(conflict: Conflict) -> set[str]:
    """The ids of every article on any side of ``conflict``."""
    return {a for side in conflict.sides for a in side.articles}


def gold_label(label: str) -> str:
    """A model label in the gold's words (an unknown label is kept as it is)."""
    return MODEL_LABELS.get(label, label)


# ----------------------------------------------------------------------------- pairs
@dataclass
class PairRun:
    """One system's verdict on each pair, and its time."""

    system: str
    verdicts: dict[str, str] = field(default_factory=dict)
    explanations: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0


def pair_scores(rows: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Contradiction P / R / F1 and 4-way accuracy of ``(gold, predicted)`` label rows, and
    that accuracy with silence (``agree``) accepted on a compatible pair; None if undefined."""
    rows = list(rows)
    tp = sum(g == p == "contradiction" for g, p in rows)
    claimed = sum(p == "contradiction" for _, p in rows)
    gold = sum(g == "contradiction" for g, _ in rows)
    precision = tp / claimed if claimed else None
    recall = tp / gold if gold else None
    f1 = (2 * precision * recall / (precision + recall)
          if precision is not None and recall is not None and precision + recall else None)
    accuracy = sum(g == p for g, p in rows) / len(rows) if rows else None
    # conflicts-dev's rule for a compatible look-alike: "stay silent, or label it compatible".
    silent_ok = (sum(g == p or (g, p) == ("compatible", "agree") for g, p in rows) / len(rows)
                 if rows else None)
    return {"n": len(rows), "tp": tp, "claimed": claimed, "gold": gold, "precision": precision,
            "recall": recall, "f1": f1, "accuracy": accuracy, "accuracy_silent_ok": silent_ok}


def bench_pairs(show: int) -> dict[str, Any]:
    """Run both systems on every hand-written pair; print and return the local figures."""
    pairs = read_jsonl(PAIRS)
    ours, peer = PairRun("newsweave"), PairRun("naive peer")
    empty: list[str] = []
    errors: dict[str, str] = {}
    for pair in pairs:
        articles = [make_article(f"{pair['id']}-{side}", pair[side]["text"],
                                 _date(pair[side]["date"])) for side in ("a", "b")]
        empty += [a.id for a in articles if not a.paragraphs]
        ids = {a.id for a in articles}
        conflicts, seconds, error = run_ours(articles)
        ours.seconds += seconds
        if error:
            errors[pair["id"]] = error
        across = [c for c in conflicts if conflict_articles(c) >= ids]
        labels = {gold_label(c.label) for c in across}
        ours.verdicts[pair["id"]] = "error" if error else next(
            (lab for lab in MODEL_LABELS.values() if lab in labels),
            sorted(labels)[0] if labels else "agree")
        ours.explanations[pair["id"]] = [f"{c.kind}/{c.label}: {c.explanation}" for c in across]
        start = time.perf_counter()
        found = run_peer(articles)
        peer.seconds += time.perf_counter() - start
        peer.verdicts[pair["id"]] = "contradiction" if found else "agree"

    gold = {p["id"]: p["label"] for p in pairs}
    category = {p["id"]: p["category"] for p in pairs}
    print(f"== pairs: our own conflict set ({PAIRS.relative_to(ROOT)}: {len(pairs)} invented, "
          "hand-labelled pairs; figures computed here, no official scorer) ==")
    if empty:
        print(f"  articles with no content paragraph after ingest: {', '.join(empty)}")
    if errors:
        first = next(iter(errors.items()))
        print(f"  build_brief raised on {len(errors)} pairs (scored as the verdict 'error'); "
              f"first: {first[0]}: {first[1][:200]}")
    columns = "".join(f" {c:>5s} " for c in ("cP", "cR", "cF1", "acc4", "accS"))
    print(f"  {'category':11s} {'n':>3s} |{ours.system:^35s}|{peer.system + ' (baseline)':^35s}")
    print(f"  {'':11s} {'':3s} |{columns}|{columns}")
    summary: dict[str, Any] = {}
    for cat in (*CATEGORIES, "all"):
        members = [i for i in gold if cat in ("all", category[i])]
        line = f"  {cat:11s} {len(members):3d} |"
        for run in (ours, peer):
            res = pair_scores((gold[i], run.verdicts[i]) for i in members)
            summary.setdefault(run.system, {})[cat] = res
            line += "".join(f" {pct(res[k])} " for k in (
                "precision", "recall", "f1", "accuracy", "accuracy_silent_ok")) + "|"
        print(line.rstrip("|"))
    print("  (%; cP/cR/cF1: contradiction precision/recall/F1, predicted vs gold contradiction; "
          "acc4: accuracy of the 4-way label; accS: the same, silence on a compatible pair "
          "counted right)")
    for run in (ours, peer):
        print_confusion(run.system, [(gold[i], run.verdicts[i]) for i in gold])
    ratio = ours.seconds / peer.seconds if peer.seconds else float("nan")
    print(f"  time: newsweave build_brief {ours.seconds:.2f} s (the whole pipeline), naive peer "
          f"{peer.seconds:.2f} s: ratio {ratio:.1f}x")
    failures = [p for p in pairs if ours.verdicts[p["id"]] != p["label"]]
    if show:
        print(f"  newsweave failures (first {min(show, len(failures))} of {len(failures)}):")
        for p in failures[:show]:
            print(f"    {p['id']}: gold {p['label']}, ours {ours.verdicts[p['id']]}")
            for side in ("a", "b"):
                date = f" [{p[side]['date']}]" if p[side]["date"] else ""
                print(f"      {side}{date}: {p[side]['text']}")
            for why in ours.explanations[p["id"]]:
                print(f"      -> {why}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pairs.verdicts.json").write_text(json.dumps(
        [{"id": p["id"], "category": p["category"], "gold": p["label"],
          "newsweave": ours.verdicts[p["id"]], "peer": peer.verdicts[p["id"]],
          "explanations": ours.explanations[p["id"]]} for p in pairs], indent=1),
        encoding="utf-8")
    summary["seconds"] = {"newsweave": ours.seconds, "peer": peer.seconds}
    return summary


def print_confusion(system: str, rows: Sequence[tuple[str, str]]) -> None:
    """Print the gold × predicted label matrix of ``rows``."""
    counts = Counter(rows)
    predicted = list(LABELS) + sorted({p for _, p in rows} - set(LABELS))
    short = {"agree": "agree", "contradiction": "contra", "update_over_time": "update",
             "compatible": "compat"}
    print(f"  confusion, {system} (rows gold, columns predicted):")
    print("    " + " " * 16 + " ".join(f"{short.get(p, p)[:8]:>8s}" for p in predicted))
    for g in LABELS:
        print(f"    {g:16s}" + " ".join(f"{counts[(g, p)]:8d}" for p in predicted))


# ----------------------------------------------------------------------------- dev
@dataclass
class DevRun:
    """One system's predictions over the dev clusters, and what was not usable."""

    system: str
    predictions: list[Prediction] = field(default_factory=list)
    seconds: float = 0.0
    bad_sides: int = 0
    one_article: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    errors: dict[str, str] = field(default_factory=dict)


def load_dev_clusters(gold: Sequence[dict[str, Any]]) -> tuple[dict[str, list[Article]],
                                                                 dict[str, str], list[str]]:
    """Read every cluster/event of the gold: its Articles, its corpus, and gold docs not found."""
    corpus = {item["cluster"]: item["corpus"] for item in gold}
    clusters: dict[str, list[Article]] = {}
    for cluster in sorted(c for c, k in corpus.items() if k == "duc2004"):
        path = DUC / cluster / "articles.jsonl"
        clusters[cluster] = [
            make_article(r["id"], r["text"], _date(r.get("date")), r.get("source"),
                         f"{path.name}:{n}") for n, r in enumerate(read_jsonl(path), start=1)]
    with (ECB / "gold.tsv").open(encoding="utf-8", newline="") as handle:
        event_of = {row["id"]: row["event"] for row in csv.DictReader(handle, delimiter="\t")}
    wanted = {c for c, k in corpus.items() if k == "ecbplus"}
    ecb: dict[str, list[Article]] = defaultdict(list)
    for n, r in enumerate(read_jsonl(ECB / "articles.jsonl"), start=1):
        if event_of.get(r["id"]) in wanted:
            ecb[event_of[r["id"]]].append(
                make_article(r["id"], r["text"], input_name=f"articles.jsonl:{n}"))
    clusters.update(sorted(ecb.items()))
    have = {(c, a.id) for c, arts in clusters.items() for a in arts}
    missing = sorted({f"{item['cluster']}/{e['doc']}" for item in gold for side in item["sides"]
                      for e in side["evidence"] if (item["cluster"], e["doc"]) not in have})
    return clusters, corpus, missing


def ours_to_predictions(cluster: str, articles: Sequence[Article], conflicts: Sequence[Conflict],
                        run: DevRun) -> None:
    """Add ``conflicts`` to ``run`` in the scorer's format, checking each side's offsets."""
    texts = {a.id: a.text for a in articles}
    for conflict in conflicts:
        sides = []
        for side in conflict.sides:
            seen: set[str] = set()
            for span in side.evidence:
                if span.article_id in seen:
                    continue
                seen.add(span.article_id)
                text = texts.get(span.article_id)
                if text is None or not 0 <= span.start < span.end <= len(text) or (
                        text[span.start:span.end] != span.text):
                    run.bad_sides += 1
                    continue
                sides.append({"doc": span.article_id, "start": span.start, "end": span.end})
        if len({s["doc"] for s in sides}) < 2:
            run.one_article += 1
        label = gold_label(conflict.label)
        run.labels[label] += 1
        run.predictions.append({"cluster": cluster, "label": label, "kind": conflict.kind,
                                "sides": sides, "confidence": conflict.confidence,
                                "possible": conflict.possible, "topic": conflict.topic,
                                "values": [side.value for side in conflict.sides],
                                "texts": [side.evidence[0].text for side in conflict.sides]})


def score_dev(run: DevRun, gold: dict[str, Any], corpus: dict[str, str],
              show: int) -> dict[str, dict[str, Any]]:
    """Score ``run`` with the official scorer, over all items, per corpus and per half (tune,
    held-out); return its JSONs by part."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = {"newsweave": "newsweave", "newsweave+possible": "newsweave-possible"}.get(
        run.system, "peer")
    results: dict[str, dict[str, Any]] = {}

    def keep(part: str, cluster: str) -> bool:
        if part in ("tune", "held-out"):
            return half_of(unit_key(corpus[cluster], cluster)) == part
        return part == "all" or corpus[cluster] == part

    with tempfile.TemporaryDirectory() as tmp:
        for part in ("all", *sorted(set(corpus.values())), "tune", "held-out"):
            preds = [p for p in run.predictions if keep(part, p["cluster"])]
            pred_path = RESULTS / f"dev-{name}{'' if part == 'all' else '-' + part}.pred.json"
            pred_path.write_text(json.dumps({"conflicts": preds}), encoding="utf-8")
            gold_path = DEV_GOLD
            if part != "all":
                # The gold holds article sentences: the subset stays outside the project.
                gold_path = Path(tmp) / f"gold-{part}.json"
                gold_path.write_text(json.dumps(
                    {"items": [i for i in gold["items"] if keep(part, i["cluster"])]}),
                    encoding="utf-8")
            cmd = [str(SCORER), str(pred_path), str(gold_path)]
            if show:
                cmd += ["--show", str(show)]
            results[part], _ = run_scorer(cmd, pred_path.with_suffix("").with_suffix(
                ".score.json"))
    return results


def print_dev(runs: Sequence[DevRun], scores: dict[str, dict[str, dict[str, Any]]],
              gold: dict[str, Any], show: int, corpus: dict[str, str]) -> None:
    """Print the scorer's figures for every system and part (all, each corpus, each half), then
    what it could not use (``runs[0]`` is ours: ``--show`` prints its failures)."""
    print(f"  {'system':18s} {'part':8s} {'P':>5s} {'R':>5s} {'F1':>5s} {'tp':>4s} "
          f"{'claim':>6s} {'gold':>4s} | {'FP hard':>7s} {'dup':>5s} {'unmat':>6s} | "
          f"{'labAcc':>6s} {'compat-ok':>9s} {'matched':>8s}")
    for run in runs:
        for part, res in scores[run.system].items():
            c = res["contradiction"]
            print(f"  {run.system:18s} {part:8s} {pct(c['precision'])} {pct(c['recall'])} "
                  f"{pct(c['f1'])} {c['tp']:4d} {c['claimed']:6d} {c['gold']:4d} | "
                  f"{c['fp_hard_negative']:7d} {c['fp_duplicate']:5d} {c['fp_unmatched']:6d} | "
                  f"{pct(res['label_accuracy_update_vs_contradiction']):>6s} "
                  f"{res['labelled_hard_negatives_called_non_contradiction']:>9s} "
                  f"{res['gold_items_matched_by_any_prediction']:>8s}")
    print("  (P/R/F1 %: contradictions, gold updates and compatible items are hard negatives; "
          "FP hard: claimed contradictions on a hard negative; labAcc: update vs contradiction "
          "over matched labelled predictions; compat-ok: matched labelled compatible items "
          "called non-contradiction; matched: gold items matched by any prediction; part: all, "
          "one corpus, or one half, split by DUC cluster / ECB+ topic: "
          + split_counts(unit_key(c, k) for k, c in corpus.items()) + ")")
    for run in runs:
        res = scores[run.system]["all"]
        print(f"  {run.system}: hard negatives flagged as contradictions "
              f"{res['contradiction']['fp_hard_negative']} {res['fp_hard_negative_by_label']}; "
              f"label confusion {res['label_confusion'] or '{}'}")
        print(f"    contradiction recall by category: {res['recall_by_category']}; "
              f"by corpus: {res['recall_by_corpus']}")
        print(f"    predictions {len(run.predictions)} ({dict(run.labels)}); not usable by the "
              f"scorer: {run.bad_sides} sides whose offsets do not index the stored text "
              f"(dropped), {run.one_article} predictions with sides in fewer than two "
              f"articles, {res['contradiction']['fp_unmatched']} claimed contradictions "
              "matching no gold item (the gold is not exhaustive)")
    if show:
        items = {i["id"]: i for i in gold["items"]}
        res = scores[runs[0].system]["all"]
        print(f"  newsweave: missed gold contradictions (first {show} of {len(res['_missed'])}):")
        for gid in res["_missed"][:show]:
            print(f"    {gid} [{items[gid]['category']}] {items[gid].get('topic', '')}")
        print(f"  newsweave: hard-negative false positives (first {show} of "
              f"{len(res['_fp_hard'])}):")
        for pi, gid in res["_fp_hard"][:show]:
            pred = runs[0].predictions[pi]
            print(f"    {gid} [{items[gid]['category']}, gold {items[gid]['label']}] "
                  f"{items[gid].get('topic', '')} <- our {pred['kind']} conflict")


def bench_dev(show: int) -> dict[str, Any]:
    """Run both systems on every gold cluster/event, score them and print the figures."""
    gold = json.loads(DEV_GOLD.read_text(encoding="utf-8"))
    clusters, corpus, missing = load_dev_clusters(gold["items"])
    every, peer = DevRun("newsweave+possible"), DevRun("naive peer")
    for cluster, articles in clusters.items():
        conflicts, seconds, error = run_ours(articles)
        every.seconds += seconds
        if error:
            every.errors[cluster] = error
        ours_to_predictions(cluster, articles, conflicts, every)
        start = time.perf_counter()
        found = run_peer(articles)
        peer.seconds += time.perf_counter() - start
        peer.labels["contradiction"] += len(found)
        peer.predictions += [
            {"cluster": cluster, "label": "contradiction",
             "sides": [{"doc": s.doc, "start": s.start, "end": s.end} for s in pair]}
            for pair in found]
    n_articles = sum(len(a) for a in clusters.values())
    print(f"== dev: conflicts-dev ({len(gold['items'])} gold items; {len(clusters)} "
          f"clusters/events, {n_articles} articles given to each system) ==")
    if missing:
        print(f"  gold evidence articles not found in the data: {len(missing)} "
              f"({', '.join(missing[:5])})")
    if every.errors:
        first = next(iter(every.errors.items()))
        print(f"  build_brief raised on {len(every.errors)} clusters (no predictions there); "
              f"first: {first[0]}: {first[1][:200]}")
    # What the brief asserts: its confident contradictions.  The possible ones are listed apart
    # (collapsed) in the brief; they are scored too, as "newsweave+possible".
    ours = DevRun("newsweave", seconds=every.seconds, bad_sides=every.bad_sides,
                  one_article=every.one_article, errors=every.errors,
                  predictions=[p for p in every.predictions
                               if not (p["possible"] and p["label"] == "contradiction")])
    ours.labels = Counter(p["label"] for p in ours.predictions)
    scores = {run.system: score_dev(run, gold, corpus, show) for run in (ours, every, peer)}
    print_dev([ours, every, peer], scores, gold, show, corpus)
    sweep = confidence_sweep(every, gold, corpus)
    show_extremes(every, gold, corpus, "held-out", 20)
    ratio = ours.seconds / peer.seconds if peer.seconds else float("nan")
    print(f"  time: newsweave build_brief {ours.seconds:.2f} s (the whole pipeline), naive peer "
          f"{peer.seconds:.2f} s: ratio {ratio:.1f}x")
    return {"sweep": sweep,
            "scores": {s: {k: {x: y for x, y in v.items() if not x.startswith("_")}
                           for k, v in parts.items()} for s, parts in scores.items()},
            "seconds": {"newsweave": ours.seconds, "peer": peer.seconds},
            "not_usable": {r.system: {"bad_sides": r.bad_sides, "one_article": r.one_article,
                                      "errors": r.errors}
                           for r in (ours, peer)}}


def _in_half(corpus: dict[str, str], part: str) -> Any:
    return lambda cluster: half_of(unit_key(corpus[cluster], cluster)) == part


def confidence_sweep(run: DevRun, gold: dict[str, Any], corpus: dict[str, str],
                     thresholds: Sequence[float] = (0.0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7,
                                                    0.75, 0.8)) -> dict[str, Any]:
    """Score the contradictions at or above each confidence threshold, per half (the official
    scorer on each subset; the other labels are kept), print and return the figures.

    A subset is a filter of one run: the grouping of disagreements into conflicts is the one
    made at the configured threshold.
    """
    out: dict[str, Any] = {}
    print("  newsweave by confidence threshold (contradictions at or above it; P / R / claimed):")
    with tempfile.TemporaryDirectory() as tmp:
        for threshold in thresholds:
            row = []
            for part in ("tune", "held-out"):
                keep = _in_half(corpus, part)
                preds = [p for p in run.predictions if keep(p["cluster"]) and not (
                    p["label"] == "contradiction" and p["confidence"] < threshold)]
                pred_path, gold_path = Path(tmp) / "pred.json", Path(tmp) / "gold.json"
                pred_path.write_text(json.dumps({"conflicts": preds}), encoding="utf-8")
                gold_path.write_text(json.dumps(
                    {"items": [i for i in gold["items"] if keep(i["cluster"])]}),
                    encoding="utf-8")
                res, _ = run_scorer([str(SCORER), str(pred_path), str(gold_path)],
                                    Path(tmp) / "score.json")
                c = res["contradiction"]
                out[f"{threshold:.2f}/{part}"] = c
                row.append(f"{part} {pct(c['precision'])} {pct(c['recall'])} {c['claimed']:4d}")
            print(f"    >= {threshold:.2f}: " + "   ".join(row))
    return out


def show_extremes(run: DevRun, gold: dict[str, Any], corpus: dict[str, str], part: str,
                  count: int) -> None:
    """Print the ``count`` highest- and lowest-confidence contradictions reported on ``part``,
    each with the gold item it matches (the scorer's own ``match_score``), for reading."""
    scorer = _load_scorer()
    keep = _in_half(corpus, part)
    items = [i for i in gold["items"] if keep(i["cluster"])]
    claims = sorted((p for p in run.predictions
                     if keep(p["cluster"]) and p["label"] == "contradiction"),
                    key=lambda p: -p["confidence"])

    def status(pred: Prediction) -> str:
        for item in items:
            if item["cluster"] == pred["cluster"] and scorer.match_score(pred, item) > 0:
                return f"gold {item['label']} {item['id']}"
        return "not in the gold"

    for title, chosen in ((f"highest-confidence {count}", claims[:count]),
                          (f"lowest-confidence {count}", claims[-count:][::-1])):
        print(f"  newsweave: the {title} contradictions reported on the {part} half "
              f"(of {len(claims)}):")
        for pred in chosen:
            flag = " (possible)" if pred["possible"] else ""
            print(f"    {pred['confidence']:.2f}{flag} [{status(pred)}] {pred['cluster']} "
                  f"{pred['topic']}: " + " / ".join(pred["values"]))
            for text in pred["texts"][:2]:
                print(f"        | {' '.join(text.split())[:160]}")


def _load_scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_conflicts", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    """Parse the options, run the parts asked for, write a summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-pairs", action="store_true", help="skip our own pairs set")
    parser.add_argument("--skip-dev", action="store_true", help="skip conflicts-dev")
    parser.add_argument("--show", type=int, default=0, metavar="N",
                        help="print the first N failures of newsweave")
    args = parser.parse_args()
    summary: dict[str, Any] = {}
    if not args.skip_pairs:
        summary["pairs"] = bench_pairs(args.show)
    if not args.skip_dev:
        if not DEV_GOLD.is_file():
            print(f"== dev: skipped, {DEV_GOLD} not found ==")
        else:
            summary["dev"] = bench_dev(args.show)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
