"""Quotes stage: direct quotations with speakers, grouped and collated across articles."""

from newsweave.quotes.extract import extract_quotes, find_regions
from newsweave.quotes.group import collate, group_quotes, same_utterance

__all__ = ["collate", "extract_quotes", "find_regions", "group_quotes", "same_utterance"]
