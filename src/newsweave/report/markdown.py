"""Render a :class:`~newsweave.model.Brief` as a Markdown document."""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    plural,
    reading_text,
    reported_by_speaker,
    reported_line,
    shared_facts,
    shorten,
    side_value,
    single_facts,
    speaker_name,
    split_conflicts,
    ungrouped_quotes,
)

NONE = "None."

# Inline Markdown syntax: code, emphasis, links and images, raw HTML, escapes, entities.
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<>]|&(?=#?\w+;)")
# What makes a line a heading, list item, rule or setext underline when it starts one.
_BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([#+=-])")


def escaped(text: str) -> str:
    """Return ``text`` on one line with Markdown's inline syntax backslash-escaped.

    Article text is shown as written: ``*``, ``_``, ``[x](y)``, ``<script>``, backticks and
    entities (``&amp;``) in it neither format the document nor reach a reader as HTML.
    """
    return _INLINE_SPECIAL.sub(lambda match: "\\" + match.group(), one_line(text))


def _line_start(text: str) -> str:
    """Return ``text`` (already escaped) safe to begin a line: a leading ``#``, ``-``, ``+``,
    ``=`` or ``1.`` is escaped so that it does not make a heading or a list."""
    return _BLOCK_START.sub(
        lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text,
        count=1)


def _cell(text: str) -> str:
    """Return ``text`` fit for a Markdown table cell: one line, escaped, pipes escaped."""
    return escaped(text).replace("|", "\\|")


def _ids(ids: Iterable[str]) -> str:
    """Return article ids as a comma-separated list (escaped: an id may come from a file)."""
    return ", ".join(escaped(i) for i in ids)


def _blockquote(text: str) -> list[str]:
    """Return the lines of ``text`` as a Markdown blockquote, each line escaped."""
    lines = text.strip().splitlines() or [""]
    return [f"> {_line_start(escaped(line))}".rstrip() for line in lines]


def _summary(brief: Brief) -> list[str]:
    out = ["## Summary", ""]
    if not brief.summary:
        return [*out, NONE]
    for sentence in brief.summary:
        said = f" (quote: {escaped(sentence.speaker)})" if sentence.speaker else ""
        out.append(f"- {escaped(sentence.span.text)}{said} [{_ids(sentence.citations)}]")
    return out


def _quotes(brief: Brief) -> list[str]:
    out = ["## Quotes", ""]
    loose = ungrouped_quotes(brief)
    if not brief.quote_groups and not loose:
        return [*out, NONE]
    for group in brief.quote_groups:
        out += [f"### {escaped(speaker_name(group.speaker))} ({escaped(group.id)})", ""]
        out += [*_blockquote(group.agreed_text), ""]
        out.append(
            f"Reported by {_ids(group.articles)}; "
            f"independently by {_ids(group.independent_articles) or 'none'}."
        )
        out.append("")
        variants = group.variants
        if variants:
            out.append("Variant readings:")
            out.append("")
            for number, segment in enumerate(variants, 1):
                out.append(f"- Point {number}:")
                for reading in segment.readings:
                    reading_shown = escaped(reading_text(reading.text))
                    out.append(f"  - “{reading_shown}” — {_ids(reading.articles)}")
        else:
            out.append("Every witness agrees.")
        out += ["", "Witnesses:", ""]
        for witness in group.witnesses:
            out.append(f"- {escaped(witness.article_id)} ({escaped(witness.quote_id)}): "
                       f"“{escaped(witness.text)}”")
        out.append("")
    if loose:
        out += ["### Quotes not in any group", ""]
        for article_id, quotes in loose:
            out.append(f"- {escaped(article_id)}:")
            for quote in quotes:
                out.append(f"  - “{escaped(quote.text)}” — {escaped(speaker_name(quote.speaker))}")
    return _strip(out)


def _facts(brief: Brief) -> list[str]:
    out = ["## Facts", ""]
    if not brief.facts:
        return [*out, NONE]
    shared = shared_facts(brief)
    if shared:
        for fact in shared:
            out.append(
                f"- {escaped(fact.representative.text)} — {_ids(fact.articles)} "
                f"({fact.support} articles, {len(fact.independent_articles)} independent)"
            )
    else:
        out.append("No fact is reported by more than one article.")
    out += ["", "### Only in one article", ""]
    singles = single_facts(brief)
    if not singles:
        return [*out, NONE]
    for group in singles:
        out.append(f"- {escaped(group.article_id)}:")
        for fact in group.facts:
            out.append(f"  - {escaped(fact.representative.text)}")
        if group.more:
            out.append(f"  - … and {group.more} more")
    return out


def _conflict(conflict: Conflict) -> list[str]:
    out = [f"### {conflict.label}: {escaped(conflict_heading(conflict))}", ""]
    for side in conflict.sides:
        out.append(f"- **{escaped(side_value(side))}** — {_ids(side.articles)}")
        for span in side.evidence:
            out.append(f"  - {escaped(span.article_id)}: {escaped(span.text)}")
    if conflict.explanation:
        out += ["", _line_start(escaped(conflict.explanation))]
    if conflict.signals:
        out += ["", _line_start(escaped("Evidence: " + "; ".join(conflict.signals)))]
    out.append("")
    return out


def _conflicts(brief: Brief) -> list[str]:
    out = ["## Conflicts", ""]
    confident, possible = split_conflicts(brief)
    if not confident and not possible:
        return [*out, NONE]
    if not confident:
        out += ["No confident conflicts.", ""]
    for conflict in confident:
        out += _conflict(conflict)
    if possible:
        out += ["<details>", f"<summary>Possible conflicts ({len(possible)}): lower confidence, "
                "check before use</summary>", ""]
        for conflict in possible:
            out += _conflict(conflict)
        out += ["</details>", ""]
    return _strip(out)


def _reuse(brief: Brief) -> list[str]:
    out = ["## Reuse", ""]
    if not brief.reuse:
        return [*out, NONE]
    for pair in brief.reuse:
        a, b = escaped(pair.a), escaped(pair.b)
        out.append(
            f"- {a} ↔ {b}: {pair.kind}; {percent(pair.share_of_a)} of {a}, "
            f"{percent(pair.share_of_b)} of {b}; {escaped(direction(pair))}"
            + (f" ({escaped(pair.direction_evidence)})" if pair.direction_evidence else "")
            + f"; {len(pair.passages)} shared passage{'' if len(pair.passages) == 1 else 's'}"
            + (f"; {escaped(overlap_figures(pair))}" if overlap_figures(pair) else "")
        )
        if pair.passages:
            preview = escaped(shorten(pair.passages[0].a.text, PASSAGE_PREVIEW))
            out.append(f"  - first: “{preview}”")
    return out


def _entities(brief: Brief) -> list[str]:
    out = ["## Entities", ""]
    if not brief.entities:
        return [*out, NONE]
    for entity in brief.entities:
        out.append(f"- {escaped(entity.name)} ({entity.kind}) — {_ids(entity.articles)}")
    return out


def _articles(brief: Brief) -> list[str]:
    out = ["## Articles", ""]
    if not brief.articles:
        return [*out, NONE]
    out.append("| id | source | title | date | words | removed boilerplate |")
    out.append("|---|---|---|---|---:|---:|")
    for art in brief.articles:
        cells = [
            _cell(art.id),
            _cell(art.source or ""),
            _cell(art.title or ""),
            art.date.isoformat() if art.date else "",
            str(art.words),
            str(len(art.removed)),
        ]
        out.append("| " + " | ".join(cells) + " |")
    out += ["", "### Removed boilerplate", ""]
    removed = [(art.id, item) for art in brief.articles for item in art.removed]
    if not removed:
        return [*out, NONE]
    for article_id, item in removed:
        out.append(f"- {escaped(article_id)} — {escaped(item.reason)}: {escaped(item.span.text)}")
    return out


def _skipped(brief: Brief) -> list[str]:
    out = ["## Skipped inputs", ""]
    if not brief.skipped:
        return [*out, NONE]
    for item in brief.skipped:
        out.append(f"- {escaped(item.input)} — {item.code}: {escaped(item.reason)}")
    return out


def _notices(brief: Brief) -> list[str]:
    out = ["## Notices", ""]
    if not brief.notices:
        return [*out, NONE]
    for item in brief.notices:
        out.append(f"- {escaped(item.input)} — {item.code}: {escaped(item.message)}")
    return out


def _strip(lines: list[str]) -> list[str]:
    """Return ``lines`` without trailing blank lines."""
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _transcripts(brief: Brief) -> list[str]:
    """Per speaker, the reconstruction of what was said, each stretch with its support."""
    lines: list[str] = []
    for transcript in brief.transcripts:
        lines += ["", f"### Transcript: {escaped(transcript.speaker)}", ""]
        for number, segment in enumerate(transcript.segments, start=1):
            lines.append(
                f"{number}. {escaped(segment.text)} ({plural(segment.support, 'article')}: "
                f"{_ids(segment.articles)})"
            )
    return lines


def _reported(brief: Brief) -> list[str]:
    """Per speaker, what the articles say they said without quote marks (never a quote)."""
    lines: list[str] = []
    for speaker, items in reported_by_speaker(brief):
        lines += ["", f"### Reported speech: {escaped(speaker)}", ""]
        for item in items:
            lines.append(f"- {escaped(reported_line(item))} ({escaped(item.article_id)})")
    return lines


def render_markdown(brief: Brief) -> str:
    """Render ``brief`` as Markdown and return the document text (ends with a newline).

    Sections, in order: title, overview, Summary, Quotes, Facts, Conflicts, Reuse, Entities,
    Articles, Skipped inputs, Notices; an empty section says "None.".
    """
    blocks = [
        [f"# {escaped(brief_title(brief))}", "", _line_start(escaped(overview(brief)))],
        _summary(brief),
        _quotes(brief) + _transcripts(brief) + _reported(brief),
        _facts(brief),
        _conflicts(brief),
        _reuse(brief),
        _entities(brief),
        _articles(brief),
        _skipped(brief),
        _notices(brief),
        [f"_Generated by {brief.generator} (schema {brief.schema_version})._"],
    ]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
