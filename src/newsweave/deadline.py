"""A time limit for one brief: past it, a :class:`BriefTimeout` naming the stage, never a hang.

Two ways of stopping, because neither alone is enough: the pipeline checks the clock between
stages and between articles (cooperative: works in any thread), and where a timer signal is
available (the main thread of a Unix process, as the CLI runs) an alarm interrupts a stage in
the middle of its work too.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from newsweave.errors import NewsweaveError


class BriefTimeout(NewsweaveError):
    """Raised when a brief takes longer than its time limit; the message names the stage."""


class Deadline:
    """The time limit of one brief (``seconds`` None: no limit) and the stage now running."""

    def __init__(self, seconds: float | None = None) -> None:
        if seconds is not None and seconds <= 0:
            raise ValueError(f"a time limit must be positive, not {seconds!r}")
        self.seconds = seconds
        self.started = time.monotonic()
        self.stage = "reading the inputs"
        self._armed = False

    def enter(self, stage: str) -> None:
        """Record that ``stage`` starts now; raise BriefTimeout if the time is already up."""
        self.stage = stage
        self.check()

    def check(self) -> None:
        """Raise BriefTimeout if the time limit has passed."""
        if self.seconds is not None and time.monotonic() - self.started > self.seconds:
            raise self.error()

    def error(self) -> BriefTimeout:
        """The error to raise: the limit, the time spent and the stage that was running."""
        spent = time.monotonic() - self.started
        return BriefTimeout(
            f"the brief was stopped after {spent:.1f} s, past its time limit of "
            f"{self.seconds:g} s, during {self.stage} (raise --timeout, or brief fewer or "
            "shorter articles)")

    @contextmanager
    def alarm(self) -> Iterator[Deadline]:
        """Within this block, also interrupt the work when the time is up (a SIGALRM timer;
        only in the main thread where the platform has one, else the checks alone)."""
        usable = (self.seconds is not None and hasattr(signal, "setitimer") and not self._armed
                  and threading.current_thread() is threading.main_thread())
        if not usable:  # no timer here, or one already armed by an enclosing block
            yield self
            return

        def on_alarm(_signum: int, _frame: FrameType | None) -> None:
            raise self.error()

        remaining = max(1e-3, self.started + (self.seconds or 0.0) - time.monotonic())
        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, remaining)
        self._armed = True
        try:
            yield self
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            self._armed = False
