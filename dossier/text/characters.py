"""Characters that must never reach a page or a terminal: controls and invisible formatting.

A C1 control copied from a PDF made MkDocs drop a page's front matter silently; an escape
sequence in a file name could clear an editor's terminal or set its clipboard; a bidi override
makes text read differently from what it says. Editors' text is refused when it holds one
(``first_invisible``); article text, which must stay as received, is neutralised on output
(``neutralise``); messages show each one escaped (``visible``).
"""

from __future__ import annotations

import re
import unicodedata

# Always refused in editors' text: C0 controls but tab and newline, DEL and C1 controls, line
# and paragraph separators, surrogates, non-characters, and format characters that are
# invisible and have no use in a title or a paragraph (zero-width space, soft hyphen, word
# joiner, byte-order mark, bidi embeddings, overrides and isolates, tag characters). Left
# allowed: the left-to-right and right-to-left marks (U+200E, U+200F, U+061C), which order
# mixed-direction text, variation selectors (emoji), and the joiners below.
REFUSED_CHARACTERS = (  # the inside of a regular expression's [...]
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u00ad\u115f\u1160\u17b4\u17b5\u180e\u200b\u202a-\u202e\u2028\u2029"
    "\u2060-\u206f\u3164\ufeff\uffa0\ufff0-\ufffb\ufffe\uffff"
    "\ud800-\udfff\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_REFUSED_RE = re.compile(f"[{REFUSED_CHARACTERS}]")
# Zero-width non-joiner and joiner shape Persian, Arabic and Indic words and join emoji: allowed
# inside a word, refused where they join nothing (alone, at an edge, next to a space).
_JOINER_RE = re.compile(r"(?:(?<=\s)|^)[\u200c\u200d]|[\u200c\u200d](?=\s|$)")

_NAMES = {
    "\u00ad": "soft hyphen",
    "\ufeff": "byte order mark",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}


def describe(char: str) -> str:
    """'U+0085 (a control character, invisible)', 'U+200B (zero width space, invisible)'."""
    code = f"U+{ord(char):04X}"
    if unicodedata.category(char) == "Cs":
        return f"{code} (half of a surrogate pair, not a character)"
    if unicodedata.category(char) == "Cc":
        return f"{code} (a control character, invisible)"
    name = _NAMES.get(char) or unicodedata.name(char, "").lower() or "an invisible character"
    return f"{code} ({name}, invisible)"


def first_invisible(value: str) -> int | None:
    """The index of the first character editors may not write in ``value``, or None."""
    refused = _REFUSED_RE.search(value)
    joiner = _JOINER_RE.search(value) if "\u200c" in value or "\u200d" in value else None
    found = [match.start() for match in (refused, joiner) if match]
    return min(found) if found else None


def stand_ins(value: str) -> str:
    """``value`` with each refused character (and each joiner) replaced by '_', one for one."""
    return _STAND_IN_RE.sub("_", value)


_STAND_IN_RE = re.compile(f"[{REFUSED_CHARACTERS}\u200c\u200d]")


def refusal(char: str) -> str:
    """What to tell an editor whose text holds ``char``."""
    if char in "\u2028\u2029\x85\r\x0b\x0c":
        fix = "replace it with an ordinary line break or a space"
    else:
        fix = "delete it (such characters come with text pasted from PDFs and web pages)"
    return f"contains {describe(char)}: {fix}"


# Output: every refused character but the separators disappears from article text; those and
# the line-breaking controls become a space, so words they separated stay apart.
_AS_SPACE = frozenset("\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")
_NEUTRALISE = re.compile(f"[{REFUSED_CHARACTERS}]")


def neutralise(value: str) -> str:
    """``value`` with every refused character removed (or a space where it separated words)."""
    if not _NEUTRALISE.search(value):
        return value
    return _NEUTRALISE.sub(lambda match: " " if match.group() in _AS_SPACE else "", value)


_VISIBLE = re.compile(f"[{REFUSED_CHARACTERS}\u200c-\u200f\u061c\t\n]")
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\x1b": "\\e"}


def visible(value: str) -> str:
    """``value`` with every control and invisible character shown as an escape (\\n, \\x85, \\u200b),
    so that a message cannot move the cursor, recolour, set a clipboard or forge a line."""
    if not _VISIBLE.search(value):
        return value

    def escape(match: re.Match) -> str:
        char = match.group()
        code = ord(char)
        if char in _SHORT:
            return _SHORT[char]
        if code < 0x100:
            return f"\\x{code:02x}"
        return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"

    return _VISIBLE.sub(escape, value)


def visible_lines(value: str) -> str:
    """``visible`` for a report of several lines: its line breaks kept, everything else escaped."""
    return "\n".join(visible(line) for line in value.split("\n"))
