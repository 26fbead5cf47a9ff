"""People: who is who in one article, one resolver shared by the quote and entity stages.

- :mod:`newsweave.people.speakers`: the grammar of names and speaker phrases ("Sen. Ann Lee",
  "the Vermont senator", "he") and :class:`~newsweave.people.speakers.Resolver`, which finds the
  article's people (full names, titled surnames, single names that speak, surnames and first
  names alone after the full name) and resolves a phrase to one of them: a surname or first
  name to the full name, a pronoun through the chain of sentence subjects and the people last
  made to speak, a definite description ("the actor", "the 52-year-old") to the titled person
  or the last compatible one (gender, office, age);
- :mod:`newsweave.people.mentions`: every mention of each person in the article, for the
  entity stage, found with the same resolver (its surnames, first names and descriptions).

The quote stage builds one :class:`~newsweave.people.speakers.Resolver` per article and
attributes its direct quotes and reported speech with it; the entity stage reads the same
resolver (:func:`newsweave.entities.entity_features`), so "the actor", "Ruffalo" and "he"
reach one person by one set of rules.
"""

from __future__ import annotations

from newsweave.people.mentions import PersonMention, article_people
from newsweave.people.speakers import Mention, Resolver, RoleDescription, lone_name_parts

__all__ = [
    "Mention",
    "PersonMention",
    "Resolver",
    "RoleDescription",
    "article_people",
    "lone_name_parts",
]
