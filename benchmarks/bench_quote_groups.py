"""Score quote grouping across articles on quote-groups-dev: newsweave beside a peer, same run.

Usage: python benchmarks/bench_quote_groups.py [--show N] [--per-event]

What it measures: whether the direct quotes that different articles print of the **same
utterance** are put in one group with all their witnesses, and nothing else (group precision /
recall / F1, pairwise link P / R / F1, speaker accuracy over matched groups, listed hard
negatives merged), on the ten events of ``../shared/data/quote-groups-dev`` (89 articles).

How: for each gold event, exactly the articles of its ``docs`` list are read from the
collection's ``articles.jsonl`` (the gold's ``text_source``) and turned into newsweave Articles
with ``text`` unchanged (offsets index the ``text`` field).  Each system writes the prediction
JSON of ``../shared/eval/score_quote_groups.py``, which is run as a subprocess with ``--json``;
the figures printed are read from that JSON (no metric lives here).

Systems:

- ``newsweave``: ``extract_quotes`` on each article, then ``group_quotes`` over the event.  A
  witness is one contiguous stretch of a quote: the parts of a quote that run on over lines or
  paragraphs form one witness; parts split by an attribution ("X," he said, "Y.") are two.
- ``5-gram`` (the peer): the baseline the gold's README describes: quotes are the regions of
  ``score_quotes.quote_regions`` without their outer marks; two quotes of different articles
  are linked when they share a 5-gram of words (``\\w+`` runs, lower case, quote glyphs
  straightened); groups are the connected components spanning at least two articles; no
  speakers.

Collation diagnostic (ours, **not an official metric**; the scorer does not score variants):
for each gold variant place (``variants`` of a gold group) whose group the scorer matched, the
place counts as *shown* when our group for it (the predicted group holding most characters of
the gold group's witnesses) has a point of variance with two different readings a and b such
that a is inside the gold reading carried by some article of a's, b inside a different gold
reading carried by some article of b's (an omission reading, silent or announced by "…",
counts as inside any reading), after straightening quote glyphs and collapsing spaces.
Shown / places, by variant type.

Halves: the events are split once by their DUC cluster or ECB+ topic (``_common.half_of`` of
``_common.unit_key``) into a tune half and a held-out half; the headline figures are printed
for all events and for each half, each half scored by the same scorer against a copy of the
gold holding that half's events only (a temporary file outside the project), with that half's
predictions only, so a half's recall counts its own gold groups alone.

Transcript check (ours, **not an official metric**): per half, the stretches of eight words
(four content words at least) that stand in two segments of one speaker's transcript, of all
such stretches: the transcript should say each passage once.

Outputs (predictions, the scorer's JSON, the collation diagnostic) go to
``benchmarks/results/quote_groups/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from types import ModuleType
from typing import Any

from _common import (
    EVAL,
    PARTS,
    ROOT,
    SHARED,
    Part,
    in_part,
    pct,
    print_halves,
    read_article,
    run_scorer,
    split_counts,
    unit_key,
)
from newsweave.model import Article, QuoteGroup
from newsweave.quotes import build_transcripts, extract_quotes, group_quotes, quote_runs
from newsweave.settings import Settings
from newsweave.text.tokens import STOPWORDS, tokenize

GOLD = SHARED / "data" / "quote-groups-dev" / "gold.json"
SCORER = EVAL / "score_quote_groups.py"
RESULTS = ROOT / "benchmarks" / "results" / "quote_groups"
N = 5
QUOTE_MARKS = "\"'“”„‟«»‘’‚‛`"
GLYPHS = str.maketrans({"’": "'", "‘": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
# Every article of an event is used, however short: the gold covers all of them.
SETTINGS = Settings.from_overrides({"ingest.min_article_words": 1, "ingest.check_language": False})


@dataclass
class Event:
    """One gold event: its id, its gold record and its articles' texts."""

    id: str
    gold: dict[str, Any]
    texts: dict[str, str]

    @property
    def unit(self) -> str:
        """The event's split key: its DUC cluster or ECB+ topic."""
        return unit_key(self.gold["collection"], self.gold["cluster"])


@dataclass
class Run:
    """One system's groups over all events, and what it could not use."""

    system: str
    events: list[dict[str, Any]] = field(default_factory=list)
    groups: dict[str, list[QuoteGroup]] = field(default_factory=dict)  # event -> ours
    seconds: float = 0.0
    skipped: dict[str, str] = field(default_factory=dict)
    text_mismatch: int = 0


