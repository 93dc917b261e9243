"""Quotes readers cannot read: a verified quote from a source in another language than the
site's, with no translation beside it."""

from __future__ import annotations

from typing import Iterable

from ..content.model import Citation, Source
from ..report import Problem
from ..text.language_tags import language_label, same_language

DEFAULT_SITE_LANGUAGE = "en"
"""The site's language when mkdocs.yml sets no theme.language (Material's default too)."""


def untranslated_quotes(citations: Iterable[Citation], sources: dict[str, Source], site_language: str) -> list[Problem]:
    """A warning at each citation (of those given: the verified ones) whose source is in another
    language than the site's and that has no ``translation``."""
    problems = []
    for citation in citations:
        source = sources.get(citation.source_id)
        if source is None or citation.translation or same_language(source.language, site_language):
            continue
        problems.append(
            Problem(
                citation.position,
                f"the quote from {source.id} is in {language_label(source.language)}, the site in "
                f"{language_label(site_language)}: add `translation:` with the quote in the site's language and "
                "`translated_by:` ({person: <name>}, or {machine: <engine>, version: <version>})",
                "warning",
            )
        )
    return problems
