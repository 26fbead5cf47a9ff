"""The FastAPI application: pages and a JSON API over the pipeline and the corpus store.

Pages: ``/`` (paste or upload articles), ``/briefs/{id}`` (the HTML report of a brief made
here), ``/events`` and ``/events/{id}`` (with a corpus store), ``/docs`` (the API, from its
OpenAPI description, served without any outside resource).  Every page works without
JavaScript; with it, the home page shows the progress of a brief.  Briefs are computed in a
pool of threads, so the event loop keeps answering while one is made.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from newsweave import __version__
from newsweave.corpus.store import Store
from newsweave.errors import StoreError
from newsweave.model import Brief, Skipped
from newsweave.report.html import render_html
from newsweave.settings import Settings
from newsweave.web.events import list_events
from newsweave.web.jobs import Job, Jobs
from newsweave.web.uploads import Limits, UploadError, ingest_form, parse_form, read_body

__all__ = ["create_app"]

ACCEPT = ".txt,.text,.html,.htm,.xhtml,.jsonl,.ndjson,.json,text/plain,text/html"

# The site icon: two woven strands, as a tiny SVG (browsers ask for /favicon.ico).
FAVICON = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
           b'<path d="M1 4 Q8 12 15 4 M1 12 Q8 4 15 12" stroke="#0550ae" stroke-width="2" '
           b'fill="none"/></svg>')

_FORM_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": {
            "type": "object",
            "properties": {
                "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                          "description": "Articles: .txt, .html, .jsonl files."},
                "text": {"type": "string", "description": "Pasted articles; a line of --- "
                         "separates two; JSON Lines is read as such."},
            },
        }}},
    },
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"description": "The request, a file or an article is over a limit."},
    415: {"description": "Not a form, or no input of a type that is read."},
    422: {"description": "Nothing usable: the reasons, and the skipped inputs."},
    503: {"description": "The brief took longer than the server's time limit."},
}


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("newsweave", "web/templates"),
                       autoescape=select_autoescape(["html", "j2"]),
                       trim_blocks=True, lstrip_blocks=True)


def _render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = _environment().get_template(name).render(version=__version__, **context)
    return HTMLResponse(html, status_code=status)


def _error_json(error: UploadError) -> JSONResponse:
    return JSONResponse({"detail": error.message,
                         "skipped": [s.model_dump() for s in error.skipped]},
                        status_code=error.status)


_BACK = ('<nav aria-label="Server" style="font-size:.9em"><a href="/">New brief</a>{events}'
         '</nav>\n')


def _served(brief: Brief, has_store: bool) -> str:
    """The brief's HTML report with the server's links (home, events) above it."""
    page = render_html(brief)
    links = _BACK.format(events=' · <a href="/events">Events</a>' if has_store else "")
    return page.replace("<body>\n", "<body>\n" + links, 1)


def _brief_json(brief: Brief, status: int = 200) -> Response:
    return Response(brief.to_json(indent=None), status_code=status,
                    media_type="application/json")


def create_app(settings: Settings | None = None, db_path: Path | None = None,
               limits: Limits | None = None) -> FastAPI:
    """Return the web application.

    Takes the settings every brief is made with, the corpus store to list events from (None:
    no events pages) and the limits of a request (:class:`~newsweave.web.uploads.Limits`).
    The pool of brief workers starts and stops with the application.
    """
    settings = settings or Settings()
    limits = limits or Limits()
    jobs = Jobs(limits.workers, limits.kept_briefs, limits.timeout)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await run_in_threadpool(jobs.close)

    app = FastAPI(title="newsweave", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Many news articles about one event → one sourced brief.")
    app.state.jobs = jobs
    app.state.limits = limits

    async def read_upload(request: Request) -> Any:
        body = await read_body(request.stream(), request.headers.get("content-length"),
                               limits.max_request_bytes)
        form = parse_form(body, request.headers.get("content-type"), limits)
        return await run_in_threadpool(ingest_form, form, settings, limits)

    async def start(request: Request) -> Job:
        return jobs.submit(await read_upload(request), settings)

    async def finished(job: Job) -> Job:
        assert job.future is not None
        await asyncio.wrap_future(job.future)
        return job

    def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return _render(name, status, has_store=db_path is not None, **context)

    def _error_page(status: int, message: str | None = None,
                    skipped: tuple[Skipped, ...] = ()) -> HTMLResponse:
        return _page("error.html.j2", status, code=status, message=message, skipped=skipped)

    def store_missing() -> str | None:
        if db_path is None:
            return "No corpus store: start the server with --db PATH to list events."
        return None

    # pages ----------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home() -> HTMLResponse:
        return _page("home.html.j2", limits=limits, accept=ACCEPT)

    @app.post("/brief", include_in_schema=False)
    async def brief_form(request: Request) -> Response:
        try:
            job = await finished(await start(request))
        except UploadError as error:
            return _error_page(error.status, error.message, error.skipped)
        if job.state != "done":
            return _error_page(job.status, message=job.error)
        return RedirectResponse(f"/briefs/{job.id}", status_code=303)

    @app.get("/briefs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    async def brief_page(job_id: str) -> HTMLResponse:
        job = jobs.get(job_id)
        if job is None:
            return _error_page(404, "No such brief (the server keeps the most recent "
                               f"{limits.kept_briefs}; make it again).")
        if job.state != "done" or job.brief is None:
            job = await finished(job)
        if job.brief is None:
            return _error_page(job.status, message=job.error)
        return HTMLResponse(await run_in_threadpool(_served, job.brief, db_path is not None))

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    async def events_page(q: str = "", since: str = "", until: str = "") -> HTMLResponse:
        missing = store_missing()
        if missing or db_path is None:
            return _error_page(404, message=missing)
        dates: dict[str, dt.date | None] = {}
        for name, value in (("since", since), ("until", until)):
            try:
                dates[name] = dt.date.fromisoformat(value) if value.strip() else None
            except ValueError:
                return _error_page(422, f"{name}: {value!r} is not a date (YYYY-MM-DD).")
        try:
            found = await run_in_threadpool(list_events, db_path, q, dates["since"],
                                            dates["until"])
        except StoreError as exc:
            return _error_page(503, message=str(exc))
        return _page("events.html.j2", events=found, q=q, since=since, until=until)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    async def event_page(event_id: str) -> HTMLResponse:
        missing = store_missing()
        if missing or db_path is None:
            return _error_page(404, message=missing)
        text = await run_in_threadpool(_event_brief_json, db_path, event_id)
        if text is None:
            return _error_page(404, f"No brief of an event {event_id!r} in the store.")
        brief = Brief.model_validate_json(text)
        return HTMLResponse(await run_in_threadpool(_served, brief, db_path is not None))

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(FAVICON, media_type="image/svg+xml",
                        headers={"Cache-Control": "max-age=86400"})

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def docs() -> HTMLResponse:
        return _page("docs.html.j2", api=app.openapi())

    # JSON API -------------------------------------------------------------------------------

    @app.post("/api/briefs", openapi_extra=_FORM_BODY, responses=_ERRORS,
              summary="Make a brief from uploaded articles", tags=["briefs"])
    async def api_brief(request: Request) -> Response:
        """Brief the uploaded files and pasted text; answer with the brief's JSON (see
        `newsweave schema`).  Every input is used or listed in the brief's `skipped`."""
        try:
            job = await finished(await start(request))
        except UploadError as error:
            return _error_json(error)
        if job.brief is None:
            return JSONResponse({"detail": job.error, "skipped": []}, status_code=job.status)
        return _brief_json(job.brief)

    @app.post("/api/jobs", openapi_extra=_FORM_BODY, responses=_ERRORS, status_code=202,
              summary="Start a brief and follow its progress", tags=["briefs"])
    async def api_start(request: Request) -> JSONResponse:
        """Start briefing the uploaded articles; answer at once with the job, whose
        `/api/jobs/{id}` tells its stage and, once done, where its brief is."""
        try:
            job = await start(request)
        except UploadError as error:
            return _error_json(error)
        return JSONResponse(job.progress(), status_code=202)

    @app.get("/api/jobs/{job_id}", summary="The progress of a brief", tags=["briefs"],
             responses={404: {"description": "No such job."}})
    async def api_job(job_id: str) -> JSONResponse:
        """The job's state (queued, running, done, failed), stage and, when done, the URL of
        its page."""
        job = jobs.get(job_id)
        if job is None:
            return JSONResponse({"detail": "no such job"}, status_code=404)
        return JSONResponse(job.progress())

    @app.get("/api/briefs/{job_id}", summary="A brief made here, as JSON", tags=["briefs"],
             responses={404: {"description": "No such brief."}})
    async def api_job_brief(job_id: str) -> Response:
        """The JSON of a brief made by `/api/jobs` (waits for it if it is still running)."""
        job = jobs.get(job_id)
        if job is None:
            return JSONResponse({"detail": "no such brief"}, status_code=404)
        job = await finished(job)
        if job.brief is None:
            return JSONResponse({"detail": job.error}, status_code=job.status)
        return _brief_json(job.brief)

    @app.get("/api/events", summary="List the events of the corpus store", tags=["events"],
             responses={404: {"description": "The server has no corpus store."}})
    async def api_events(
        q: Annotated[str, Query(description="Words the event's title must hold.")] = "",
        since: Annotated[dt.date | None, Query(description="Events that end on or after.")]
        = None,
        until: Annotated[dt.date | None, Query(description="Events that start on or before.")]
        = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> JSONResponse:
        """The events, newest first, with their date range, size and brief's URL."""
        missing = store_missing()
        if missing or db_path is None:
            return JSONResponse({"detail": missing}, status_code=404)
        try:
            found = await run_in_threadpool(list_events, db_path, q, since, until)
        except StoreError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return JSONResponse({"total": len(found),
                             "events": [e.as_json() for e in found[offset:offset + limit]]})

    @app.get("/api/events/{event_id}/brief", summary="One event's brief", tags=["events"],
             responses={404: {"description": "No such event, or no brief of it."}})
    async def api_event_brief(event_id: str) -> Response:
        """The JSON of the event's brief, as `newsweave corpus` stored it."""
        missing = store_missing()
        if missing or db_path is None:
            return JSONResponse({"detail": missing}, status_code=404)
        text = await run_in_threadpool(_event_brief_json, db_path, event_id)
        if text is None:
            return JSONResponse({"detail": f"no brief of an event {event_id!r}"},
                                status_code=404)
        return Response(text, media_type="application/json")

    return app


def _event_brief_json(db_path: Path, event_id: str) -> str | None:
    with Store(db_path) as store:
        return store.get_brief_json(event_id)
