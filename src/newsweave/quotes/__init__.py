"""Quotes stage: direct quotations with speakers, grouped and collated across articles."""

from newsweave.quotes.extract import extract_quotes, find_regions
from newsweave.quotes.group import collate, group_quotes, same_utterance
from newsweave.quotes.transcript import build_transcripts

__all__ = [
    "build_transcripts",
    "collate",
    "extract_quotes",
    "find_regions",
    "group_quotes",
    "same_utterance",
]