# ----------------------------------------------------------------------------- data
def load_events() -> list[Event]:
    """Read the gold and, per event, the texts of exactly its ``docs`` articles."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    sources = gold["text_source"]
    cache: dict[Path, dict[str, str]] = {}
    events: list[Event] = []
    for ev in gold["events"]:
        path = SHARED / sources[ev["collection"]].replace("<cluster>", ev["cluster"])
        if path not in cache:
            rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                    if line.strip())
            cache[path] = {row["id"]: row["text"] for row in rows}
        events.append(Event(ev["id"], ev, {d: cache[path][d] for d in ev["docs"]}))
    return events


def load_score_quotes() -> ModuleType:
    """Import ``score_quotes`` from ../shared/eval (the peer uses its ``quote_regions``)."""
    spec = importlib.util.spec_from_file_location("score_quotes", EVAL / "score_quotes.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("cannot import score_quotes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------- systems
def run_newsweave(events: list[Event]) -> Run:
    """Extract and group the quotes of each event with newsweave."""
    run = Run("newsweave")
    for event in events:
        articles: list[Article] = []
        for doc, raw in event.texts.items():
            read, skipped = read_article(doc, raw, SETTINGS)
            if not read:
                run.skipped[doc] = "; ".join(s.reason for s in skipped) or "no article"
            run.text_mismatch += sum(a.text != raw for a in read)
            articles.extend(read)
        start = time.perf_counter()
        quotes = [q for a in articles for q in extract_quotes(a)[0]]
        groups = group_quotes(quotes, articles)
        run.seconds += time.perf_counter() - start
        run.groups[event.id] = groups
        out = []
        for group in groups:
            witnesses = [
                {"doc": w.article_id, "start": run[0].start, "end": run[-1].end}
                for w in group.witnesses
                for run in quote_runs(w.parts, event.texts[w.article_id])
            ]
            out.append({"speaker": group.speaker, "witnesses": witnesses})
        run.events.append({"docs": list(event.texts), "groups": out})
    return run


def _ngrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.translate(GLYPHS).lower())
    return {tuple(words[k : k + N]) for k in range(len(words) - N + 1)}


def _components(n: int, links: list[tuple[int, int]]) -> list[list[int]]:
    """The connected components of ``n`` items joined by ``links``, each in item order."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in links:
        parent[find(j)] = find(i)
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        components[find(i)].append(i)
    return list(components.values())


def run_ngram_peer(events: list[Event], quote_regions: Callable[[str], Any]) -> Run:
    """The word 5-gram baseline of the gold's README, on the same articles."""
    run = Run(f"{N}-gram")
    for event in events:
        start = time.perf_counter()
        quotes: list[tuple[str, int, int]] = []
        for doc, text in event.texts.items():
            for s, e in quote_regions(text):
                while s < e and text[s] in QUOTE_MARKS:
                    s += 1
                while e > s and text[e - 1] in QUOTE_MARKS:
                    e -= 1
                if s < e:
                    quotes.append((doc, s, e))
        grams = [_ngrams(event.texts[d][s:e]) for d, s, e in quotes]
        links = [(i, j) for i, j in combinations(range(len(quotes)), 2)
                 if quotes[i][0] != quotes[j][0] and grams[i] & grams[j]]
        out = []
        for members in _components(len(quotes), links):
            if len({quotes[i][0] for i in members}) >= 2:
                out.append({"speaker": None, "witnesses": [
                    {"doc": quotes[i][0], "start": quotes[i][1], "end": quotes[i][2]}
                    for i in members]})
        run.seconds += time.perf_counter() - start
        run.events.append({"docs": list(event.texts), "groups": out})
    return run


# ----------------------------------------------------------------------------- scoring
def score(run: Run, show: int, per_event: bool, part: Part = "all",
          events: list[Event] | None = None, gold: Path = GOLD) -> dict[str, Any]:
    """Write the run's prediction and score it with the official scorer (subprocess).

    For a half (``part``), only the events of ``events`` that belong to it are written, and
    ``gold`` is the gold restricted to them.
    """
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", run.system)
    name += "" if part == "all" else f".{part}"
    pred_path = RESULTS / f"{name}.pred.json"
    preds = run.events if events is None else [
        pred for ev, pred in zip(events, run.events, strict=True) if in_part(part, ev.unit)]
    pred_path.write_text(json.dumps({"events": preds}, indent=1, ensure_ascii=False),
                         encoding="utf-8")
    cmd = [str(SCORER), str(pred_path), str(gold)]
    cmd += ["--show", str(show)] if show else []
    cmd += ["--per-event"] if per_event else []
    result, stdout = run_scorer(cmd, RESULTS / f"{name}.score.json")
    if show or per_event:
        print(f"\n---- scorer output for {run.system} ----\n{stdout}")
    return result


