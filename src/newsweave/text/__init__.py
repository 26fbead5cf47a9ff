"""Text stage: normalisation for matching, word tokens and sentences with offsets."""

from newsweave.text.normalize import american_spelling, fold_typography, match_key
from newsweave.text.segment import segment_article, segment_paragraph, split_clauses
from newsweave.text.tokens import STOPWORDS, Token, content_keys, tokenize

__all__ = [
    "STOPWORDS",
    "Token",
    "american_spelling",
    "content_keys",
    "fold_typography",
    "match_key",
    "segment_article",
    "segment_paragraph",
    "split_clauses",
    "tokenize",
]
