"""Which way a language's text runs, for the `dir` that goes with its `lang` on a page.

The site is English, left to right; a source in Arabic (or Hebrew, Persian, Urdu, ...) is shown
right to left, so that its punctuation and numbers land on the side its readers expect.
"""

from __future__ import annotations

import re

RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "syr", "ug", "ur", "yi"})
"""Languages written right to left unless their tag names another script ('ar-Latn'; 'ku-Arab' is
right to left by its script)."""
RIGHT_TO_LEFT_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Samr", "Mand"})
"""ISO 15924 scripts written right to left (N'Ko and Adlam: Bambara and Fula in their own scripts)."""


def language_direction(tag: str) -> str:
    """'rtl' or 'ltr' for a BCP 47 tag: its script subtag decides ('ar-Latn' is ltr, 'bm-Nkoo' rtl),
    otherwise its language."""
    parts = tag.split("-")
    script = next((part.title() for part in parts[1:] if len(part) == 4 and part.isalpha()), None)
    if script:
        return "rtl" if script in RIGHT_TO_LEFT_SCRIPTS else "ltr"
    return "rtl" if parts[0].lower() in RIGHT_TO_LEFT_LANGUAGES else "ltr"


def text_direction(tag: str, value: str = "") -> str:
    """The `dir` of ``value``, text in language ``tag``: the language's direction, or 'auto' when
    the text has letters of the other direction only (an Arabic source's Latin-letter headline),
    so that the browser follows its first letter."""
    expected = language_direction(tag)
    if not value:
        return expected
    found = _strong_directions(value)
    if found and expected not in found:
        return "auto"
    return expected


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
