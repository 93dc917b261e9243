"""Skeletons of new content files, valid as written, for `build.py new`, and the ids made for them
(the check that none of their placeholder text is left in is ``content.placeholders``)."""

from __future__ import annotations

import json
import re

from slugify import slugify

from ..content.placeholders import SUMMARY_PLACEHOLDER
from ..content.schema import ENTITY_TYPES, MAX_ID_LENGTH, SCHEMA_LINE
from ..text.characters import first_invisible, neutralise
from ..text.romanise import romanise

SOURCE_ID_LENGTH = 60

# Lines that usually mark the end of an article saved from a web page: what follows is clutter.
_TAIL_CLUTTER = re.compile(
    r"^(related (stories|articles|posts|content|news)|read (more|also|next)|more (stories|from|on this)"
    r"|you (may|might) also like|recommended( for you)?\b|advertisement|share this|hashtags|tags:"
    r"|comments?\b|\d+ (thoughts?|comments?|responses?|replies) on\b|leave a (reply|comment)"
    r"|sign up\b|subscribe\b|the views expressed\b)",
    re.IGNORECASE,
)
_MAX_MARKER_LENGTH = 120


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def yaml_word(text: str) -> str:
    """``text`` unquoted when it is one plain word (a date, a language tag: ``2025-06``, ``fr``), else
    quoted; ``null``, which YAML reads as no value, is quoted too."""
    return text if re.fullmatch(r"[A-Za-z0-9-]+", text) and text.casefold() != "null" else yaml_string(text)


def name_for(entity_id: str) -> str:
    """A display name guessed from an id, for when the editor gives none: 'wagner-group' → 'Wagner Group'."""
    return entity_id.replace("-", " ").title()


def entity_skeleton(entity_id: str, name: str | None = None, entity_type: str | None = None) -> str:
    """A new entity's file. Every value is a quoted scalar, so that no name can add keys."""
    name = name or name_for(entity_id)
    summary = f"{SUMMARY_PLACEHOLDER} {name} is. Link another entity by writing its id between double square brackets."
    type_line = (
        f"type: {yaml_string(entity_type)}"
        if entity_type
        else f"type: {yaml_string('organization')}      # one of: {', '.join(ENTITY_TYPES)}"
    )
    return (
        SCHEMA_LINE.format(kind="entity")
        + f"""
name: {yaml_string(name)}
{type_line}
aliases: []               # every other spelling the sources use, one per line: - Spelling
summary: {yaml_string(summary)}
relations: []             # - {{type: succeeded-by, target: other-id, cite: [{{source: id, quote: "..."}}]}}
claims: []                # - {{text: "...", date: 2025-06, cite: [{{source: id, quote: "verbatim words"}}]}}
"""
    )


def source_skeleton(
    title: str, text: str = "", publisher: str | None = None, published: str | None = None, language: str = "en",
    language_guessed: bool = True,
) -> str:
    """A pasted article's YAML: its headline, what is known of it (its language guessed from the
    text unless stated: the comment says so), and where its body seems to be."""
    start_after, end_before = body_markers(text)
    if start_after or end_before:
        body = "# body:                   # suggested from the text: check both phrases in the .txt, then uncomment\n"
        body += f"#   start_after: {yaml_string(start_after)}\n" if start_after else ""
        body += f"#   end_before: {yaml_string(end_before)}\n" if end_before else ""
    else:
        body = (
            "# body:                   # where the article starts and ends inside the .txt, leaving clutter out\n"
            '#   start_after: "..."\n'
            '#   end_before: "..."\n'
        )
    return (
        SCHEMA_LINE.format(kind="source")
        + f"""
title: {yaml_string(title)}
{f"{'language: ' + yaml_word(language):<25} # guessed from the text: check it (a BCP 47 tag: en, fr, ar, ...)" if language_guessed else f"language: {yaml_word(language)}"}
{f"publisher: {yaml_string(publisher)}" if publisher else '# publisher: ""           # only if the text names the outlet'}
# author: ""              # only if the text names one
{f"published: {yaml_word(published)}" if published else "# published: 2025-06      # 2025, 2025-06 or 2025-06-06: only what is known"}
# url: https://...
"""
        + body
    )


def body_markers(text: str) -> tuple[str | None, str | None]:
    """Suggested body.start_after and body.end_before for an article's raw text, where it shows them.

    The body usually starts after the headline (the first line) and ends before a trailing
    "Related stories", comments or sharing block. Either is None when the text gives no sign.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return None, None
    start_after = lines[0] if len(lines[0]) <= _MAX_MARKER_LENGTH else None
    end_before = next(
        (line[:_MAX_MARKER_LENGTH].strip() for line in lines[2:] if _TAIL_CLUTTER.match(line)),
        None,
    )
    # A phrase must be verbatim, and check refuses a file holding an invisible character even in a
    # comment: such a phrase is not suggested.
    return tuple(marker if marker and first_invisible(marker) is None else None for marker in (start_after, end_before))


def source_id_for(title: str) -> str:
    """An id for a new source from its title: readable words in any script, cut at a word, never empty."""
    return _words_within(slug_words(title), SOURCE_ID_LENGTH) or "source"


def entity_id_for(text: str) -> str:
    """The id to suggest for a refused one: 'Ségou' → 'segou'."""
    return _words_within(slug_words(text), MAX_ID_LENGTH)


_ELISION = re.compile(r"(?<![^\W\d_])((?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’])(?=[^\W\d_])", re.IGNORECASE)


def slug_words(text: str) -> list[str]:
    """The words of a text as an id writes them: lower case ASCII letters and digits, accents left
    out, Arabic romanised (``romanise``), Cyrillic and other scripts transliterated by slugify."""
    return [word for word in slugify(romanise(_ELISION.sub(r"\1 ", text))).split("-") if word]


def _words_within(words: list[str], limit: int) -> str:
    """As many of the words, from the first, as fit in ``limit`` characters joined by hyphens:
    cut at the end only, never a word left out of the middle (as python-slugify's word_boundary
    does, which skips a long word and goes on with shorter ones). A first word longer than the
    limit is cut."""
    kept: list[str] = []
    length = -1
    for word in words:
        if length + 1 + len(word) > limit:
            break
        kept.append(word)
        length += 1 + len(word)
    if not kept and words:
        return words[0][:limit]
    return "-".join(kept)


def first_line(text: str) -> str:
    """The first non-empty line of an article (usually its headline), without the invisible
    characters check refuses in a title (a soft hyphen, a zero-width space)."""
    lines = (neutralise(line).strip() for line in text.splitlines())
    return next((line for line in lines if line), "Untitled")
