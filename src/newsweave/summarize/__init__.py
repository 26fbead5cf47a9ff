"""Summarize stage: an extractive multi-document summary whose sentences cite their sources."""

from newsweave.summarize.extractive import summarize

__all__ = ["summarize"]
