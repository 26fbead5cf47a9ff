"""The command line: a thin layer over the library (``newsweave --help``).

Exit codes: 0 the brief was written (inputs may have been skipped: they are listed in it);
1 no input could be used; 2 usage error (bad option or setting).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsweave import __version__
from newsweave.errors import NoArticlesError, SettingsError
from newsweave.model import Brief
from newsweave.settings import Settings

EXIT_OK, EXIT_NO_INPUT, EXIT_USAGE = 0, 1, 2

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


class Format(str, Enum):
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


def _load(paths: list[str], settings: Settings, err: Console) -> Brief:
    from newsweave.ingest import load_articles
    from newsweave.pipeline import brief_from_ingest

    with err.status(f"Reading {len(paths)} input(s)…"):
        result = load_articles(paths, settings, stdin=sys.stdin.buffer)
    for skipped in result.skipped:
        err.print(f"[yellow]skipped[/] {skipped.input}: {skipped.reason} [dim]({skipped.code})[/]",
                  highlight=False)
    for notice in result.notices:
        err.print(f"[cyan]note[/] {notice.input}: {notice.message} [dim]({notice.code})[/]",
                  highlight=False)
    with err.status(f"Briefing {len(result.articles)} article(s)…"):
        brief = brief_from_ingest(result, settings)
    for notice in brief.notices[len(result.notices):]:
        err.print(f"[cyan]note[/] {notice.input}: {notice.message} [dim]({notice.code})[/]",
                  highlight=False)
    return brief


def _settings(words: int | None, use_nlp: bool = False) -> Settings:
    overrides: dict[str, int | bool] = {"summary_words": words} if words is not None else {}
    if use_nlp:
        overrides["use_nlp"] = True
    return Settings.from_overrides(overrides)


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
    int | None, typer.Option("--words", "-w", help="Word budget of the summary (default 100).")
]
NlpOpt = Annotated[
    bool, typer.Option("--nlp", help="Attribute quotes with spaCy too (needs the nlp extra).")
]


def _run(paths: list[str], out: Path | None, fmt: Format | None, words: int | None,
         name: str, use_nlp: bool = False) -> None:
    err = Console(stderr=True)
    try:
        settings = _settings(words, use_nlp)
    except SettingsError as exc:
        err.print(f"[red]error[/] invalid setting: {exc}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    try:
        brief = _load(paths, settings, err)
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
          words: WordsOpt = None, nlp: NlpOpt = False) -> None:
    """Write the whole brief of the articles in PATHS.

    Every input is either used or listed as skipped with its reason.

    Examples:

      newsweave brief examples/river-festival --format md

      newsweave brief 'news/*.html' --format html --out out/

      cat story.txt | newsweave brief - --format json
    """
    _run(paths, out, format, words, "brief", nlp)


@app.command()
def quotes(paths: PathsArg, out: OutOpt = None, format: FormatOpt = None) -> None:
    """Show only the quotes: who said what, grouped and collated across articles."""
    _run_part(paths, out, format, "quotes")


@app.command()
def reuse(paths: PathsArg, out: OutOpt = None, format: FormatOpt = None) -> None:
    """Show only text reuse: which articles share passages, and which one is derived."""
    _run_part(paths, out, format, "reuse")


@app.command()
def conflicts(paths: PathsArg, out: OutOpt = None, format: FormatOpt = None) -> None:
    """Show only the facts articles share and where they disagree."""
    _run_part(paths, out, format, "conflicts")


def _run_part(paths: list[str], out: Path | None, fmt: Format | None, part: str) -> None:
    """Run the pipeline and write a brief that keeps only one part (plus the input record)."""
    err = Console(stderr=True)
    try:
        full = _load(paths, Settings(), err)
    except NoArticlesError as exc:
        err.print(f"[red]error[/] {exc}", highlight=False)
        raise typer.Exit(EXIT_NO_INPUT) from None
    keep = {"quotes": ("quotes", "quote_groups"), "reuse": ("reuse",),
            "conflicts": ("facts", "conflicts")}[part]
    emptied = {k: () for k in ("summary", "quotes", "quote_groups", "facts", "conflicts",
                                "reuse", "entities") if k not in keep}
    partial = full.model_copy(update=emptied)
    chosen = fmt or (Format.term if out is None and sys.stdout.isatty() else Format.json)
    _write(partial, chosen, out, part, Console())


@app.command()
def schema() -> None:
    """Print the JSON Schema of a brief (the format of ``--format json``)."""
    import json

    from newsweave.report.json import brief_schema

    typer.echo(json.dumps(brief_schema(), indent=2))


def main() -> None:
    """Entry point of the ``newsweave`` command."""
    app()
