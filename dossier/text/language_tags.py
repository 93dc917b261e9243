"""The ``lang`` and ``dir`` attributes of text in a language, from its BCP 47 tag.

A browser needs both: ``lang`` picks hyphenation, quotation marks and the voice of a screen
reader; ``dir`` sets right-to-left text apart from the English page around it, so that its
punctuation lands where its writer put it.
"""

from __future__ import annotations

import functools
import html

from babel import Locale, UnknownLocaleError

RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ps", "syr", "ug", "ur", "yi"})
"""Languages written right to left in their usual script."""

EITHER_DIRECTION_LANGUAGES = frozenset({"az", "ff", "ha", "ks", "ku", "ms", "pa", "sd", "uz"})
"""Languages written in an Arabic script by some and a left-to-right one by others: without a
script subtag ('ha-Arab'), the browser decides from the text (dir="auto")."""

RIGHT_TO_LEFT_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "samr", "mand"})
"""ISO 15924 scripts written right to left."""


def direction(tag: str) -> str | None:
    """'rtl', 'auto' or None (left to right, as the page is) for a BCP 47 tag."""
    language, *subtags = tag.lower().split("-")
    scripts = [subtag for subtag in subtags if len(subtag) == 4 and subtag.isalpha()]
    if scripts:
        return "rtl" if scripts[0] in RIGHT_TO_LEFT_SCRIPTS else None
    if language in RIGHT_TO_LEFT_LANGUAGES:
        return "rtl"
    if language in EITHER_DIRECTION_LANGUAGES:
        return "auto"
    return None


def language_attributes(tag: str | None) -> str:
    """' lang="ar" dir="rtl"' for an element holding text in that language; '' without a tag."""
    if not tag:
        return ""
    way = direction(tag)
    return f' lang="{html.escape(tag)}"' + (f' dir="{way}"' if way else "")


def same_language(tag: str | None, other: str) -> bool:
    """Whether text tagged ``tag`` (None: untagged, read as ``other``) is in the language ``other``:
    'en-GB' and 'en' are one language; 'ar-Latn' and 'ar' too (a reader of one reads the other)."""
    if not tag:
        return True
    return tag.split("-")[0].lower() == other.split("-")[0].lower()


@functools.lru_cache(maxsize=256)  # Babel parses its locale data on each call: a corpus has a few tags
def language_label(tag: str | None) -> str | None:
    """'fr' → 'French (fr)': the language's English name where Babel knows the tag."""
    if not tag:
        return None
    try:
        name = Locale.parse(tag, sep="-").get_display_name("en")
    except (ValueError, UnknownLocaleError):
        name = None
    return f"{name} ({tag})" if name else tag
