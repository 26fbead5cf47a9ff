"""The command line: a thin layer over the library (``newsweave --help``).

Exit codes: 0 the brief was written (inputs may have been skipped: they are listed in it);
1 no input could be used; 2 usage error (bad option or setting).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsweave import __version__
from newsweave.deadline import BriefTimeout, Deadline
from newsweave.errors import NewsweaveError, NoArticlesError, SettingsError
from newsweave.model import BRIEF_PARTS, Brief
from newsweave.settings import Settings

EXIT_OK, EXIT_NO_INPUT, EXIT_USAGE, EXIT_TIMEOUT = 0, 1, 2, 3

app = typer.Typer(
    name="newsweave",
    help=(
        "Turn many news articles about one event into one sourced brief: a cited extractive "
        "summary, quotes attributed and collated across outlets, shared facts, conflicts, and "
        "which articles copied which.\n\n"
        "Example:  newsweave brief examples/river-festival --format md\n\n"
        "Exit codes: 0 brief written (skipped inputs are listed in it), 1 no usable input, "
        "2 usage error."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


class Format(StrEnum):
    """Output formats of a brief."""

    json = "json"
    md = "md"
    html = "html"
    term = "term"


_SUFFIX = {Format.json: ".json", Format.md: ".md", Format.html: ".html"}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsweave {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Show the version and exit.")
    ] = False,
) -> None:
    """newsweave: one sourced brief from many articles."""


def _load(paths: list[str], settings: Settings, err: Console,
          parts: tuple[str, ...] = BRIEF_PARTS, deadline: Deadline | None = None) -> Brief:
    from newsweave.ingest import load_articles
    from newsweave.pipeline import brief_from_ingest

    deadline = deadline or Deadline()
    with err.status(f"Reading {len(paths)} input(s)…"):
        result = load_articles(paths, settings, stdin=sys.stdin.buffer)
    for skipped in result.skipped:
        err.print(f"[yellow]skipped[/] {skipped.input}: {skipped.reason} [dim]({skipped.code})[/]",
                  highlight=False)
    for notice in result.notices:
        err.print(f"[cyan]note[/] {notice.input}: {notice.message} [dim]({notice.code})[/]",
                  highlight=False)
    with err.status(f"Briefing {len(result.articles)} article(s)…"):
        brief = brief_from_ingest(result, settings, parts, deadline)
    for notice in brief.notices[len(result.notices):]:
        err.print(f"[cyan]note[/] {notice.input}: {notice.message} [dim]({notice.code})[/]",
                  highlight=False)
    return brief


def _settings(words: int | None, use_nlp: bool, assignments: list[str] | None,
              file: Path | None) -> Settings:
    """The settings of a command: the file, then ``--set``, then the shortcut options."""
    chosen = list(assignments or [])
    if words is not None:
        chosen.append(f"summary.words={words}")
    if use_nlp:
        chosen.append("use_nlp=true")
    return Settings.from_assignments(chosen, file)


def _write(brief: Brief, fmt: Format, out: Path | None, name: str, console: Console) -> None:
    from newsweave.report.terminal import render_terminal

    if fmt is Format.term:
        render_terminal(brief, console)
        return
    text = {Format.json: brief.to_json, Format.md: brief.to_markdown,
            Format.html: brief.to_html}[fmt]()
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    target = out / f"{name}{_SUFFIX[fmt]}" if out.suffix == "" or out.is_dir() else out
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    Console(stderr=True).print(f"wrote {target}", highlight=False)


PathsArg = Annotated[
    list[str],
    typer.Argument(help="Articles: files (.txt, .html, .jsonl), folders, globs, or - for stdin.",
                   show_default=False),
]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Folder (or file) to write to; default: standard output."),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option("--format", "-f",
                 help="json, md, html or term (terminal view). Default: term on a terminal "
                 "without --out, else json."),
]
WordsOpt = Annotated[
    int | None, typer.Option("--words", "-w", help="Word budget of the summary (default 100; "
                             "same as --set summary.words=N).")
]
NlpOpt = Annotated[
    bool, typer.Option("--nlp", help="Attribute quotes and find named entities with spaCy too "
                       "(needs the nlp extra; same as --set use_nlp=true).")
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", "-s", metavar="NAME=VALUE",
                 help="Override one setting, e.g. --set facts.similarity=0.4 (repeatable; "
                 "`newsweave settings` lists them all)."),
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option("--timeout", metavar="SECONDS",
                 help="Stop with an error naming the stage (exit 3) if the brief takes longer."),
]
SettingsFileOpt = Annotated[
    Path | None,
    typer.Option("--settings", metavar="FILE.toml",
                 help="Read settings from a TOML file ([summary] words = 80); --set wins."),
]


def _run(paths: list[str], out: Path | None, fmt: Format | None, name: str,
         parts: tuple[str, ...], settings_of: Callable[[], Settings],
         timeout: float | None = None) -> None:
    err = Console(stderr=True)
    try:
        settings = settings_of()
        deadline = Deadline(timeout)
    except (SettingsError, ValueError) as exc:
        err.print(f"[red]error[/] invalid setting: {exc}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    try:
        with deadline.alarm():
            brief = _load(paths, settings, err, parts, deadline)
    except BriefTimeout as exc:
        err.print(f"[red]error[/] {exc}", highlight=False)
        raise typer.Exit(EXIT_TIMEOUT) from None
    except SettingsError as exc:
        err.print(f"[red]error[/] {exc}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    except NoArticlesError as exc:
        err.print(f"[red]error[/] {exc}", highlight=False)
        raise typer.Exit(EXIT_NO_INPUT) from None
    chosen = fmt or (Format.term if out is None and sys.stdout.isatty() else Format.json)
    _write(brief, chosen, out, name, Console())


@app.command()
def brief(paths: PathsArg, out: OutOpt = None, format: FormatOpt = None,
          words: WordsOpt = None, nlp: NlpOpt = False, set_: SetOpt = None,
          settings: SettingsFileOpt = None, timeout: TimeoutOpt = None) -> None:
    """Write the whole brief of the articles in PATHS.

    Every input is either used or listed as skipped with its reason.

    Examples:

      newsweave brief examples/river-festival --format md

      newsweave brief 'news/*.html' --format html --out out/

      newsweave brief news/ --set summary.words=150 --set facts.similarity=0.4

      cat story.txt | newsweave brief - --format json
    """
    _run(paths, out, format, "brief", BRIEF_PARTS,
         lambda: _settings(words, nlp, set_, settings), timeout)


# What each focused command computes: only the stages these parts need are run.
FOCUSED_PARTS: dict[str, tuple[str, ...]] = {
    "quotes": ("quotes", "quote_groups", "transcripts", "reported_speech"),
    "reuse": ("reuse",),
    "conflicts": ("facts", "conflicts"),
}


@app.command()
def quotes(paths: PathsArg, out: OutOpt = None, format: FormatOpt = None,
           nlp: NlpOpt = False, set_: SetOpt = None, settings: SettingsFileOpt = None,
           timeout: TimeoutOpt = None) -> None:
    """Show only the quotes: who said what, grouped, collated and transcribed per speaker."""
    _run(paths, out, format, "quotes", FOCUSED_PARTS["quotes"],
         lambda: _settings(None, nlp, set_, settings), timeout)


@app.command()
def reuse(paths: PathsArg, out: OutOpt = None, format: FormatOpt = None,
          set_: SetOpt = None, settings: SettingsFileOpt = None,
          timeout: TimeoutOpt = None) -> None:
    """Show only text reuse: which articles share passages, and which one is derived."""
    _run(paths, out, format, "reuse", FOCUSED_PARTS["reuse"],
         lambda: _settings(None, False, set_, settings), timeout)


@app.command()
def conflicts(paths: PathsArg, out: OutOpt = None, format: FormatOpt = None,
              set_: SetOpt = None, settings: SettingsFileOpt = None,
              timeout: TimeoutOpt = None) -> None:
    """Show only the facts articles share and where they disagree."""
    _run(paths, out, format, "conflicts", FOCUSED_PARTS["conflicts"],
         lambda: _settings(None, False, set_, settings), timeout)


@app.command(name="settings")
def settings_command() -> None:
    """List every setting with its default and meaning (override with --set NAME=VALUE)."""
    from newsweave.settings import describe_settings

    for name, default, description in describe_settings():
        typer.echo(f"{name} = {default!r}\n    {description}")


DbOpt = Annotated[
    Path, typer.Option("--db", help="The corpus store (an SQLite file; created if missing).")
]


@app.command()
def corpus(
    inputs: Annotated[list[str], typer.Argument(
        help="Inputs: JSON Lines (.jsonl, .jsonl.gz), WARC (.warc, .warc.gz), Parquet, folders "
        "of text/HTML. `corpus add NEW...` extends an existing store.", show_default=False)],
    db: DbOpt = Path("newsweave.db"),
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Folder to write each event's brief (JSON, HTML), events.json "
        "and index.html to.")] = None,
    min_articles: Annotated[int | None, typer.Option(
        "--min-articles", help="Brief only events with at least this many articles "
        "(default 2; same as --set corpus.min_articles=N).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", help="Start a local Dask cluster of N worker processes for the "
        "per-article features and the briefs (needs the distributed extra).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Use an existing Dask cluster (tcp://HOST:PORT).")] = None,
    set_: SetOpt = None,
    settings: SettingsFileOpt = None,
) -> None:
    """Group a stream of articles into events and brief each event, in an embedded store.

    Articles already in the store are not read twice; only events that changed are briefed
    again.  The run ends with its accounting: read, duplicates, skipped by reason, events,
    briefs written.

    Examples:

      newsweave corpus feed.jsonl.gz crawl.warc.gz --db news.db --out out/events

      newsweave corpus add today.jsonl --db news.db --out out/events
    """
    from rich.progress import Progress, TaskID

    from newsweave.corpus.compute import compute_for
    from newsweave.corpus.runner import run_corpus, write_outputs
    from newsweave.corpus.store import Store

    err = Console(stderr=True, quiet=quiet)
    adding = bool(inputs) and inputs[0] == "add" and not Path("add").exists()
    paths = inputs[1:] if adding else inputs
    try:
        chosen = list(set_ or [])
        if min_articles is not None:
            chosen.append(f"corpus.min_articles={min_articles}")
        resolved = Settings.from_assignments(chosen, settings)
    except SettingsError as exc:
        err.print(f"[red]error[/] invalid setting: {exc}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    if not paths:
        err.print("[red]error[/] no input given", highlight=False)
        raise typer.Exit(EXIT_USAGE)
    if adding and not db.exists():
        err.print(f"[red]error[/] {db}: no such store to add to (run `newsweave corpus` first)",
                  highlight=False)
        raise typer.Exit(EXIT_USAGE)
    tasks: dict[str, TaskID] = {}
    try:
        compute = compute_for(scheduler, workers)
    except SettingsError as exc:
        err.print(f"[red]error[/] {exc}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    try:
        with Store(db) as store, Progress(console=err, transient=True) as bars:
            def progress(stage: str, done: int, total: int | None) -> None:
                if stage not in tasks:
                    tasks[stage] = bars.add_task(stage, total=total)
                bars.update(tasks[stage], completed=done, total=total)

            report = run_corpus(paths, store, resolved, progress, compute)
            if out is not None:
                written = write_outputs(store, out)
                err.print(f"wrote {len(written)} files to {out}", highlight=False)
    except NewsweaveError as exc:
        err.print(f"[red]error[/] {exc}", highlight=False)
        raise typer.Exit(EXIT_NO_INPUT) from None
    finally:
        compute.close()
    for record in report.skipped_records:
        err.print(f"[yellow]skipped[/] {record.input}: {record.reason} [dim]({record.code})[/]",
                  highlight=False)
    typer.echo(json.dumps(report.counts(), indent=2))


@app.command()
def events(db: DbOpt = Path("newsweave.db")) -> None:
    """List the events of a corpus store: id, articles, dates, title of the brief."""
    from newsweave.corpus.store import Store

    if not db.exists():
        Console(stderr=True).print(f"[red]error[/] {db}: no such store", highlight=False)
        raise typer.Exit(EXIT_USAGE)
    with Store(db) as store:
        records, sizes, briefed = store.events(), store.event_sizes(), store.briefed_events()
    for record in records:
        dates = f"{record.first_date or '?'} – {record.last_date or '?'}"
        mark = "brief" if record.id in briefed else "     "
        typer.echo(f"{record.id}\t{sizes.get(record.id, 0):>5} articles\t{dates}\t{mark}\t"
                   f"{record.title or ''}")


LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on. The default answers this "
                                      "machine only; another exposes the server to the network.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    db: Annotated[Path | None, typer.Option(
        "--db", help="A corpus store (made by `newsweave corpus`) whose events to list.")] = None,
    max_request_mb: Annotated[float, typer.Option(
        "--max-request-mb", min=0.01, help="Largest request accepted, in MB (413 above).")] = 20.0,
    max_files: Annotated[int, typer.Option(
        "--max-files", min=1, help="Most files in one request (413 above).")] = 50,
    max_article_chars: Annotated[int, typer.Option(
        "--max-article-chars", min=1, help="Longest article text, in characters.")] = 1_000_000,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0.1, metavar="SECONDS", help="Time limit of one brief (503 after).")]
    = 120.0,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, help="Briefs computed at once (threads).")] = 2,
    set_: SetOpt = None,
    settings: SettingsFileOpt = None,
) -> None:
    """Serve the brief in a browser: paste or upload articles, read the brief, list events.

    Needs the web extra (pip install -e ".[web]").  Pages at http://HOST:PORT/, the JSON API
    described at /docs.  Nothing on the pages is fetched from the internet.

    Examples:

      newsweave serve

      newsweave serve --port 8080 --db news.db
    """
    err = Console(stderr=True)
    try:
        resolved = Settings.from_assignments(list(set_ or []), settings)
    except SettingsError as exc:
        err.print(f"[red]error[/] invalid setting: {exc}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    if db is not None and not db.is_file():
        err.print(f"[red]error[/] {db}: no such store (make one with `newsweave corpus`)",
                  highlight=False)
        raise typer.Exit(EXIT_USAGE)
    try:
        import uvicorn

        from newsweave.web import Limits, create_app
    except ImportError as exc:
        err.print(f"[red]error[/] the server needs the web extra: pip install -e \".[web]\" "
                  f"({exc})", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    limits = Limits(max_request_bytes=round(max_request_mb * 1_000_000), max_files=max_files,
                    max_article_chars=max_article_chars, timeout=timeout, workers=workers)
    if host not in LOCAL_HOSTS:
        err.print(f"[yellow]warning[/] listening on {host}: anyone who can reach this machine "
                  "can use the server (there is no login); use 127.0.0.1 to keep it local.",
                  highlight=False)
    err.print(f"newsweave serving on http://{host}:{port}/ (Ctrl+C to stop)", highlight=False)
    uvicorn.run(create_app(resolved, db, limits), host=host, port=port, log_level="warning")


@app.command()
def schema() -> None:
    """Print the JSON Schema of a brief (the format of ``--format json``)."""
    import json

    from newsweave.report.json import brief_schema

    typer.echo(json.dumps(brief_schema(), indent=2))


def main() -> None:
    """Entry point of the ``newsweave`` command."""
    app()
