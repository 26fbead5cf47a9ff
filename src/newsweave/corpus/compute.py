"""Where corpus work runs: in this process (the default) or on a Dask cluster.

Only pure per-item work is sent out: each article's event features and duplicate sketch, and
each event's brief.
Both are functions of their input alone, and results come back in input order, so a run on a
cluster gives the same store as a run in process.  The online assignment of articles to events
stays in this process, in stream order: it is sequential by nature (each article sees the
events of the articles before it), and it is the cheap part.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from newsweave.errors import SettingsError

In = TypeVar("In")
Out = TypeVar("Out")


class Compute(Protocol):
    """Maps a pure function over items, returning results in item order."""

    def map(self, function: Callable[[In], Out], items: Sequence[In]) -> list[Out]:
        """Return ``[function(item) for item in items]``, computed wherever this runs."""
        ...

    def map_batches(self, function: Callable[[In], Out], batches: Iterable[Sequence[In]]
                    ) -> Iterator[tuple[Sequence[In], list[Out]]]:
        """Yield each batch with ``[function(item) for item in batch]``, in batch order; the
        next batch may be taken and worked on while the caller handles one."""
        ...

    def close(self) -> None:
        """Release what the computation holds (a cluster it started)."""
        ...


class InProcess:
    """Computes in the calling process, one item after another."""

    def map(self, function: Callable[[In], Out], items: Sequence[In]) -> list[Out]:
        """Return ``[function(item) for item in items]``."""
        return [function(item) for item in items]

    def map_batches(self, function: Callable[[In], Out], batches: Iterable[Sequence[In]]
                    ) -> Iterator[tuple[Sequence[In], list[Out]]]:
        """Yield each batch with ``[function(item) for item in batch]``, one after another."""
        for batch in batches:
            yield batch, [function(item) for item in batch]

    def close(self) -> None:
        """Nothing to release."""


class OnDask:
    """Computes on a Dask cluster: an existing one (``scheduler`` address) or a local one
    started with ``workers`` worker processes (one thread each).  Raises SettingsError when
    the ``distributed`` extra is missing or the scheduler cannot be reached."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None,
                 chunk: int = 256) -> None:
        try:  # imported by name: distributed's functions carry no type hints
            distributed: Any = importlib.import_module("distributed")
        except ImportError as exc:
            raise SettingsError("a Dask cluster needs the distributed extra: "
                                "pip install 'newsweave[distributed]'") from exc
        self.chunk = chunk
        self._cluster: Any = None
        try:
            if scheduler is not None:
                self.client: Any = distributed.Client(scheduler, timeout="10s")
            else:
                self._cluster = distributed.LocalCluster(
                    n_workers=workers or 2, threads_per_worker=1, processes=True,
                    dashboard_address=":0")
                self.client = distributed.Client(self._cluster)
        except (OSError, TimeoutError) as exc:
            raise SettingsError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc

    def map(self, function: Callable[[In], Out], items: Sequence[In]) -> list[Out]:
        """Return ``[function(item) for item in items]``, computed on the cluster in chunks
        (one task per ``chunk`` items, so tasks are not too small to pay for themselves, and
        at least one per worker while there are items enough)."""
        size = max(1, min(self.chunk, -(-len(items) // self._workers())))
        chunks = [list(items[k : k + size]) for k in range(0, len(items), size)]
        futures = self.client.map(_apply, [function] * len(chunks), chunks, pure=False)
        return [result for part in self.client.gather(futures) for result in part]

    def _submit(self, function: Callable[[In], Out], batch: Sequence[In]) -> list[Any]:
        # one task per worker's share of the batch (at least ``chunk`` items): few, large tasks
        size = max(self.chunk, -(-len(batch) // self._workers()))
        chunks = [list(batch[k : k + size]) for k in range(0, len(batch), size)]
        return list(self.client.map(_apply, [function] * len(chunks), chunks, pure=False))

    def map_batches(self, function: Callable[[In], Out], batches: Iterable[Sequence[In]]
                    ) -> Iterator[tuple[Sequence[In], list[Out]]]:
        """Yield each batch with ``[function(item) for item in batch]``, computed on the
        cluster in one task per worker; the next batch is sent before one is yielded, so the
        workers compute it while the caller handles this one."""
        pending: tuple[Sequence[In], list[Any]] | None = None
        for batch in batches:
            submitted = (batch, self._submit(function, batch))
            if pending is not None:
                yield pending[0], self._gather(pending[1])
            pending = submitted
        if pending is not None:
            yield pending[0], self._gather(pending[1])

    def _workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def _gather(self, futures: list[Any]) -> list[Any]:
        return [result for part in self.client.gather(futures) for result in part]

    def close(self) -> None:
        """Close the client, and the local cluster if this object started it."""
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def _apply(function: Callable[[In], Out], items: list[In]) -> list[Out]:
    return [function(item) for item in items]


def compute_for(scheduler: str | None = None, workers: int | None = None) -> Compute:
    """Return where to compute: Dask when a scheduler address or a worker count is given,
    else this process."""
    if scheduler is None and workers is None:
        return InProcess()
    return OnDask(scheduler, workers)