def score_parts(runs: list[Run], events: list[Event]) -> dict[Part, dict[str, dict[str, Any]]]:
    """Score every run on each half of the events (the gold restricted to the half's events, in
    a temporary file; the half's predictions only); returns {part: {system: scorer JSON}}."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    out: dict[Part, dict[str, dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="quote-groups-half-") as tmp:
        for part in PARTS[1:]:
            ids = {ev.id for ev in events if in_part(part, ev.unit)}
            half_gold = Path(tmp) / f"gold-{part}.json"
            half_gold.write_text(json.dumps(
                {**gold, "events": [ev for ev in gold["events"] if ev["id"] in ids]},
                ensure_ascii=False), encoding="utf-8")
            out[part] = {r.system: score(r, 0, False, part, events, half_gold) for r in runs}
    return out


def print_parts(runs: list[Run], by_part: dict[Part, dict[str, dict[str, Any]]],
                events: list[Event]) -> None:
    """Print the headline figures of every run for all events, the tune and held-out half."""
    rows = []
    for run in runs:
        for part, scores in by_part.items():
            s = scores[run.system]
            n_events = sum(in_part(part, ev.unit) for ev in events)
            rows.append((run.system, part, [
                str(n_events), str(s["gold_groups"]), pct(s["group_precision"]),
                pct(s["group_recall"]), pct(s["group_f1"]), pct(s["link_precision"]),
                pct(s["link_recall"]), pct(s["link_f1"]),
                f"{s['speaker_correct']}/{s['matched']}",
                f"{s['hard_negatives_merged']}/{s['hard_negatives']}"]))
    halves = ", ".join(f"{p}: {' '.join(ev.id for ev in events if in_part(p, ev.unit))}"
                       for p in PARTS[1:])
    print_halves(f"quote-groups-dev by half (split by DUC cluster / ECB+ topic, "
                 f"{split_counts(ev.unit for ev in events)}; {halves}):",
                 ["events", "gold", "gP", "gR", "gF1", "lP", "lR", "lF1", "speaker", "hard neg"],
                 rows)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(GLYPHS)).strip()


def _chars(spans: Sequence[tuple[str, int, int]]) -> set[tuple[str, int]]:
    return {(d, k) for d, s, e in spans for k in range(s, e)}


def collation_diagnostic(
    events: list[Event], run: Run, matched_gold: set[str]
) -> dict[str, Any]:
    """Count gold variant places that our collation shows as a variant (see module doc).

    Takes the events, our run and the ids of the gold groups the scorer matched; returns the
    counts (all, shown, by type) and the places not shown.
    """
    total: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    skipped = 0
    missed: list[str] = []
    for event in events:
        ours = run.groups.get(event.id, [])
        our_chars = [_chars([(p.article_id, p.start, p.end) for w in g.witnesses for p in w.parts])
                     for g in ours]
        for gold_group in event.gold["groups"]:
            variants = gold_group.get("variants", [])
            if not variants:
                continue
            if gold_group["id"] not in matched_gold or not ours:
                skipped += len(variants)
                continue
            gold_chars = _chars([(w["doc"], w["start"], w["end"])
                                 for w in gold_group["witnesses"]])
            best = max(range(len(ours)), key=lambda k: len(our_chars[k] & gold_chars))
            segments = ours[best].variants
            for place in variants:
                total[place["type"]] += 1
                if _place_shown(place, segments):
                    shown[place["type"]] += 1
                else:
                    missed.append(f"{gold_group['id']} {place['type']}: "
                                  + " | ".join(place["readings"]))
    return {"places": sum(total.values()), "shown": sum(shown.values()),
            "by_type": {t: [shown[t], n] for t, n in total.most_common()},
            "places_in_unmatched_groups": skipped, "not_shown": missed}


def _place_shown(place: dict[str, Any], segments: Sequence[Any]) -> bool:
    golds = [(_norm(r), set(docs)) for r, docs in zip(place["readings"], place["docs"],
                                                      strict=True)]
    for segment in segments:
        readings = [(_norm(r.text), set(r.articles)) for r in segment.readings]
        for (a, a_docs), (b, b_docs) in combinations(readings, 2):
            if a == b:
                continue
            for i, j in ((i, j) for i in range(len(golds)) for j in range(len(golds)) if i != j):
                (gi, di), (gj, dj) = golds[i], golds[j]
                a_in = a in ("", "∅", "…") or a in gi
                b_in = b in ("", "∅", "…") or b in gj
                if a_in and b_in and a_docs & di and b_docs & dj:
                    return True
    return False


# ----------------------------------------------------------------------------- report
def print_report(runs: list[Run], scores: dict[str, dict[str, Any]]) -> None:
    """Print the headline table and what the scorer could not use."""
    first = next(iter(scores.values()))
    print(f"\n=== quote-groups-dev: {first['gold_groups']} gold groups, {first['gold_links']} "
          f"gold links, {first['hard_negatives']} hard negatives "
          f"({sum(len(ev['docs']) for ev in runs[0].events)} articles)")
    print(f"{'system':10} {'groups':>6}   gP    gR   gF1 |   lP    lR   lF1 | speaker | "
          "hard neg | witnesses | time x peer")
    peer_time = next((r.seconds for r in runs if r.system != "newsweave"), None)
    for run in runs:
        s = scores[run.system]
        ratio = f"{run.seconds / peer_time:6.1f}x" if peer_time else "   n/a"
        print(f"{run.system:10} {s['pred_groups']:6} {s['group_precision']:.3f} "
              f"{s['group_recall']:.3f} {s['group_f1']:.3f} | {s['link_precision']:.3f} "
              f"{s['link_recall']:.3f} {s['link_f1']:.3f} | {s['speaker_correct']:3}/"
              f"{s['matched']:<3} | {s['hard_negatives_merged']:3}/{s['hard_negatives']:<4} | "
              f"{s['witnesses_in_predicted_groups']:4}/{s['required_witnesses']:<4} | {ratio}")
    print("(groups: predicted cross-article groups; speaker: correct / matched groups; "
          "witnesses: required gold witnesses inside a predicted cross-article group; time: "
          "extraction + grouping against the peer's)")
    for run in runs:
        problems = scores[run.system].get("prediction_problems") or {}
        extra = (f"; skipped by ingest: {run.skipped or 'none'}; Article.text != text field "
                 f"in {run.text_mismatch}") if run.system == "newsweave" else ""
        print(f"{run.system}: scorer could not use: {problems or 'nothing'}{extra}; "
              f"hard negatives merged: {scores[run.system]['merged_ids'] or 'none'}")


def print_collation(diag: dict[str, Any], show: int) -> None:
    """Print the collation diagnostic."""
    print(f"\ncollation (our diagnostic, not an official metric): {diag['shown']}/"
          f"{diag['places']} gold variant places in matched groups shown as a variant by our "
          f"collation ({diag['places_in_unmatched_groups']} more places lie in groups not "
          "matched)")
    print("  by type: " + ", ".join(f"{t} {a}/{n}" for t, (a, n) in diag["by_type"].items()))
    for line in diag["not_shown"][:show]:
        print(f"   not shown: {line}")


def transcript_repeats(events: list[Event], parts: Sequence[Part] = ("tune", "held-out")
                       ) -> dict[str, tuple[int, int]]:
    """Our check of the transcript property (not an official metric): per half of ``parts``,
    how many stretches of eight words (four content words at least) stand in two segments of
    one speaker's transcript, of all such stretches."""
    out: dict[str, tuple[int, int]] = {}
    for part in parts:
        twice = total = 0
        for event in (e for e in events if in_part(part, e.unit)):
            articles = [a for doc, raw in event.texts.items()
                        for a in read_article(doc, raw, SETTINGS)[0]]
            quotes = [q for a in articles for q in extract_quotes(a)[0]]
            for transcript in build_transcripts(quotes, group_quotes(quotes, articles),
                                                articles):
                where: dict[tuple[str, ...], int] = {}
                for n, segment in enumerate(transcript.segments):
                    keys = [t.key for t in tokenize(segment.text)]
                    for k in range(len(keys) - 7):
                        gram = tuple(keys[k : k + 8])
                        if sum(key not in STOPWORDS for key in gram) >= 4:
                            total += 1
                            twice += where.setdefault(gram, n) != n
        out[part] = (twice, total)
    return out


