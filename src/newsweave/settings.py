"""Settings of a brief: defaults ship here; a user overrides only what they name.

One sub-model per stage (``ingest``, ``quotes``, ``reuse``, ``facts``, ``conflicts``,
``summary``); every threshold a stage uses lives in its sub-model, so a brief records all of
them.  Overrides name a setting by its dotted path (``summary.words``), as a nested mapping
(``{"summary": {"words": 80}}``) or from a TOML file (``[summary] words = 80``).  Unknown keys
and out-of-range values are an error (raised once, at construction).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from newsweave.errors import SettingsError


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class IngestSettings(_Section):
    """What the ingest stage accepts."""

    max_input_bytes: int = Field(
        5_000_000, ge=1000, description="Inputs larger than this are skipped (E005)."
    )
    min_article_words: int = Field(
        20, ge=1, description="Articles with fewer content words are skipped (E003)."
    )
    check_language: bool = Field(True, description="Skip articles that are not English (E008).")


class TextSettings(_Section):
    """Caps that keep the analysis of one article linear in its length."""

    max_sentence_words: int = Field(
        150, ge=20, description="A longer run of words without sentence punctuation is cut into "
        "pieces of this many words (W006): the later stages compare sentences pairwise."
    )


class QuoteSettings(_Section):
    """Quote extraction and grouping across articles."""

    min_words: int = Field(
        1, ge=1, description="Quoted stretches with fewer words and no cue are not quotes."
    )
    group_similarity: float = Field(
        0.5, gt=0, lt=1, description="In-order word overlap making two quotes one utterance."
    )
    reported_speech: bool = Field(
        True, description="Find reported speech (what people said without quote marks: "
        "'the mayor said the bridge would reopen'); off, the brief's reported_speech is empty."
    )


class ReuseSettings(_Section):
    """Shared passages and near-duplicates."""

    seed_words: int = Field(
        6, ge=3, le=20, description="Length of the word n-grams seeding shared passages."
    )
    min_passage_words: int = Field(
        15, ge=5, description="Shorter shared stretches are not passages."
    )
    near_duplicate_share: float = Field(
        0.6, gt=0, le=1, description="Share of each article in passages: near-duplicate."
    )
    shingle_words: int = Field(
        5, ge=2, le=20, description="Length of the word shingles of whole-article MinHash."
    )
    lsh_threshold: float = Field(
        0.5, gt=0, lt=1, description="Jaccard threshold of MinHash LSH near-duplicate candidates."
    )
    minhash_perm: int = Field(
        128, ge=16, le=1024, description="Number of MinHash permutations (seed fixed at 1)."
    )
    exhaustive_max: int = Field(
        200, ge=2,
        description="Up to this many articles every shared seed proposes a pair; above, seeds "
        "are sampled (1 in seed_sample) and LSH near-duplicates are added.",
    )
    seed_sample: int = Field(
        4, ge=1, le=64, description="At corpus scale, 1 seed in this many proposes pairs."
    )
    max_gap_words: int = Field(
        4, ge=0, le=20,
        description="Words inserted, dropped or changed between two seeds of one passage.",
    )
    min_shared_seeds: int = Field(
        2, ge=1, description="(Sampled) seeds two articles must share to be aligned at all."
    )
    direction_decisive_days: int = Field(
        2, ge=1, le=30,
        description="Publication dates this many days apart or more decide which article is "
        "derived on their own; closer dates are strong evidence only (time zones).",
    )
    direction_min_minutes: int = Field(
        60, ge=0, le=720,
        description="On one day, times of day printed on both pages this many minutes apart "
        "are weak evidence of which is later.",
    )
    date_line_lines: int = Field(
        4, ge=0, le=20,
        description="Lines at the top of an undated article's text searched for its date line "
        "(0: only the date field counts).",
    )
    stock_seed_articles: int = Field(
        50, ge=2,
        description="A seed printed by more articles than this (or by half the set, if fewer) "
        "is a stock phrase, not evidence of copying.",
    )


class FactSettings(_Section):
    """Facts: sentences of different articles that say the same thing."""

    linkage: float = Field(
        0.8, gt=0, le=1,
        description="Average linkage: two groups merge when their mean cosine reaches this "
        "share of facts.similarity.",
    )
    similarity: float = Field(
        0.5, gt=0, lt=1, description="Cosine (TF-IDF) above which two sentences state one fact."
    )
    clauses: bool = Field(
        False, description="Align facts on clauses: a sentence that packs two claims "
        "(a semicolon, a lone dash, ', and' before a new subject) is two units."
    )


class ConflictSettings(_Section):
    """Disagreements between articles."""

    max_values_per_slot: int = Field(
        400, ge=2,
        description="The most values of one slot compared all against all; above it only the "
        "first ones (a slot this full is a generic one, such as 'people', in a large brief).",
    )
    min_similarity: float = Field(
        0.45, gt=0, lt=1,
        description="Cosine above which two sentences are compared as a minimal pair "
        "(a different name or place, a negation, a rank word).",
    )
    min_confidence: float = Field(
        0.5, ge=0, le=1,
        description="Confidence from which a conflict is listed as confident; below it, it is "
        "shown apart as possible.",
    )
    min_possible: float = Field(
        0.25, ge=0, le=1,
        description="Confidence below which a disagreement is not shown at all (too little "
        "says the two figures answer one question).",
    )


class SummarySettings(_Section):
    """The extractive summary."""

    words: int = Field(100, ge=10, le=2000, description="Word budget of the summary.")
    redundancy: float = Field(
        0.5, gt=0, le=1,
        description="Cosine above which a candidate repeats a sentence already chosen.",
    )
    min_support: int = Field(
        3, ge=1,
        description="Concepts (word pairs) printed by fewer independent articles are not "
        "counted (fewer when the cluster is small); ICSISumm's value for 10-article clusters.",
    )
    position_weight: float = Field(
        1.0, ge=0,
        description="Position prior: the sentence at rank k of its article scores "
        "1 + position_weight / (1 + k).",
    )
    length_scale: float = Field(
        0.6, ge=0, le=1,
        description="Lin & Bilmes' length scaling r: a sentence's gain is divided by words ** r.",
    )
    dangling_factor: float = Field(
        0.5, ge=0, le=1,
        description="Share of its score a sentence keeps when it opens on a pronoun or a "
        "connective, or quotes a speaker named only by a pronoun.",
    )


class CorpusSettings(_Section):
    """Corpus mode: a stream of articles into events, each event briefed."""

    near_duplicate_jaccard: float = Field(
        0.8, gt=0, le=1,
        description="Least exact Jaccard of word shingles for an article to be a near-duplicate "
        "of an earlier one (kept in its event, not counted as an independent report).",
    )
    min_articles: int = Field(
        2, ge=1, description="Events with fewer articles get no brief."
    )
    batch_articles: int = Field(
        500, ge=1,
        description="Least number of articles committed to the store per transaction (a batch "
        "is a quarter of the store when that is more, so saving the clusterer's state stays "
        "linear): a run killed at any point loses at most the batch in progress, which the "
        "next run redoes.",
    )


class EventSettings(_Section):
    """Every threshold of the event clusterer (corpus mode)."""

    threshold: float = Field(
        0.17, gt=0, lt=1, description="Least combined similarity for an article to join an event."
    )
    content_weight: float = Field(
        0.3, ge=0, description="Weight of the content-word cosine in the combined similarity."
    )
    entity_weight: float = Field(
        1.0, ge=0, description="Weight of the named-entity cosine in the combined similarity."
    )
    number_weight: float = Field(
        0.3, ge=0, description="Weight of the number cosine in the combined similarity."
    )
    time_weight: float = Field(
        0.0, ge=0, description="Most taken off the similarity for days between article and event."
    )
    conflict_weight: float = Field(
        0.4, ge=0, description="Most taken off when the article and the event name different "
        "main entities (two events of one kind: other people, other places)."
    )
    core_share: float = Field(
        0.6, gt=0, le=1, description="An entity named by this share of an event's articles is "
        "one of its core entities."
    )
    main_entities: int = Field(
        2, ge=1, description="Main entities of an event (core, by TF-IDF) and of an article "
        "(its top ones named at least twice)."
    )
    unseen_share: float = Field(
        0.05, ge=0, lt=1, description="An article's main entity named by fewer of the event's "
        "articles than this share is new to the event."
    )
    conflict_rule: Literal["both", "absent", "either"] = Field(
        "both", description="When an article and an event name different main entities: "
        "'both' when the event's core entities are missing from the article and the article's "
        "main entities are new to the event (two events of one kind, each with a participant "
        "the other lacks), 'absent' on the first alone, 'either' on one or the other."
    )
    conflict_min_size: int = Field(
        4, ge=1, description="Events with fewer articles are not checked for entity conflict."
    )
    merge_threshold: float = Field(
        0.5, gt=0, le=1, description="Two events an article is close to merge when their own "
        "combined similarity reaches this (1: never merge)."
    )
    decay_days: float = Field(
        14.0, gt=0, description="Days over which the time penalty grows (1 - exp(-gap/decay))."
    )
    window_days: int = Field(
        30, ge=0, description="An article never joins an event dated more than this many days away."
    )
    title_weight: float = Field(
        2.0, ge=1, description="How many times a title word counts as much as a body word."
    )
    max_terms: int = Field(
        80, ge=5, description="Content terms of an article kept (by TF-IDF) when it is compared."
    )
    centroid_terms: int = Field(
        400, ge=10, description="Terms (and entities, numbers) an event's centroid keeps."
    )
    max_entities: int = Field(
        40, ge=1, description="Entities of an article kept (by TF-IDF) when it is compared."
    )
    query_terms: int = Field(
        12, ge=1, description="Top content terms (and as many entities) used to look events up."
    )
    posting_events: int = Field(
        16, ge=1, description="Events kept per term in the index (the most recently joined)."
    )
    max_candidates: int = Field(
        12, ge=1, description="Candidate events scored per article (those most terms point to)."
    )
    date_from_text: bool = Field(
        True, description="Read an undated article's date from a date line at its top."
    )
    lead_lines: int = Field(
        3, ge=0, le=20, description="Lines at the top of the text searched for a date line."
    )


class Settings(_Section):
    """All tunable parameters of the pipeline, with their defaults, one section per stage."""

    ingest: IngestSettings = IngestSettings()
    text: TextSettings = TextSettings()
    quotes: QuoteSettings = QuoteSettings()
    reuse: ReuseSettings = ReuseSettings()
    facts: FactSettings = FactSettings()
    conflicts: ConflictSettings = ConflictSettings()
    summary: SummarySettings = SummarySettings()
    corpus: CorpusSettings = CorpusSettings()
    events: EventSettings = EventSettings()
    use_nlp: bool = Field(
        False, description="Use spaCy (the nlp extra) to attribute quotes the rules cannot "
        "and to find named entities."
    )

    @classmethod
    def from_overrides(cls, overrides: Mapping[str, Any] | None = None) -> Settings:
        """Return the defaults with ``overrides`` applied; raises SettingsError if one is bad.

        ``overrides`` maps dotted names (``"summary.words"``) or section names (``"summary"``
        to a mapping) to values.
        """
        try:
            return cls(**_nest(overrides or {}))
        except ValidationError as exc:
            raise SettingsError(_explain(exc)) from exc

    @classmethod
    def from_assignments(
        cls, assignments: Iterable[str], file: Path | None = None
    ) -> Settings:
        """Return settings from a TOML ``file`` (optional) then ``name=value`` assignments.

        Values are read as TOML values where they parse (``0.4``, ``true``, ``80``) and as text
        otherwise.  Raises SettingsError naming the bad assignment, key or file.
        """
        overrides: dict[str, Any] = {}
        if file is not None:
            try:
                overrides.update(_flatten(tomllib.loads(file.read_text(encoding="utf-8"))))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise SettingsError(f"settings file {file}: {exc}") from exc
        for assignment in assignments:
            name, sep, raw = assignment.partition("=")
            if not sep or not name.strip():
                raise SettingsError(f"--set {assignment!r}: expected name=value "
                                    "(e.g. summary.words=80)")
            overrides[name.strip()] = _parse_value(raw.strip())
        return cls.from_overrides(overrides)

    def as_record(self) -> dict[str, Any]:
        """Return the resolved settings as plain nested data, for the brief's record."""
        return self.model_dump(mode="json")

    def flat(self) -> dict[str, Any]:
        """Return the resolved settings by dotted name (``{"summary.words": 100, …}``)."""
        return _flatten(self.as_record())

    @classmethod
    def names(cls) -> list[str]:
        """Return every setting's dotted name, in declaration order."""
        return [name for name, _, _ in describe_settings()]


def _parse_value(raw: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Mapping):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _nest(overrides: Mapping[str, Any]) -> dict[str, Any]:
    nested: dict[str, Any] = {}
    for key, value in _flatten(overrides).items():
        parts = key.split(".")
        node = nested
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise SettingsError(f"setting {key!r}: {part!r} is not a section")
            node = child
        node[parts[-1]] = value
    return nested


def _explain(exc: ValidationError) -> str:
    """One line per error, naming the setting by its dotted path."""
    lines = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"])
        if error["type"] == "extra_forbidden":
            lines.append(f"unknown setting {where!r} (known: {', '.join(Settings.names())})")
        else:
            lines.append(f"setting {where!r}: {error['msg']} (got {error['input']!r})")
    return "; ".join(lines)


def describe_settings() -> list[tuple[str, Any, str]]:
    """Return ``(dotted name, default, description)`` for every setting, in declaration order."""
    out: list[tuple[str, Any, str]] = []
    for name, info in Settings.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, _Section):
            out.extend((f"{name}.{sub}", sub_info.default, sub_info.description or "")
                       for sub, sub_info in annotation.model_fields.items())
        else:
            out.append((name, info.default, info.description or ""))
    return out
