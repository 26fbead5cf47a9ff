"""Score the extractive summary on DUC 2004: newsweave beside sumy's peers and published systems.

Usage: python benchmarks/bench_summary.py [--data DIR] [--words 100] [--repeat N] [--no-peers]

What it measures: ROUGE-1, ROUGE-2 and ROUGE-L recall of 100-word multi-document summaries
of the DUC 2004 Task 2 clusters in ``../shared/data/duc2004`` (the literature's setting: the
first 100 words, Porter stemming, stopwords kept, references pooled; ROUGE-2 recall ranks), and
how long a summary takes.

How: every system reads the same ``articles.jsonl`` of each cluster in the same process and
writes ``<system>/<cluster>.txt`` under ``benchmarks/results/summary/summaries/``:

- ``newsweave``: ``newsweave.brief([articles.jsonl], {"summary.words": 100})`` (what users get,
  the budget set to the benchmark's 100 words), its summary sentences one a line;
- ``sumy-LexRank``, ``sumy-TextRank``, ``sumy-LSA`` (the peers run here): sumy's summarizers on
  the same sentences, given newsweave's sentence segmenter and word tokens through a small
  tokenizer adapter (sumy's own tokenizer needs an NLTK download that fails offline), its
  Snowball stemmer (no download) and its English stopwords; they rank every sentence and take
  the best-rated until 100 words, in document order;
- ``Lead``: the first sentences of the most recent article up to 100 words (a baseline);
- ``peer-<System>``: the published summaries of ``<cluster>/peers/`` (SumRepo and DUC's Lead),
  copied as the scorer's README shows.

All of them are scored in ONE call of the official scorer ``../shared/eval/score_summary.py``
(a subprocess, ``--json``); the table printed is read from its JSON, nothing of the metric lives
here.  Halves: the clusters are split once (``_common.half_of`` of ``duc2004/<cluster>``) into
a tune half and a held-out half, and the scorer is called once more per half on a data folder
and a summaries folder holding that half's clusters only (temporary folders of links), so a
half's mean is over its own clusters; ROUGE-1 / ROUGE-2 recall of every system is printed for
all clusters and for each half.

Time: per cluster after a warm-up, the median over ``--repeat`` runs of newsweave's whole
brief and of its summary stages alone (segment, index, facts, summarize; the brief's reuse
pairs given), and of sumy's LexRank (parse and rank), printed as ratios to LexRank.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import newsweave
from _common import (
    EVAL,
    PARTS,
    ROOT,
    SHARED,
    Part,
    half_of,
    link_files,
    run_scorer,
    timed,
    unit_key,
)
from newsweave.align import align_facts, build_sentence_index
from newsweave.model import Article, Brief
from newsweave.settings import Settings
from newsweave.summarize import summarize
from newsweave.text import segment_article, segment_paragraph, tokenize

SCORER = EVAL / "score_summary.py"
DUC = SHARED / "data" / "duc2004"
RESULTS = ROOT / "benchmarks" / "results" / "summary"
UNSUPERVISED = ("LexRank", "Centroid", "GreedyKL", "FreqSum", "TsSum", "Submodular", "DPP",
                "ICSISumm", "CLASSY04", "CLASSY11", "OCCAMS_V")
# RegSum learns word importance from DUC 2001-2003: a supervised system.
SUPERVISED = ("RegSum",)


class NewsweaveTokenizer:
    """sumy tokenizer backed by newsweave: pysbd sentences and newsweave word tokens."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Return the sentences of ``paragraph`` as strings (newsweave's segmenter)."""
        return tuple(paragraph[s:e] for s, e in segment_paragraph(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Return the word tokens of ``sentence`` as strings (newsweave's tokenizer)."""
        return tuple(t.text for t in tokenize(sentence))


def _words_budget(words: int) -> Callable[[Sequence[Any]], list[Any]]:
    """Return a sumy ``sentences_count`` callable: best-rated sentences until ``words`` words."""
    def take(infos: Sequence[Any]) -> list[Any]:
        chosen: list[Any] = []
        used = 0
        for info in infos:  # sumy passes them best-rated first
            n = len(str(info.sentence).split())
            if used + n > words and chosen:
                continue
            chosen.append(info)
            used += n
            if used >= words:
                break
        return chosen
    return take


def sumy_systems(words: int) -> dict[str, Callable[[list[Article]], list[str]]]:
    """Return sumy's LexRank, TextRank and LSA as functions articles -> summary sentences."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = NewsweaveTokenizer()
    stemmer = Stemmer("english")
    stop_words = get_stop_words("english")

    def document(articles: list[Article]) -> Any:
        paragraphs = []
        for article in articles:
            for paragraph in article.paragraphs:
                paragraphs.append(Paragraph([
                    Sentence(text, tokenizer) for text in tokenizer.to_sentences(paragraph.text)
                ]))
        return ObjectDocumentModel(paragraphs)

    def make(cls: Any) -> Callable[[list[Article]], list[str]]:
        summarizer = cls(stemmer)
        summarizer.stop_words = stop_words

        def run(articles: list[Article]) -> list[str]:
            return [str(s) for s in summarizer(document(articles), _words_budget(words))]
        return run

    return {"sumy-LexRank": make(LexRankSummarizer), "sumy-TextRank": make(TextRankSummarizer),
            "sumy-LSA": make(LsaSummarizer)}


def lead(articles: list[Article], words: int) -> list[str]:
    """Return the first sentences of the most recent article, up to ``words`` words."""
    latest = max(articles, key=lambda a: (a.date.toordinal() if a.date else 0))
    out: list[str] = []
    used = 0
    for sentence in segment_article(latest):
        n = len(sentence.span.text.split())
        if out and used + n > words:
            break
        out.append(sentence.span.text)
        used += n
    return out


def summary_stages(brief: Brief, words: int) -> None:
    """Run newsweave's summary stages alone on a brief's articles (for timing)."""
    sentences = [s for a in brief.articles for s in segment_article(a)]
    index = build_sentence_index(sentences)
    settings = Settings.from_overrides({"summary.words": words})
    facts = align_facts(index, brief.reuse, settings.facts)
    summarize(facts, index, brief.articles, settings.summary)


def write(folder: Path, cluster: str, sentences: Iterable[str]) -> None:
    """Write one system's summary of ``cluster`` to ``folder``, one sentence a line."""
    folder.mkdir(parents=True, exist_ok=True)
    text = "\n".join(" ".join(s.split()) for s in sentences)
    (folder / f"{cluster}.txt").write_text(text + "\n", encoding="utf-8")


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DUC)
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-peers", action="store_true", help="newsweave and Lead only")
    args = parser.parse_args()
    if not (args.data.is_dir() and SCORER.is_file()):
        sys.exit(f"needs {args.data} and {SCORER} (../shared next to the repository)")

    out = RESULTS / "summaries"
    shutil.rmtree(out, ignore_errors=True)
    settings = {"summary.words": args.words}
    peers = {} if args.no_peers else sumy_systems(args.words)
    clusters = sorted(p.name for p in args.data.iterdir() if (p / "articles.jsonl").is_file())
    times: dict[str, list[float]] = {"newsweave brief": [], "newsweave summary stages": [],
                                     "sumy-LexRank": []}
    skipped = 0
    for cluster in clusters:
        path = str(args.data / cluster / "articles.jsonl")
        brief = newsweave.brief([path], settings)
        skipped += len(brief.skipped)
        articles = list(brief.articles)
        write(out / "newsweave", cluster, [s.span.text for s in brief.summary])
        write(out / "Lead", cluster, lead(articles, args.words))
        for name, run in peers.items():
            write(out / name, cluster, run(articles))
        for peer in sorted((args.data / cluster / "peers").glob("*.txt")):
            target = out / f"peer-{peer.stem}"
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy(peer, target / f"{cluster}.txt")
        times["newsweave brief"].append(
            timed(lambda path=path: newsweave.brief([path], settings), args.repeat))
        times["newsweave summary stages"].append(
            timed(lambda brief=brief: summary_stages(brief, args.words), args.repeat))
        if peers:
            times["sumy-LexRank"].append(
                timed(lambda a=articles: peers["sumy-LexRank"](a), args.repeat))

    scores, printed = run_scorer(
        [str(SCORER), str(out), str(args.data), "--words", str(args.words), "--per-cluster"],
        RESULTS / "rouge_scores.json",
    )
    report(scores, printed, times, skipped, len(clusters))
    halves = score_halves(out, args.data, clusters, args.words)
    report_halves({"all": scores, **halves}, clusters)


def score_halves(summaries: Path, data: Path, clusters: list[str],
                 words: int) -> dict[Part, dict[str, Any]]:
    """Score every system's summaries on each half of the clusters (one official scorer call per
    half, on folders of links holding that half's clusters only); returns {half: scorer JSON}."""
    out: dict[Part, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="duc-half-") as tmp:
        for half in PARTS[1:]:
            kept = [c for c in clusters if half_of(unit_key("duc2004", c)) == half]
            data_dir = link_files(Path(tmp) / half / "data", (data / c for c in kept))
            for system in sorted(p for p in summaries.iterdir() if p.is_dir()):
                link_files(Path(tmp) / half / "summaries" / system.name,
                           (f for c in kept if (f := system / f"{c}.txt").is_file()))
            out[half], _ = run_scorer(
                [str(SCORER), str(Path(tmp) / half / "summaries"), str(data_dir),
                 "--words", str(words)], RESULTS / f"rouge_scores.{half}.json")
    return out


def report_halves(by_part: dict[Part, dict[str, Any]], clusters: list[str]) -> None:
    """Print ROUGE-1 / ROUGE-2 recall of every system for all clusters and each half."""
    counts = {part: sum(part == "all" or half_of(unit_key("duc2004", c)) == part
                        for c in clusters) for part in by_part}
    print("\nby half (split by cluster; each half scored on its own clusters), recall %:")
    print(f"{'system':<22} " + " ".join(f"{f'{p} ({counts[p]})':>15}" for p in by_part))
    print(f"{'':<22} " + " ".join(f"{'R1':>7} {'R2':>7}" for _ in by_part))
    systems = by_part["all"]["systems"]
    for name in sorted(systems, key=lambda n: -systems[n]["rouge2"]["recall"]):
        cells = []
        for scores in by_part.values():
            s = scores["systems"].get(name)
            cells.append(f"{100 * s['rouge1']['recall']:7.2f} {100 * s['rouge2']['recall']:7.2f}"
                         if s else f"{'n/a':>7} {'n/a':>7}")
        print(f"{name:<22} " + " ".join(cells))
    for part in PARTS[1:]:
        names = " ".join(c for c in clusters if half_of(unit_key("duc2004", c)) == part)
        print(f"  {part}: {names}")


def report(scores: dict[str, Any], scorer_stdout: str, times: dict[str, list[float]],
           skipped: int, n_clusters: int) -> None:
    """Print the ROUGE table, what the scorer could not use, and the timing ratios."""
    systems: dict[str, Any] = scores["systems"]
    rows = sorted(systems.items(), key=lambda kv: -kv[1]["rouge2"]["recall"])
    print(f"DUC 2004 Task 2, {n_clusters} clusters, official scorer (rouge-score), recall %:")
    print(f"{'system':<22} {'R1':>6} {'R2':>6} {'RL':>6}  {'R1 F1':>6} {'R2 F1':>6}  kind")
    for name, s in rows:
        bare = name.removeprefix("peer-")
        kind = ("ours" if name == "newsweave" else "sumy, same run" if name.startswith("sumy")
                else "supervised, published" if bare in SUPERVISED
                else "unsupervised, published" if bare in UNSUPERVISED else "baseline")
        print(f"{name:<22} {100 * s['rouge1']['recall']:6.2f} {100 * s['rouge2']['recall']:6.2f} "
              f"{100 * s['rougeL']['recall']:6.2f}  {100 * s['rouge1']['f1']:6.2f} "
              f"{100 * s['rouge2']['f1']:6.2f}  {kind}")
    missing = {n: len(s["missing"]) for n, s in systems.items() if s["missing"]}
    ignored = [line for line in scorer_stdout.splitlines() if "ignored" in line]
    gaps = ", ".join(f"{n}: {k} clusters missing" for n, k in missing.items())
    print("scorer could not use: " + (gaps or "no cluster missing")
          + ("; " + "; ".join(ignored) if ignored else "; no summary ignored")
          + f"; inputs newsweave skipped: {skipped}")
    print("mean words before the scorer's cut: " + ", ".join(
        f"{n} {s['words']:.0f}" for n, s in rows if not n.startswith("peer-")))
    ours = systems.get("newsweave")
    best = max((s for n, s in systems.items() if n.removeprefix("peer-") in UNSUPERVISED),
               key=lambda s: s["rouge2"]["recall"], default=None)
    if ours and best:
        ours_r2, best_r2 = 100 * ours["rouge2"]["recall"], 100 * best["rouge2"]["recall"]
        lexrank_r2 = 100 * systems.get("sumy-LexRank", ours)["rouge2"]["recall"]
        print(f"bar: R2 recall above every unsupervised published system (best {best_r2:.2f})"
              f" and sumy-LexRank ({lexrank_r2:.2f}): newsweave {ours_r2:.2f}, "
              + ("met" if ours_r2 > max(best_r2, lexrank_r2) else "NOT met"))
    print("published anchors, all 50 clusters (ROUGE-1.5.5): LexRank 36.0/7.5, Submodular "
          "39.2/9.4, DPP 39.8/9.6, ICSISumm 38.4/9.8 (not this half; see rows above)")
    print("time per cluster after warm-up, median over clusters:")
    lexrank = statistics.median(times["sumy-LexRank"]) if times["sumy-LexRank"] else None
    for name, values in times.items():
        if not values:
            continue
        median = statistics.median(values)
        ratio = f"  ({median / lexrank:.2f}x sumy-LexRank)" if lexrank else ""
        print(f"  {name:<26} {median:.3f} s, max {max(values):.3f} s{ratio}")
    print(f"results: {RESULTS}")


if __name__ == "__main__":
    main()
