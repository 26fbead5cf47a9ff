"""Cost against input size: time and peak memory of one brief as hostile shapes grow.

Usage: python benchmarks/bench_scaling.py [--shapes NAME...] [--steps 1 2 4 8]

Each shape is built in code at 1x, 2x, 4x and 8x its base size and briefed (ingest + the whole
pipeline, default settings) in a fresh subprocess, which reports its own wall time and peak
memory (max RSS), so one point never inherits another's caches or memory.  Printed per shape:
the input size, seconds, MiB, and the growth exponent of time with size (the slope of
log(time) against log(size) from 1x to 8x: 1 is linear, 2 quadratic).  The goal (issue 17):
exponent at most 1.15 for one article's size, the largest article accepted (5 MB, the
``ingest.max_input_bytes`` default) briefed in under 60 s, nothing above 1 GB.

Shapes (one long article beside one normal article, unless said):

- ``paragraphs``: 2,000 short one-line paragraphs at 1x;
- ``unpunctuated``: one paragraph of 8,000 words with no sentence punctuation at 1x (a
  transcript without full stops);
- ``unclosed-quotes``: 500 paragraphs, each opening a quotation it never closes, at 1x;
- ``quoted-run``: one paragraph of 500 quotations (straight marks that pair up) and no
  sentence end, so that every quote's sentence is the whole paragraph, at 1x;
- ``many-people``: one paragraph naming 500 different people at 1x (each name was searched
  for over the whole text);
- ``repeated``: the bundled example article repeated to 0.62 MB at 1x, so 8x is just under the
  5 MB input limit;
- ``articles``: 25 to 200 generated articles of about 800 words about one event (their
  pairwise stages grow with the number of articles; reported for reference, not held to the
  one-article goal).

``--regexes`` audits every module-level regular expression of the analysis (quote and speaker
grammar, values, entities, text) for super-linear matching: each is run (``finditer``) over
adversarial strings (runs of capitalised words, of one long word, of initials "A. ", of quote
marks, of commas, of spaces, of digits...) at 500 and 2,000 characters, and a pattern whose
time grows more than 6 times for 4 times the input is printed, with where it is used: a
pattern applied only to a bounded window (the 200 characters before a quote, a 60-character
sentence lead) cannot blow up whatever the input.

The text is generated here or taken from ``examples/`` (our own); nothing is fetched.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from _common import growth_exponent

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "river-festival" / "01-courier.txt"
LIMIT_BYTES = 5_000_000

_WORDS = ("the council said on monday that its budget would pay for new roads schools and "
          "clinics across the valley after the winter floods damaged bridges and homes").split()
_NORMAL = ("The council met on Monday to discuss the flood repairs. Officials said the work "
           "would take months. \"We will rebuild every bridge,\" said Mara Lind, the council "
           "leader. Residents welcomed the plan but asked for a timetable. ") * 4


def _paragraphs(scale: int) -> str:
    rng = random.Random(scale)
    return "Flood report\n\n" + "\n\n".join(
        f"Item {i}: {rng.choice(_WORDS)} {rng.choice(_WORDS)} {rng.choice(_WORDS)}."
        for i in range(2000 * scale))


def _unpunctuated(scale: int) -> str:
    rng = random.Random(scale)
    return " ".join(rng.choice(_WORDS) for _ in range(8000 * scale))


def _unclosed(scale: int) -> str:
    # curly opening marks only, so no two of them pair up; no two paragraphs alike (a line
    # repeated many times is boilerplate to ingest)
    rng = random.Random(scale)
    return "Council meeting\n\n" + "\n\n".join(
        f"Speaker {i} said “we will rebuild the {rng.choice(_WORDS)} and the {rng.choice(_WORDS)}"
        for i in range(500 * scale))


def _quoted_run(scale: int) -> str:
    # one paragraph, no sentence end: every quote's sentence is the whole paragraph
    rng = random.Random(scale)
    return "Council meeting\n\n" + " ".join(
        f'Speaker {i} said "we will rebuild the {rng.choice(_WORDS)}' for i in range(500 * scale))


def _many_people(scale: int) -> str:
    # one paragraph naming 500 different people per 1x, each once in full and once alone
    rng = random.Random(scale)
    first = ("Mara", "Ann", "Tomas", "Ines", "Oskar", "Lena")
    return "Council meeting\n\n" + " ".join(
        f"{rng.choice(first)} Lind{i:x}y told the {rng.choice(_WORDS)} that Lind{i:x}y would"
        for i in range(500 * scale))


def _repeated(scale: int) -> str:
    base = EXAMPLE.read_text(encoding="utf-8")
    header, _, body = base.partition("\n\n")
    copies = max(1, (LIMIT_BYTES // 8 * scale - len(header.encode())) // (len(body.encode()) + 2))
    return header + "\n\n" + "\n\n".join([body] * copies)


SHAPES: dict[str, Callable[[int], str]] = {
    "paragraphs": _paragraphs,
    "unpunctuated": _unpunctuated,
    "unclosed-quotes": _unclosed,
    "quoted-run": _quoted_run,
    "many-people": _many_people,
    "repeated": _repeated,
}

_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {benchmarks!r})
start = time.perf_counter()
from newsweave.ingest import read_text
from newsweave.ingest.formats import read_json_lines
from newsweave.pipeline import build_brief
shape, scale, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
begin = time.perf_counter()
if shape == "articles":
    import _synthetic_news as synth
    lines = "\\n".join(json.dumps(a.record()) for a in synth.event(25 * scale, words=800))
    result = read_json_lines("event", "event.jsonl", lines)
    articles, skipped = result.articles, result.skipped
    size = len(lines.encode())
else:
    text = open(path, encoding="utf-8").read()
    long = read_text("long.txt", text)
    normal = read_text("normal.txt", {normal!r})
    articles = long.articles + normal.articles
    skipped = long.skipped + normal.skipped
    size = len(text.encode())
brief = build_brief(articles, skipped=skipped)
seconds = time.perf_counter() - begin
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "mib": rss, "bytes": size, "articles": len(articles),
                  "notices": sorted({{n.code for n in brief.notices}}
                                    | {{s.code for s in brief.skipped}})}}))
"""


