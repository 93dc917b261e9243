"""The ``lang`` and ``dir`` attributes of text in a language, from its BCP 47 tag.

A browser needs both: ``lang`` picks hyphenation, quotation marks and the voice of a screen
reader; ``dir`` sets right-to-left text apart from the English page around it, so that its
punctuation lands where its writer put it.
"""

from __future__ import annotations

import functools
import html
import re

from babel import Locale, UnknownLocaleError

RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ps", "syr", "ug", "ur", "yi"})
"""Languages written right to left in their usual script."""

EITHER_DIRECTION_LANGUAGES = frozenset({"az", "ff", "ha", "ks", "ku", "ms", "pa", "sd", "uz"})
"""Languages written in an Arabic script by some and a left-to-right one by others: without a
script subtag ('ha-Arab'), the browser decides from the text (dir="auto")."""

RIGHT_TO_LEFT_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "samr", "mand"})
"""ISO 15924 scripts written right to left (N'Ko and Adlam: Bambara and Fula in their own scripts)."""


def direction(tag: str, value: str = "") -> str:
    """'rtl', 'ltr' or 'auto' for ``value``, text in the language ``tag``: the script subtag decides
    ('ar-Latn' is ltr, 'bm-Nkoo' rtl), otherwise the language; 'auto' (the browser follows the
    first letter) for a language written both ways, or for text whose letters all run the other
    way (an Arabic source's Latin-letter headline)."""
    language, *subtags = tag.lower().split("-")
    scripts = [subtag for subtag in subtags if len(subtag) == 4 and subtag.isalpha()]
    if scripts:
        expected = "rtl" if scripts[0] in RIGHT_TO_LEFT_SCRIPTS else "ltr"
    elif language in EITHER_DIRECTION_LANGUAGES:
        return "auto"
    else:
        expected = "rtl" if language in RIGHT_TO_LEFT_LANGUAGES else "ltr"
    found = _strong_directions(value) if value else set()
    return "auto" if found and expected not in found else expected


_RIGHT_TO_LEFT_LETTER = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
"""A letter of a right-to-left script: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic,
their presentation forms, and the historic and Adlam blocks (Unicode bidi classes R and AL)."""
_LEFT_TO_RIGHT_LETTER = re.compile(f"(?!{_RIGHT_TO_LEFT_LETTER.pattern})[^\\W\\d_]")


def _strong_directions(value: str) -> set[str]:
    """The directions of the letters in ``value``: searched by expression (every article paragraph
    of a site goes through here), not character by character."""
    found: set[str] = set()
    if _LEFT_TO_RIGHT_LETTER.search(value):
        found.add("ltr")
    if _RIGHT_TO_LEFT_LETTER.search(value):
        found.add("rtl")
    return found


def language_attributes(tag: str | None, value: str = "") -> str:
    """' lang="fr"', ' lang="ar" dir="rtl"' (or dir="auto", see ``direction``) for an element
    holding ``value`` in the language ``tag``; '' without a tag. Left to right, the site's own
    direction, needs no dir."""
    if not tag:
        return ""
    way = direction(tag, value)
    return f' lang="{html.escape(tag)}"' + (f' dir="{way}"' if way != "ltr" else "")


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
