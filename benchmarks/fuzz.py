"""A long fuzz run (issue 17): the properties of ``tests/test_properties.py`` on many generated
inputs, target by target.

Usage: python benchmarks/fuzz.py [--examples 5000] [--seconds 600] [--targets NAME...]
                                 [--seed N]

Each target (decode, read, segment, quotes, collation, render) runs the same ``check_*``
function as the tests, through hypothesis with ``--examples`` examples at most and an equal
share of ``--seconds`` (whichever ends first).  Every failure is recorded (its input's repr,
cut to 300 characters, and the error) rather than stopping the target, so one run reports all
the distinct failures it found.  Printed per target: executions, distinct failures, seconds;
then each failure.  Exit status 1 when anything failed.

Nothing is fetched: the inputs are generated here.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import test_properties as props  # noqa: E402  (the tests' properties and strategies)

REPR_LIMIT = 300


@dataclass
class Target:
    """One property to fuzz: its strategy and the check that takes one example."""

    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], object]
    # renders build a whole brief per example: fewer of them in the same time
    weight: float = 1.0


@dataclass
class Outcome:
    """What fuzzing one target found."""

    executions: int = 0
    seconds: float = 0.0
    failures: dict[str, str] = field(default_factory=dict)  # error signature -> input repr
    stopped_by_time: bool = False


TARGETS = [
    Target("decode", props.any_bytes, props.check_decode),
    Target("read", props.named_input, lambda named: props.check_read_text(*named)),
    Target("segment", props.any_text, props.check_segmentation),
    Target("quotes", props.any_text, props.check_quotes),
    Target("collation", props.article_pair, lambda pair: props.check_collation(*pair)),
    Target("render", props.rendered_texts, props.check_renderers, weight=0.2),
]


class _OutOfTime(Exception):
    """Raised inside a run to end it when its time share is spent."""


def _signature(exc: BaseException) -> str:
    """Where and what: the innermost frame in newsweave (or the test) and the error type."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "newsweave" in f.filename or "test_properties" in f.filename]
    frame = (ours or frames)[-1]
    return f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}: {exc}"[:300]


def fuzz(target: Target, examples: int, seconds: float, seed: int) -> Outcome:
    """Run ``target`` on up to ``examples`` generated inputs or for ``seconds``."""
    outcome = Outcome()
    deadline = time.monotonic() + seconds
    start = time.monotonic()

    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(target.strategy)
    def run(example: Any) -> None:
        if time.monotonic() > deadline:
            outcome.stopped_by_time = True
            raise _OutOfTime
        outcome.executions += 1
        try:
            target.check(example)
        except Exception as exc:  # every failure is kept; the run goes on
            key = _signature(exc)
            if key not in outcome.failures:
                outcome.failures[key] = repr(example)[:REPR_LIMIT]

    seeded = seed_for(run, seed)
    with contextlib.suppress(_OutOfTime):
        seeded()
    outcome.seconds = time.monotonic() - start
    return outcome


def seed_for(test: Callable[[], None], seed: int) -> Callable[[], None]:
    """Return ``test`` with hypothesis's random seed fixed (runs are repeatable by seed)."""
    from hypothesis import seed as fix_seed

    seeded: Callable[[], None] = fix_seed(seed)(test)
    return seeded


def main(argv: list[str] | None = None) -> int:
    """Fuzz every target (or those named), print the figures and failures; 1 if any failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=5000,
                        help="examples per target at most (default 5000)")
    parser.add_argument("--seconds", type=float, default=600.0,
                        help="time budget for the whole run, shared by weight (default 600)")
    parser.add_argument("--targets", nargs="*", choices=[t.name for t in TARGETS],
                        help="the targets to run (default all)")
    parser.add_argument("--seed", type=int, default=17, help="random seed (default 17)")
    args = parser.parse_args(argv)
    chosen = [t for t in TARGETS if not args.targets or t.name in args.targets]
    share = args.seconds / len(chosen)
    print(f"fuzz: {len(chosen)} targets, up to {args.examples} examples and {share:.0f} s "
          f"each, seed {args.seed}")
    print(f"{'target':<11} {'executions':>10} {'failures':>8} {'seconds':>8}  ended by")
    results: dict[str, Outcome] = {}
    for target in chosen:
        examples = max(1, int(args.examples * target.weight))
        outcome = fuzz(target, examples, share, args.seed)
        results[target.name] = outcome
        print(f"{target.name:<11} {outcome.executions:>10} {len(outcome.failures):>8} "
              f"{outcome.seconds:>8.1f}  {'time' if outcome.stopped_by_time else 'examples'}",
              flush=True)
    total = sum(o.executions for o in results.values())
    failures = sum(len(o.failures) for o in results.values())
    print(f"{'total':<11} {total:>10} {failures:>8}")
    for name, outcome in results.items():
        for key, example in outcome.failures.items():
            print(f"\nFAIL {name}: {key}\n  input: {example}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
