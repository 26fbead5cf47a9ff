"""Corpus mode: a stream of articles → near-duplicates → events → one brief per event."""
