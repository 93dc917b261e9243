"""Skeletons of new content files, valid as written, for `build.py new`."""

from __future__ import annotations

from slugify import slugify

from .schema import ENTITY_TYPES, MAX_ID_LENGTH

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
"""The first line of every content file: editors' YAML tools read it to complete and check."""

SOURCE_ID_LENGTH = 60


def entity_skeleton(entity_id: str) -> str:
    name = entity_id.replace("-", " ").title()
    return (
        SCHEMA_LINE.format(kind="entity")
        + f"""
name: {name}
type: organization        # one of: {", ".join(ENTITY_TYPES)}
aliases: []               # every other spelling the sources use, one per line: - Spelling
summary: >-
  Write one short paragraph saying what the sources say {name} is. Link another entity by
  writing its id between double square brackets.
relations: []             # - {{type: succeeded-by, target: other-id, cite: [{{source: id, quote: "..."}}]}}
claims: []                # - {{text: "...", date: 2025-06, cite: [{{source: id, quote: "verbatim words"}}]}}
"""
    )


def source_skeleton(title: str) -> str:
    quoted_title = title.replace("\\", "\\\\").replace('"', '\\"')
    return (
        SCHEMA_LINE.format(kind="source")
        + f"""
title: "{quoted_title}"
# publisher: ""           # only if the text names the outlet
# author: ""              # only if the text names one
# published: 2025-06      # 2025, 2025-06 or 2025-06-06: only what is known
# url: https://...
# body:                   # where the article starts and ends inside the .txt, leaving clutter out
#   start_after: "..."
#   end_before: "..."
"""
    )


def source_id_for(title: str) -> str:
    """An id for a new source from its title: slugged, cut at a word, never empty."""
    slug = slugify(title, max_length=SOURCE_ID_LENGTH, word_boundary=True) or "source"
    return slug[:MAX_ID_LENGTH]


def first_line(text: str) -> str:
    """The first non-empty line of an article: usually its headline."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "Untitled")
