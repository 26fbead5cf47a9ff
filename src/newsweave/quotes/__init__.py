"""Quotes stage: direct quotations with speakers, grouped and collated across articles."""

from newsweave.quotes.collate import collate
from newsweave.quotes.extract import extract_quotes, find_regions
from newsweave.quotes.group import group_quotes, quote_runs, same_utterance
from newsweave.quotes.reported import extract_attributions, find_reported_speech
from newsweave.quotes.transcript import build_transcripts

__all__ = [
    "build_transcripts",
    "collate",
    "extract_attributions",
    "extract_quotes",
    "find_regions",
    "find_reported_speech",
    "group_quotes",
    "quote_runs",
    "same_utterance",
]
