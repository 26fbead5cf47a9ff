"""Render a :class:`~newsweave.model.Brief` in a terminal with rich (rules, tables, panels).

Brief text is always passed to rich as :class:`rich.text.Text`, never as markup, so square
brackets in an article cannot restyle (or break) the output.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsweave.model import Brief, Conflict
from newsweave.report._common import (
    PASSAGE_PREVIEW,
    brief_title,
    conflict_heading,
    direction,
    one_line,
    overlap_figures,
    overview,
    percent,
    reading_text,
    reported_by_speaker,
    reported_line,
    shared_facts,
    shorten,
    side_value,
    single_facts,
    speaker_name,
    split_conflicts,
    transcript_views,
    ungrouped_quotes,
)


def _t(text: str, style: str = "") -> Text:
    """Return plain (non-markup) text, on one line."""
    return Text(one_line(text), style=style)


def _ids(ids: tuple[str, ...] | list[str]) -> Text:
    """Return article ids as a comma-separated, styled text."""
    return Text(", ".join(ids), style="cyan")


def _none() -> Text:
    return Text("None.", style="dim italic")


def _table(*columns: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=False, pad_edge=False)
    for name in columns:
        table.add_column(name, overflow="fold")
    return table


def _summary(brief: Brief) -> list[RenderableType]:
    if not brief.summary:
        return [_none()]
    out: list[RenderableType] = []
    for sentence in brief.summary:
        line = Text("• ")
        line.append(one_line(sentence.span.text))
        line.append(" [" + ", ".join(sentence.citations) + "]", style="cyan")
        out.append(line)
    return out


def _quotes(brief: Brief) -> list[RenderableType]:
    loose = ungrouped_quotes(brief)
    if not brief.quote_groups and not loose:
        return [_none()]
    out: list[RenderableType] = []
    for group in brief.quote_groups:
        parts: list[RenderableType] = [
            Text("“" + one_line(group.agreed_text) + "”", style="italic")
        ]
        reported = Text("Reported by ", style="dim")
        reported.append_text(_ids(group.articles))
        reported.append("; independently by ", style="dim")
        reported.append_text(_ids(group.independent_articles or ("none",)))
        parts.append(reported)
        if group.variants:
            table = _table("Point", "Reading", "Articles")
            for number, segment in enumerate(group.variants, 1):
                for index, reading in enumerate(segment.readings):
                    table.add_row(
                        Text(str(number) if index == 0 else ""),
                        _t(reading_text(reading.text), "bold yellow"),
                        _ids(reading.articles),
                    )
            parts += [Text(""), table]
        else:
            parts.append(Text("Every witness agrees.", style="dim"))
        witnesses = _table("Witness", "Quote", "Text")
        for w in group.witnesses:
            witnesses.add_row(_t(w.article_id, "cyan"), _t(w.quote_id, "dim"), _t(w.text))
        parts += [Text(""), witnesses]
        title = Text(f"{speaker_name(group.speaker)} ({group.id})", style="bold")
        out.append(Panel(Group(*parts), title=title, title_align="left", box=box.ROUNDED))
    if loose:
        out.append(Text("Quotes not in any group", style="bold"))
        table = _table("Article", "Quote", "Speaker")
        for article_id, quotes in loose:
            for quote in quotes:
                table.add_row(
                    _t(article_id, "cyan"),
                    _t("“" + quote.text + "”"),
                    _t(speaker_name(quote.speaker)),
                )
        out.append(table)
    return out + _transcripts(brief)


def _transcripts(brief: Brief) -> list[RenderableType]:
    """Each speaker's transcript as one text, as in the HTML report: the stretches in order,
    each followed by the articles that print it (and why a lone quote stays alone), variant
    places marked with their number and listed below with their readings."""
    views = transcript_views(brief)
    if not views:
        return []
    out: list[RenderableType] = [Text("Transcripts", style="bold")]
    for view in views:
        text = Text()
        for utterance in view.utterances:
            for segment in utterance.segments:
                if segment.agreed:
                    text.append(one_line(segment.text) + " ")
                else:
                    text.append(one_line(segment.text), style="bold yellow")
                    text.append(f"[{segment.number}] ", style="yellow")
            text.append("(" + ", ".join(utterance.articles) + ")", style="cyan")
            if utterance.note:
                text.append(f" ({one_line(utterance.note)})", style="dim italic")
            text.append(" ")
        parts: list[RenderableType] = [text]
        if view.variants:
            table = _table("Point", "Reading", "Articles")
            for place in view.variants:
                for index, reading in enumerate(place.readings):
                    table.add_row(Text(str(place.number) if index == 0 else ""),
                                  _t(reading.text, "bold yellow"), _ids(reading.articles))
            parts += [Text(""), table]
        out.append(Panel(Group(*parts), title=Text(view.speaker, style="bold"),
                         title_align="left", box=box.ROUNDED))
    return out


def _reported(brief: Brief) -> list[RenderableType]:
    """Per speaker, what the articles say they said without quote marks."""
    groups = reported_by_speaker(brief)
    if not groups:
        return [_none()]
    table = _table("Speaker", "Reported speech", "Article")
    for speaker, items in groups:
        for index, item in enumerate(items):
            table.add_row(_t(speaker if index == 0 else "", "bold"), _t(reported_line(item)),
                          _t(item.article_id, "cyan"))
    return [table]


def _facts(brief: Brief) -> list[RenderableType]:
    if not brief.facts:
        return [_none()]
    out: list[RenderableType] = []
    shared = shared_facts(brief)
    if shared:
        table = _table("Fact", "Articles", "Indep.")
        for fact in shared:
            table.add_row(
                _t(fact.representative.text),
                _ids(fact.articles),
                Text(str(len(fact.independent_articles))),
            )
        out.append(table)
    else:
        out.append(Text("No fact is reported by more than one article.", style="dim"))
    out.append(Text("Only in one article", style="bold"))
    singles = single_facts(brief)
    if not singles:
        out.append(_none())
    for group in singles:
        out.append(_t(group.article_id, "cyan"))
        for fact in group.facts:
            out.append(Text("  • ").append(one_line(fact.representative.text)))
        if group.more:
            out.append(Text(f"  … and {group.more} more", style="dim"))
    return out


_LABEL_STYLE = {"contradiction": "bold red", "update": "bold yellow", "compatible": "bold green"}


def _conflict_panel(conflict: Conflict) -> Panel:
    table = _table("Value", "Articles", "Evidence")
    for side in conflict.sides:
        evidence = Text("\n").join(
            Text(f"{s.article_id}: ", style="dim").append(one_line(s.text))
            for s in side.evidence
        )
        table.add_row(_t(side_value(side), "bold"), _ids(side.articles), evidence)
    parts: list[RenderableType] = [table]
    if conflict.explanation:
        parts.append(_t(conflict.explanation, "dim"))
    if conflict.signals:
        parts.append(_t("Evidence: " + "; ".join(conflict.signals), "dim"))
    title = Text(conflict.label, style=_LABEL_STYLE.get(conflict.label, "bold"))
    title.append(f": {one_line(conflict_heading(conflict))}", style="bold")
    return Panel(Group(*parts), title=title, title_align="left", box=box.ROUNDED)


def _conflicts(brief: Brief) -> list[RenderableType]:
    confident, possible = split_conflicts(brief)
    if not confident and not possible:
        return [_none()]
    out: list[RenderableType] = [_conflict_panel(c) for c in confident]
    if not confident:
        out.append(_t("No confident conflicts.", "dim"))
    if possible:
        # a terminal cannot fold: the possible ones are one line each
        out.append(_t(f"Possible conflicts ({len(possible)}): lower confidence, check before use",
                      "bold"))
        for conflict in possible:
            values = " / ".join(side_value(side) for side in conflict.sides)
            out.append(Text(f"  {conflict.label}: {one_line(conflict_heading(conflict))}: "
                            f"{one_line(values)}", style="dim"))
    return out


def _reuse(brief: Brief) -> list[RenderableType]:
    if not brief.reuse:
        return [_none()]
    out: list[RenderableType] = []
    for pair in brief.reuse:
        head = Text(f"{pair.a} ↔ {pair.b}", style="bold cyan")
        head.append(
            f"  {pair.kind} · {percent(pair.share_of_a)} of {pair.a} · "
            f"{percent(pair.share_of_b)} of {pair.b} · {len(pair.passages)} passage"
            + ("" if len(pair.passages) == 1 else "s")
        )
        body: list[RenderableType] = [head, _t(direction(pair), "bold")]
        if overlap_figures(pair):
            body.append(_t(overlap_figures(pair), "dim"))
        if pair.direction_evidence:
            body.append(_t(pair.direction_evidence, "dim"))
        if pair.passages:
            body.append(_t("“" + shorten(pair.passages[0].a.text, PASSAGE_PREVIEW) + "”", "italic"))
        out.append(Panel(Group(*body), box=box.ROUNDED))
    return out


def _entities(brief: Brief) -> list[RenderableType]:
    if not brief.entities:
        return [_none()]
    table = _table("Name", "Kind", "Articles")
    for entity in brief.entities:
        table.add_row(_t(entity.name), _t(entity.kind), _ids(entity.articles))
    return [table]


def _articles(brief: Brief) -> list[RenderableType]:
    if not brief.articles:
        return [_none()]
    table = _table("Id", "Source", "Title", "Date", "Words", "Removed")
    table.columns[4].justify = "right"
    table.columns[5].justify = "right"
    for art in brief.articles:
        table.add_row(
            _t(art.id, "cyan"),
            _t(art.source or ""),
            _t(art.title or ""),
            Text(art.date.isoformat() if art.date else ""),
            Text(str(art.words)),
            Text(str(len(art.removed))),
        )
    out: list[RenderableType] = [table, Text("Removed boilerplate", style="bold")]
    removed = [(art.id, item) for art in brief.articles for item in art.removed]
    if not removed:
        return [*out, _none()]
    rtable = _table("Article", "Reason", "Text")
    for article_id, item in removed:
        rtable.add_row(_t(article_id, "cyan"), _t(item.reason), _t(item.span.text, "dim"))
    return [*out, rtable]


def _skipped(brief: Brief) -> list[RenderableType]:
    if not brief.skipped:
        return [_none()]
    table = _table("Input", "Code", "Reason")
    for item in brief.skipped:
        table.add_row(_t(item.input), _t(item.code, "red"), _t(item.reason))
    return [table]


def _notices(brief: Brief) -> list[RenderableType]:
    if not brief.notices:
        return [_none()]
    table = _table("Input", "Code", "Message")
    for item in brief.notices:
        table.add_row(_t(item.input), _t(item.code, "yellow"), _t(item.message))
    return [table]


SECTIONS = (
    ("Summary", _summary),
    ("Quotes", _quotes),
    ("Reported speech", _reported),
    ("Facts", _facts),
    ("Conflicts", _conflicts),
    ("Reuse", _reuse),
    ("Entities", _entities),
    ("Articles", _articles),
    ("Skipped inputs", _skipped),
    ("Notices", _notices),
)


def render_terminal(brief: Brief, console: Console) -> None:
    """Print ``brief`` to ``console``: a title panel, then one ruled section each (returns None).

    Sections, in order: Summary, Quotes, Reported speech, Facts, Conflicts, Reuse, Entities,
    Articles, Skipped inputs, Notices; an empty section says "None.".
    """
    header = Group(Text(brief_title(brief), style="bold"), Text(overview(brief), style="dim"))
    console.print(Panel(header, box=box.HEAVY))
    for name, section in SECTIONS:
        console.print()
        console.print(Rule(Text(name, style="bold"), align="left"))
        for renderable in section(brief):
            console.print(renderable)
    console.print()
    console.print(Text(f"Generated by {brief.generator} (schema {brief.schema_version}).", "dim"))


def render_terminal_text(brief: Brief, width: int = 100) -> str:
    """Render ``brief`` as the terminal view does and return it as plain text ``width`` wide."""
    console = Console(record=True, width=width, file=io.StringIO())
    render_terminal(brief, console)
    return console.export_text()
