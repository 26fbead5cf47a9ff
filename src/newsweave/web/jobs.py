"""Briefs computed off the event loop: a small pool of threads, and the finished briefs kept
(the most recent ``kept`` of them) under unguessable ids so that their pages can be opened."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

from newsweave.deadline import BriefTimeout, Deadline
from newsweave.errors import NewsweaveError
from newsweave.ingest import IngestResult
from newsweave.model import Brief
from newsweave.pipeline import brief_from_ingest
from newsweave.settings import Settings

__all__ = ["Job", "Jobs"]

State = Literal["queued", "running", "done", "failed"]


@dataclass
class Job:
    """One brief being made: its id, state, the stage it is in, and its outcome."""

    id: str
    articles: int
    created: float = field(default_factory=time.monotonic)
    state: State = "queued"
    deadline: Deadline | None = None
    brief: Brief | None = None
    status: int = 200
    error: str = ""
    future: Future[None] | None = None

    @property
    def stage(self) -> str:
        """What the job is doing now, in words."""
        if self.state == "queued":
            return "waiting for a free worker"
        if self.state == "running" and self.deadline is not None:
            return self.deadline.stage
        return self.state

    def progress(self) -> dict[str, object]:
        """The job's state as plain data (the JSON of ``GET /api/jobs/{id}``)."""
        return {"id": self.id, "state": self.state, "stage": self.stage,
                "articles": self.articles,
                "seconds": round(time.monotonic() - self.created, 1),
                "error": self.error or None, "status": self.status,
                "brief_url": f"/briefs/{self.id}" if self.state == "done" else None}


class Jobs:
    """The pool that computes briefs (``workers`` threads) and the jobs it knows (``kept``)."""

    def __init__(self, workers: int = 2, kept: int = 100, timeout: float | None = None) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="newsweave-brief")
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self.kept = kept
        self.timeout = timeout

    def submit(self, result: IngestResult, settings: Settings) -> Job:
        """Start briefing what ingest read; return the job at once."""
        job = Job(secrets.token_urlsafe(12), len(result.articles))
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > self.kept:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].state in ("queued", "running"):
                    break
                del self._jobs[oldest]
        job.future = self._pool.submit(self._run, job, result, settings)
        return job

    def _run(self, job: Job, result: IngestResult, settings: Settings) -> None:
        job.deadline = Deadline(self.timeout)
        job.state = "running"
        try:
            job.brief = brief_from_ingest(result, settings, timeout=job.deadline)
            job.state = "done"
        except BriefTimeout as exc:
            job.status, job.error, job.state = 503, str(exc), "failed"
        except NewsweaveError as exc:
            job.status, job.error, job.state = 422, str(exc), "failed"
        except Exception as exc:  # a bug: reported on the job, never lost
            job.status, job.error, job.state = 500, f"internal error: {exc!r}", "failed"

    def get(self, job_id: str) -> Job | None:
        """The job with id ``job_id``, or None when it is unknown or no longer kept."""
        with self._lock:
            return self._jobs.get(job_id)

    def close(self) -> None:
        """Stop the pool (running briefs finish first)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
