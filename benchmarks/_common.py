"""Helpers shared by the benchmarks: paths, building articles, running an official scorer,
and the one split of every development set into a tune half and a held-out half."""

from __future__ import annotations

import hashlib
import json
import math
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from newsweave.ingest import read_text
from newsweave.model import Article, Skipped
from newsweave.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"

Half = Literal["tune", "held-out"]
Part = Literal["all", "tune", "held-out"]
PARTS: tuple[Part, ...] = ("all", "tune", "held-out")


def read_article(
    stem: str, raw: str, settings: Settings | None = None
) -> tuple[list[Article], list[Skipped]]:
    """Read one article's raw text as newsweave's ingest does for a file named ``<stem>.txt``.

    Takes the article's id (used as the file stem, so the Article's id is ``stem``), its text
    and optional settings; returns the articles read (their ``text`` is ``raw`` unchanged, so
    offsets index it) and what ingest skipped, with its reasons.
    """
    result = read_text(f"{stem}.txt", raw, settings)
    return result.articles, result.skipped


def run_scorer(cmd: list[str], json_path: Path) -> tuple[dict[str, Any], str]:
    """Run an official scorer (``cmd`` without the interpreter) writing ``--json json_path``.

    Returns the JSON it wrote and its printed output; raises RuntimeError when it fails.
    """
    proc = subprocess.run([sys.executable, *cmd, "--json", str(json_path)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"scorer {Path(cmd[0]).name} failed: {proc.stderr.strip()[-500:]}")
    result: dict[str, Any] = json.loads(json_path.read_text(encoding="utf-8"))
    return result, proc.stdout


def pct(value: Any) -> str:
    """A fraction as a percentage with one decimal, or n/a."""
    return "  n/a" if value is None else f"{100 * value:5.1f}"


# ----------------------------------------------------------------------------- halves
# Project rule: split each development set once (by article or event, before tuning), tune on
# one half, report both.  The split is a pure function of a unit's key, fixed here once: it
# does not depend on the data, the order it is read in, the Python process (no ``hash()``) or
# anything scored.  The keys name the same unit the same way in every set (``unit_key``), so a
# DUC cluster or an ECB+ topic falls in the same half in quote-groups-dev, reuse-dev,
# conflicts-dev and DUC 2004 alike: tuning on one set's tune half never sees another set's
# held-out articles.


def half_of(key: str) -> Half:
    """The half a unit of a development set belongs to: ``"tune"`` or ``"held-out"``.

    ``key`` names the unit (see ``unit_key``); the half is the low bit of the first byte of
    ``blake2b(key, digest_size=8)``, so it is the same on every machine and in every run.
    """
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return "tune" if digest[0] % 2 == 0 else "held-out"


def unit_key(collection: str, unit: str) -> str:
    """The split key of one independent unit of a development set.

    ``collection`` is ``"polnear"`` (``unit``: the article's file stem), ``"duc2004"``
    (``unit``: the cluster id, ``d30001t``) or ``"ecbplus"`` (``unit``: an event id such as
    ``37-ecbplus`` / ``37-ecb``, or a topic ``t37``).  ECB+ units are keyed by their topic, so
    the two events of a topic (similar stories, often the same outlets) never straddle halves.
    """
    if collection == "ecbplus":
        match = re.match(r"t?(\d+)", unit)
        if match is None:
            raise ValueError(f"not an ECB+ event or topic: {unit!r}")
        return f"ecbplus/t{match.group(1)}"
    if collection not in ("polnear", "duc2004"):
        raise ValueError(f"unknown collection {collection!r}")
    return f"{collection}/{unit}"


def in_part(part: Part, key: str) -> bool:
    """Whether the unit ``key`` belongs to ``part`` (every unit belongs to ``"all"``)."""
    return part == "all" or half_of(key) == part


def split_counts(keys: Iterable[str]) -> str:
    """A short description of how many of ``keys`` (distinct units) fall in each half."""
    units = set(keys)
    tune = sum(half_of(k) == "tune" for k in units)
    return f"{len(units)} units: tune {tune}, held-out {len(units) - tune}"


def link_files(folder: Path, paths: Iterable[Path]) -> Path:
    """Make ``folder`` (and its parents) and put in it a symbolic link to each of ``paths``
    under the same name; returns ``folder``.  Used to give an official scorer a data folder
    restricted to one half without copying any data."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        (folder / path.name).symlink_to(path.resolve())
    return folder


def print_halves(
    title: str, columns: Sequence[str], rows: Sequence[tuple[str, str, Sequence[str]]]
) -> None:
    """Print the headline figures per system and part (all / tune / held-out) as one table.

    ``rows`` holds (system, part label, cells); ``columns`` names the cells.
    """
    widths = [max(len(c), *(len(r[2][k]) for r in rows)) for k, c in enumerate(columns)]
    sys_w = max(len("system"), *(len(r[0]) for r in rows))
    part_w = max(len("part"), *(len(r[1]) for r in rows))
    print(f"\n{title}")
    print(f"  {'system':{sys_w}} {'part':{part_w}} "
          + " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)))
    for system, part, cells in rows:
        print(f"  {system:{sys_w}} {part:{part_w}} "
              + " ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)))


def timed(run: Callable[[], object], repeat: int) -> float:
    """Return the median wall time of ``run`` over ``repeat`` calls, after one warm-up call."""
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def growth_exponent(points: Sequence[tuple[float, float]]) -> float:
    """The least-squares slope of log(time) on log(size) over ``(size, seconds)`` points: 1
    is linear growth, 2 quadratic."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs)
