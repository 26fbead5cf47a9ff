"""Boilerplate lines of news pages: what they are, so they can be removed *and listed*.

A line is judged on its own (and against the headline, for repeated headlines).  Only short
lines are candidates, so a real paragraph that happens to mention a newsletter is kept.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

_MAX_WORDS = 40

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        # Addressed to the reader: "Sign up for our newsletter", "Subscribe to X's updates";
        # not reporting: "Residents were urged to sign up for flood alerts."
        ("newsletter or subscription prompt",
         r"^\s*(sign\s*up|subscribe|register)\b.{0,80}\b(newsletters?|updates|alerts|inbox)\b"),
        ("newsletter or subscription prompt",
         r"\b(our|this|the \w+('s)?|\w+'s) (daily |weekly |free )?newsletters?\b.{0,60}"
         r"\b(sign\s*up|subscribe|inbox)\b|\b(sign\s*up|subscribe) (to|for) (our|the|\w+'s)\b"
         r".{0,40}\bnewsletters?\b"),
        ("newsletter or subscription prompt",
         r"^\s*(subscribe|sign up)( now| today)?\b.{0,40}$"),
        ("social media prompt",
         r"\bfollow us on\b|\b(like|follow) us\b.{0,30}\b(facebook|twitter|instagram)\b"),
        ("link to another article",
         r"^\s*(also read|read more|read also|related( articles?| stories| coverage)?|see also|"
         r"recommended( for you)?|must read|don'?t miss|trending|more stories)\s*[:|\-–—>»]"),
        ("section navigation",
         r"^\s*(more|best|most read|most popular|most viewed|latest|top stories)\s+"
         r"(from|of|in|on|at)\b[^.!?]{0,60}$"),
        ("section navigation",
         r"^\s*(most read|most popular|trending now|top stories|related)\s*$"),
        ("comment prompt",
         r"\bshare your (comments?|thoughts|views)\b|\bcomments? section\b|\bleave a comment\b|"
         r"\bjoin the (conversation|discussion)\b"),
        ("comment prompt", r"^\s*(\d+\s+)?comments?\s*[×x]?\s*$"),
        ("image caption or credit",
         r"\((photo|photos|pic|picture|image|credit|courtesy|file photo|getty|ap photo|reuters)"
         r"\b[^)]{0,80}\)\s*$"),
        ("image caption or credit",
         r"^\s*(photo|photograph|image|picture|pic|credit|photo credit|image credit)s?"
         r"(\s+(courtesy|credit|by))?\s*[:|/]"),
        ("image caption or credit",
         r"\b(getty images|shutterstock|ap photo|afp via getty)\b.{0,40}$"),
        ("pointer to embedded media",
         r"^[^.!?]{0,120}\b(watch|check out|listen to)\b[^.!?]{0,120}"
         r"(\b(below|above)\s*[:.!]?|\bhere\s*:)\s*$"),
        ("copyright notice", r"^\s*(©|\(c\)\s|copyright\b)|\ball rights reserved\b"),
        ("advertisement", r"^\s*(advertisement|sponsored( content)?|ad|story continues below)\s*$"),
        ("call to action", r"^\s*(click here|download (our|the) app)\b"),
        ("share buttons", r"^\s*(share|tweet|email|print|whatsapp|facebook|twitter)"
                          r"(\s*[|/·,]\s*(share|tweet|email|print|whatsapp|facebook|twitter))+\s*$"),
    )
)
# Case matters here: "Home Hollywood News" is a breadcrumb, "Home prices rose" is not.
_BREADCRUMB = re.compile(r"^\s*Home\s*([>›»/|]\s*)?([A-Z][\w&'-]*\s*([>›»/|]\s*)?){1,5}$")


def boilerplate_reason(line: str, title: str | None = None) -> str | None:
    """Return why ``line`` is boilerplate (e.g. "newsletter or subscription prompt"), or None.

    ``title`` is the article's headline, used to recognise repeated headlines (page furniture
    such as image alt text that restates the title).
    """
    stripped = line.strip()
    if not stripped or len(stripped.split()) > _MAX_WORDS:
        return None
    if _BREADCRUMB.match(stripped):
        return "breadcrumb"
    for reason, pattern in _RULES:
        if pattern.search(stripped):
            return reason
    if title and len(stripped) > 20 and fuzz.ratio(stripped.lower(), title.lower()) >= 90:
        return "repeated headline"
    return None
