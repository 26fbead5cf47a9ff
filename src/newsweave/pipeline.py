"""The pipeline: articles in, one :class:`~newsweave.model.Brief` out.

Two kinds of work: each article is analysed once, alone (:func:`newsweave.analysis.
analyse_article`: sentences, quotes and speakers, values, mentions, shingles), then the
cross-article stages declared in :mod:`newsweave.stages` merge the analyses (reuse, facts,
conflicts, quote groups, transcripts, summary, entities).  This module only wires them and
records the settings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsweave import __version__
from newsweave.analysis import ArticleAnalysis, analyse_articles, load_nlp
from newsweave.deadline import BriefTimeout, Deadline
from newsweave.errors import NoArticlesError, SettingsError
from newsweave.ingest import IngestResult
from newsweave.model import BRIEF_PARTS, Article, Brief, Notice, Skipped
from newsweave.settings import Settings
from newsweave.stages import Work, run_stages

__all__ = ["BRIEF_PARTS", "BriefTimeout", "Deadline", "brief_from_analyses", "brief_from_ingest",
           "build_brief", "load_nlp"]


def _analysis_settings(settings: Settings) -> tuple[object, ...]:
    """The settings an analysis depends on: analyses made with others cannot be merged."""
    return (settings.use_nlp, settings.quotes.min_words, settings.quotes.reported_speech,
            settings.reuse.seed_words,
            settings.reuse.shingle_words, settings.reuse.minhash_perm)


def _no_articles(skipped: Sequence[Skipped]) -> NoArticlesError:
    return NoArticlesError(
        "no usable article"
        + (f" ({len(skipped)} inputs skipped: "
           + "; ".join(f"{s.input}: {s.reason}" for s in skipped[:5]) + ")"
           if skipped else "")
    )


def brief_from_analyses(
    analyses: Sequence[ArticleAnalysis],
    settings: Settings | None = None,
    skipped: Sequence[Skipped] = (),
    notices: Sequence[Notice] = (),
    parts: Iterable[str] = BRIEF_PARTS,
    deadline: Deadline | None = None,
) -> Brief:
    """Return the brief of analysed articles (:func:`newsweave.analysis.analyse_article`).

    Takes the analyses (in article order; they may come from any number of processes), the
    settings, what ingest skipped or noticed, the brief parts to compute (default all;
    the others are left empty and the brief lists the parts it holds) and optionally a
    :class:`~newsweave.deadline.Deadline`.  Raises NoArticlesError when ``analyses`` is
    empty, SettingsError when an analysis was made with other settings than ``settings``,
    and BriefTimeout past the deadline.
    """
    settings = settings or Settings()
    if not analyses:
        raise _no_articles(skipped)
    wanted = tuple(p for p in BRIEF_PARTS if p in set(parts))
    for analysis in analyses:
        if _analysis_settings(analysis.settings) != _analysis_settings(settings):
            raise SettingsError(f"article {analysis.article.id!r} was analysed with other "
                                "settings than the brief's")
    products = run_stages(Work(analyses, settings), wanted, deadline)
    return Brief(
        generator=f"newsweave {__version__}",
        settings=settings,
        parts=wanted,
        articles=tuple(a.article for a in analyses),
        skipped=tuple(skipped),
        notices=(*notices, *(n for a in analyses for n in a.notices)),
        **{part: products[part] for part in wanted},
    )


def build_brief(
    articles: Sequence[Article],
    settings: Settings | None = None,
    skipped: Sequence[Skipped] = (),
    notices: Sequence[Notice] = (),
    parts: Iterable[str] = BRIEF_PARTS,
    timeout: float | Deadline | None = None,
) -> Brief:
    """Return the brief of ``articles``.

    Takes the articles (from :func:`newsweave.ingest.load_articles` or built by hand), the
    settings, what ingest skipped or noticed (carried into the brief so nothing is lost
    silently), the parts to compute (default all) and a time limit (seconds, or a
    :class:`~newsweave.deadline.Deadline` already running).  Raises NoArticlesError when
    ``articles`` is empty and BriefTimeout (naming the stage) past the time limit.
    """
    settings = settings or Settings()
    if not articles:
        raise _no_articles(skipped)
    deadline = timeout if isinstance(timeout, Deadline) else Deadline(timeout)
    with deadline.alarm():
        analyses = analyse_articles(articles, settings, deadline)
        return brief_from_analyses(analyses, settings, skipped, notices, parts, deadline)


def brief_from_ingest(
    result: IngestResult, settings: Settings | None = None, parts: Iterable[str] = BRIEF_PARTS,
    timeout: float | Deadline | None = None,
) -> Brief:
    """Return the brief of what :func:`newsweave.ingest.load_articles` read (see
    :func:`build_brief` for ``parts`` and ``timeout``)."""
    return build_brief(result.articles, settings, result.skipped, result.notices, parts,
                       timeout)