def main() -> None:
    """Parse the command line, run both systems, score them and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, metavar="N",
                        help="print the scorer's first N unmatched groups and N variant places "
                        "not shown")
    parser.add_argument("--per-event", action="store_true", help="print per-event counts")
    args = parser.parse_args()
    if not GOLD.exists():
        raise SystemExit(f"{GOLD} not found: this benchmark needs ../shared/data")
    RESULTS.mkdir(parents=True, exist_ok=True)
    events = load_events()
    runs = [run_newsweave(events), run_ngram_peer(events, load_score_quotes().quote_regions)]
    scores = {r.system: score(r, args.show, args.per_event) for r in runs}
    print_report(runs, scores)
    print_parts(runs, {"all": scores, **score_parts(runs, events)}, events)
    ours = scores["newsweave"]
    all_gold = {g["id"] for ev in events for g in ev.gold["groups"]}
    matched = all_gold - set(ours["unmatched_gold"])
    diag = collation_diagnostic(events, runs[0], matched)
    print_collation(diag, args.show)
    repeats = transcript_repeats(events)
    print("transcripts (our check, not an official metric): stretches of 8 words said twice "
          "in one speaker's transcript: " + ", ".join(
              f"{part} {twice}/{total}" for part, (twice, total) in repeats.items()))
    (RESULTS / "collation.json").write_text(json.dumps(diag, indent=1, ensure_ascii=False),
                                            encoding="utf-8")
    print(f"\nresults: {RESULTS.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
