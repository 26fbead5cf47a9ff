"""Settings of a brief: defaults ship here; a user overrides only what they name.

Unknown keys and out-of-range values are an error (raised once, at construction).  Every brief
records the resolved settings it was made with.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from newsweave.errors import SettingsError


class Settings(BaseModel):
    """All tunable parameters of the pipeline, with their defaults."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    summary_words: int = Field(100, ge=10, le=2000, description="Word budget of the summary.")
    max_input_bytes: int = Field(
        5_000_000, ge=1000, description="Inputs larger than this are skipped (E005)."
    )
    min_article_words: int = Field(
        20, ge=1, description="Articles with fewer content words are skipped (E003)."
    )
    fact_similarity: float = Field(
        0.5, gt=0, lt=1, description="Cosine (TF-IDF) above which two sentences state one fact."
    )
    fact_clauses: bool = Field(
        False, description="Align facts on clauses: a sentence that packs two claims "
        "(a semicolon, a lone dash, ', and' before a new subject) is two units."
    )
    reuse_seed_words: int = Field(
        6, ge=3, le=20, description="Length of the word n-grams seeding shared passages."
    )
    reuse_min_passage_words: int = Field(
        15, ge=5, description="Shorter shared stretches are not passages."
    )
    reuse_near_duplicate_share: float = Field(
        0.6, gt=0, le=1, description="Share of each article in passages: near-duplicate."
    )
    reuse_shingle_words: int = Field(
        5, ge=2, le=20, description="Length of the word shingles of whole-article MinHash."
    )
    reuse_lsh_threshold: float = Field(
        0.5, gt=0, lt=1, description="Jaccard threshold of MinHash LSH near-duplicate candidates."
    )
    reuse_minhash_perm: int = Field(
        128, ge=16, le=1024, description="Number of MinHash permutations (seed fixed at 1)."
    )
    reuse_exhaustive_max: int = Field(
        200, ge=2,
        description="Up to this many articles every shared seed proposes a pair; above, seeds "
        "are sampled (1 in reuse_seed_sample) and LSH near-duplicates are added.",
    )
    reuse_seed_sample: int = Field(
        4, ge=1, le=64, description="At corpus scale, 1 seed in this many proposes pairs."
    )
    quote_min_words: int = Field(
        1, ge=1, description="Quoted stretches with fewer words and no cue are not quotes."
    )
    quote_group_similarity: float = Field(
        0.5, gt=0, lt=1, description="In-order word overlap making two quotes one utterance."
    )
    check_language: bool = Field(True, description="Skip articles that are not English (E008).")
    use_nlp: bool = Field(
        False, description="Use spaCy (the nlp extra) to attribute quotes the rules cannot."
    )

    @classmethod
    def from_overrides(cls, overrides: dict[str, Any] | None = None) -> Settings:
        """Return the defaults with ``overrides`` applied; raises SettingsError if one is bad."""
        try:
            return cls(**(overrides or {}))
        except ValidationError as exc:
            raise SettingsError(str(exc)) from exc

    def as_record(self) -> dict[str, int | float | str | bool]:
        """Return the resolved settings as a plain dict, for the brief's record."""
        return dict(self.model_dump())
