"""The language of an article, for `new source`: what its page declares, or guessed from its text.

The guess is py3langid's (requirements.txt says why that detector): its model ships inside the
package and nothing is downloaded. It is a suggestion the editor checks, so `new source` prints it
with how to change it; `check` never guesses (a source says its language itself).
"""

from __future__ import annotations

import re

from ..content.schema import LANGUAGE_PATTERN
from ..text.language_tags import language_label

GUESS_FROM = 5000
"""Characters of the text the guess reads: a news article's language shows in far fewer."""
FALLBACK = "en"
"""What is suggested for a text without letters to go by (an empty or numbers-only file)."""


def guess_language(text: str) -> str:
    """The language of ``text`` as a BCP 47 primary tag ('fr', 'ar', 'en')."""
    sample = text[:GUESS_FROM]
    if not any(character.isalpha() for character in sample):
        return FALLBACK
    import py3langid  # loads its model (about 0.5 s): only when a text is imported

    guessed, _ = py3langid.classify(sample)
    return guessed if re.match(LANGUAGE_PATTERN, guessed) else FALLBACK


def language_said(tag: str, guessed: bool, yaml_file) -> str:
    """What `new source` prints about the language it wrote into ``yaml_file``."""
    how = "guessed from the text" if guessed else "as the page declares it"
    return (
        f"Language: {language_label(tag)}, {how}. If the article is in another language, change "
        f"'language: {tag}' in {yaml_file} (a BCP 47 tag: en, fr, ar, ...)."
    )