# Patterns that grow super-linearly on a long run, applied only to a bounded slice of text.
BOUNDED_USE = {
    "newsweave.quotes.extract._CUE_BEFORE": "the clause before a quote (at most 200 characters)",
    "newsweave.quotes.extract._PARTICIPLE_BEFORE": "the clause before a quote (at most 200 "
    "characters)",
    "newsweave.people.speakers._SUBJECT_LEAD": "a sentence's lead (at most 61 characters)",
    "newsweave.people.mentions._CLAUSE_VERB": "match() at one offset, once per first name",
}


def _adversarial(n: int) -> dict[str, str]:
    return {
        "capitalised words": " ".join(["Ann"] * (n // 4)), "one long word": "A" * n,
        "initials": "A. " * (n // 3), "straight quotes": '"' * n, "curly quotes": "“" * n,
        "commas": ", " * (n // 2), "listed words": "a, " * (n // 3), "spaces": " " * n,
        "cue words": "said " * (n // 5), "dots": "." * n, "dashes": "- " * (n // 2),
        "digits": "1" * n, "numbers": "1, " * (n // 3), "titled names": "Mr. Ann Lee " * (n // 12),
        "apostrophes": "'" * n, "newlines": "\n" * n, "hyphenated": "a-" * (n // 2),
    }


def regex_audit() -> None:
    """Print the patterns that match super-linearly on some adversarial run of text."""
    import importlib
    import pkgutil
    import re
    import time

    import newsweave

    patterns: dict[int, tuple[str, re.Pattern[str]]] = {}
    for info in pkgutil.walk_packages(newsweave.__path__, "newsweave."):
        if any(part in info.name for part in ("cli", "report", "corpus", "__main__")):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and id(value) not in patterns:
                patterns[id(value)] = (f"{info.name}.{name}", value)
    print(f"\nregular expressions: {len(patterns)} module-level patterns x "
          f"{len(_adversarial(10))} adversarial runs, 500 -> 2,000 characters")
    flagged = 0
    for name, pattern in sorted(patterns.values(), key=lambda np: np[0]):
        for shape in _adversarial(10):
            seconds: list[float] = []
            for n in (500, 2000):
                text = _adversarial(n)[shape]
                start = time.perf_counter()
                for _ in pattern.finditer(text):
                    pass
                seconds.append(time.perf_counter() - start)
            growth = seconds[1] / max(seconds[0], 1e-5)
            if seconds[1] > 0.02 and growth > 6:
                flagged += 1
                where = BOUNDED_USE.get(name, "UNBOUNDED: fix it")
                print(f"  {name:<48} {shape:<18} x{growth:4.1f} ({seconds[1]:.2f} s at 2,000)"
                      f"  used on: {where}")
    print(f"  {flagged} super-linear (pattern, run) pairs; the others grow linearly")


def measure(shape: str, scale: int, folder: Path) -> dict[str, object]:
    """Brief one shape at one scale in a fresh interpreter; return its figures."""
    path = folder / f"{shape}-{scale}.txt"
    if shape in SHAPES:
        path.write_text(SHAPES[shape](scale), encoding="utf-8")
    code = _CHILD.format(benchmarks=str(ROOT / "benchmarks"), normal=_NORMAL)
    proc = subprocess.run([sys.executable, "-c", code, shape, str(scale), str(path)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{shape} x{scale} failed: {proc.stderr.strip()[-800:]}")
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shapes", nargs="+", default=[*SHAPES, "articles"],
                        choices=[*SHAPES, "articles"])
    parser.add_argument("--steps", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--regexes", action="store_true",
                        help="also audit the regular expressions on adversarial runs")
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'shape':<16} {'scale':>5} {'input MB':>9} {'articles':>8} {'seconds':>8} "
              f"{'peak MiB':>9}  notices and skips")
        for shape in args.shapes:
            points: list[tuple[float, float]] = []
            for scale in args.steps:
                r = measure(shape, scale, Path(tmp))
                seconds = float(r["seconds"])  # type: ignore[arg-type]
                size = float(r["bytes"])  # type: ignore[arg-type]
                points.append((size, seconds))
                print(f"{shape:<16} {scale:>4}x {size / 1e6:>9.2f} {r['articles']!s:>8} "
                      f"{seconds:>8.2f} {float(r['mib']):>9.0f}  "  # type: ignore[arg-type]
                      f"{','.join(r['notices']) or '-'}")  # type: ignore[arg-type]
                sys.stdout.flush()
            if len(points) > 1:
                print(f"{shape:<16} growth exponent {growth_exponent(points):.2f} (1 = linear)")
    if args.regexes:
        regex_audit()


if __name__ == "__main__":
    main()
